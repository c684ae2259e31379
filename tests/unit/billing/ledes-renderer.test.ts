import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { printedHours } from '../../../src/billing/renderers/export-fields.js';
import { ledesFeeAmounts } from '../../../src/billing/renderers/ledes-line-math.js';
import { LEDES_1998B_FIELDS, renderLedes } from '../../../src/billing/renderers/ledes.renderer.js';
import { ledesText } from '../../../src/billing/renderers/ledes-text.js';
import type { ErrorCode } from '../../../src/core/errors.js';
import type { InvoiceDocument, InvoiceLine } from '../../../src/core/invoice.js';
import { ACME_APRIL_DRAFT, ACME_MARCH, GLOBEX_MARCH, JOSE, adjustmentLine, feeLine, invoiceDoc } from '../../fixtures/ledes/documents.js';
import { parseLedes, validateLedes } from '../../support/ledes-parser.js';
import { expectAppError } from '../../support/expect-app-error.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/ledes/${name}`, import.meta.url), 'utf8');


/** A one-line invoice for March 2026 with the given line. */
function oneLine(line: InvoiceLine, fields: Partial<InvoiceDocument> = {}): InvoiceDocument {
  return invoiceDoc({
    id: 'c0ffee00-aaaa', number: 'N-1', status: 'issued', issueDate: '2026-04-01', periodStart: '2026-03-01', periodEnd: '2026-03-31',
    client: { code: 'ACME', name: 'Acme', ledesClientId: null }, matter: { code: 'ACME-001', name: 'Acme v. Beta', clientMatterId: 'X1' },
    lines: [line], ...fields,
  });
}

const fee = (fields: Partial<InvoiceLine> = {}): InvoiceLine =>
  feeLine(JOSE, { lineNo: 1, workDate: '2026-03-03', description: 'Review memo', minutes: 60, rateCents: 30000, amountCents: 30000, ...fields });

/** The values of the n-th record (0-based) by field name. */
function record(file: string, index = 0): Record<string, string> {
  const values = parseLedes(file).invoices.flatMap((invoice) => invoice.records)[index]?.values;
  if (values === undefined) throw new Error(`no record ${String(index)}`);
  return { ...values };
}

describe('renderLedes: hand-checked files, byte for byte', () => {
  it.each<[string, readonly InvoiceDocument[]]>([
    ['acme-march.txt', [ACME_MARCH]],
    ['two-invoices.txt', [GLOBEX_MARCH, ACME_APRIL_DRAFT]],
  ])('%s', (name, docs) => {
    const expected = fixture(name);
    expect(renderLedes(docs)).toBe(expected);
    expect(validateLedes(expected)).toEqual([]);
  });

  it('cuts the 2,000-character narrative at a word below 1,024 characters', () => {
    const description = record(renderLedes([GLOBEX_MARCH]), 1).LINE_ITEM_DESCRIPTION ?? '';
    expect(description).toHaveLength(1020);
    expect(description.endsWith('prior art for claim')).toBe(true);
  });

  it('writes only the two header lines for no invoices', () => {
    expect(renderLedes([])).toBe(`LEDES1998B[]\n${LEDES_1998B_FIELDS.join('|')}[]\n`);
  });
});

describe('printed hours', () => {
  it.each<[number, string, number]>([
    [0, '0.0', 0], [6, '0.1', 10], [90, '1.5', 150], [600, '10.0', 1000], [1440, '24.0', 2400],
    [45, '0.75', 75], [3, '0.05', 5], [9, '0.15', 15], [1425, '23.75', 2375],
    [1, '0.0', 0], [2, '0.0', 0], [4, '0.1', 10], [7, '0.1', 10], [50, '0.8', 80], [59, '1.0', 100], [61, '1.0', 100],
  ])('%i minutes → %s h', (minutes, text, hundredths) => {
    expect(printedHours(minutes)).toEqual({ text, hundredths });
  });

  it('refuses negative minutes', () => {
    expectAppError(() => printedHours(-6), 'INTERNAL', /minutes "-6" must be at least 0/);
  });
});

describe('LEDES line math: round(unit cost × units) to the cent + adjustment = total', () => {
  it.each<[string, number, number, number, [string, string, string, string]]>([
    ['0.1 × 333.33 = 33.333 → 33.33', 6, 33333, 3333, ['0.1', '333.33', '0.00', '33.33']],
    ['0.75 × 333.33 = 249.9975 → 250.00', 45, 33333, 25000, ['0.75', '333.33', '0.00', '250.00']],
    ['7 min print as 0.1 h: 38.89 − 33.33', 7, 33333, 3889, ['0.1', '333.33', '5.56', '38.89']],
    ['write-down of 150.00', 120, 37500, 60000, ['2.0', '375.00', '-150.00', '600.00']],
    ['remainder and write-down together', 50, 33333, 25000, ['0.8', '333.33', '-16.66', '250.00']],
    ['half-rate travel', 60, 40000, 20000, ['1.0', '400.00', '-200.00', '200.00']],
    ['0.05 × 0.10 = 0.005 → 0.01 (half up)', 3, 10, 1, ['0.05', '0.10', '0.00', '0.01']],
    ['0.3 × 333.33 = 99.999 → 100.00', 18, 33333, 10000, ['0.3', '333.33', '0.00', '100.00']],
    ['no rate (pro bono)', 30, 0, 0, ['0.5', '0.00', '0.00', '0.00']],
  ])('%s', (_name, minutes, rateCents, totalCents, [units, unitCost, adjustment, total]) => {
    expect(ledesFeeAmounts(minutes, rateCents, totalCents)).toEqual({ units, unitCost, adjustment, total, totalCents });
  });
});

