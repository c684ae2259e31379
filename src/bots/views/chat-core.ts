import type { ChatContext, InvoiceAction, ReviewAction } from './actions.js';
import type { Reply } from './reply.js';

export type CommandName = 'time' | 'invoice' | 'tally';

/**
 * The channel-agnostic bot: what the Slack and Teams edges call after verifying a delivery. It
 * resolves the actor from the database, claims the delivery's idempotency key, authorizes, acts and
 * answers with a view model; every failure comes back as a `text` reply in plain words (never a
 * stack trace, never whether a client or matter exists when the actor may not know).
 */
export interface ChatCore {
  /** `/time …`, `/invoice …`, `/tally help|summary [date]`; also a DM typed to the bot ("time 1.5 …"). */
  command(ctx: ChatContext, name: CommandName, text: string): Promise<Reply>;
  /** A click or form on the daily review card; answers with the refreshed card (or a refusal). */
  review(ctx: ChatContext, action: ReviewAction): Promise<Reply>;
  /** A click or form on the pre-bill card; answers with the refreshed pre-bill or the files. */
  invoice(ctx: ChatContext, action: InvoiceAction): Promise<Reply>;
}
