import type { GraphConfig } from '../../../config.js';
import type { SyncStore } from '../source.js';
import type { GraphApi } from './graph-api.js';
import { GraphCalendarReader } from './graph-calendar.reader.js';
import { GraphCallsReader } from './graph-calls.reader.js';
import { GraphDocumentsReader } from './graph-documents.reader.js';
import { GraphMailReader } from './graph-mail.reader.js';
import { createReliableGraphApi, type GraphApiOptions } from './graph-reliability.js';
import { createGraphSdkTransport } from './graph-sdk-transport.js';
import type { GraphReaderOptions } from './graph-values.js';

/**
 * The Graph API of one process: the SDK client over a client-secret credential, wrapped in
 * Tally's retries and per-mailbox limit. Create it once (the limits live in it) and share it.
 * Throws INVALID_CONFIG when GRAPH_BASE_URL is not an https Graph root.
 */
export function createGraphApi(config: GraphConfig, options: GraphApiOptions = {}): GraphApi {
  return createReliableGraphApi(createGraphSdkTransport(config), options);
}

/** The four Graph readers, in this order: calendar, sent mail, documents, calls. */
export type GraphReaders = readonly [GraphCalendarReader, GraphMailReader, GraphDocumentsReader, GraphCallsReader];

/** Every Graph reader over one API and one SyncStore (each skips people who did not allow its kind). */
export function graphReaders(api: GraphApi, store: SyncStore, options: GraphReaderOptions = {}): GraphReaders {
  return [new GraphCalendarReader(api, store, options), new GraphMailReader(api, store, options), new GraphDocumentsReader(api, store, options), new GraphCallsReader(api, store, options)];
}

export { GraphApiError, isGraphApiError, type GraphApi, type GraphBatchRequest, type GraphBatchResponse, type GraphGetOptions } from './graph-api.js';
export { GraphCalendarReader } from './graph-calendar.reader.js';
export { GraphCallsReader } from './graph-calls.reader.js';
export { GraphDocumentsReader } from './graph-documents.reader.js';
export { GraphMailReader } from './graph-mail.reader.js';
export type { GraphApiOptions, GraphRetryOptions } from './graph-reliability.js';
export type { GraphReaderOptions } from './graph-values.js';
