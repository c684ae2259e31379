import type { User } from '../../core/firm.js';
import { AppError } from '../../core/errors.js';
import { replyBlocks } from '../cards/reply.blocks.js';
import type { Messenger, PostedMessage } from '../send/messenger.js';
import type { Reply } from '../views/reply.js';
import type { DmChannels } from './dm-channels.js';
import type { SlackWebApi } from './slack-web-api.js';

export interface SlackMessengerOptions {
  /** The lane the calls go through (bulk for scheduled cards, interactive for a click's update). */
  readonly api: SlackWebApi;
  readonly dms: DmChannels;
  /** A person's Slack id when the firm file has none (users.lookupByEmail); null when Slack has none. */
  readonly slackIdOf?: (user: User) => Promise<string | null>;
}

/**
 * Tally's Slack sends on its own initiative: into a person's 1:1 DM only. The DM is resolved from
 * the person (never taken from a payload) and must be an IM; `updateInDm` refuses a message that
 * is not in that DM. A `files` reply is uploaded into the DM (files.uploadV2).
 */
export class SlackMessenger implements Messenger {
  readonly platform = 'slack' as const;

  constructor(private readonly options: SlackMessengerOptions) {}

  /** Posts the reply into the person's DM; throws AppError('UNAVAILABLE') when they cannot be reached. */
  async postToDm(user: User, reply: Reply): Promise<PostedMessage> {
    return this.postToSlackUser(await this.slackIdOf(user), reply);
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
