import type { User } from '../../core/firm.js';
import { AppError } from '../../core/errors.js';
import { replyBlocks } from '../cards/reply.blocks.js';
import type { Messenger, PostedMessage, PostOptions } from '../send/messenger.js';
import type { Reply } from '../views/reply.js';
import type { DmChannels } from './dm-channels.js';
import { slackSendFailure, type SlackSendPhase } from './slack-send-failure.js';
import { SEND_EVENT_TYPE, type SlackWebApi } from './slack-web-api.js';

/** How far before `since` findPosted looks, for clock skew between Tally and Slack. */
export const FIND_POSTED_SKEW_MS = 5 * 60_000;

export interface SlackMessengerOptions {
  /**
   * The lane the calls go through: interactive for a click's update, bulk for unkeyed sends, and
   * `scheduled` (no SDK retries, 429 rejected with its Retry-After) for sends with a sendKey.
   */
  readonly api: SlackWebApi;
  readonly dms: DmChannels;
  /** A person's Slack id when the firm file has none (users.lookupByEmail); null when Slack has none. */
  readonly slackIdOf?: (user: User) => Promise<string | null>;
}

/**
 * Tally's Slack sends on its own initiative: into a person's 1:1 DM only. The DM is resolved from
 * the person (never taken from a payload) and must be an IM; `updateInDm` refuses a message that
 * is not in that DM. A `files` reply is uploaded into the DM (files.uploadV2).
 *
 * A send with a `sendKey` carries it as message metadata (`tally_send`, `{ key }`) and fails with a
 * classified SendFailure (slack-send-failure.ts); {@link findPosted} finds it again by that key.
 * An upload carries no metadata: a keyed `files` reply is classified but never found again.
 */
export class SlackMessenger implements Messenger {
  readonly platform = 'slack' as const;

  constructor(private readonly options: SlackMessengerOptions) {}

  /**
   * Posts the reply into the person's DM. Without a sendKey: throws AppError('UNAVAILABLE') when
   * they cannot be reached and the SDK's errors otherwise; with one: a SendFailure.
   */
  async postToDm(user: User, reply: Reply, options: PostOptions = {}): Promise<PostedMessage> {
    if (options.sendKey === undefined) return this.postToSlackUser(await this.slackIdOf(user), reply);
    const key = options.sendKey;
    let phase: SlackSendPhase = 'resolve';
    try {
      const channel = await this.options.dms.channelOf(await this.slackIdOf(user));
      if (reply.kind === 'files') {
        const files = reply.files.map((f) => ({ name: f.name, content: f.content }));
        phase = 'post';
        await this.options.api.uploadFiles(channel, files, reply.text);
        return { platform: 'slack', conversationId: channel, messageId: '' };
      }
      const body = replyBlocks(reply);
      phase = 'post';
      const posted = await this.options.api.postMessage(channel, body, { key });
      return { platform: 'slack', conversationId: posted.channel, messageId: posted.ts };
    } catch (error) {
      throw slackSendFailure(error, phase);
    }
  }

  /**
   * The message posted into the person's DM under `sendKey` since `since` (less a few minutes of
   * clock skew), or null: one page of the DM's newest messages. Throws a SendFailure when Slack
   * cannot be asked (then the send stays unreconciled and must not be repeated yet).
   */
  async findPosted(user: User, sendKey: string, since: Date): Promise<PostedMessage | null> {
    try {
      const channel = await this.options.dms.channelOf(await this.slackIdOf(user));
      const found = await this.options.api.findMessageByMetadata(channel, SEND_EVENT_TYPE, sendKey, slackTs(since.getTime() - FIND_POSTED_SKEW_MS));
      return found ? { platform: 'slack', conversationId: found.channel, messageId: found.ts } : null;
    } catch (error) {
      throw slackSendFailure(error, 'read');
    }
  }

  /** Replaces a message posted earlier in the person's DM; refuses any other conversation. */
  async updateInDm(user: User, at: PostedMessage, reply: Reply): Promise<void> {
    await this.updateForSlackUser(await this.slackIdOf(user), at, reply);
  }

  /** {@link postToDm} for a Slack user id known from a verified delivery (the actor of a click). */
  async postToSlackUser(slackUserId: string, reply: Reply): Promise<PostedMessage> {
    const channel = await this.options.dms.channelOf(slackUserId);
    if (reply.kind === 'files') {
      await this.options.api.uploadFiles(channel, reply.files.map((f) => ({ name: f.name, content: f.content })), reply.text);
      return { platform: 'slack', conversationId: channel, messageId: '' };
    }
    const posted = await this.options.api.postMessage(channel, replyBlocks(reply));
    return { platform: 'slack', conversationId: posted.channel, messageId: posted.ts };
  }

  /** {@link updateInDm} for a Slack user id known from a verified delivery. */
  async updateForSlackUser(slackUserId: string, at: PostedMessage, reply: Reply): Promise<void> {
    if (at.platform !== 'slack' || !(await this.options.dms.isDmOf(slackUserId, at.conversationId))) {
      throw new AppError('FORBIDDEN', 'that message is not in your direct messages with Tally');
    }
    if (reply.kind === 'files') throw new AppError('INVALID_INPUT', 'files are posted, not updated');
    await this.options.api.updateMessage(at.conversationId, at.messageId, replyBlocks(reply));
  }

  private async slackIdOf(user: User): Promise<string> {
    const id = user.slackUserId ?? (await this.options.slackIdOf?.(user)) ?? null;
    if (!id) throw new AppError('UNAVAILABLE', `${user.name} has no Slack account Tally can reach`);
    return id;
  }
}

/** Epoch milliseconds as a Slack ts ("seconds.microseconds"). */
function slackTs(epochMs: number): string {
  const ms = Math.max(0, Math.floor(epochMs));
  return `${String(Math.floor(ms / 1000))}.${String((ms % 1000) * 1000).padStart(6, '0')}`;
}
