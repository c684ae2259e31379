import { AppError } from './errors.js';
import { divFloor } from './int-math.js';

/** The wall clock of an IANA time zone at one instant; month is 1–12, hour 0–23. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached !== undefined) return cached;
  let formatter: Intl.DateTimeFormat;
  try {
    // en-CA with h23 gives numeric parts and midnight as 00 (never 24).
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch (error) {
    throw new AppError('INVALID_INPUT', `unknown time zone "${timeZone}"`, { cause: error });
  }
  formatters.set(timeZone, formatter);
  return formatter;
}

/** True when `tz` is an IANA time zone this runtime knows, e.g. "America/New_York". */
export function isValidTimeZone(tz: string): boolean {
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

/** True for a 24-hour clock time 'HH:MM' from 00:00 to 23:59. */
export function isValidClockTime(s: string): boolean {
  return /^(?:[01]\d|2[0-3]):[0-5]\d$/.test(s);
}

/** The wall clock in `timeZone` at an instant, read the slow way (Intl) — see {@link wallClockOf}. */
function formatWallClock(instantMs: number, timeZone: string): WallClock {
  const fields = new Map<string, number>();
  for (const part of formatterFor(timeZone).formatToParts(new Date(instantMs))) {
    fields.set(part.type, Number(part.value));
  }
  const field = (name: string): number => fields.get(name) ?? 0;
  return { year: field('year'), month: field('month'), day: field('day'), hour: field('hour'), minute: field('minute'), second: field('second') };
}

/*
 * Offsets change only at transitions, which fall on whole quarter hours, so the offset at the start
 * of a quarter hour holds for all of it. Capture converts ~100k instants; asking Intl for each was
 * a large part of its time. Bounded: a long-running server starts the cache afresh.
 */
const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<string, number>();

function offsetMs(instantMs: number, timeZone: string): number {
  const bucket = divFloor(instantMs, QUARTER_HOUR) * QUARTER_HOUR;
  const key = `${timeZone}|${bucket}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const w = formatWallClock(bucket, timeZone);
    offset = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - bucket;
    if (offsets.size >= 100_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The wall clock in `timeZone` at an instant given as milliseconds since the epoch. */
export function wallClockOf(instantMs: number, timeZone: string): WallClock {
  const wall = new Date(instantMs + offsetMs(instantMs, timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate(), hour: wall.getUTCHours(), minute: wall.getUTCMinutes(), second: wall.getUTCSeconds() };
}

/** The wall clock at an instant, read as if it were UTC: the instant plus the zone's offset. */
function wallMsOf(instantMs: number, timeZone: string): number {
  const w = wallClockOf(instantMs, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/**
 * The instant at which `timeZone` shows the wall time `wallMs` (a wall time written as if UTC).
 * An ambiguous wall time (fall back) gives its first occurrence; a skipped one (spring forward)
 * gives the instant the gap ends, e.g. 02:30 on a 02:00→03:00 night gives 03:00 daylight time.
 */
export function wallTimeToInstantMs(wallMs: number, timeZone: string): number {
  const day = 86_400_000;
  // The offsets a day either side bracket any single transition near the wall time.
  const guesses = [wallMs - (wallMsOf(wallMs - day, timeZone) - (wallMs - day)), wallMs - (wallMsOf(wallMs + day, timeZone) - (wallMs + day))];
  const exact = guesses.filter((t) => wallMsOf(t, timeZone) === wallMs);
  if (exact.length > 0) return Math.min(...exact);
  // In a gap: search, to the second, for the first instant after the earlier guess whose offset differs.
  let low = Math.min(...guesses);
  let high = Math.max(...guesses);
  const lowOffset = wallMsOf(low, timeZone) - low;
  while (high - low > 1000) {
    const middle = low + divFloor(high - low, 2000) * 1000;
    if (wallMsOf(middle, timeZone) - middle === lowOffset) low = middle;
    else high = middle;
  }
  return high;
}
