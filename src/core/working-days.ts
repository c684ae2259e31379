import { addDays, dayOfWeek, daysBetween, type LocalDate } from './dates.js';
import { AppError } from './errors.js';
import { requireSafeInteger } from './int-math.js';

/** ISO weekdays (1 = Monday … 7 = Sunday) a person works when the firm file names none: Monday to Friday. */
export const DEFAULT_WORKDAYS: readonly number[] = Object.freeze([1, 2, 3, 4, 5]);

/** The distinct weekdays of a set; throws INTERNAL for anything but whole numbers 1–7. */
function weekdaySet(workdays: readonly number[]): ReadonlySet<number> {
  for (const day of workdays) {
    if (!Number.isInteger(day) || day < 1 || day > 7) throw new AppError('INTERNAL', `weekday "${String(day)}" is not an ISO weekday 1–7`);
  }
  return new Set(workdays);
}

/**
 * Working days strictly after `from` up to and including `to`: the days d with from < d ≤ to whose
 * ISO weekday is in `workdays`. 0 when `to` is not after `from`. With Monday to Friday:
 * Mon 2 Mar → Thu 5 Mar is 3 (Tue, Wed, Thu); Wed 4 Mar → Mon 9 Mar is 3 (Thu, Fri, Mon).
 */
export function workingDaysBetween(from: LocalDate, to: LocalDate, workdays: readonly number[]): number {
  const days = weekdaySet(workdays);
  const span = daysBetween(from, to);
  if (span <= 0) return 0;
  // Every run of 7 consecutive days holds each weekday once; only the last partial week needs a look.
  const weeks = Math.floor(span / 7);
  let count = weeks * days.size;
  for (let offset = weeks * 7 + 1; offset <= span; offset++) {
    if (days.has(dayOfWeek(addDays(from, offset)))) count++;
  }
  return count;
}

/**
 * The latest date `d` with `workingDaysBetween(d, to, workdays) >= count`: every date up to and
 * including it is at least `count` working days before `to`, every later one is not. `to` itself
 * when count is 0; null when no date qualifies (no workdays at all). With Monday to Friday:
 * (Thu 5 Mar, 3) → Mon 2 Mar; (Mon 9 Mar, 3) → Wed 4 Mar.
 */
export function workingDayCutoff(to: LocalDate, count: number, workdays: readonly number[]): LocalDate | null {
  requireSafeInteger(count, 'working days', 'INTERNAL', 0);
  const days = weekdaySet(workdays);
  if (count === 0) return addDays(to, 0);
  if (days.size === 0) return null;
  // Walk back whole weeks first, then day by day to the count-th working day on or before `to`.
  const weeks = Math.floor((count - 1) / days.size);
  let left = count - weeks * days.size;
  let day = addDays(to, -7 * weeks);
  for (;;) {
    if (days.has(dayOfWeek(day))) left--;
    if (left === 0) return addDays(day, -1);
    day = addDays(day, -1);
  }
}

/** True when `date` lies more than `count` working days before `today` (a draft old enough to nudge about). */
export function isOlderThanWorkingDays(date: LocalDate, today: LocalDate, count: number, workdays: readonly number[]): boolean {
  return workingDaysBetween(date, today, workdays) > count;
}
