import type { User } from '../../core/firm.js';
import type { Reply } from '../views/reply.js';

/** Where a message landed in a person's 1:1 DM, so the same card can be updated in place later. */
export interface PostedMessage {
  readonly platform: 'slack' | 'teams';
  /** Slack DM channel id (D…) or Teams conversation id. */
  readonly conversationId: string;
  /** Slack message ts or Teams activity id. */
  readonly messageId: string;
}

/**
 * The only way Tally sends on its own initiative (daily cards, files, digests). It takes a person,
 * never a channel: each platform resolves that person's 1:1 DM itself and refuses anything that is
 * not one (Slack `is_im`, Teams `personal`), so a narrative can never land in a channel.
 */
export interface Messenger {
  readonly platform: 'slack' | 'teams';
  /**
   * Posts the reply into the person's DM. Throws AppError('UNAVAILABLE') when they cannot be reached;
   * a scheduled send (`sendKey` given) throws a classified SendFailure (send-failure.ts) instead.
   */
  postToDm(user: User, reply: Reply, options?: PostOptions): Promise<PostedMessage>;
  /** Replaces a message this messenger posted earlier in that person's DM. */
  updateInDm(user: User, at: PostedMessage, reply: Reply): Promise<void>;
  /**
   * Reconciles an ambiguous send: the message posted into the person's DM under `sendKey` since
   * `since`, or null when there is none. Absent when the platform cannot list what was posted
   * (Teams' Bot Connector has no read of a conversation): then an ambiguous send is never resent.
   */
  findPosted?(user: User, sendKey: string, since: Date): Promise<PostedMessage | null>;
}

/** How a scheduled send is tagged so that an ambiguous attempt can be found again. */
export interface PostOptions {
  /** Stable per user-day and kind (e.g. "daily_review:42:2026-03-02"); carried with the message. */
  readonly sendKey?: string;
}
