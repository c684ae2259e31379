import { describe, it, expect } from 'vitest';
import {
  addDays,
  addMonths,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  endOfMonth,
  formatDate,
  formatDayLabel,
  isLocalDate,
  isValidClockTime,
  isValidTimeZone,
  localDateOf,
  makeLocalDate,
  monthName,
  parseLocalDate,
  startOfMonth,
  zonedDateTimeToInstant,
} from '../../../src/core/dates.js';
import type { ErrorCode } from '../../../src/core/errors.js';
import { expectAppError } from '../../support/expect-app-error.js';


describe('parseLocalDate and isLocalDate', () => {
  it.each([
    ['2026-03-05', '2026-03-05'],
    [' 2026-03-05 ', '2026-03-05'],
    ['2024-02-29', '2024-02-29'],
    ['2000-02-29', '2000-02-29'],
    ['2026-12-31', '2026-12-31'],
    ['0001-01-01', '0001-01-01'],
  ])('parseLocalDate(%j) = %j', (input, expected) => {
    expect(parseLocalDate(input)).toBe(expected);
    expect(isLocalDate(expected)).toBe(true);
  });

  it.each(['2026-02-30', '2025-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-3-5', '20260305', '', 'today', '0000-01-01'])(
    'rejects %j with INVALID_INPUT',
    (input) => {
      expect(isLocalDate(input)).toBe(false);
      expectAppError(() => parseLocalDate(input), 'INVALID_INPUT', `invalid date "${input}"`);
    },
  );

  it('isLocalDate is strict about surrounding spaces', () => {
    expect(isLocalDate(' 2026-03-05')).toBe(false);
  });
});

describe('day arithmetic', () => {
  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-03-05', 0, '2026-03-05'],
    ['2026-03-05', 365, '2027-03-05'],
    ['2026-03-07', 2, '2026-03-09'],
    ['0099-12-31', 1, '0100-01-01'],
  ])('addDays(%j, %i) = %j', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it.each([
    ['2026-01-01', '2026-12-31', 364],
    ['2024-01-01', '2025-01-01', 366],
    ['2026-03-08', '2026-03-09', 1],
    ['2026-03-09', '2026-03-08', -1],
    ['2026-11-01', '2026-11-01', 0],
  ])('daysBetween(%j, %j) = %i', (a, b, expected) => {
    expect(daysBetween(a, b)).toBe(expected);
  });

  it.each([
    ['2026-11-23', 1],
    ['2026-11-29', 7],
    ['1970-01-01', 4],
    ['2026-03-05', 4],
    ['2000-02-29', 2],
    ['1969-12-31', 3],
  ])('dayOfWeek(%j) = %i', (date, expected) => {
    expect(dayOfWeek(date)).toBe(expected);
  });

  it.each([
    ['2024-02-10', '2024-02-01', '2024-02-29'],
    ['2026-02-10', '2026-02-01', '2026-02-28'],
    ['2026-12-31', '2026-12-01', '2026-12-31'],
    ['2026-04-01', '2026-04-01', '2026-04-30'],
  ])('month of %j runs %j..%j', (date, start, end) => {
    expect(startOfMonth(date)).toBe(start);
    expect(endOfMonth(date)).toBe(end);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-11-15', 2, '2027-01-15'],
    ['2026-01-15', -13, '2024-12-15'],
    ['2026-05-31', 0, '2026-05-31'],
    ['2026-08-31', 1, '2026-09-30'],
  ])('addMonths(%j, %i) = %j', (date, n, expected) => {
    expect(addMonths(date, n)).toBe(expected);
  });

  it.each([
    [2024, 2, 29],
    [2026, 2, 28],
    [1900, 2, 28],
    [2000, 2, 29],
    [2026, 4, 30],
    [2026, 12, 31],
  ])('daysInMonth(%i, %i) = %i', (year, month, expected) => {
    expect(daysInMonth(year, month)).toBe(expected);
  });

  it.each<[() => unknown, ErrorCode, string]>([
    [() => addDays('2026-02-30', 1), 'INVALID_INPUT', 'invalid date "2026-02-30"'],
    [() => addDays('2026-03-01', 1.5), 'INTERNAL', 'days "1.5" is not a whole number'],
    [() => addMonths('2026-03-01', Number.NaN), 'INTERNAL', 'months "NaN" is not a whole number'],
    [() => makeLocalDate(2026, 2, 29), 'INVALID_INPUT', 'invalid date "2026-02-29"'],
    [() => monthName(13), 'INTERNAL', 'month "13" does not exist'],
  ])('rejects bad input %#', (run, code, message) => {
    expectAppError(run, code, message);
  });
});

describe('labels', () => {
  it.each([
    ['2026-03-02', 'Mon 2 Mar', '2 Mar 2026'],
    ['2026-11-29', 'Sun 29 Nov', '29 Nov 2026'],
    ['2024-02-29', 'Thu 29 Feb', '29 Feb 2024'],
    ['2026-09-10', 'Thu 10 Sep', '10 Sep 2026'],
  ])('%j is %j, %j', (date, dayLabel, dateLabel) => {
    expect(formatDayLabel(date)).toBe(dayLabel);
    expect(formatDate(date)).toBe(dateLabel);
  });

  it.each<[number, 'long' | 'short', string]>([
    [1, 'long', 'January'],
    [9, 'short', 'Sep'],
    [12, 'long', 'December'],
  ])('monthName(%i, %j) = %j', (month, style, expected) => {
    expect(monthName(month, style)).toBe(expected);
  });
});

