import type { Activity } from './activity.js';
import type { Client, Matter } from './firm.js';
import type { Confidence, Warning } from './time-entry.js';

/** What kind of work a draft records; decides its duration rule, activity code and narrative verb. */
export type WorkKind = 'meeting' | 'call' | 'document' | 'email' | 'slack' | 'manual';

/** Where the matcher put an activity, and why (shown on the card as evidence). */
export interface MatchResult {
  readonly matterId: number | null;
  readonly confidence: Confidence | null;
  /** Short, human reasons: "matter code ACME-001 in the title", "participants at acme.com". */
  readonly reasons: readonly string[];
  /** client: billable work; internal: firm-only, suggested non-billable; personal: never drafted. */
  readonly category: 'client' | 'internal' | 'personal' | 'unknown';
}

/** Everything the matcher may use; all of it comes from the database, none from activity text. */
export interface MatchContext {
  readonly clients: readonly Client[];
  readonly matters: readonly Matter[];
  /** The firm's own email domains (from its people's addresses): participants there are internal. */
  readonly firmDomains: readonly string[];
  /** This user's approved entries: which matter the same external participants went to before. */
  readonly history: readonly { readonly participants: readonly string[]; readonly matterId: number }[];
}

/** One activity with its match, the unit the drafter groups. */
export interface MatchedActivity {
  readonly activity: Activity;
  readonly match: MatchResult;
}

/** A proposed time entry before it is stored. Minutes come only from activity timestamps. */
export interface Draft {
  /** Stable for the same group of activities: re-capturing the day finds the same key. */
  readonly key: string;
  readonly kind: WorkKind;
  readonly matterId: number | null;
  readonly confidence: Confidence | null;
  readonly reasons: readonly string[];
  readonly category: MatchResult['category'];
  readonly activities: readonly Activity[];
  readonly start: Date;
  readonly end: Date;
  readonly actualMinutes: number;
}

/** A draft after rounding, codes, narrative and guideline checks: ready to store. */
export interface CheckedDraft extends Draft {
  readonly billedMinutes: number;
  readonly taskCode: string | null;
  readonly activityCode: string | null;
  readonly narrative: string;
  readonly warnings: readonly Warning[];
}
