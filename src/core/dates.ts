import { AppError } from './errors.js';
import { divFloor, requireSafeInteger } from './int-math.js';
import { isValidClockTime, wallClockOf, wallTimeToInstantMs } from './zoned-time.js';

export { isValidClockTime, isValidTimeZone } from './zoned-time.js';

/** A civil date without time or zone, 'YYYY-MM-DD'. Compare two with < and > (the format sorts). */
export type LocalDate = string;

/** The parts of a {@link LocalDate}; month is 1–12. */
export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const DAY_MS = 86_400_000;
// Date.UTC reads years 0–99 as 1900–1999; shifting by one 400-year Gregorian cycle (146097 days) avoids that.
const CYCLE_YEARS = 400;
const CYCLE_DAYS = 146_097;
const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Days since 1970-01-01 of a civil date (month 1–12; day may overflow, as in Date.UTC). */
function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year + CYCLE_YEARS, month - 1, day) / DAY_MS - CYCLE_DAYS;
}

function fromDayNumber(days: number): LocalDate {
  const date = new Date((days + CYCLE_DAYS) * DAY_MS);
  const year = date.getUTCFullYear() - CYCLE_YEARS;
  if (year < 1 || year > 9999) throw new AppError('INTERNAL', `date "${String(days)}" days after 1970-01-01 is out of range`);
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

/** Number of days in a month (1–12) of a year, leap years included. */
export function daysInMonth(year: number, month: number): number {
  return dayNumber(year, month + 1, 1) - dayNumber(year, month, 1);
}

function partsOrUndefined(s: string): DateParts | undefined {
  const match = SHAPE.exec(s);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** True when `s` is exactly 'YYYY-MM-DD' and a real calendar date (no 30 February). */
export function isLocalDate(s: string): boolean {
  return partsOrUndefined(s) !== undefined;
}

/** Year, month and day of a date; throws INVALID_INPUT `invalid date "…"` for anything else. */
export function dateParts(d: LocalDate): DateParts {
  const parts = partsOrUndefined(d);
  if (parts === undefined) throw new AppError('INVALID_INPUT', `invalid date "${d}"`);
  return parts;
}

/** Validates a typed date (surrounding spaces ignored); throws INVALID_INPUT `invalid date "2026-02-30"`. */
export function parseLocalDate(s: string): LocalDate {
  const trimmed = s.trim();
  dateParts(trimmed);
  return trimmed;
}

/** The date of a year, month (1–12) and day; throws INVALID_INPUT when that day does not exist. */
export function makeLocalDate(year: number, month: number, day: number): LocalDate {
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  dateParts(text);
  return text;
}

function toDays(d: LocalDate): number {
  const { year, month, day } = dateParts(d);
  return dayNumber(year, month, day);
}

/** The date `n` days after `d` (before, when `n` is negative). */
export function addDays(d: LocalDate, n: number): LocalDate {
  requireSafeInteger(n, 'days');
  return fromDayNumber(toDays(d) + n);
}

/** Days from `a` to `b` (b − a): 1 for consecutive days, negative when `b` comes first. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return toDays(b) - toDays(a);
}

/** ISO day of the week: 1 = Monday … 7 = Sunday. */
export function dayOfWeek(d: LocalDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((toDays(d) + 3) % 7) + 7) % 7) + 1;
}

/** The first day of the month of `d`. */
export function startOfMonth(d: LocalDate): LocalDate {
  const { year, month } = dateParts(d);
  return makeLocalDate(year, month, 1);
}

/** The last day of the month of `d`. */
export function endOfMonth(d: LocalDate): LocalDate {
  const { year, month } = dateParts(d);
  return makeLocalDate(year, month, daysInMonth(year, month));
}

/** The same day `n` months later (earlier when negative), clamped to the month's end: 31 Jan + 1 → 28/29 Feb. */
export function addMonths(d: LocalDate, n: number): LocalDate {
  requireSafeInteger(n, 'months');
  const { year, month, day } = dateParts(d);
  const index = year * 12 + (month - 1) + n;
  const targetYear = divFloor(index, 12);
  const targetMonth = index - targetYear * 12 + 1;
  return makeLocalDate(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** English month name of a month number 1–12: 'long' → "March", 'short' → "Mar". */
export function monthName(month: number, style: 'long' | 'short' = 'long'): string {
  const name = MONTHS[month - 1];
  if (name === undefined) throw new AppError('INTERNAL', `month "${String(month)}" does not exist`);
  return style === 'long' ? name : name.slice(0, 3);
}

/** A short label for a day in a week view: "Mon 2 Mar". */
export function formatDayLabel(d: LocalDate): string {
  const { month, day } = dateParts(d);
  return `${WEEKDAYS[dayOfWeek(d) - 1] ?? ''} ${String(day)} ${monthName(month, 'short')}`;
}

/** A date for people: "5 Mar 2026". */
export function formatDate(d: LocalDate): string {
  const { year, month, day } = dateParts(d);
  return `${String(day)} ${monthName(month, 'short')} ${String(year)}`;
}

/** The civil date in `timeZone` at an instant, e.g. today's date for a firm. Throws INVALID_INPUT for an unknown zone. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new AppError('INTERNAL', `instant "${String(instant)}" is not a valid date`);
  const { year, month, day } = wallClockOf(ms, timeZone);
  return makeLocalDate(year, month, day);
}

/**
 * The instant of a wall-clock date and 'HH:MM' time in `timeZone`, correct across daylight-saving changes:
 * a time skipped by spring-forward gives the instant just after the gap, an ambiguous fall-back time its first occurrence.
 */
export function zonedDateTimeToInstant(date: LocalDate, time: string, timeZone: string): Date {
  const { year, month, day } = dateParts(date);
  if (!isValidClockTime(time)) throw new AppError('INVALID_INPUT', `invalid time "${time}" — use HH:MM from 00:00 to 23:59`);
  const wallMs = dayNumber(year, month, day) * DAY_MS + (Number(time.slice(0, 2)) * 60 + Number(time.slice(3))) * 60_000;
  return new Date(wallTimeToInstantMs(wallMs, timeZone));
}
