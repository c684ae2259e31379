import type { types } from '@slack/bolt';
import { WebClient, type FilesUploadV2Arguments } from '@slack/web-api';
import { slackSdkLogger } from '../../capture/sources/slack/slack-sdk-logger.js';
import type { Logger } from '../../core/logger.js';

/** A message body as we send it: the notification text and the blocks. */
export interface SlackMessageBody {
  readonly text: string;
  readonly blocks: readonly types.KnownBlock[];
}

/**
 * Slack message metadata tagging a scheduled send (`event_type` {@link SEND_EVENT_TYPE}, the send
 * key in the payload), so an ambiguous attempt can be found again in the DM's history.
 */
export interface SendTag {
  readonly key: string;
}

/** The metadata event type of Tally's scheduled sends. */
export const SEND_EVENT_TYPE = 'tally_send';

/** How many of a DM's newest messages {@link SlackWebApi.findMessageByMetadata} reads (one page). */
export const FIND_PAGE_SIZE = 50;

/** One file to deliver (invoice PDF, LEDES, CSV). */
export interface SlackFile {
  readonly name: string;
  readonly content: Buffer | string;
}

/**
 * The Slack Web API calls the chat edge makes, and nothing else (DESIGN.md: each outside SDK
 * behind a small interface of our own). Slack errors surface as the SDK's errors.
 */
export interface SlackWebApi {
  /** `chat.postMessage`, tagged with Slack message metadata when `tag` is given; answers where it landed. */
  postMessage(channel: string, body: SlackMessageBody, tag?: SendTag): Promise<{ readonly channel: string; readonly ts: string }>;
  /**
   * The newest message in `channel` since `oldestTs` (a Slack ts, exclusive) whose metadata has this
   * event type and payload key, or null: one `conversations.history` page of {@link FIND_PAGE_SIZE}
   * with `include_all_metadata`.
   */
  findMessageByMetadata(channel: string, eventType: string, key: string, oldestTs: string): Promise<{ readonly channel: string; readonly ts: string } | null>;
  /** `chat.update` of a message the bot posted. */
  updateMessage(channel: string, ts: string, body: SlackMessageBody): Promise<void>;
  /** `conversations.open` with one user: the DM channel id and whether Slack says it is an IM. */
  openDm(slackUserId: string): Promise<{ readonly id: string; readonly isIm: boolean }>;
  /** `views.open` (the trigger id lives 3 s and is single-use). */
  openView(triggerId: string, view: types.View): Promise<{ readonly id: string; readonly hash: string }>;
  /** `views.push` onto the modal the click came from (a modal cannot open another with views.open). */
  pushView(triggerId: string, view: types.View): Promise<{ readonly id: string; readonly hash: string }>;
  /** `views.update` of an open modal; `hash` guards against a newer version shown meanwhile. */
  updateView(viewId: string, view: types.View, hash?: string): Promise<void>;
  /** `files.uploadV2`: getUploadURLExternal, the upload, completeUploadExternal into the channel. */
  uploadFiles(channel: string, files: readonly SlackFile[], comment: string): Promise<void>;
}

/** The lanes of calls (platforms.md: a 429 pauses a whole WebClient's queue). */
export interface SlackWebApis {
  /** Answers a person who is waiting: short timeout, no retries, rate-limited calls rejected at once. */
  readonly interactive: SlackWebApi;
  /** File uploads and other unkeyed sends: the SDK's default retries, waiting out a 429. */
  readonly bulk: SlackWebApi;
  /**
   * Scheduled sends (daily cards, digests) paced by our own queue: the SDK never retries (a
   * postMessage retried after a 5xx could post a second card) and a 429 comes straight back with
   * its Retry-After, for the queue to pause on.
   */
  readonly scheduled: SlackWebApi;
}

/** The interactive lane's per-request timeout: a click must finish well inside Slack's 3 s. */
export const INTERACTIVE_TIMEOUT_MS = 2500;
/** The scheduled lane's per-request timeout; a send that times out is reconciled, never blindly resent. */
export const SCHEDULED_TIMEOUT_MS = 10_000;

export interface SlackWebApiOptions {
  readonly token: string;
  /** Web API base URL (tests: a local fake); Slack's when null. */
  readonly apiUrl: string | null | undefined;
  readonly logger?: Logger;
  /** The scheduled lane's timeout ({@link SCHEDULED_TIMEOUT_MS} by default; tests: shorter). */
  readonly scheduledTimeoutMs?: number;
}

/** Builds the lanes over WebClients of the same token. */
export function createSlackWebApis(options: SlackWebApiOptions): SlackWebApis {
  const slackApiUrl = options.apiUrl ? (options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/`) : undefined;
  const common = { logger: slackSdkLogger(options.logger, 'slack-web-api'), ...(slackApiUrl ? { slackApiUrl } : {}) };
  const noRetries = { retryConfig: { retries: 0 }, rejectRateLimitedCalls: true };
  const interactive = new WebClient(options.token, { ...common, ...noRetries, timeout: INTERACTIVE_TIMEOUT_MS });
  const bulk = new WebClient(options.token, common);
  const scheduled = new WebClient(options.token, { ...common, ...noRetries, timeout: options.scheduledTimeoutMs ?? SCHEDULED_TIMEOUT_MS });
  return { interactive: slackWebApi(interactive), bulk: slackWebApi(bulk), scheduled: slackWebApi(scheduled) };
}

/** A {@link SlackWebApi} over one WebClient. */
export function slackWebApi(client: WebClient): SlackWebApi {
  return {
    async postMessage(channel, body, tag) {
      const metadata = tag ? { metadata: { event_type: SEND_EVENT_TYPE, event_payload: { key: tag.key } } } : {};
      const result = await client.chat.postMessage({ channel, text: body.text, blocks: [...body.blocks], ...metadata });
      return { channel: result.channel ?? channel, ts: String(result.ts) };
    },
    async findMessageByMetadata(channel, eventType, key, oldestTs) {
      const result = await client.conversations.history({ channel, oldest: oldestTs, limit: FIND_PAGE_SIZE, include_all_metadata: true });
      const hit = (result.messages ?? []).find((m) => m.metadata?.event_type === eventType && (m.metadata.event_payload as Record<string, unknown> | undefined)?.key === key && typeof m.ts === 'string');
      return hit ? { channel, ts: String(hit.ts) } : null;
    },
    async updateMessage(channel, ts, body) {
      await client.chat.update({ channel, ts, text: body.text, blocks: [...body.blocks] });
    },
    async openDm(slackUserId) {
      const result = await client.conversations.open({ users: slackUserId, return_im: true });
      const channel = result.channel ?? {};
      return { id: String(channel.id ?? ''), isIm: channel.is_im === true };
    },
    async openView(triggerId, view) {
      const result = await client.views.open({ trigger_id: triggerId, view });
      return { id: String(result.view?.id ?? ''), hash: String(result.view?.hash ?? '') };
    },
    async pushView(triggerId, view) {
      const result = await client.views.push({ trigger_id: triggerId, view });
      return { id: String(result.view?.id ?? ''), hash: String(result.view?.hash ?? '') };
    },
    async updateView(viewId, view, hash) {
      await client.views.update({ view_id: viewId, view, ...(hash ? { hash } : {}) });
    },
    async uploadFiles(channel, files, comment) {
      const uploads = files.map((f) => (typeof f.content === 'string' ? { filename: f.name, title: f.name, content: f.content } : { filename: f.name, title: f.name, file: f.content }));
      const args = { channel_id: channel, initial_comment: comment, file_uploads: uploads } as FilesUploadV2Arguments;
      await client.files.uploadV2(args);
    },
  };
}
