import { addDays, dayOfWeek, daysBetween, zonedDateTimeToInstant, type LocalDate } from './dates.js';
import { AppError } from './errors.js';
import { divFloor, divHalfUp, mulDivHalfUp, requireSafeInteger } from './int-math.js';

/** A Monday-to-Sunday week, both dates inclusive. */
export interface DigestWeek {
  readonly start: LocalDate;
  readonly end: LocalDate;
}

/** Age of work in progress, by days from its work date to the as-of date. */
export type AgingBucket = '0-30' | '31-60' | '61-90' | '91+';
export const AGING_BUCKETS: readonly AgingBucket[] = ['0-30', '31-60', '61-90', '91+'];

/** Minutes and cents of one aging bucket. */
export interface AgingAmount {
  readonly bucket: AgingBucket;
  readonly minutes: number;
  readonly cents: number;
}

/** One direct report's figures. */
export interface ReportFigures {
  readonly userId: number;
  readonly email: string;
  readonly name: string;
  readonly awaiting: { readonly count: number; readonly minutes: number };
  readonly wip: { readonly minutes: number; readonly cents: number; readonly aging: readonly AgingAmount[] };
  /** Some WIP has no rate in force: its minutes count, its amount is 0. */
  readonly noRate: boolean;
  readonly billedLastWeekMinutes: number;
  readonly daysWithoutTime: readonly LocalDate[];
}

/** One client's totals over all reports; `clientId` null gathers drafts without a matter. */
export interface ClientFigures {
  readonly clientId: number | null;
  readonly code: string | null;
  readonly name: string | null;
  readonly awaitingMinutes: number;
  readonly wipMinutes: number;
  readonly wipCents: number;
}

/**
 * The firm's cycle-time measures for one week, each null when there is nothing to measure. A median
 * of an even count is the floor of the mean of the two middle values.
 * - `activityToApprovalMinutes`: median, over entries approved in the week that have source
 *   activities still stored, of approved_at − the latest end of those activities (whole minutes, floored).
 * - `approvalToInvoiceMinutes`: median, over entries on issued invoices finalized in the week, of
 *   finalized_at − approved_at (whole minutes, floored); shown as days with one decimal.
 * - `editedShareBp`: of the captured (origin capture) entries approved in the week, the share a
 *   person edited before approving, in basis points, half up.
 * - `writeDownBp`: on issued invoices finalized in the week, write-downs (the negative line
 *   adjustments and negative invoice-level adjustment lines, as a positive amount; write-ups do not
 *   offset them) over fees (before adjustments), in basis points, half up.
 */
export interface DigestMeasures {
  readonly activityToApprovalMinutes: number | null;
  readonly approvalToInvoiceMinutes: number | null;
  readonly editedShareBp: number | null;
  readonly writeDownBp: number | null;
}

/**
 * The manager's weekly digest (cards.md "Weekly digest"): the contract of its figures. Time is in
 * integer minutes, money in integer cents, shares in integer basis points (1% = 100 bp).
 *
 * - **as-of date D**: 'YYYY-MM-DD', by default today in the manager's timezone.
 * - **week**: the full Monday–Sunday week before the week containing D (D = Mon 2026-03-09 →
 *   2026-03-02..2026-03-08); **previous week**: the week before that, for the measures' comparison.
 * - **reports**: active users whose manager is the manager (direct reports only).
 * - **awaiting approval**: a report's entries in status draft with work date ≤ D: count and billed minutes.
 * - **work in progress (WIP)**: status approved, on no invoice, work date ≤ D: billed minutes and
 *   the amount the invoice compile would price them at (most specific rate in force, the client's
 *   rate caps and travel rate, half up per entry, before write-downs), split by age D − work date
 *   into 0–30, 31–60, 61–90 and 91+ days. An entry with no rate in force counts its minutes at
 *   0 cents and flags the report `noRate`.
 * - **billed last week**: billed minutes of the report's entries on issued (not void) invoices
 *   finalized within the week (instants in the firm's timezone).
 * - **days without time**: Monday–Friday dates of the week on which the report has no entry of any status.
 * - **clients**: awaiting minutes, WIP minutes and cents over all reports, per client (drafts
 *   without a matter under a null client).
 * - **measures** ({@link DigestMeasures}), firm-wide, for the week and the previous week.
 *
 * Everything the digest card and `tally digest --json` show; plain JSON (dates as strings).
 */
export interface DigestFigures {
  readonly manager: { readonly id: number; readonly email: string; readonly name: string };
  readonly asOf: LocalDate;
  readonly week: DigestWeek;
  readonly previousWeek: DigestWeek;
  readonly currency: string;
  readonly reports: readonly ReportFigures[];
  readonly clients: readonly ClientFigures[];
  /** Sums over the reports. */
  readonly team: {
    readonly awaitingCount: number;
    readonly awaitingMinutes: number;
    readonly wipMinutes: number;
    readonly wipCents: number;
    readonly aging: readonly AgingAmount[];
    readonly billedLastWeekMinutes: number;
  };
  readonly measures: { readonly week: DigestMeasures; readonly previousWeek: DigestMeasures };
}

