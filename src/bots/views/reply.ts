import type { DigestView } from './digest.view.js';
import type { PreBillView } from './pre-bill.view.js';
import type { DailyReviewView } from './review.view.js';

/** A choice the person picks from (an ambiguous client, a matter). `value` goes back as the command text. */
export interface Choice {
  readonly label: string;
  readonly value: string;
}

/**
 * What the channel-agnostic core answers; the Slack and Teams edges render it. Every reply goes
 * to the actor only (ephemeral or their 1:1 DM): nothing here is ever posted in a channel.
 */
export type Reply =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'choices'; readonly text: string; readonly choices: readonly Choice[] }
  | DailyReviewView
  | PreBillView
  | DigestView
  /** Invoice files to deliver into the requester's DM. */
  | { readonly kind: 'files'; readonly text: string; readonly files: readonly { readonly name: string; readonly url: string; readonly content: Buffer | string }[] };
