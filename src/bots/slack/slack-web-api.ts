import type { types } from '@slack/bolt';
import { WebClient, type FilesUploadV2Arguments } from '@slack/web-api';
import { slackSdkLogger } from '../../capture/sources/slack/slack-sdk-logger.js';
import type { Logger } from '../../core/logger.js';

/** A message body as we send it: the notification text and the blocks. */
export interface SlackMessageBody {
  readonly text: string;
  readonly blocks: readonly types.KnownBlock[];
}

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
  /** `chat.postMessage`; answers where the message landed. */
  postMessage(channel: string, body: SlackMessageBody): Promise<{ readonly channel: string; readonly ts: string }>;
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

/** The two lanes of calls (platforms.md: a 429 pauses a whole WebClient's queue). */
export interface SlackWebApis {
  /** Answers a person who is waiting: short timeout, no retries, rate-limited calls rejected at once. */
  readonly interactive: SlackWebApi;
  /** Scheduled sends and file uploads: the SDK's default retries, waiting out a 429. */
  readonly bulk: SlackWebApi;
}

/** The interactive lane's per-request timeout: a click must finish well inside Slack's 3 s. */
export const INTERACTIVE_TIMEOUT_MS = 2500;

export interface SlackWebApiOptions {
  readonly token: string;
  /** Web API base URL (tests: a local fake); Slack's when null. */
  readonly apiUrl: string | null | undefined;
  readonly logger?: Logger;
}

/** Builds both lanes over two WebClients of the same token. */
export function createSlackWebApis(options: SlackWebApiOptions): SlackWebApis {
  const slackApiUrl = options.apiUrl ? (options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/`) : undefined;
  const common = { logger: slackSdkLogger(options.logger, 'slack-web-api'), ...(slackApiUrl ? { slackApiUrl } : {}) };
  const interactive = new WebClient(options.token, { ...common, timeout: INTERACTIVE_TIMEOUT_MS, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
  const bulk = new WebClient(options.token, common);
  return { interactive: slackWebApi(interactive), bulk: slackWebApi(bulk) };
}

/** A {@link SlackWebApi} over one WebClient. */
export function slackWebApi(client: WebClient): SlackWebApi {
  return {
    async postMessage(channel, body) {
      const result = await client.chat.postMessage({ channel, text: body.text, blocks: [...body.blocks] });
      return { channel: result.channel ?? channel, ts: String(result.ts) };
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
