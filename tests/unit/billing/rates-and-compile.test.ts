import { describe, expect, it } from 'vitest';
import type { Client, Matter, Rate } from '../../../src/core/firm.js';
import { DEFAULT_GUIDELINES } from '../../../src/core/guidelines.js';
import { compileInvoice, dayCapWarning, type BillableEntry } from '../../../src/core/invoice-compile.js';
import { formatInvoiceNumber, sequenceScope } from '../../../src/core/invoice-number.js';
import { resolveRate } from '../../../src/core/rates.js';

const rate = (o: Partial<Rate>): Rate => ({ userId: null, clientId: null, matterId: null, rateCents: 0, effectiveFrom: null, effectiveTo: null, ...o });
const RATES: Rate[] = [
  rate({ userId: 1, rateCents: 30000 }),
  rate({ userId: 1, clientId: 10, rateCents: 32000 }),
  rate({ clientId: 10, rateCents: 31000 }),
  rate({ matterId: 100, rateCents: 35000 }),
  rate({ userId: 1, matterId: 100, rateCents: 39500, effectiveTo: '2026-06-30' }),
  rate({ userId: 1, matterId: 100, rateCents: 42500, effectiveFrom: '2026-07-01' }),
  rate({ userId: 2, rateCents: 20000 }),
];

describe('resolveRate: most specific rate in force', () => {
  it.each([
    ['matter + timekeeper before its change', { userId: 1, matterId: 100, clientId: 10 }, '2026-06-30', 39500, 'matter+timekeeper'],
    ['matter + timekeeper after its change', { userId: 1, matterId: 100, clientId: 10 }, '2026-07-01', 42500, 'matter+timekeeper'],
    ['matter for someone without a matter rate', { userId: 2, matterId: 100, clientId: 10 }, '2026-03-01', 35000, 'matter'],
    ['client + timekeeper on another matter', { userId: 1, matterId: 101, clientId: 10 }, '2026-03-01', 32000, 'client+timekeeper'],
    ['client for someone else on another matter', { userId: 2, matterId: 101, clientId: 10 }, '2026-03-01', 31000, 'client'],
    ['the timekeeper\'s standard rate elsewhere', { userId: 2, matterId: 200, clientId: 20 }, '2026-03-01', 20000, 'timekeeper'],
  ] as const)('%s', (_name, who, date, cents, source) => {
    expect(resolveRate(RATES, who, date)).toEqual({ rateCents: cents, source });
  });

  it('gives null when nothing applies', () => {
    expect(resolveRate(RATES, { userId: 3, matterId: 200, clientId: 20 }, '2026-03-01')).toBeNull();
  });
});

const CLIENT: Client = { id: 10, code: 'ACME', name: 'Acme Corp', domains: [], aliases: [], ledesClientId: null, guidelines: { ...DEFAULT_GUIDELINES, rateCaps: { PARTNR: 60000 }, travelRatePercent: 50, maxMinutesPerDay: 480 } };
const MATTER: Matter = { id: 100, code: 'ACME-001', clientId: 10, name: 'Acme v. Beta', clientMatterId: '423-987', status: 'open', keywords: [], slackChannels: [], defaultTaskCode: null, billable: true };
const TIMEKEEPERS = new Map([
  [1, { userId: 1, name: 'Robert Arnsley', timekeeperId: '22547', classification: 'PARTNR', email: 'robert@firm.example' }],
  [2, { userId: 2, name: 'Carla Mendes', timekeeperId: '22815', classification: 'PARLEG', email: 'carla@firm.example' }],
]);
const entry = (o: Partial<BillableEntry>): BillableEntry => ({ id: 'e1', version: 1, userId: 2, workDate: '2026-03-02', billedMinutes: 60, narrative: 'Draft motion', taskCode: 'L250', activityCode: 'A103', warnings: [], ...o });
const compile = (entries: BillableEntry[], extra: Partial<Parameters<typeof compileInvoice>[0]> = {}) =>
  compileInvoice({ client: CLIENT, matter: MATTER, currency: 'USD', rates: [...RATES, rate({ userId: 1, matterId: 100, rateCents: 67500, effectiveFrom: '2026-01-01', effectiveTo: '2026-03-31' })], timekeepers: TIMEKEEPERS, entries, lineAdjustments: new Map(), invoiceAdjustments: [], ...extra });

