import { AppError, type ErrorCode } from '../../../core/errors.js';
import type { Logger } from '../../../core/logger.js';

/**
 * The Microsoft Graph calls capture makes, and nothing else. {@link createGraphApi} implements it
 * over the Graph JS SDK (graph-sdk-transport.ts) with Tally's own retries, Retry-After handling
 * and per-mailbox concurrency limit (graph-reliability.ts); readers only ever see this interface.
 */
export interface GraphApi {
  /**
   * GETs a path relative to the Graph version root (`/users/{id}/…`) or an absolute link Graph
   * returned (`@odata.nextLink`, `@odata.deltaLink`) and returns the parsed JSON body.
   * Throttling (429/503/504) is retried; any other non-2xx answer throws a {@link GraphApiError}.
   */
  get<T>(url: string, options?: GraphGetOptions): Promise<T>;
  /**
   * GETs many paths through `POST /$batch`, at most 20 per HTTP call. Inner answers come back in
   * request order with their own status; inner 429/503/504 are retried singly after their
   * Retry-After, so a returned status is never a throttling one.
   */
  batch(requests: readonly GraphBatchRequest[]): Promise<GraphBatchResponse[]>;
}

export interface GraphGetOptions {
  /** Extra request headers, e.g. `Prefer: outlook.timezone="UTC"`. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface GraphBatchRequest {
  /** Unique within the call. */
  readonly id: string;
  /** A path relative to the version root, e.g. `/communications/callRecords/{id}`. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface GraphBatchResponse {
  readonly id: string;
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** Graph error codes that mean "your delta link is no good: start over with a full read". */
const RESYNC_CODES: ReadonlySet<string> = new Set(['syncStateNotFound', 'resyncRequired', 'syncStateInvalid']);

function appCodeFor(status: number): ErrorCode {
  if (status === 404) return 'NOT_FOUND';
  if (status === 410) return 'STALE';
  if (status === 401 || status === 403 || status >= 500) return 'UNAVAILABLE';
  return 'INTERNAL';
}

/**
 * Graph answered a request with a non-2xx status that is not throttling. The message names the
 * status, Graph's error code and the mailbox (or "tenant") — never the URL, which carries delta
 * tokens, and never any item text.
 */
export class GraphApiError extends AppError {
  readonly status: number;
  /** Graph's `error.code`, e.g. `syncStateNotFound`, `ErrorAccessDenied`; null when absent. */
  readonly graphCode: string | null;
  /** The mailbox id the request was about, or "tenant". */
  readonly mailbox: string;

  constructor(status: number, graphCode: string | null, mailbox: string) {
    super(appCodeFor(status), `Microsoft Graph answered ${status}${graphCode ? ` (${graphCode})` : ''} for ${mailboxLabel(mailbox)}`);
    this.status = status;
    this.graphCode = graphCode;
    this.mailbox = mailbox;
  }

  /** True when the delta link is gone (410, syncStateNotFound, resyncRequired): read everything again. */
  get needsResync(): boolean {
    return this.status === 410 || (this.graphCode !== null && RESYNC_CODES.has(this.graphCode));
  }
}

export function isGraphApiError(value: unknown): value is GraphApiError {
  return value instanceof GraphApiError;
}

/** "mailbox <id>" or "the tenant" for requests not about one mailbox (call records). */
export function mailboxLabel(mailbox: string): string {
  return mailbox === TENANT_KEY ? 'the tenant (call records)' : `mailbox ${mailbox}`;
}

/** The limiter key of requests that are not about one mailbox. */
export const TENANT_KEY = 'tenant';

/**
 * The mailbox a Graph path is about: the `{id}` of `/users/{id}/…` (decoded, lower-case), or
 * {@link TENANT_KEY}. Works on relative paths and absolute links alike.
 */
export function mailboxOf(url: string): string {
  const match = /(?:^|\/)users\/([^/?#]+)/i.exec(url.replace(/^https:\/\/[^/]+/i, ''));
  if (match === null || match[1] === undefined) return TENANT_KEY;
  try {
    return decodeURIComponent(match[1]).toLowerCase();
  } catch {
    return match[1].toLowerCase();
  }
}

/** Graph's `error.code` in an error body, or null. */
export function graphErrorCode(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code !== '' ? code : null;
}

/** One HTTP exchange as the transport under {@link GraphApi} reports it. */
export interface GraphHttpResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body, the text when it is not JSON, or null when empty. */
  readonly body: unknown;
}

export interface GraphHttpRequest {
  readonly method: 'GET' | 'POST';
  /** Relative to the version root, or absolute on the configured Graph origin. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/**
 * Sends one request, no retries. Resolves with whatever status came back; rejects with a
 * {@link GraphTransportError} when no HTTP answer was had (sign-in failed, network down).
 */
export interface GraphTransport {
  send(request: GraphHttpRequest): Promise<GraphHttpResponse>;
}

/** No HTTP answer: `signIn` (the token could not be had — not retried) or `network` (retried). */
export class GraphTransportError extends Error {
  override readonly name = 'GraphTransportError';
  constructor(
    readonly kind: 'signIn' | 'network',
    options: { cause?: unknown } = {},
  ) {
    super(kind === 'signIn' ? 'could not get a Microsoft Graph token' : 'Microsoft Graph could not be reached', options.cause === undefined ? undefined : { cause: options.cause });
  }
}

/** A logger that drops everything: the default when a caller passes none. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