/** The digest's week for an as-of date (the full Monday–Sunday week before D's week) and the one before it. */
export function digestWeeks(asOf: LocalDate): { week: DigestWeek; previousWeek: DigestWeek } {
  const monday = addDays(asOf, 1 - dayOfWeek(asOf));
  const start = addDays(monday, -7);
  return { week: { start, end: addDays(start, 6) }, previousWeek: { start: addDays(start, -7), end: addDays(start, -1) } };
}

/** The instants a week covers in a timezone: [Monday 00:00, next Monday 00:00). */
export function weekInstants(week: DigestWeek, timeZone: string): { from: Date; to: Date } {
  return { from: zonedDateTimeToInstant(week.start, '00:00', timeZone), to: zonedDateTimeToInstant(addDays(week.end, 1), '00:00', timeZone) };
}

/** True when an instant falls in [from, to). */
export function isWithin(at: Date, range: { readonly from: Date; readonly to: Date }): boolean {
  const ms = at.getTime();
  return ms >= range.from.getTime() && ms < range.to.getTime();
}

/** The aging bucket of work `days` old (0–30, 31–60, 61–90, 91+); throws INTERNAL for negative or fractional days. */
export function agingBucket(days: number): AgingBucket {
  requireSafeInteger(days, 'age in days', 'INTERNAL', 0);
  if (days <= 30) return '0-30';
  if (days <= 60) return '31-60';
  if (days <= 90) return '61-90';
  return '91+';
}

/** Days from a work date to the as-of date, the age the buckets use. */
export function ageInDays(workDate: LocalDate, asOf: LocalDate): number {
  return daysBetween(workDate, asOf);
}

/** Integer median: the middle value, or for an even count the floor of the mean of the two middle ones; null when empty. */
export function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  for (const v of values) requireSafeInteger(v, 'value');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = divFloor(sorted.length, 2);
  const upper = sorted[mid] as number;
  if (sorted.length % 2 === 1) return upper;
  return divFloor((sorted[mid - 1] as number) + upper, 2);
}

/** `part` of `whole` in basis points (10000 = 100%), half up; null when `whole` is 0. */
export function basisPoints(part: number, whole: number): number | null {
  requireSafeInteger(whole, 'whole', 'INTERNAL', 0);
  if (whole === 0) return null;
  return mulDivHalfUp(part, 10_000, whole);
}

/** Whole minutes from one instant to a later one, floored (negative when `to` comes first). */
export function minutesBetween(from: Date, to: Date): number {
  const ms = to.getTime() - from.getTime();
  if (!Number.isSafeInteger(ms)) throw new AppError('INTERNAL', 'an instant of the digest is not a valid date');
  return divFloor(ms, 60_000);
}

/** The Monday–Friday dates of a week on which nothing was recorded (`recorded`: dates with any entry). */
export function weekdaysWithoutTime(week: DigestWeek, recorded: ReadonlySet<LocalDate>): LocalDate[] {
  return [0, 1, 2, 3, 4].map((n) => addDays(week.start, n)).filter((d) => !recorded.has(d));
}

/** Basis points as a percentage with one decimal, half up: 3333 → "33.3%", 250 → "2.5%". */
export function formatBasisPoints(bp: number): string {
  const tenths = divHalfUp(bp, 10);
  const magnitude = Math.abs(tenths);
  return `${tenths < 0 ? '-' : ''}${String(divFloor(magnitude, 10))}.${String(magnitude % 10)}%`;
}

/** Minutes as days with one decimal, half up: 4320 → "3.0", 2160 → "1.5". */
export function formatDays(minutes: number): string {
  const tenths = divHalfUp(minutes, 144);
  const magnitude = Math.abs(tenths);
  return `${tenths < 0 ? '-' : ''}${String(divFloor(magnitude, 10))}.${String(magnitude % 10)}`;
}

/** Four empty buckets, in order. */
export function emptyAging(): AgingAmount[] {
  return AGING_BUCKETS.map((bucket) => ({ bucket, minutes: 0, cents: 0 }));
}

/** Adds minutes and cents to one bucket of an aging list (a new list; the input is not changed). */
export function addToAging(aging: readonly AgingAmount[], bucket: AgingBucket, minutes: number, cents: number): AgingAmount[] {
  return aging.map((a) => (a.bucket === bucket ? { bucket, minutes: a.minutes + minutes, cents: a.cents + cents } : a));
}
