/** Where an activity came from; the drafter decides durations by kind. */
export type ActivitySource = 'calendar' | 'email' | 'document' | 'call' | 'slack' | 'manual';
export const ACTIVITY_SOURCES: readonly ActivitySource[] = ['calendar', 'email', 'document', 'call', 'slack', 'manual'];

/**
 * One normalised piece of work evidence, as every source yields it (DESIGN.md "Activity").
 * Text fields are untrusted input: they may inform a narrative, never hours, matter or status.
 */
export interface Activity {
  /** Globally unique and stable: re-reading the same item gives the same id. */
  readonly id: string;
  readonly source: ActivitySource;
  /** The owner's email. */
  readonly user: string;
  readonly start: Date;
  /** Equal to start for single-moment items (emails). */
  readonly end: Date;
  readonly title: string;
  readonly participants: readonly string[];
  readonly ref: string | null;
  readonly meta: Readonly<Record<string, unknown>>;
}
