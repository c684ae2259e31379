import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { LEDES_1998B_HEADER, parseLedes, validateLedes } from '../../support/ledes-parser.js';

const VALID = readFileSync(new URL('../../fixtures/ledes/acme-march.txt', import.meta.url), 'utf8');
const TWO = readFileSync(new URL('../../fixtures/ledes/two-invoices.txt', import.meta.url), 'utf8');

/** The valid file with one field of one record (0-based among records) replaced. */
function withField(field: string, value: string, index = 0, text = VALID): string {
  const lines = text.split('\n');
  const position = LEDES_1998B_HEADER.indexOf(field as (typeof LEDES_1998B_HEADER)[number]);
  const line = lines[index + 2] ?? '';
  const parts = line.slice(0, -2).split('|');
  parts[position] = value;
  lines[index + 2] = `${parts.join('|')}[]`;
  return lines.join('\n');
}

/** A one-record file from the valid one's first record with its money and time fields replaced. */
function oneRecord(units: string, unitCost: string, adjustment: string, total: string): string {
  const [head = '', header = '', first = ''] = VALID.split('\n');
  let text = `${head}\n${header}\n${first}\n`;
  for (const [field, value] of [['LINE_ITEM_NUMBER_OF_UNITS', units], ['LINE_ITEM_UNIT_COST', unitCost],
    ['LINE_ITEM_ADJUSTMENT_AMOUNT', adjustment], ['LINE_ITEM_TOTAL', total], ['INVOICE_TOTAL', total]] as const) {
    text = withField(field, value, 0, text);
  }
  return text;
}

describe('parseLedes on valid files', () => {
  it('reads the invoices, their records and their totals in cents', () => {
    const parsed = parseLedes(TWO);
    expect(parsed.problems).toEqual([]);
    expect(parsed.invoices.map(({ number, records, invoiceTotalCents, lineTotalsCents }) => [number, records.length, invoiceTotalCents, lineTotalsCents]))
      .toEqual([['2026-0008', 2, 180000, 180000], ['DRAFT-f3a9c2e1', 3, 46250, 46250]]);
    expect(parsed.invoices[1]?.records[0]).toMatchObject({ lineNumber: 5, values: { TIMEKEEPER_NAME: 'Arnsley, Robert', CLIENT_MATTER_ID: '' } });
  });
});

describe('the line math rule at the printed precision', () => {
  it.each<[string, string, string, string, boolean]>([
    ['0.1', '333.33', '0.00', '33.33', true],
    ['0.1', '333.33', '0.01', '33.33', false],
    ['0.1', '333.33', '0.00', '33.34', false],
    ['0.75', '333.33', '0.00', '250.00', true],
    ['0.75', '333.33', '-0.01', '249.99', true],
    ['0.05', '0.10', '0.00', '0.01', true],
    ['0.05', '0.10', '0.00', '0.00', false],
    ['0.15', '3.33', '0.00', '0.50', true],
    ['0.1', '333.33', '5.56', '38.89', true],
    ['2.0', '375.00', '-150.00', '600.00', true],
    ['0', '0.00', '-50.00', '-50.00', true],
  ])('%s × %s + %s = %s is %s', (units, unitCost, adjustment, total, valid) => {
    const problems = validateLedes(oneRecord(units, unitCost, adjustment, total));
    expect(problems.some((problem) => problem.includes('≠ LINE_ITEM_TOTAL'))).toBe(!valid);
  });
});

