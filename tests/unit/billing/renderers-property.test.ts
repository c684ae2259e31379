import { describe, it, expect } from 'vitest';
import { renderCsv } from '../../../src/billing/renderers/csv.renderer.js';
import { renderLedes } from '../../../src/billing/renderers/ledes.renderer.js';
import type { InvoiceDocument, InvoiceLine } from '../../../src/core/invoice.js';
import { Randomizer, randomInvoice } from '../../fixtures/ledes/random-invoices.js';
import { parseLedes } from '../../support/ledes-parser.js';

const SEED = 20260331;
const INVOICES = 3000;

/** Random invoices in files of one to three invoices each, always the same for the seed. */
function randomFiles(seed: number): InvoiceDocument[][] {
  const random = new Randomizer(seed);
  const files: InvoiceDocument[][] = [];
  for (let made = 0; made < INVOICES;) {
    const file = Array.from({ length: Math.min(random.int(1, 3), INVOICES - made) }, () => randomInvoice(random));
    made += file.length;
    files.push(file);
  }
  return files;
}

const FILES = randomFiles(SEED);

/** Cents of a 2-decimal amount text, exactly. */
const cents = (text: string | undefined): number => Number(BigInt((text ?? 'x').replace('.', '')));

/** Independent formatting of what the CSV should hold, field by field. */
function amount(value: number): string {
  const magnitude = BigInt(Math.abs(value));
  return `${value < 0 ? '-' : ''}${String(magnitude / 100n)}.${String(magnitude % 100n).padStart(2, '0')}`;
}
const guard = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
function hours(minutes: number): string {
  if (minutes % 3 === 0 && minutes % 6 !== 0) return `${String(Math.trunc(minutes / 60))}.${String(((minutes % 60) * 5) / 3).padStart(2, '0')}`;
  const tenths = Math.floor((2 * minutes + 6) / 12);
  return `${String(Math.trunc(tenths / 10))}.${String(tenths % 10)}`;
}
const numberOf = (doc: InvoiceDocument): string => doc.number ?? `DRAFT-${doc.id.slice(0, 8)}`;

function expectedRow(doc: InvoiceDocument, line: InvoiceLine): string[] {
  const tk = line.timekeeper;
  return [guard(numberOf(doc)), doc.issueDate ?? doc.periodEnd, guard(doc.client.code), guard(doc.matter.code), guard(doc.matter.clientMatterId ?? ''),
    String(line.lineNo), line.kind, line.workDate ?? '', guard(tk?.name ?? ''), guard(tk?.timekeeperId ?? ''), guard(tk?.classification ?? ''),
    guard(line.taskCode ?? ''), guard(line.activityCode ?? ''), guard(line.description), line.minutes === null ? '' : hours(line.minutes),
    line.rateCents === null ? '' : amount(line.rateCents), amount(line.amountCents), amount(line.adjustmentCents),
    guard(line.adjustmentReason ?? ''), amount(line.amountCents + line.adjustmentCents), guard(doc.currency)];
}

/** A small strict RFC 4180 reader: records end with CRLF, quoted fields may hold anything, "" is a quote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let at = 0;
  while (at < text.length) {
    let field = '';
    if (text[at] === '"') {
      for (at += 1; ; at += 1) {
        if (at >= text.length) throw new Error('unterminated quoted field');
        if (text[at] === '"' && text[at + 1] === '"') {
          field += '"';
          at += 1;
        } else if (text[at] === '"') break;
        else field += text[at];
      }
      at += 1;
    } else {
      while (at < text.length && !',\r\n"'.includes(text[at] ?? '')) field += text[at++];
      if (text[at] === '"') throw new Error(`quote inside an unquoted field at ${String(at)}`);
    }
    row.push(field);
    if (text[at] === ',') at += 1;
    else if (text.startsWith('\r\n', at)) {
      rows.push(row);
      row = [];
      at += 2;
    } else throw new Error(`expected , or CRLF at ${String(at)}, found ${JSON.stringify(text.slice(at, at + 5))}`);
  }
  if (row.length > 0) throw new Error('the last record does not end with CRLF');
  return rows;
}

describe(`renderers on ${String(INVOICES)} random invoices (seed ${String(SEED)})`, () => {
  it('every LEDES file passes the independent validator and its totals equal the documents in cents', () => {
    for (const docs of FILES) {
      const parsed = parseLedes(renderLedes(docs));
      expect(parsed.problems, `invoices ${docs.map((doc) => doc.id).join(', ')}`).toEqual([]);
      expect(parsed.invoices.map((invoice) => invoice.number)).toEqual(docs.map((doc) => numberOf(doc).replaceAll('|', ' ')));
      docs.forEach((doc, index) => {
        const invoice = parsed.invoices[index];
        expect([invoice?.invoiceTotalCents, invoice?.lineTotalsCents]).toEqual([doc.totalCents, doc.totalCents]);
        expect(invoice?.records.map((record) => cents(record.values.LINE_ITEM_TOTAL))).toEqual(doc.lines.map((line) => line.amountCents + line.adjustmentCents));
      });
    }
  });

  it('every CSV file reads back, field for field, through an RFC 4180 reader', () => {
    for (const docs of FILES) {
      const rows = parseCsv(renderCsv(docs, { bom: false }));
      expect(rows.slice(1)).toEqual(docs.flatMap((doc) => doc.lines.map((line) => expectedRow(doc, line))));
    }
  });

  it('covers the cases that matter', () => {
    const lines = FILES.flat().flatMap((doc) => doc.lines);
    const fees = lines.filter((line) => line.kind === 'fee');
    expect(fees.filter((line) => (line.minutes ?? 0) % 6 !== 0 && (line.minutes ?? 0) % 3 === 0).length).toBeGreaterThan(100);
    expect(fees.filter((line) => (line.minutes ?? 0) % 3 !== 0).length).toBeGreaterThan(100);
    expect(fees.filter((line) => line.adjustmentCents < 0).length).toBeGreaterThan(100);
    expect(lines.filter((line) => line.kind === 'adjustment').length).toBeGreaterThan(100);
    expect(lines.filter((line) => line.description.length > 1023).length).toBeGreaterThan(10);
    expect(FILES.flat().filter((doc) => doc.status === 'draft').length).toBeGreaterThan(100);
    expect(FILES.filter((docs) => docs.length > 1).length).toBeGreaterThan(100);
  });
});
