/** One aging bucket of a report's work in progress, worded, with a text bar relative to the team's largest bucket. */
export interface DigestAgingView {
  /** "0–30", "31–60", "61–90", "90+". */
  readonly label: string;
  readonly hours: string;
  readonly amount: string;
  /** "▇▇▇▁▁▁▁▁": filled in proportion to the team's largest bucket (one cell at least when not empty). */
  readonly bar: string;
  /** Billed minutes as whole tenths of an hour, for chart elements (hours = tenths / 10). */
  readonly tenths: number;
}

/** One direct report on the digest card. */
export interface DigestReportView {
  readonly name: string;
  /** "2.4 h (3 drafts)" or "none". */
  readonly awaiting: string;
  /** "12.5 h · $4,210.00". */
  readonly wip: string;
  readonly aging: readonly DigestAgingView[];
  /** "3.0 h". */
  readonly billedLastWeek: string;
  /** "Tue 3 Mar, Fri 6 Mar", or null when every weekday has time. */
  readonly daysWithoutTime: string | null;
  /** "Some work in progress has no rate: its amount counts as $0.00", or null. */
  readonly noRate: string | null;
}

/** One client's totals over the team. */
export interface DigestClientView {
  /** "Acme Corp" or "No matter yet". */
  readonly name: string;
  readonly awaiting: string;
  readonly wipHours: string;
  readonly wipAmount: string;
}

/** One firm measure with the previous week's value beside it. */
export interface DigestMeasureView {
  readonly label: string;
  /** "2.5 h", "3.2 days", "33.3%", or "—" when there was nothing to measure. */
  readonly value: string;
  readonly previous: string;
}

/**
 * The manager's weekly digest (cards.md "Weekly digest"): everything worded, nothing left for a
 * renderer to compute. `managerId` and `weekStart` identify the card, for buttons added later
 * ("Remind all with drafts", "Open details") and for updating it in place.
 */
export interface DigestView {
  readonly kind: 'digest';
  readonly managerId: number;
  /** The digest week's Monday, 'YYYY-MM-DD'. */
  readonly weekStart: string;
  /** "Your team's unbilled time — week of 2 Mar". */
  readonly title: string;
  /** "Team: 2.4 h awaiting approval · 12.5 h ($4,210.00) in progress · 3.0 h billed last week". */
  readonly summary: string;
  readonly reports: readonly DigestReportView[];
  readonly clients: readonly DigestClientView[];
  readonly measures: readonly DigestMeasureView[];
  /** "You have no direct reports in Tally." when the team is empty, else null. */
  readonly empty: string | null;
}