describe('ledesText: the one sanitiser', () => {
  it.each<[string, string]>([
    ['a|b', 'a b'],
    ['x [] y', 'x y'],
    ['[[]]', ''],
    ['keep [this] note', 'keep [this] note'],
    ['ends with [', 'ends with'],
    ['line one\r\nline two\nthree\rfour', 'line one line two three four'],
    ['tab\there\u0000nul\u007Fdel', 'tab here nul del'],
    ['José Núñez', 'Jose Nunez'],
    ['“Quoted” it’s ‘single’ «guillemets»', '"Quoted" it\'s \'single\' "guillemets"'],
    ['Straße, Æsir, Łódź, Søren, Œuvre', 'Strasse, AEsir, Lodz, Soren, OEuvre'],
    ['42 U.S.C. § 1983 and §§ 4–7', '42 U.S.C. Section 1983 and Sections 4-7'],
    ['½ day … — 5 €', '1/2 day ... - 5 EUR'],
    ['zero\u200Bwidth non\u00A0breaking', 'zerowidth non breaking'],
    ['会议 with 😀 client', 'with client'],
    ['NULL', ''],
    ['null', ''],
    ['  many   spaces  ', 'many spaces'],
    ['20260331', '20260331'],
    ['-150.00', '-150.00'],
  ])('%j → %j', (input, output) => {
    expect(ledesText(input)).toBe(output);
  });

  it('cuts at a word below 1,024 characters', () => {
    const text = ledesText('abcdefghi '.repeat(200));
    expect(text).toHaveLength(1019);
    expect(text.endsWith('abcdefghi')).toBe(true);
  });

  it('never leaves | or [] in any field of a hostile invoice', () => {
    const hostile = '|[[]]|[\n]|x[';
    const doc = oneLine(fee({ description: hostile, taskCode: hostile, activityCode: hostile }), {
      number: `N${hostile}`, client: { code: hostile, name: hostile, ledesClientId: null },
      matter: { code: `M${hostile}`, name: hostile, clientMatterId: hostile }, firm: { name: 'F', lawFirmId: hostile },
    });
    const line = renderLedes([doc]).split('\n')[2] ?? '';
    expect(line.slice(0, -2)).not.toContain('[]');
    expect(line.split('|')).toHaveLength(24);
  });
});

describe('renderLedes: fields', () => {
  it('leaves optional fields empty (never NULL) and falls back to the client code', () => {
    const values = record(renderLedes([oneLine(fee({ taskCode: null, activityCode: null }), {
      firm: { name: 'F', lawFirmId: null }, matter: { code: 'ACME-001', name: 'Acme v. Beta', clientMatterId: null },
    })]));
    expect(values).toMatchObject({ CLIENT_ID: 'ACME', LAW_FIRM_ID: '', CLIENT_MATTER_ID: '', LINE_ITEM_TASK_CODE: '', LINE_ITEM_ACTIVITY_CODE: '' });
  });

  it('leaves TIMEKEEPER_ID empty when none is configured, which the validator reports', () => {
    const file = renderLedes([oneLine(feeLine({ ...JOSE, timekeeperId: null }, { lineNo: 1, workDate: '2026-03-03', description: 'Review',
      minutes: 6, rateCents: 30000, amountCents: 3000 }))]);
    expect(record(file).TIMEKEEPER_ID).toBe('');
    expect(validateLedes(file)).toEqual(['line 3: TIMEKEEPER_ID is empty on a fee line']);
  });

  it('dates an invoice-level adjustment without a work date on the last day of the period', () => {
    expect(record(renderLedes([oneLine(adjustmentLine(1, 'Discount', -1000))])).LINE_ITEM_DATE).toBe('20260331');
  });
});

describe('renderLedes: refuses inconsistent documents', () => {
  it.each<[string, () => InvoiceDocument[], ErrorCode, RegExp]>([
    ['a line dated after the period', () => [oneLine(fee({ workDate: '2026-04-01' }))], 'INTERNAL', /dated "2026-04-01", outside its billing period/],
    ['a line dated before the period', () => [oneLine(fee({ workDate: '2026-02-28' }))], 'INTERNAL', /outside its billing period/],
    ['a fee line without minutes', () => [oneLine(fee({ minutes: null }))], 'INTERNAL', /fee line 1 of invoice c0ffee00-aaaa has no minutes/],
    ['a fee line without a timekeeper', () => [oneLine(fee({ timekeeper: null }))], 'INTERNAL', /has no timekeeper/],
    ['a total that is not the sum of the lines', () => [{ ...oneLine(fee()), totalCents: 1 }], 'INTERNAL', /lines add up to 300.00, its total is 0.01/],
    ['a line number used twice', () => [oneLine(fee(), { lines: [fee(), fee()] })], 'INTERNAL', /uses a line number twice/],
    ['two invoices with one number', () => [oneLine(fee()), oneLine(fee())], 'INTERNAL', /invoice number "N-1" appears twice/],
    ['an issued invoice without a number', () => [oneLine(fee(), { number: null })], 'INTERNAL', /is issued but has no number/],
    ['an invoice without lines', () => [oneLine(fee(), { lines: [] })], 'INVALID_INPUT', /matter ACME-001 has no lines/],
  ])('%s', (_name, docs, code, message) => {
    expectAppError(() => renderLedes(docs()), code, message);
  });
});
