import type { EntryStatus } from '../../core/time-entry.js';

/** A matter as a card names it. */
export interface MatterChoice {
  readonly code: string;
  readonly name: string;
}

/**
 * One draft (or decided entry) on the daily review card: everything already worded, nothing left
 * for a renderer to look up or compute. Only `id` and `version` ever go into a button payload.
 */
export interface EntryView {
  readonly id: string;
  readonly version: number;
  readonly status: EntryStatus;
  /** null when unassigned: the card asks "Which matter?" with {@link DailyReviewView.recentMatters}. */
  readonly matter: MatterChoice | null;
  /** Billed hours in tenths: "1.5". */
  readonly hours: string;
  /** "actual 1 h 23 min" when actual and billed minutes differ, else null. */
  readonly actualNote: string | null;
  readonly narrative: string;
  /** "L120 · A106", or "" when the entry has no codes. */
  readonly codes: string;
  readonly taskCode: string | null;
  readonly activityCode: string | null;
  /** One quiet line: "Meeting 'Deposition prep' · 1 email" (titles already sanitised). */
  readonly evidence: string;
  /** Each names the client's rule: "Globex forbids 'review file'". */
  readonly warnings: readonly string[];
  /** Low confidence or unassigned: offer Change matter. */
  readonly offerChangeMatter: boolean;
  /** The client's maximum narrative length (the Edit input's limit). */
  readonly maxNarrativeLength: number;
}

/**
 * The daily review card of one person and day (cards.md "Daily review"). `pending` are the drafts
 * still to decide; `done` the approved and not-billable ones, collapsed with Undo.
 */
export interface DailyReviewView {
  readonly kind: 'daily-review';
  readonly ownerId: number;
  readonly ownerName: string;
  /** YYYY-MM-DD in the owner's timezone. */
  readonly date: string;
  /** "Your time for Mon 2 Mar — 6.3 h drafted across 4 matters" (or "Robert Arnsley's time …" for a delegate). */
  readonly title: string;
  /** "0.0 h approved". */
  readonly subtitle: string;
  readonly pending: readonly EntryView[];
  readonly done: readonly EntryView[];
  /** Drafts "Approve all" would approve (assigned, no warnings); null when there are none. */
  readonly approveAll: { readonly count: number; readonly hours: string } | null;
  /** "Day complete — 6.3 h approved" when nothing is pending, else null. */
  readonly complete: string | null;
  /** The owner's recent matters, for Change matter and Edit. */
  readonly recentMatters: readonly MatterChoice[];
  /** A one-line note after an action: "That entry changed since this card was shown; here is the current card." */
  readonly note: string | null;
}