describe('time zones', () => {
  it.each([
    ['2026-03-01T04:59:00Z', 'America/New_York', '2026-02-28'],
    ['2026-03-01T05:00:00Z', 'America/New_York', '2026-03-01'],
    ['2026-06-30T23:30:00Z', 'Europe/London', '2026-07-01'],
    ['2026-06-30T23:30:00Z', 'UTC', '2026-06-30'],
    ['2025-12-31T11:00:00Z', 'Pacific/Auckland', '2026-01-01'],
    ['2026-11-29T04:00:00Z', 'America/Los_Angeles', '2026-11-28'],
  ])('localDateOf(%s, %s) = %s', (instant, zone, expected) => {
    expect(localDateOf(new Date(instant), zone)).toBe(expected);
  });

  it.each([
    ['America/New_York', true],
    ['Europe/London', true],
    ['UTC', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
    ['New York', false],
  ])('isValidTimeZone(%j) = %j', (zone, expected) => {
    expect(isValidTimeZone(zone)).toBe(expected);
  });

  it.each([
    ['00:00', true],
    ['09:30', true],
    ['23:59', true],
    ['24:00', false],
    ['9:30', false],
    ['12:60', false],
    ['12:5', false],
    ['1230', false],
    ['', false],
  ])('isValidClockTime(%j) = %j', (time, expected) => {
    expect(isValidClockTime(time)).toBe(expected);
  });

  it.each([
    // New York, spring forward on 8 Mar 2026: 02:00 EST jumps to 03:00 EDT.
    ['2026-03-07', '12:00', 'America/New_York', '2026-03-07T17:00:00.000Z'],
    ['2026-03-08', '01:59', 'America/New_York', '2026-03-08T06:59:00.000Z'],
    ['2026-03-08', '02:00', 'America/New_York', '2026-03-08T07:00:00.000Z'],
    ['2026-03-08', '02:30', 'America/New_York', '2026-03-08T07:00:00.000Z'],
    ['2026-03-08', '03:00', 'America/New_York', '2026-03-08T07:00:00.000Z'],
    ['2026-03-08', '12:00', 'America/New_York', '2026-03-08T16:00:00.000Z'],
    // New York, fall back on 1 Nov 2026: 01:00–01:59 happens twice; the first (EDT) wins.
    ['2026-11-01', '00:30', 'America/New_York', '2026-11-01T04:30:00.000Z'],
    ['2026-11-01', '01:30', 'America/New_York', '2026-11-01T05:30:00.000Z'],
    ['2026-11-01', '01:59', 'America/New_York', '2026-11-01T05:59:00.000Z'],
    ['2026-11-01', '02:00', 'America/New_York', '2026-11-01T07:00:00.000Z'],
    ['2026-11-01', '12:00', 'America/New_York', '2026-11-01T17:00:00.000Z'],
    // London, spring forward on 29 Mar 2026: 01:00 GMT jumps to 02:00 BST.
    ['2026-03-29', '00:30', 'Europe/London', '2026-03-29T00:30:00.000Z'],
    ['2026-03-29', '01:30', 'Europe/London', '2026-03-29T01:00:00.000Z'],
    ['2026-03-29', '02:00', 'Europe/London', '2026-03-29T01:00:00.000Z'],
    ['2026-03-29', '12:00', 'Europe/London', '2026-03-29T11:00:00.000Z'],
    ['2026-10-25', '01:30', 'Europe/London', '2026-10-25T00:30:00.000Z'],
    ['2026-07-01', '00:00', 'Asia/Kolkata', '2026-06-30T18:30:00.000Z'],
    ['2026-01-01', '00:00', 'UTC', '2026-01-01T00:00:00.000Z'],
  ])('zonedDateTimeToInstant(%s, %s, %s) = %s', (date, time, zone, expected) => {
    expect(zonedDateTimeToInstant(date, time, zone).toISOString()).toBe(expected);
  });

  it.each<[() => unknown, ErrorCode, string]>([
    [() => zonedDateTimeToInstant('2026-03-08', '24:00', 'UTC'), 'INVALID_INPUT', 'invalid time "24:00" — use HH:MM from 00:00 to 23:59'],
    [() => zonedDateTimeToInstant('2026-02-30', '09:00', 'UTC'), 'INVALID_INPUT', 'invalid date "2026-02-30"'],
    [() => zonedDateTimeToInstant('2026-03-08', '09:00', 'Mars/Olympus_Mons'), 'INVALID_INPUT', 'unknown time zone "Mars/Olympus_Mons"'],
    [() => localDateOf(new Date('2026-03-08T12:00:00Z'), 'Nowhere'), 'INVALID_INPUT', 'unknown time zone "Nowhere"'],
    [() => localDateOf(new Date(Number.NaN), 'UTC'), 'INTERNAL', 'instant "Invalid Date" is not a valid date'],
  ])('rejects bad input %#', (run, code, message) => {
    expectAppError(run, code, message);
  });
});
