import { AppError } from './errors.js';
import { divFloor, divHalfUp, requireSafeInteger } from './int-math.js';

/** How recorded minutes are rounded to the firm's billing increment. */
export type RoundingMode = 'up' | 'nearest' | 'down';

const ROUNDING_MODES: readonly string[] = ['up', 'nearest', 'down'] satisfies readonly RoundingMode[];

/** The most minutes one time entry may hold. */
export const MAX_ENTRY_MINUTES = 24 * 60;

/**
 * Rounds actual minutes to a billing increment (nearest rounds half up: 3 min at 6 → 6, 2 → 0),
 * then raises a non-zero result below `minimumMinutes` to the minimum. Zero minutes stay zero.
 */
export function roundMinutes(actualMinutes: number, incrementMinutes: number, mode: RoundingMode, minimumMinutes = 0): number {
  requireSafeInteger(actualMinutes, 'minutes', 'INTERNAL', 0);
  requireSafeInteger(incrementMinutes, 'increment in minutes', 'INTERNAL', 1);
  requireSafeInteger(minimumMinutes, 'minimum minutes', 'INTERNAL', 0);
  if (!ROUNDING_MODES.includes(mode)) throw new AppError('INTERNAL', `rounding mode "${String(mode)}" is unknown`);
  if (actualMinutes === 0) return 0;
  const steps =
    mode === 'up'
      ? divFloor(actualMinutes + incrementMinutes - 1, incrementMinutes)
      : mode === 'down'
        ? divFloor(actualMinutes, incrementMinutes)
        : divHalfUp(actualMinutes, incrementMinutes);
  return Math.max(steps * incrementMinutes, minimumMinutes);
}

/** Minutes as whole tenths of an hour, rounded half up (7 min → 1, 9 min → 2); negatives by sign. */
export function minutesToTenths(minutes: number): number {
  requireSafeInteger(minutes, 'minutes');
  return divHalfUp(minutes, 6);
}

/** Minutes as hours with one decimal, the way lawyers write time: "1.5", "0.0", "12.3". */
export function formatHours(minutes: number): string {
  const tenths = minutesToTenths(minutes);
  const magnitude = Math.abs(tenths);
  return `${tenths < 0 ? '-' : ''}${String(divFloor(magnitude, 10))}.${String(magnitude % 10)}`;
}

const HOURS = '(?:h|hr|hrs|hour|hours)';
const MINUTES = '(?:m|min|mins|minute|minutes)';
const DECIMAL_HOURS = new RegExp(`^(\\d*)(?:\\.(\\d+))?\\s*(${HOURS})?$`);
const WHOLE_MINUTES = new RegExp(`^(\\d+)\\s*${MINUTES}$`);
const HOURS_AND_MINUTES = new RegExp(`^(\\d+)\\s*${HOURS}\\s*(\\d+)\\s*(?:${MINUTES})?$`);
const CLOCK = /^(\d+):([0-5]\d)$/;
const EXAMPLES = 'e.g. "1.5", "1h 30m" or "90m"';

function invalid(input: string, reason: string): AppError {
  return new AppError('INVALID_DURATION', `invalid hours "${input}" — ${reason}`);
}

/** Exact minutes of decimal hours such as "1.55" (93), or undefined when they are not whole minutes. */
function decimalHoursToMinutes(whole: string, fraction: string): number | undefined {
  const digits = fraction.replace(/0+$/, '');
  // After dropping trailing zeros, 60 × f / 10^k is whole only for k ≤ 2 (e.g. .05 → 3 min).
  if (digits.length > 2) return undefined;
  const scale = 10 ** digits.length;
  const sixtieths = Number(digits || '0') * 60;
  if (sixtieths % scale !== 0) return undefined;
  return Number(whole || '0') * 60 + sixtieths / scale;
}

function minutesOf(text: string, input: string): number {
  const decimal = DECIMAL_HOURS.exec(text);
  if (decimal !== null && (decimal[1] !== '' || decimal[2] !== undefined)) {
    const minutes = decimalHoursToMinutes(decimal[1] ?? '', decimal[2] ?? '');
    if (minutes === undefined) throw invalid(input, `that is not a whole number of minutes; use ${EXAMPLES}`);
    return minutes;
  }
  const onlyMinutes = WHOLE_MINUTES.exec(text);
  if (onlyMinutes !== null) return Number(onlyMinutes[1]);
  const both = HOURS_AND_MINUTES.exec(text) ?? CLOCK.exec(text);
  if (both !== null) {
    const minutes = Number(both[2]);
    if (minutes >= 60) throw invalid(input, `minutes after hours must be under 60; use ${EXAMPLES}`);
    return Number(both[1]) * 60 + minutes;
  }
  throw invalid(input, `use ${EXAMPLES}`);
}

/**
 * Parses a duration typed by a person into whole minutes: "1.5", "1.5h", "1h30m", "1 h 30 min", "90m",
 * "2 hours", ".5", "1:30". Decimal hours must come to whole minutes; the result must be 1 minute to 24 hours.
 */
export function parseDuration(input: string): number {
  const shown = input.trim();
  if (shown === '') throw invalid(shown, `enter hours, ${EXAMPLES}`);
  const minutes = minutesOf(shown.toLowerCase(), shown);
  if (minutes < 1) throw invalid(shown, 'must be at least 1 minute');
  if (minutes > MAX_ENTRY_MINUTES) throw invalid(shown, 'at most 24 hours in one entry');
  return minutes;
}
