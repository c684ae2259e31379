import { formatDayLabel, type LocalDate } from '../../core/dates.js';
import { formatHours } from '../../core/duration.js';
import type { TimeEntry } from '../../core/time-entry.js';

/** The day's figures a card's header states. */
export interface DayTotals {
  /** Billed minutes of every entry but the not-billable ones (approved and billed included). */
  readonly draftedMinutes: number;
  /** Distinct matters among those entries. */
  readonly matterCount: number;
  /** Entries among those still without a matter. */
  readonly unassignedCount: number;
  /** Billed minutes already approved (or billed). */
  readonly approvedMinutes: number;
}

/** "1 matter", "4 matters", "1 entry", "2 entries". */
export function countOf(count: number, one: string, many: string): string {
  return `${String(count)} ${count === 1 ? one : many}`;
}

/** Adds up a day's entries for the header. */
export function dayTotals(entries: readonly Pick<TimeEntry, 'status' | 'matterId' | 'billedMinutes'>[]): DayTotals {
  const counted = entries.filter((e) => e.status !== 'non_billable');
  const matters = new Set(counted.flatMap((e) => (e.matterId === null ? [] : [e.matterId])));
  return {
    draftedMinutes: counted.reduce((sum, e) => sum + e.billedMinutes, 0),
    matterCount: matters.size,
    unassignedCount: counted.filter((e) => e.matterId === null).length,
    approvedMinutes: counted.filter((e) => e.status === 'approved' || e.status === 'billed').reduce((sum, e) => sum + e.billedMinutes, 0),
  };
}

/**
 * The card's header: "Your time for Mon 2 Mar — 6.3 h drafted across 4 matters", or
 * "Robert Arnsley's time for …" when a delegate reads it.
 */
export function reviewTitle(ownerName: string, viewerIsOwner: boolean, date: LocalDate, totals: DayTotals): string {
  const whose = viewerIsOwner ? 'Your time' : `${ownerName}'s time`;
  const head = `${whose} for ${formatDayLabel(date)}`;
  if (totals.draftedMinutes === 0 && totals.matterCount === 0 && totals.unassignedCount === 0) return `${head} — nothing drafted`;
  const where = [
    totals.matterCount > 0 ? `across ${countOf(totals.matterCount, 'matter', 'matters')}` : '',
    totals.unassignedCount > 0 ? `${totals.matterCount > 0 ? 'and ' : 'in '}${countOf(totals.unassignedCount, 'entry', 'entries')} without a matter` : '',
  ].filter((part) => part !== '');
  return `${head} — ${formatHours(totals.draftedMinutes)} h drafted ${where.join(' ')}`;
}

/** "0.0 h approved". */
export function approvedSubtitle(totals: DayTotals): string {
  return `${formatHours(totals.approvedMinutes)} h approved`;
}

/** "Day complete — 6.3 h approved" once nothing is pending (and something was recorded), else null. */
export function completeText(pendingCount: number, totalCount: number, totals: DayTotals): string | null {
  if (pendingCount > 0 || totalCount === 0) return null;
  return `Day complete — ${formatHours(totals.approvedMinutes)} h approved`;
}

/** Minutes for people: "45 min", "2 h", "1 h 23 min". */
export function formatMinutes(minutes: number): string {
  const hours = Math.trunc(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${String(rest)} min`;
  return rest === 0 ? `${String(hours)} h` : `${String(hours)} h ${String(rest)} min`;
}

/** "actual 1 h 23 min" when the recorded minutes differ from the billed ones, else null. */
export function actualNote(actualMinutes: number, billedMinutes: number): string | null {
  return actualMinutes === billedMinutes ? null : `actual ${formatMinutes(actualMinutes)}`;
}

/** "L120 · A106", "A106", or "" without codes. */
export function codesLabel(taskCode: string | null, activityCode: string | null): string {
  return [taskCode, activityCode].filter((code): code is string => code !== null && code !== '').join(' · ');
}

/** What "Approve all" did, in one line for the card's note. */
export function approveAllNote(result: { approved: number; approvedMinutes: number; unassigned: number; withWarnings: number }): string {
  const done = result.approved > 0
    ? `Approved ${countOf(result.approved, 'entry', 'entries')} (${formatHours(result.approvedMinutes)} h).`
    : 'Nothing was approved.';
  const left = [
    result.withWarnings > 0 ? `${countOf(result.withWarnings, 'entry', 'entries')} with warnings to approve one by one` : '',
    result.unassigned > 0 ? `${countOf(result.unassigned, 'entry', 'entries')} without a matter` : '',
  ].filter((part) => part !== '');
  return left.length === 0 ? done : `${done} Still drafts: ${left.join(', ')}.`;
}
