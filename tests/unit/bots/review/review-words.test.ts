import { describe, expect, it } from 'vitest';
import { actualNote, approveAllNote, approvedSubtitle, codesLabel, completeText, dayTotals, formatMinutes, reviewTitle, type DayTotals } from '../../../../src/bots/review/review-words.js';
import type { EntryStatus } from '../../../../src/core/time-entry.js';

const totals = (overrides: Partial<DayTotals> = {}): DayTotals => ({ draftedMinutes: 378, matterCount: 4, unassignedCount: 0, approvedMinutes: 0, ...overrides });

describe('reviewTitle', () => {
  it.each<[string, boolean, Partial<DayTotals>, string]>([
    ['the owner', true, {}, 'Your time for Mon 2 Mar — 6.3 h drafted across 4 matters'],
    ['a delegate', false, {}, "Robert Arnsley's time for Mon 2 Mar — 6.3 h drafted across 4 matters"],
    ['one matter', true, { draftedMinutes: 30, matterCount: 1 }, 'Your time for Mon 2 Mar — 0.5 h drafted across 1 matter'],
    ['matters and an unassigned entry', true, { unassignedCount: 1 }, 'Your time for Mon 2 Mar — 6.3 h drafted across 4 matters and 1 entry without a matter'],
    ['only unassigned entries', true, { draftedMinutes: 60, matterCount: 0, unassignedCount: 2 }, 'Your time for Mon 2 Mar — 1.0 h drafted in 2 entries without a matter'],
    ['an empty day', true, { draftedMinutes: 0, matterCount: 0 }, 'Your time for Mon 2 Mar — nothing drafted'],
  ])('words %s', (_case, isOwner, overrides, expected) => {
    expect(reviewTitle('Robert Arnsley', isOwner, '2026-03-02', totals(overrides))).toBe(expected);
  });
});

describe('dayTotals', () => {
  const entry = (status: EntryStatus, matterId: number | null, billedMinutes: number) => ({ status, matterId, billedMinutes });

  it('counts drafted time without the not-billable entries, approved time with the billed ones', () => {
    const result = dayTotals([entry('draft', 1, 60), entry('approved', 1, 30), entry('billed', 2, 12), entry('non_billable', 3, 90), entry('draft', null, 6)]);
    expect(result).toEqual({ draftedMinutes: 108, matterCount: 2, unassignedCount: 1, approvedMinutes: 42 });
    expect(approvedSubtitle(result)).toBe('0.7 h approved');
  });
});

describe('completeText', () => {
  it.each<[number, number, string | null]>([
    [0, 4, 'Day complete — 6.3 h approved'],
    [1, 4, null],
    [0, 0, null],
  ])('with %i pending of %i entries → %s', (pending, total, expected) => {
    expect(completeText(pending, total, totals({ approvedMinutes: 378 }))).toBe(expected);
  });
});

describe('small words', () => {
  it.each<[number, string]>([[45, '45 min'], [120, '2 h'], [83, '1 h 23 min'], [0, '0 min']])('formatMinutes(%i) → %s', (minutes, expected) => {
    expect(formatMinutes(minutes)).toBe(expected);
  });

  it.each<[number, number, string | null]>([[83, 84, 'actual 1 h 23 min'], [60, 60, null], [10, 12, 'actual 10 min']])('actualNote(%i, %i) → %s', (actual, billed, expected) => {
    expect(actualNote(actual, billed)).toBe(expected);
  });

  it.each<[string | null, string | null, string]>([['L120', 'A106', 'L120 · A106'], [null, 'A106', 'A106'], [null, null, '']])('codesLabel(%s, %s) → "%s"', (task, activity, expected) => {
    expect(codesLabel(task, activity)).toBe(expected);
  });

  it.each([
    [{ approved: 4, approvedMinutes: 378, unassigned: 0, withWarnings: 0 }, 'Approved 4 entries (6.3 h).'],
    [{ approved: 1, approvedMinutes: 30, unassigned: 1, withWarnings: 2 }, 'Approved 1 entry (0.5 h). Still drafts: 2 entries with warnings to approve one by one, 1 entry without a matter.'],
    [{ approved: 0, approvedMinutes: 0, unassigned: 0, withWarnings: 1 }, 'Nothing was approved. Still drafts: 1 entry with warnings to approve one by one.'],
  ])('approveAllNote %#', (result, expected) => {
    expect(approveAllNote(result)).toBe(expected);
  });
});
