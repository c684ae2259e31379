import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { INVOICE_CSV_COLUMNS, UTF8_BOM, csvField, guardFormula, renderCsv } from '../../../src/billing/renderers/csv.renderer.js';
import { ACME_APRIL_DRAFT, ACME_MARCH } from '../../fixtures/ledes/documents.js';

describe('renderCsv', () => {
  it('renders the hand-checked file byte for byte (BOM, CRLF, quoting, formula guard)', () => {
    const expected = readFileSync(new URL('../../fixtures/ledes/acme-march.csv', import.meta.url), 'utf8');
    expect(renderCsv([ACME_MARCH])).toBe(expected);
  });

  it('writes plain RFC 4180 text without the byte order mark when asked', () => {
    const text = renderCsv([], { bom: false });
    expect(text).toBe(`${INVOICE_CSV_COLUMNS.join(',')}\r\n`);
    expect(renderCsv([])).toBe(`${UTF8_BOM}${text}`);
  });

  it('numbers a draft DRAFT- and 8 id characters, dates it at the period end, and guards its formula-like narrative', () => {
    const rows = renderCsv([ACME_APRIL_DRAFT], { bom: false }).split('\r\n');
    expect(rows[1]).toBe('DRAFT-f3a9c2e1,2026-04-30,ACME,ACME-002,,1,fee,2026-04-06,Robert Arnsley,22547,PARTNR,,A103,'
      + 'Revise supply agreement §§ 4–7 per client’s comments,0.5,375.00,187.50,0.00,,187.50,USD');
    expect(rows[2]).toBe('DRAFT-f3a9c2e1,2026-04-30,ACME,ACME-002,,2,fee,2026-04-07,José Núñez,30112,ASSOC,L120,A104,'
      + '"\'=HYPERLINK(""http://x.example"",""Beta"") review",0.8,333.33,277.78,-27.78,Round down to 250.00,250.00,USD');
    expect(rows[3]).toBe('DRAFT-f3a9c2e1,2026-04-30,ACME,ACME-002,,3,adjustment,2026-04-15,,,,,,Rush fee per engagement letter,,,25.00,0.00,,25.00,USD');
  });
});

describe('guardFormula: text a spreadsheet would run is shown as text', () => {
  it.each<[string, string]>([
    ['=1+1', "'=1+1"],
    ['+1 555 0100', "'+1 555 0100"],
    ['-20% discount', "'-20% discount"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=cmd', "'\t=cmd"],
    ['\r=cmd', "'\r=cmd"],
    ['Review = fine in the middle', 'Review = fine in the middle'],
    [' =leading space is not a formula', ' =leading space is not a formula'],
    ['', ''],
  ])('%j → %j', (input, output) => {
    expect(guardFormula(input)).toBe(output);
  });
});

describe('csvField: RFC 4180 quoting', () => {
  it.each<[string, string]>([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\ronly', '"cr\ronly"'],
    ['', ''],
    ['José | [] ; tab\t', 'José | [] ; tab\t'],
  ])('%j → %j', (input, output) => {
    expect(csvField(input)).toBe(output);
  });
});
