import { describe, expect, it } from 'vitest';
import { buildPreBillView, periodLabelOf } from '../../../../src/bots/commands/pre-bill.view-builder.js';
import type { InvoiceDocument, InvoiceLine } from '../../../../src/core/invoice.js';

const robert = { userId: 1, name: 'Robert Arnsley', timekeeperId: '22547', classification: 'PARTNR' };
const carla = { userId: 4, name: 'Carla Mendes', timekeeperId: '22815', classification: 'PARLEG' };

function fee(lineNo: number, minutes: number, rateCents: number, extra: Partial<InvoiceLine> = {}): InvoiceLine {
  return {
    lineNo, kind: 'fee', entryId: `e${String(lineNo)}`, entryVersion: 1, workDate: '2026-03-02', timekeeper: robert, description: 'work',
    minutes, rateCents, amountCents: (minutes * rateCents) / 60, adjustmentCents: 0, adjustmentReason: null, rateNote: null, taskCode: null, activityCode: null, ...extra,
  };
}

function aDoc(overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
  return {
    id: 'inv-1', number: null, status: 'draft', issueDate: null, periodStart: '2026-03-01', periodEnd: '2026-03-31', currency: 'USD',
    firm: { name: 'Arnsley & Beaster LLP', lawFirmId: null },
    client: { code: 'ACME', name: 'Acme Corp', ledesClientId: null },
    matter: { code: 'ACME-001', name: 'Acme v. Beta Industries', clientMatterId: '423-987' },
    lines: [
      fee(1, 60, 60000),
      fee(2, 12, 60000, { adjustmentCents: -5000, adjustmentReason: 'duplicate research' }),
      fee(3, 48, 19500, { timekeeper: carla }),
      { ...fee(4, 0, 0), kind: 'adjustment', entryId: null, minutes: null, rateCents: null, timekeeper: null, amountCents: -10000, description: 'First-invoice discount' },
    ],
    feesCents: 87600, adjustmentCents: -15000, totalCents: 72600,
    timekeepers: [
      { timekeeper: carla, minutes: 48, rateCents: 19500, amountCents: 15600 },
      { timekeeper: robert, minutes: 72, rateCents: null, amountCents: 72000 },
    ],
    warnings: [{ code: 'rate_capped', message: "2 line(s) reduced to Acme Corp's rate caps" }],
    awaiting: { count: 3, minutes: 144, people: ['Alice Harlow', 'Ben Finch'] },
    ...overrides,
  };
}

const base = { clientName: 'Acme Corp', periodLabel: 'March 2026', awaitingOnly: [], currency: 'USD', canVoid: true };

describe('buildPreBillView', () => {
  it('words one matter section with hours, money, timekeepers, write-downs, warnings and who still has drafts', () => {
    const view = buildPreBillView({ ...base, invoices: [aDoc()] });
    expect(view).toEqual({
      kind: 'pre-bill',
      title: 'Acme Corp — March 2026 — pre-bill',
      matters: [{
        invoiceId: 'inv-1', status: 'draft', number: null,
        matter: { code: 'ACME-001', name: 'Acme v. Beta Industries' },
        hours: '2.0', fees: '$876.00', total: '$726.00',
        timekeepers: [
          { name: 'Carla Mendes', hours: '0.8', rate: '$195.00', amount: '$156.00' },
          { name: 'Robert Arnsley', hours: '1.2', rate: 'various', amount: '$720.00' },
        ],
        adjustments: ['Write-down −$50.00 on line 2: duplicate research', 'Write-down −$100.00: First-invoice discount'],
        warnings: ["2 line(s) reduced to Acme Corp's rate caps"],
        awaiting: '3 drafts (2.4 h) in this period still awaiting approval from A. Harlow, B. Finch',
      }],
      awaitingOnly: [],
      total: '$726.00',
      canVoid: true,
    });
  });

  it.each([
    ['only drafts', ['draft', 'draft'], 'Acme Corp — March 2026 — pre-bill', '$1,452.00'],
    ['one issued, one draft', ['issued', 'draft'], 'Acme Corp — March 2026 — pre-bill', '$726.00'],
    ['all issued', ['issued', 'issued'], 'Acme Corp — March 2026 — invoices', '$0.00'],
    ['issued and void', ['issued', 'void'], 'Acme Corp — March 2026 — invoices', '$0.00'],
  ] as const)('%s: title and the drafts\' total for Finalize', (_name, statuses, title, total) => {
    const invoices = statuses.map((status, i) => aDoc({ id: `inv-${String(i)}`, status, number: status === 'draft' ? null : `2026-000${String(i + 1)}` }));
    const view = buildPreBillView({ ...base, invoices });
    expect(view.title).toBe(title);
    expect(view.total).toBe(total);
    expect(view.matters.map((m) => [m.status, m.number])).toEqual(invoices.map((d) => [d.status, d.number]));
  });

  it.each([
    [{ count: 0, minutes: 0, people: [] }, null],
    [{ count: 1, minutes: 6, people: [] }, '1 draft (0.1 h) in this period still awaiting approval'],
    [{ count: 2, minutes: 90, people: ['Carla Mendes'] }, '2 drafts (1.5 h) in this period still awaiting approval from C. Mendes'],
  ])('awaiting %o → %s', (awaiting, text) => {
    expect(buildPreBillView({ ...base, invoices: [aDoc({ awaiting })] }).matters[0]?.awaiting).toBe(text);
  });

  it('lists matters with only unapproved drafts, and words money in the invoice currency', () => {
    const view = buildPreBillView({ ...base, invoices: [aDoc({ currency: 'EUR', lines: [fee(1, 30, 40000, { adjustmentCents: 2500, adjustmentReason: 'agreed uplift' })] })], awaitingOnly: [{ matter: 'ACME-002', count: 2, minutes: 72 }, { matter: 'ACME-003', count: 1, minutes: 6 }] });
    expect(view.awaitingOnly).toEqual(['ACME-002: 2 drafts (1.2 h) awaiting approval', 'ACME-003: 1 draft (0.1 h) awaiting approval']);
    expect(view.matters[0]).toMatchObject({ fees: '€876.00', total: '€726.00', adjustments: ['Write-up +€25.00 on line 1: agreed uplift'] });
    expect(view.total).toBe('€726.00');
  });

  it('has nothing but the header when there is nothing to bill, in the firm currency', () => {
    expect(buildPreBillView({ ...base, currency: 'GBP', invoices: [], awaitingOnly: [{ matter: 'ACME-002', count: 1, minutes: 12 }] })).toEqual({
      kind: 'pre-bill', title: 'Acme Corp — March 2026 — pre-bill', matters: [], awaitingOnly: ['ACME-002: 1 draft (0.2 h) awaiting approval'], total: '£0.00', canVoid: true,
    });
  });
});

describe('periodLabelOf', () => {
  it.each([
    ['2026-03-01', '2026-03-31', 'March 2026'],
    ['2026-02-01', '2026-02-28', 'February 2026'],
    ['2026-01-01', '2026-03-31', 'Q1 2026'],
    ['2026-10-01', '2026-12-31', 'Q4 2026'],
    ['2026-01-01', '2026-12-31', '2026'],
    ['2026-03-01', '2026-03-15', '1 Mar – 15 Mar 2026'],
    ['2026-03-05', '2026-03-05', '5 Mar 2026'],
    ['2025-12-15', '2026-01-10', '15 Dec 2025 – 10 Jan 2026'],
  ])('%s..%s → %s', (start, end, label) => {
    expect(periodLabelOf(start, end)).toBe(label);
  });
});
