import { describe, expect, it } from 'vitest';
import {
  agingBucket, basisPoints, digestWeeks, formatBasisPoints, formatDays, medianOf, minutesBetween, weekInstants, weekdaysWithoutTime,
} from '../../../src/core/digest.js';
import { measuresFor, priceWorkInProgress, type OpenEntryFact } from '../../../src/core/digest-figures.js';
import type { Client, Matter } from '../../../src/core/firm.js';
import { DEFAULT_GUIDELINES } from '../../../src/core/guidelines.js';

describe('digestWeeks', () => {
  it.each([
    ['2026-03-09', '2026-03-02', '2026-03-08', '2026-02-23', '2026-03-01'],
    ['2026-03-11', '2026-03-02', '2026-03-08', '2026-02-23', '2026-03-01'],
    ['2026-03-15', '2026-03-02', '2026-03-08', '2026-02-23', '2026-03-01'],
    ['2026-03-08', '2026-02-23', '2026-03-01', '2026-02-16', '2026-02-22'],
    ['2026-01-01', '2025-12-22', '2025-12-28', '2025-12-15', '2025-12-21'],
  ])('as of %s the week is %s..%s and the previous %s..%s', (asOf, start, end, prevStart, prevEnd) => {
    expect(digestWeeks(asOf)).toEqual({ week: { start, end }, previousWeek: { start: prevStart, end: prevEnd } });
  });
});

describe('weekInstants', () => {
  it.each([
    // US daylight saving starts Sun 8 Mar 2026: the week ends at 04:00Z, not 05:00Z.
    ['America/New_York', '2026-03-02T05:00:00.000Z', '2026-03-09T04:00:00.000Z'],
    ['UTC', '2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z'],
    ['Asia/Tokyo', '2026-03-01T15:00:00.000Z', '2026-03-08T15:00:00.000Z'],
  ])('in %s the week of 2 Mar runs from %s to %s', (zone, from, to) => {
    const range = weekInstants({ start: '2026-03-02', end: '2026-03-08' }, zone);
    expect([range.from.toISOString(), range.to.toISOString()]).toEqual([from, to]);
  });
});

describe('agingBucket', () => {
  it.each([[0, '0-30'], [30, '0-30'], [31, '31-60'], [60, '31-60'], [61, '61-90'], [90, '61-90'], [91, '91+'], [4000, '91+']])('%i days old → %s', (days, bucket) => {
    expect(agingBucket(days)).toBe(bucket);
  });

  it.each([-1, 1.5])('refuses %s days', (days) => {
    expect(() => agingBucket(days)).toThrow(/age in days/);
  });
});

describe('medianOf', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[1, 3], 2],
    [[1, 4], 2],
    [[10, 1, 7, 3], 5],
    [[-1, -4], -3],
    [[60, 210, 240, 29880], 225],
  ])('median of %j is %s', (values, median) => {
    expect(medianOf(values)).toBe(median);
  });
});

describe('basisPoints and formatBasisPoints', () => {
  it.each([
    [1, 3, 3333, '33.3%'],
    [2, 3, 6667, '66.7%'],
    [0, 5, 0, '0.0%'],
    [5, 5, 10000, '100.0%'],
    [12500, 107625, 1161, '11.6%'],
    [1, 20000, 1, '0.0%'],
    [1, 2000, 5, '0.1%'],
  ])('%i of %i is %i bp, %s', (part, whole, bp, text) => {
    expect(basisPoints(part, whole)).toBe(bp);
    expect(formatBasisPoints(bp)).toBe(text);
  });

  it('is null when there is nothing to measure', () => {
    expect(basisPoints(0, 0)).toBeNull();
  });
});

describe('formatDays and minutesBetween', () => {
  it.each([[4320, '3.0'], [2160, '1.5'], [7320, '5.1'], [71, '0.0'], [72, '0.1'], [-1440, '-1.0']])('%i minutes are %s days', (minutes, text) => {
    expect(formatDays(minutes)).toBe(text);
  });

  it.each([
    ['2026-03-02T10:00:00Z', '2026-03-02T10:00:59Z', 0],
    ['2026-03-02T10:00:00Z', '2026-03-02T10:01:00Z', 1],
    ['2026-03-02T10:00:30Z', '2026-03-02T10:00:00Z', -1],
    ['2026-01-06T15:00:00Z', '2026-02-26T15:00:00Z', 73440],
  ])('%s → %s is %i whole minutes', (from, to, minutes) => {
    expect(minutesBetween(new Date(from), new Date(to))).toBe(minutes);
  });
});