describe('compileInvoice', () => {
  it.each([
    ['an ordinary line at the matter rate', entry({ billedMinutes: 36 }), 35000, 21000, null],
    ['a partner above the client cap', entry({ userId: 1, billedMinutes: 6 }), 60000, 6000, 'capped at $600.00/h'],
    ['non-working travel at half', entry({ narrative: 'Travel to Chicago for deposition', billedMinutes: 120 }), 35000, 35000, 'travel billed at 50%'],
    ['a third-of-a-cent product rounds half up', entry({ billedMinutes: 1 }), 35000, 583, null],
  ])('prices %s', (_name, e, rateCents, amountCents, note) => {
    const [line] = compile([e]).lines;
    expect(line).toMatchObject({ rateCents, amountCents });
    if (note) expect(line?.rateNote).toContain(note);
    else expect(line?.rateNote).toBeNull();
  });

  it('carries write-downs, adds invoice-level adjustments, and totals in cents', () => {
    const result = compile([entry({ id: 'a', billedMinutes: 60 }), entry({ id: 'b', userId: 1, billedMinutes: 30 })], {
      lineAdjustments: new Map([['a', { amountCents: -5000, reason: 'Courtesy' }]]),
      invoiceAdjustments: [{ amountCents: -1234, reason: 'Volume discount' }],
    });
    expect(result).toMatchObject({ feesCents: 35000 + 30000, adjustmentCents: -5000 - 1234, totalCents: 65000 - 6234 });
    expect(result.lines.map((l) => [l.lineNo, l.kind, l.adjustmentCents, l.adjustmentReason])).toEqual([[1, 'fee', -5000, 'Courtesy'], [2, 'fee', 0, null], [3, 'adjustment', 0, null]]);
    expect(result.timekeepers.map((t) => [t.timekeeper.name, t.minutes, t.rateCents, t.amountCents])).toEqual([['Carla Mendes', 60, 35000, 35000], ['Robert Arnsley', 30, 60000, 30000]]);
  });

  it('warns about lines without a rate and entries with guideline warnings', () => {
    const codes = compile([entry({ userId: 3 }), entry({ id: 'w', userId: 2, warnings: [{ code: 'banned_phrase', message: 'x' }] })], { rates: [rate({ userId: 2, rateCents: 20000 })] }).warnings.map((w) => w.code);
    expect(codes).toEqual(['no_rate', 'entry_warnings']);
  });

  it('keeps the same line order whatever order the entries come in', () => {
    const entries = [entry({ id: 'z', workDate: '2026-03-03' }), entry({ id: 'y', userId: 1, narrative: 'B' }), entry({ id: 'x', narrative: 'A' })];
    const order = (list: BillableEntry[]) => compile(list).lines.map((l) => l.entryId);
    expect(order(entries)).toEqual(['x', 'y', 'z']);
    expect(order([...entries].reverse())).toEqual(['x', 'y', 'z']);
  });

  it('flags timekeeper-days over the client\'s daily cap across matters', () => {
    expect(dayCapWarning([entry({ billedMinutes: 300 }), entry({ billedMinutes: 200 }), entry({ userId: 1, billedMinutes: 480 })], CLIENT)?.message).toBe("1 timekeeper-day(s) over Acme Corp's 8.0 h/day cap");
    expect(dayCapWarning([entry({ billedMinutes: 480 })], CLIENT)).toBeNull();
  });
});

describe('invoice numbers', () => {
  it.each([
    ['{YYYY}-{seq:4}', 42, '2026-03-31', '2026-0042', '2026'],
    ['INV{seq}', 7, '2026-03-31', 'INV7', 'all'],
    ['{YY}{MM}-{seq:3}', 5, '2026-11-02', '2611-005', '2026-11'],
    ['{YYYY}-{seq:2}', 123, '2026-01-01', '2026-123', '2026'],
  ])('%s with %i on %s → %s (sequence %s)', (format, seq, date, number, scope) => {
    expect(formatInvoiceNumber(format, seq, date)).toBe(number);
    expect(sequenceScope(format, date)).toBe(scope);
  });

  it('refuses a format without {seq} and a sequence below 1', () => {
    expect(() => formatInvoiceNumber('{YYYY}', 1, '2026-01-01')).toThrow(/has no \{seq\}/);
    expect(() => formatInvoiceNumber('{seq}', 0, '2026-01-01')).toThrow(/invalid invoice sequence/);
  });
});