describe('validateLedes finds every kind of problem', () => {
  const lines = VALID.split('\n');
  it.each<[string, string, string]>([
    ['a wrong first line', VALID.replace('LEDES1998B[]', 'LEDES1998[]'), 'line 1 is not LEDES1998B[]'],
    ['a wrong header', VALID.replace('|CLIENT_ID|', '|CLIENT|'), 'line 2 is not the 1998B header'],
    ['CRLF line ends', VALID.replaceAll('\n', '\r\n'), 'the file has CR characters (LF line ends only)'],
    ['no final line feed', VALID.slice(0, -1), 'the file does not end with a line feed'],
    ['no line items', `${lines.slice(0, 2).join('\n')}\n`, 'the file has no line items'],
    ['a record without []', VALID.replace('423-987[]\n', '423-987\n'), 'line 3: does not end with []'],
    ['[] inside a value', withField('LINE_ITEM_DESCRIPTION', 'a [] b'), 'line 3: holds [] inside a value'],
    ['a pipe inside a value', withField('LINE_ITEM_DESCRIPTION', 'a | b'), 'line 3: has 25 fields, not 24'],
    ['non-ASCII text', withField('TIMEKEEPER_NAME', 'Núñez, José', 1), 'line 4: not printable ASCII'],
    ['the text NULL', withField('LAW_FIRM_ID', 'NULL'), 'line 3: LAW_FIRM_ID is the text NULL (leave it empty)'],
    ['a date that does not exist', withField('LINE_ITEM_DATE', '20260230'), 'line 3: LINE_ITEM_DATE "20260230" is not a real YYYYMMDD date'],
    ['a date with dashes', withField('LINE_ITEM_DATE', '2026-03-02'), 'line 3: LINE_ITEM_DATE "2026-03-02" is not a real YYYYMMDD date'],
    ['a line outside the period', withField('LINE_ITEM_DATE', '20260401'), 'line 3: LINE_ITEM_DATE 20260401 is outside the billing period 20260301–20260331'],
    ['money with a symbol', withField('LINE_ITEM_UNIT_COST', '$375.00'), 'line 3: LINE_ITEM_UNIT_COST "$375.00" is not an amount with 2 decimals'],
    ['money with a plus sign', withField('LINE_ITEM_ADJUSTMENT_AMOUNT', '+0.00'), 'LINE_ITEM_ADJUSTMENT_AMOUNT "+0.00" is not an amount with 2 decimals'],
    ['money with 3 decimals', withField('LINE_ITEM_ADJUSTMENT_AMOUNT', '-0.003'), 'LINE_ITEM_ADJUSTMENT_AMOUNT "-0.003" is not an amount with 2 decimals'],
    ['negative units', withField('LINE_ITEM_NUMBER_OF_UNITS', '-1.5'), 'LINE_ITEM_NUMBER_OF_UNITS "-1.5" is not a non-negative number'],
    ['a wrong line total', withField('LINE_ITEM_TOTAL', '562.51'), 'line 3: 375.00 × 1.5 + 0.00 ≠ LINE_ITEM_TOTAL 562.51'],
    ['an invoice total that is not the sum', withField('INVOICE_TOTAL', '1539.73', 6), 'INVOICE_TOTAL differs between its lines'],
    ['an invoice description that differs', withField('INVOICE_DESCRIPTION', 'Other', 2), 'invoice 2026-0007: INVOICE_DESCRIPTION differs between its lines'],
    ['a description of 1,024 characters', withField('LINE_ITEM_DESCRIPTION', 'x'.repeat(1024)), 'LINE_ITEM_DESCRIPTION has 1024 characters (must be under 1,024)'],
    ['an empty description', withField('LINE_ITEM_DESCRIPTION', ''), 'line 3: LINE_ITEM_DESCRIPTION is empty'],
    ['a fee line without a timekeeper name', withField('TIMEKEEPER_NAME', ''), 'line 3: TIMEKEEPER_NAME is empty on a fee line'],
    ['a fee line with an expense code', withField('LINE_ITEM_EXPENSE_CODE', 'E101'), 'LINE_ITEM_EXPENSE_CODE is filled on a fee line'],
    ['an IF line with a timekeeper', withField('TIMEKEEPER_ID', '22547', 6), 'line 9: TIMEKEEPER_ID is filled on an invoice-level adjustment'],
    ['an unknown type', withField('EXP/FEE/INV_ADJ_TYPE', 'X'), 'EXP/FEE/INV_ADJ_TYPE "X" is not F, E, IF or IE'],
    ['a bad task code', withField('LINE_ITEM_TASK_CODE', 'L25'), 'LINE_ITEM_TASK_CODE is not a UTBMS code'],
    ['a line number used twice', withField('LINE_ITEM_NUMBER', '1', 1), 'invoice 2026-0007: a LINE_ITEM_NUMBER is used twice'],
    ['an invoice split by another', withField('INVOICE_NUMBER', 'OTHER', 1), 'line 5: invoice 2026-0007 continues after another invoice'],
  ])('%s', (_name, text, problem) => {
    expect(validateLedes(text).some((found) => found.includes(problem))).toBe(true);
  });

  it('checks INVOICE_TOTAL against the sum of the printed line totals', () => {
    let text = VALID;
    for (let index = 0; index < 7; index += 1) text = withField('INVOICE_TOTAL', '1539.73', index, text);
    expect(validateLedes(text)).toEqual(['invoice 2026-0007: INVOICE_TOTAL 1539.73 ≠ sum of LINE_ITEM_TOTALs (153972 cents)']);
  });
});
