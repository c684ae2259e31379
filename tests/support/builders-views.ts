import type { PreBillMatterView, PreBillView } from '../../src/bots/views/pre-bill.view.js';
import type { DailyReviewView, EntryView, MatterChoice } from '../../src/bots/views/review.view.js';

/** A stable UUID for the n-th test entity. */
export function testUuid(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** `count` recent matters: ACME-001 · Acme v. Beta 1, … */
export function someMatters(count: number): MatterChoice[] {
  return Array.from({ length: count }, (_, i) => ({ code: `ACME-${String(i + 1).padStart(3, '0')}`, name: `Acme v. Beta ${i + 1}` }));
}

/** One ordinary draft on the daily card, to vary per test. */
export function anEntryView(overrides: Partial<EntryView> = {}): EntryView {
  return {
    id: testUuid(1),
    version: 1,
    status: 'draft',
    matter: { code: 'ACME-001', name: 'Acme v. Beta' },
    hours: '1.5',
    actualNote: 'actual 1 h 23 min',
    narrative: 'Drafted motion to compel production of documents responsive to the second request; conferred with opposing counsel regarding the schedule.',
    codes: 'L120 · A103',
    taskCode: 'L120',
    activityCode: 'A103',
    evidence: "Meeting 9:00–10:00 'Deposition prep' with J. Doe (northwind.com) · 1 email",
    warnings: [],
    offerChangeMatter: false,
    maxNarrativeLength: 500,
    ...overrides,
  };
}

/** `count` drafts with distinct ids; every fifth has a warning, every seventh is unassigned. */
export function someEntries(count: number, overrides: Partial<EntryView> = {}, firstId = 1): EntryView[] {
  return Array.from({ length: count }, (_, i) => {
    const n = firstId + i;
    return anEntryView({
      id: testUuid(n),
      version: 1 + (n % 3),
      matter: n % 7 === 0 ? null : { code: `ACME-${String((n % 9) + 1).padStart(3, '0')}`, name: `Acme v. Beta ${(n % 9) + 1}` },
      offerChangeMatter: n % 7 === 0,
      warnings: n % 5 === 0 ? ["Globex forbids 'review file'"] : [],
      ...overrides,
    });
  });
}

/** A daily review card of `pending` drafts and `done` decided entries. */
export function aDailyReviewView(shape: { pending?: number; done?: number; entry?: Partial<EntryView>; matters?: number } = {}, overrides: Partial<DailyReviewView> = {}): DailyReviewView {
  const pending = someEntries(shape.pending ?? 3, shape.entry);
  const done = someEntries(shape.done ?? 0, { status: 'approved', ...shape.entry }, 1000);
  const assigned = pending.filter((e) => e.matter !== null && e.warnings.length === 0);
  return {
    kind: 'daily-review',
    ownerId: 42,
    ownerName: 'Max Rowe',
    date: '2026-03-02',
    title: `Your time for Mon 2 Mar — ${((pending.length + done.length) * 1.5).toFixed(1)} h drafted across 4 matters`,
    subtitle: `${(done.length * 1.5).toFixed(1)} h approved`,
    pending,
    done,
    approveAll: assigned.length > 0 ? { count: assigned.length, hours: (assigned.length * 1.5).toFixed(1) } : null,
    complete: pending.length === 0 ? `Day complete — ${(done.length * 1.5).toFixed(1)} h approved` : null,
    recentMatters: someMatters(shape.matters ?? 8),
    note: null,
    ...overrides,
  };
}

/** One matter's draft invoice on the pre-bill card. */
export function aPreBillMatterView(overrides: Partial<PreBillMatterView> = {}): PreBillMatterView {
  return {
    invoiceId: testUuid(500),
    status: 'draft',
    number: null,
    matter: { code: 'ACME-001', name: 'Acme v. Beta' },
    hours: '12.5',
    fees: '$4,000.00',
    total: '$4,210.00',
    timekeepers: [
      { name: 'Lee Park', hours: '4.0', rate: '$550.00', amount: '$2,200.00' },
      { name: 'Max Rowe', hours: '8.5', rate: '$300.00', amount: '$2,550.00' },
    ],
    adjustments: ['Write-down −$120.00: duplicate research'],
    warnings: ["2 entries over Acme's 8 h/day cap"],
    awaiting: '3 drafts (2.4 h) in this period still awaiting approval from A. Harlow, B. Finch',
    ...overrides,
  };
}

/** A pre-bill of `matters` draft invoices. */
export function aPreBillView(shape: { matters?: number; matter?: Partial<PreBillMatterView> } = {}, overrides: Partial<PreBillView> = {}): PreBillView {
  const matters = Array.from({ length: shape.matters ?? 2 }, (_, i) =>
    aPreBillMatterView({ invoiceId: testUuid(500 + i), matter: { code: `ACME-${String(i + 1).padStart(3, '0')}`, name: `Acme matter ${i + 1}` }, ...shape.matter }),
  );
  return {
    kind: 'pre-bill',
    title: 'Acme Corp — March 2026 — pre-bill',
    matters,
    awaitingOnly: ['ACME-009: 2 drafts (1.2 h) awaiting approval'],
    total: '$8,420.00',
    canVoid: true,
    ...overrides,
  };
}
