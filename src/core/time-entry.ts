/** Lifecycle of a time entry (DESIGN.md "Entry lifecycle"). */
export type EntryStatus = 'draft' | 'approved' | 'billed' | 'non_billable';
export const ENTRY_STATUSES: readonly EntryStatus[] = ['draft', 'approved', 'billed', 'non_billable'];

export type Confidence = 'high' | 'medium' | 'low';

/** A guideline or drafting concern shown to the lawyer, naming the client's rule. */
export interface Warning {
  readonly code: string;
  readonly message: string;
}

/** Why the matcher picked a matter, shown on the card so the lawyer can trust the draft. */
export interface Evidence {
  readonly activityId: string;
  readonly source: string;
  readonly title: string;
}

export interface TimeEntry {
  readonly id: string;
  readonly userId: number;
  readonly matterId: number | null;
  readonly workDate: string;
  readonly actualMinutes: number;
  readonly billedMinutes: number;
  readonly status: EntryStatus;
  readonly version: number;
  readonly narrative: string;
  readonly taskCode: string | null;
  readonly activityCode: string | null;
  readonly confidence: Confidence | null;
  /** Why the matcher chose the matter ("participants at acme.com"), for "Why these?". */
  readonly matchReasons: readonly string[];
  readonly evidence: readonly Evidence[];
  readonly warnings: readonly Warning[];
  readonly sourceActivityIds: readonly string[];
  /** capture: drafted from activities; manual: typed by a person (/time). */
  readonly origin: 'capture' | 'manual';
  /** The drafter's key for the group of activities (capture only): re-capturing finds it again. */
  readonly captureKey: string | null;
  /** A person changed it: capture never touches it again. */
  readonly edited: boolean;
  readonly approvedBy: number | null;
  readonly approvedAt: Date | null;
  readonly invoiceId: string | null;
  readonly billedRateCents: number | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Status moves a person may make; billed ↔ approved moves only through invoicing and voiding. */
const PERSON_MOVES: Readonly<Record<EntryStatus, readonly EntryStatus[]>> = {
  draft: ['approved', 'non_billable'],
  approved: ['draft', 'non_billable'],
  non_billable: ['draft'],
  billed: [],
};

/** True when a person (owner or delegate) may move an entry from one status to another. */
export function canMove(from: EntryStatus, to: EntryStatus): boolean {
  return PERSON_MOVES[from].includes(to);
}
