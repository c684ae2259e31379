import { describe, it, expect } from 'vitest';
import { formatHours, minutesToTenths, parseDuration, roundMinutes, type RoundingMode } from '../../../src/core/duration.js';
import { expectAppError } from '../../support/expect-app-error.js';


describe('roundMinutes', () => {
  it.each<[number, number, RoundingMode, number | undefined, number]>([
    [0, 6, 'up', undefined, 0],
    [0, 6, 'nearest', 6, 0],
    [1, 6, 'up', undefined, 6],
    [6, 6, 'up', undefined, 6],
    [7, 6, 'up', undefined, 12],
    [3, 6, 'nearest', undefined, 6],
    [2, 6, 'nearest', undefined, 0],
    [8, 6, 'nearest', undefined, 6],
    [9, 6, 'nearest', undefined, 12],
    [5, 6, 'down', undefined, 0],
    [11, 6, 'down', undefined, 6],
    [12, 6, 'down', undefined, 12],
    [2, 6, 'nearest', 6, 6],
    [5, 6, 'down', 6, 6],
    [7, 15, 'up', 30, 30],
    [45, 15, 'up', 30, 45],
    [67, 15, 'nearest', undefined, 60],
    [68, 15, 'nearest', undefined, 75],
    [7, 15, 'nearest', undefined, 0],
    [8, 15, 'nearest', undefined, 15],
    [1, 1, 'down', undefined, 1],
    [1439, 60, 'up', undefined, 1440],
  ])('roundMinutes(%i, %i, %j, %j) = %i', (actual, increment, mode, minimum, expected) => {
    expect(roundMinutes(actual, increment, mode, minimum)).toBe(expected);
  });

  it.each<[number, number, string, number, string]>([
    [-1, 6, 'up', 0, 'minutes "-1" must be at least 0'],
    [1.5, 6, 'up', 0, 'minutes "1.5" is not a whole number'],
    [10, 0, 'up', 0, 'increment in minutes "0" must be at least 1'],
    [10, 2.5, 'up', 0, 'increment in minutes "2.5" is not a whole number'],
    [10, 6, 'up', -6, 'minimum minutes "-6" must be at least 0'],
    [10, 6, 'sideways', 0, 'rounding mode "sideways" is unknown'],
  ])('rejects roundMinutes(%j, %j, %j, %j) with INTERNAL', (actual, increment, mode, minimum, message) => {
    expectAppError(() => roundMinutes(actual, increment, mode as RoundingMode, minimum), 'INTERNAL', message);
  });
});

describe('formatHours and minutesToTenths', () => {
  it.each([
    [90, 15, '1.5'],
    [0, 0, '0.0'],
    [738, 123, '12.3'],
    [6, 1, '0.1'],
    [7, 1, '0.1'],
    [9, 2, '0.2'],
    [3, 1, '0.1'],
    [2, 0, '0.0'],
    [60, 10, '1.0'],
    [1440, 240, '24.0'],
    [-9, -2, '-0.2'],
    [-2, 0, '0.0'],
  ])('%i minutes = %i tenths = %j hours', (minutes, tenths, hours) => {
    expect(minutesToTenths(minutes)).toBe(tenths);
    expect(formatHours(minutes)).toBe(hours);
  });

  it('rejects fractional minutes', () => {
    expectAppError(() => formatHours(1.5), 'INTERNAL', 'minutes "1.5" is not a whole number');
  });
});

describe('parseDuration', () => {
  it.each([
    ['1.5', 90],
    ['1.5h', 90],
    ['1.5 h', 90],
    ['1.5 hours', 90],
    ['1h30m', 90],
    ['1h 30m', 90],
    ['1 h 30 min', 90],
    ['1hr 15mins', 75],
    ['1h30', 90],
    ['90m', 90],
    ['90 min', 90],
    ['90 mins', 90],
    ['90 Minutes', 90],
    ['3 m', 3],
    ['2 hours', 120],
    ['1 hour', 60],
    ['0.1', 6],
    ['.5', 30],
    ['1.55h', 93],
    ['0.05', 3],
    ['1.50', 90],
    ['  2H  ', 120],
    ['1:30', 90],
    ['0:06', 6],
    ['24', 1440],
    ['1440m', 1440],
  ])('parseDuration(%j) = %i minutes', (input, expected) => {
    expect(parseDuration(input)).toBe(expected);
  });

  it.each([
    ['', 'invalid hours "" — enter hours, e.g. "1.5", "1h 30m" or "90m"'],
    ['   ', 'invalid hours "" — enter hours, e.g. "1.5", "1h 30m" or "90m"'],
    ['abc', 'invalid hours "abc" — use e.g. "1.5", "1h 30m" or "90m"'],
    ['-1', 'invalid hours "-1" — use e.g. "1.5", "1h 30m" or "90m"'],
    ['1,5', 'invalid hours "1,5" — use e.g. "1.5", "1h 30m" or "90m"'],
    ['90.5m', 'invalid hours "90.5m" — use e.g. "1.5", "1h 30m" or "90m"'],
    ['h', 'invalid hours "h" — use e.g. "1.5", "1h 30m" or "90m"'],
    ['1.51', 'invalid hours "1.51" — that is not a whole number of minutes; use e.g. "1.5", "1h 30m" or "90m"'],
    ['0.01h', 'invalid hours "0.01h" — that is not a whole number of minutes; use e.g. "1.5", "1h 30m" or "90m"'],
    ['1.125', 'invalid hours "1.125" — that is not a whole number of minutes; use e.g. "1.5", "1h 30m" or "90m"'],
    ['1h 75m', 'invalid hours "1h 75m" — minutes after hours must be under 60; use e.g. "1.5", "1h 30m" or "90m"'],
    ['0', 'invalid hours "0" — must be at least 1 minute'],
    ['0m', 'invalid hours "0m" — must be at least 1 minute'],
    ['25h', 'invalid hours "25h" — at most 24 hours in one entry'],
    ['1441 min', 'invalid hours "1441 min" — at most 24 hours in one entry'],
    ['24h 1m', 'invalid hours "24h 1m" — at most 24 hours in one entry'],
    ['99999999999999999999', 'invalid hours "99999999999999999999" — at most 24 hours in one entry'],
  ])('rejects %j with INVALID_DURATION', (input, message) => {
    expectAppError(() => parseDuration(input), 'INVALID_DURATION', message);
  });
});
