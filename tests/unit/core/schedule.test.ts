import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE, dueDate, dueSends, sendKey, type ScheduledPerson } from '../../../src/core/schedule.js';

const WEEKDAYS = [1, 2, 3, 4, 5];

function person(id: number, overrides: Partial<ScheduledPerson> = {}): ScheduledPerson {
  return { id, roles: ['lawyer'], timezone: 'America/New_York', summaryTime: '17:30', summaryDays: WEEKDAYS, reminders: true, unreachableAt: null, active: true, ...overrides };
}

describe('dueDate: a local wall time in the person’s zone', () => {
  it.each([
    // Three zones at one instant: Monday 2 Mar 2026 22:45 UTC.
    ['New York 17:45 local, due since 17:30', 'America/New_York', '2026-03-02T22:45:00Z', '2026-03-02', '2026-03-02T22:30:00.000Z'],
    ['Los Angeles 14:45 local, not yet', 'America/Los_Angeles', '2026-03-02T22:45:00Z', null, null],
    ['Tokyo already Tuesday 07:45, not yet', 'Asia/Tokyo', '2026-03-02T22:45:00Z', null, null],
    ['Tokyo Tuesday 17:30 exactly', 'Asia/Tokyo', '2026-03-03T08:30:00Z', '2026-03-03', '2026-03-03T08:30:00.000Z'],
    ['one minute before', 'America/New_York', '2026-03-02T22:29:00Z', null, null],
    // An instance that starts late in the evening still sends that day's card.
    ['started at 23:50 local, the time long past', 'America/New_York', '2026-03-03T04:50:00Z', '2026-03-02', '2026-03-02T22:30:00.000Z'],
    ['Saturday is not a summary day', 'America/New_York', '2026-03-07T23:00:00Z', null, null],
  ])('%s', (_name, zone, now, date, dueAt) => {
    const due = dueDate({ time: '17:30', days: WEEKDAYS }, zone, new Date(now));
    expect(due?.localDate ?? null).toBe(date);
    expect(due?.dueAt.toISOString() ?? null).toBe(dueAt);
  });

  // US daylight saving 2026: starts Sun 8 Mar (02:00 → 03:00), ends Sun 1 Nov (02:00 → 01:00).
  it.each([
    ['the Friday before the change: 17:30 EST is 22:30 UTC', '2026-03-06', '17:30', '2026-03-06T22:30:00.000Z'],
    ['the Monday after: 17:30 EDT is 21:30 UTC', '2026-03-09', '17:30', '2026-03-09T21:30:00.000Z'],
    ['02:30 does not exist on 8 Mar: due when the gap ends, 03:00 EDT', '2026-03-08', '02:30', '2026-03-08T07:00:00.000Z'],
    ['01:30 happens twice on 1 Nov: due at the first', '2026-11-01', '01:30', '2026-11-01T05:30:00.000Z'],
  ])('daylight saving week, New York — %s', (_name, date, time, dueAt) => {
    const every = [1, 2, 3, 4, 5, 6, 7];
    const at = new Date(dueAt);
    expect(dueDate({ time, days: every }, 'America/New_York', new Date(at.getTime() - 60_000))).toBeNull();
    expect(dueDate({ time, days: every }, 'America/New_York', at)).toEqual({ localDate: date, dueAt: at });
    // An hour later (the repeated hour on 1 Nov) it is still the same send, not a second one.
    expect(dueDate({ time, days: every }, 'America/New_York', new Date(at.getTime() + 3_600_000))?.localDate).toBe(date);
  });
});

describe('dueSends', () => {
  const monday0805NewYork = new Date('2026-03-02T13:05:00Z');
  const monday1800NewYork = new Date('2026-03-02T23:00:00Z');

  it('gives lawyers their card and reminder, managers their digest, and nobody inactive or unreachable anything', () => {
    const people = [
      person(1),
      person(2, { roles: ['lawyer', 'manager'] }),
      person(3, { roles: ['assistant'] }),
      person(4, { active: false }),
      person(5, { unreachableAt: new Date('2026-03-01T00:00:00Z') }),
      person(6, { reminders: false }),
    ];
    const keys = (now: Date) => dueSends(people, now, DEFAULT_SCHEDULE).map(sendKey).sort();
    expect(keys(monday0805NewYork)).toEqual(['digest:2:2026-03-02']);
    expect(keys(monday1800NewYork)).toEqual([
      'daily_review:1:2026-03-02', 'daily_review:2:2026-03-02', 'daily_review:6:2026-03-02', 'digest:2:2026-03-02', 'reminder:1:2026-03-02', 'reminder:2:2026-03-02',
    ]);
  });

  it('sends no reminders when they are off firm-wide, and the digest on the configured day and time', () => {
    const settings = { digest: { day: 5, time: '16:00' }, reminder: null };
    const friday = new Date('2026-03-06T22:45:00Z');
    expect(dueSends([person(2, { roles: ['lawyer', 'manager'] })], friday, settings).map(sendKey).sort()).toEqual(['daily_review:2:2026-03-06', 'digest:2:2026-03-06']);
    expect(dueSends([person(2, { roles: ['manager'] })], monday1800NewYork, settings)).toEqual([]);
  });
});
