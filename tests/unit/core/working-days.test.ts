import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/core/dates.js';
import { DEFAULT_WORKDAYS, isOlderThanWorkingDays, workingDayCutoff, workingDaysBetween } from '../../../src/core/working-days.js';
import { expectAppError } from '../../support/expect-app-error.js';

const MON_TO_THU = [1, 2, 3, 4];
const SUN_TO_THU = [7, 1, 2, 3, 4];

// March 2026: Mon 2, Tue 3, Wed 4, Thu 5, Fri 6, Sat 7, Sun 8, Mon 9 … Mon 16.
describe('workingDaysBetween', () => {
  it.each([
    ['the same day', '2026-03-05', '2026-03-05', DEFAULT_WORKDAYS, 0],
    ['to before from', '2026-03-05', '2026-03-02', DEFAULT_WORKDAYS, 0],
    ['the next working day', '2026-03-04', '2026-03-05', DEFAULT_WORKDAYS, 1],
    ['Mon → Thu (Tue, Wed, Thu)', '2026-03-02', '2026-03-05', DEFAULT_WORKDAYS, 3],
    ['Tue → Thu', '2026-03-03', '2026-03-05', DEFAULT_WORKDAYS, 2],
    ['across a weekend: Wed → Mon (Thu, Fri, Mon)', '2026-03-04', '2026-03-09', DEFAULT_WORKDAYS, 3],
    ['across a weekend: Thu → Mon', '2026-03-05', '2026-03-09', DEFAULT_WORKDAYS, 2],
    ['Fri → Mon', '2026-03-06', '2026-03-09', DEFAULT_WORKDAYS, 1],
    ['a weekend day as from: Sat → Mon', '2026-03-07', '2026-03-09', DEFAULT_WORKDAYS, 1],
    ['a weekend day as to: Fri → Sun', '2026-03-06', '2026-03-08', DEFAULT_WORKDAYS, 0],
    ['one whole week', '2026-03-02', '2026-03-09', DEFAULT_WORKDAYS, 5],
    ['two weeks and two days', '2026-02-26', '2026-03-14', DEFAULT_WORKDAYS, 11],
    ['across a month and year end', '2025-12-30', '2026-01-02', DEFAULT_WORKDAYS, 3],
    ['Mon–Thu worker: Wed → Mon (Thu, Mon)', '2026-03-04', '2026-03-09', MON_TO_THU, 2],
    ['Mon–Thu worker: Thu → Tue', '2026-03-05', '2026-03-10', MON_TO_THU, 2],
    ['Sun–Thu worker: Thu → Mon (Sun, Mon)', '2026-03-05', '2026-03-09', SUN_TO_THU, 2],
    ['every day a workday', '2026-03-02', '2026-03-09', [1, 2, 3, 4, 5, 6, 7], 7],
    ['repeated weekdays count once', '2026-03-02', '2026-03-09', [1, 1, 2], 2],
    ['no workdays', '2026-03-02', '2026-03-31', [], 0],
  ])('%s: %s → %s is %i', (_name, from, to, workdays, expected) => {
    expect(workingDaysBetween(from, to, workdays)).toBe(expected);
  });

  it.each([[0], [8], [1.5]])('refuses weekday %s', (day) => {
    expectAppError(() => workingDaysBetween('2026-03-02', '2026-03-05', [1, day]), 'INTERNAL', /is not an ISO weekday 1–7/);
  });

  it('refuses a date that is no date', () => {
    expectAppError(() => workingDaysBetween('2026-02-30', '2026-03-05', DEFAULT_WORKDAYS), 'INVALID_INPUT', 'invalid date "2026-02-30"');
  });
});

describe('workingDayCutoff', () => {
  it.each([
    ['Thu, 3 days back → Mon', '2026-03-05', 3, DEFAULT_WORKDAYS, '2026-03-02'],
    ['Mon, 3 days back over a weekend → Wed', '2026-03-09', 3, DEFAULT_WORKDAYS, '2026-03-04'],
    ['Mon, 1 day back → Sun (a Sunday draft is 1 working day old on Mon)', '2026-03-09', 1, DEFAULT_WORKDAYS, '2026-03-08'],
    ['Sun (not a workday), 1 day back → Thu', '2026-03-08', 1, DEFAULT_WORKDAYS, '2026-03-05'],
    ['Thu, 5 days back → Wed a week before', '2026-03-05', 5, DEFAULT_WORKDAYS, '2026-02-26'],
    ['Thu, 6 days back → Wed of the week before', '2026-03-05', 6, DEFAULT_WORKDAYS, '2026-02-25'],
    ['0 days back → the day itself', '2026-03-08', 0, DEFAULT_WORKDAYS, '2026-03-08'],
    ['Mon–Thu worker: Mon, 3 days back → Tue', '2026-03-09', 3, MON_TO_THU, '2026-03-03'],
    ['Sun–Thu worker: Mon, 3 days back → Wed', '2026-03-09', 3, SUN_TO_THU, '2026-03-04'],
  ])('%s', (_name, to, count, workdays, expected) => {
    expect(workingDayCutoff(to, count, workdays)).toBe(expected);
  });

  it('is null when nobody works any day', () => {
    expect(workingDayCutoff('2026-03-09', 3, [])).toBeNull();
  });

  it.each([
    ['2026-03-05', DEFAULT_WORKDAYS],
    ['2026-03-09', DEFAULT_WORKDAYS],
    ['2026-03-08', MON_TO_THU],
    ['2026-03-10', [6, 7]],
  ])('agrees with workingDaysBetween for every count from %s', (to, workdays) => {
    for (let count = 1; count <= 12; count++) {
      const cutoff = workingDayCutoff(to, count, workdays);
      if (cutoff === null) throw new Error('expected a cutoff');
      expect(workingDaysBetween(cutoff, to, workdays)).toBeGreaterThanOrEqual(count);
      expect(workingDaysBetween(addDays(cutoff, 1), to, workdays)).toBeLessThan(count);
    }
  });

  it('refuses a negative count', () => {
    expectAppError(() => workingDayCutoff('2026-03-09', -1, DEFAULT_WORKDAYS), 'INTERNAL', /must be at least 0/);
  });
});

describe('isOlderThanWorkingDays (more than 2 working days)', () => {
  it.each([
    ['Mon draft on Thu', '2026-03-02', '2026-03-05', DEFAULT_WORKDAYS, true],
    ['Tue draft on Thu', '2026-03-03', '2026-03-05', DEFAULT_WORKDAYS, false],
    ['Wed draft on the next Mon', '2026-03-04', '2026-03-09', DEFAULT_WORKDAYS, true],
    ['Thu draft on the next Mon', '2026-03-05', '2026-03-09', DEFAULT_WORKDAYS, false],
    ['Sat draft on Wed', '2026-03-07', '2026-03-11', DEFAULT_WORKDAYS, true],
    ['Sun draft on Tue', '2026-03-08', '2026-03-10', DEFAULT_WORKDAYS, false],
    ['Mon–Thu worker: Wed draft on the next Mon', '2026-03-04', '2026-03-09', MON_TO_THU, false],
    ['Mon–Thu worker: Wed draft on the next Tue', '2026-03-04', '2026-03-10', MON_TO_THU, true],
  ])('%s: %s', (_name, date, today, workdays, expected) => {
    expect(isOlderThanWorkingDays(date, today, 2, workdays)).toBe(expected);
  });
});
