import { addDays, dayOfWeek, isLocalDate, type LocalDate } from '../../core/dates.js';
import { AppError } from '../../core/errors.js';

/** ISO weekday (1 = Monday) of each word people type for a day of the week. */
const WEEKDAYS: Readonly<Record<string, number>> = {
  mon: 1, monday: 1,
  tue: 2, tues: 2, tuesday: 2,
  wed: 3, weds: 3, wednesday: 3,
  thu: 4, thur: 4, thurs: 4, thursday: 4,
  fri: 5, friday: 5,
  sat: 6, saturday: 6,
  sun: 7, sunday: 7,
};

const DATE_SHAPE = /^\d{4}-\d{1,2}-\d{1,2}$/;

/**
 * The day a word names, relative to `asOf` (today in the person's timezone): "today", "yesterday",
 * a weekday ("mon" is the most recent Monday not after today) or "2026-03-02". Returns null when the
 * word is not a date word at all; throws INVALID_INPUT, naming the word, for a date-shaped word that
 * is not a real day or lies in the future (time is recorded for work already done).
 */
export function resolveDateWord(word: string, asOf: LocalDate): LocalDate | null {
  const lower = word.trim().toLowerCase();
  if (lower === 'today') return asOf;
  if (lower === 'yesterday') return addDays(asOf, -1);
  const weekday = WEEKDAYS[lower];
  if (weekday !== undefined) return addDays(asOf, -((dayOfWeek(asOf) - weekday + 7) % 7));
  if (!DATE_SHAPE.test(lower)) return null;
  if (!isLocalDate(lower)) throw new AppError('INVALID_INPUT', `date "${word}" is not a real day — write it as YYYY-MM-DD, e.g. 2026-03-02`);
  if (lower > asOf) throw new AppError('INVALID_INPUT', `date "${word}" is in the future — time is recorded for work already done`);
  return lower;
}