describe('weekdaysWithoutTime', () => {
  it.each([
    [[], ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']],
    [['2026-03-02', '2026-03-04', '2026-03-07'], ['2026-03-03', '2026-03-05', '2026-03-06']],
    [['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'], []],
  ])('with time on %j the gaps are %j', (recorded, gaps) => {
    expect(weekdaysWithoutTime({ start: '2026-03-02', end: '2026-03-08' }, new Set(recorded))).toEqual(gaps);
  });
});

describe('measuresFor', () => {
  const range = { from: new Date('2026-03-02T05:00:00Z'), to: new Date('2026-03-09T04:00:00Z') };
  const at = (iso: string) => new Date(iso);

  it('is all null when nothing happened in the week', () => {
    expect(measuresFor(range, [{ approvedAt: at('2026-03-09T04:00:00Z'), activityEnd: null, edited: true, origin: 'capture' }], [], [])).toEqual({
      activityToApprovalMinutes: null, approvalToInvoiceMinutes: null, editedShareBp: null, writeDownBp: null,
    });
  });

  it('leaves entries without activities out of the lag and manual entries out of the edited share', () => {
    const approvals = [
      { approvedAt: at('2026-03-02T05:00:00Z'), activityEnd: at('2026-03-02T04:00:00Z'), edited: false, origin: 'capture' as const },
      { approvedAt: at('2026-03-03T12:00:00Z'), activityEnd: null, edited: true, origin: 'capture' as const },
      { approvedAt: at('2026-03-03T12:00:00Z'), activityEnd: null, edited: true, origin: 'manual' as const },
    ];
    const invoices = [{ finalizedAt: at('2026-03-04T00:00:00Z'), feesCents: 3000, writtenDownCents: 1000 }, { finalizedAt: at('2026-03-01T00:00:00Z'), feesCents: 100, writtenDownCents: 100 }];
    expect(measuresFor(range, approvals, [{ approvedAt: at('2026-03-01T00:00:00Z'), finalizedAt: at('2026-03-04T00:00:00Z') }], invoices)).toEqual({
      activityToApprovalMinutes: 60, approvalToInvoiceMinutes: 4320, editedShareBp: 5000, writeDownBp: 3333,
    });
  });
});

describe('priceWorkInProgress', () => {
  const client: Client = { id: 1, code: 'ACME', name: 'Acme', domains: [], aliases: [], ledesClientId: null, guidelines: { ...DEFAULT_GUIDELINES, rateCaps: { PARTNR: 40000 } } };
  const matter: Matter = { id: 7, code: 'ACME-001', clientId: 1, name: 'Acme v. Beta', clientMatterId: null, status: 'open', keywords: [], slackChannels: [], defaultTaskCode: null, billable: true };
  const entry = (id: string, userId: number, minutes: number, matterId: number | null = 7): OpenEntryFact => ({
    id, version: 1, userId, workDate: '2026-03-03', billedMinutes: minutes, narrative: 'Drafted', taskCode: null, activityCode: null, warnings: [], status: 'approved', matterId, clientId: matterId === null ? null : 1,
  });

  it('prices like the invoice compile (rate caps, half up per entry) and flags missing rates', () => {
    const prices = priceWorkInProgress([entry('a', 1, 9), entry('b', 2, 60), entry('c', 3, 30), entry('d', 1, 6, null), { ...entry('e', 1, 60), status: 'draft' }], {
      currency: 'USD',
      rates: [{ userId: 1, clientId: null, matterId: 7, rateCents: 35050, effectiveFrom: null, effectiveTo: null }, { userId: 2, clientId: null, matterId: null, rateCents: 50000, effectiveFrom: null, effectiveTo: null }],
      clients: new Map([[1, client]]),
      matters: new Map([[7, matter]]),
      timekeepers: new Map([[1, { userId: 1, name: 'Max', timekeeperId: null, classification: null, email: 'max@x.example' }], [2, { userId: 2, name: 'Lee', timekeeperId: null, classification: 'PARTNR', email: 'lee@x.example' }]]),
    });
    // a: 9 × 35050 / 60 = 5257.5 → 5258; b: $500 capped at Acme's PARTNR cap $400 → 40000; c: no rate; d: no matter.
    expect(Object.fromEntries(prices)).toEqual({ a: { cents: 5258, noRate: false }, b: { cents: 40000, noRate: false }, c: { cents: 0, noRate: true }, d: { cents: 0, noRate: true } });
  });
});
