import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { InvoiceDocument, InvoiceLine } from '../../core/invoice.js';
import { printedHours } from './export-fields.js';
import { dateText, money, right, th, thRight } from './pdf-styles.js';
import { SUMMARY_LAYOUT, headedTable, ruledLayout, rowFitsPage, widths } from './pdf-tables.js';

// The lines of an invoice: the fee detail and the adjustments.

/** From this many fee lines on, the fee table drops its striping and row rules: fewer drawing operations per row. */
export const LARGE_INVOICE_LINES = 1000;

const FEE_LAYOUT = ruledLayout({ rowRules: true, stripes: true });
const LARGE_FEE_LAYOUT = ruledLayout({ rowRules: false, stripes: false });

const FEE_WIDTHS = widths([50, 72, 'flexible', 28, 48, 58]);
const NARRATIVE_WIDTH = FEE_WIDTHS[2] ?? 0;
const TIMEKEEPER_WIDTH = FEE_WIDTHS[1] ?? 0;

/** The small-print second line of a fee line: its write-down or write-up, and on a pre-bill the rate note. */
function lineNotes(doc: InvoiceDocument, line: InvoiceLine): string[] {
  const notes: string[] = [];
  if (line.adjustmentCents !== 0) {
    const kind = line.adjustmentCents < 0 ? 'Write-down' : 'Write-up';
    const reason = line.adjustmentReason !== null && line.adjustmentReason !== '' ? `: ${line.adjustmentReason}` : '';
    notes.push(`${kind} ${money(doc, line.adjustmentCents)}${reason}`);
  }
  if (doc.status === 'draft' && line.rateNote !== null && line.rateNote !== '') notes.push(`Rate note: ${line.rateNote}`);
  return notes;
}

function feeRow(doc: InvoiceDocument, line: InvoiceLine, notes: readonly string[]): TableCell[] {
  const narrative: TableCell = notes.length === 0
    ? line.description
    : { stack: [line.description, ...notes.map((note): Content => ({ text: note, style: 'note' }))] };
  return [
    dateText(line.workDate),
    line.timekeeper?.name ?? '',
    narrative,
    right(line.minutes === null ? '' : printedHours(line.minutes).text),
    right(line.rateCents === null ? '' : money(doc, line.rateCents)),
    right(money(doc, line.amountCents)),
  ];
}

/**
 * The fee detail: date, timekeeper, narrative (with any write-down, write-up or pre-bill rate note under
 * it), hours, rate and amount of each fee line. Rows stay whole unless one might not fit on a page; from
 * {@link LARGE_INVOICE_LINES} lines on, without stripes or row rules.
 */
export function feeTable(doc: InvoiceDocument, fees: readonly InvoiceLine[]): Content {
  const rows: TableCell[][] = [];
  let keepRowsWhole = true;
  for (const line of fees) {
    const notes = lineNotes(doc, line);
    if (keepRowsWhole) {
      const narrative = [line.description, ...notes].join('\n');
      keepRowsWhole = rowFitsPage([[narrative, NARRATIVE_WIDTH], [line.timekeeper?.name ?? '', TIMEKEEPER_WIDTH]]);
    }
    rows.push(feeRow(doc, line, notes));
  }
  return headedTable(
    'FEE DETAIL',
    [th('DATE'), th('TIMEKEEPER'), th('DESCRIPTION'), thRight('HOURS'), thRight('RATE'), thRight('AMOUNT')],
    rows,
    { widths: FEE_WIDTHS, layout: fees.length >= LARGE_INVOICE_LINES ? LARGE_FEE_LAYOUT : FEE_LAYOUT, dontBreakRows: keepRowsWhole },
  );
}

/** The adjustment lines (invoice-level write-downs and write-ups): date, description and amount. */
export function adjustmentTable(doc: InvoiceDocument, adjustments: readonly InvoiceLine[]): Content {
  const columnWidths = widths([50, 'flexible', 58]);
  return headedTable(
    'ADJUSTMENTS',
    [th('DATE'), th('DESCRIPTION'), thRight('AMOUNT')],
    adjustments.map((line): TableCell[] => [dateText(line.workDate), line.description, right(money(doc, line.amountCents))]),
    { widths: columnWidths, layout: SUMMARY_LAYOUT, dontBreakRows: adjustments.every((line) => rowFitsPage([[line.description, columnWidths[1] ?? 0]])) },
  );
}
