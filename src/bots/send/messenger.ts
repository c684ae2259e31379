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
  /** Posts the reply into the person's DM. Throws AppError('UNAVAILABLE') when they cannot be reached. */
  postToDm(user: User, reply: Reply): Promise<PostedMessage>;
  /** Replaces a message this messenger posted earlier in that person's DM. */
  updateInDm(user: User, at: PostedMessage, reply: Reply): Promise<void>;
}
