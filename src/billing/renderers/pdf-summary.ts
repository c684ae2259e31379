import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { formatHours } from '../../core/duration.js';
import type { InvoiceDocument, TimekeeperSummary } from '../../core/invoice.js';
import { ACCENT, CELL_GAP, CONTENT_WIDTH, money, right, th, thRight } from './pdf-styles.js';
import { SUMMARY_LAYOUT, headedTable, rowFitsPage, widths } from './pdf-tables.js';

// The summary of an invoice: the totals (printed again at the end), fees by timekeeper and, on a
// pre-bill, the notes for its reviewer.

/** Fees, adjustments and the total due: the summary at the top and the totals at the end. */
export function totalsTable(doc: InvoiceDocument): Content {
  const width = 250;
  return {
    columns: [
      { width: CONTENT_WIDTH - width, text: '' },
      {
        width,
        table: {
          widths: [width - 100 - CELL_GAP, 100],
          body: [
            ['Professional fees', right(money(doc, doc.feesCents))],
            ['Adjustments', right(money(doc, doc.adjustmentCents))],
            [{ text: 'Total due', style: 'due' }, right(money(doc, doc.totalCents), 'due')],
          ],
        },
        layout: {
          hLineWidth: (i, node) => (i === node.table.body.length - 1 ? 0.8 : 0),
          hLineColor: () => ACCENT,
          vLineWidth: () => 0,
          paddingLeft: (i) => (i === 0 ? 0 : CELL_GAP / 2),
          paddingRight: (i) => (i === 1 ? 0 : CELL_GAP / 2),
          paddingTop: () => 2,
          paddingBottom: () => 2,
        },
      },
    ],
    columnGap: 0,
  };
}

const CLASSIFICATIONS: Readonly<Record<string, string>> = {
  PARTNR: 'Partner',
  ASSOC: 'Associate',
  OFCOUNS: 'Of Counsel',
  OFCOUN: 'Of Counsel',
  PARLEG: 'Paralegal',
  PARALG: 'Paralegal',
  LGLAST: 'Legal Assistant',
  OTHTKR: 'Other',
};

/** A LEDES classification as people read it ("PARTNR" → "Partner"); unknown codes print as they are. */
export function classificationLabel(code: string | null): string {
  if (code === null) return '';
  return CLASSIFICATIONS[code] ?? code;
}

function timekeeperRow(doc: InvoiceDocument, summary: TimekeeperSummary): TableCell[] {
  return [
    summary.timekeeper.name,
    classificationLabel(summary.timekeeper.classification),
    right(formatHours(summary.minutes)),
    right(summary.rateCents === null ? 'various' : money(doc, summary.rateCents)),
    right(money(doc, summary.amountCents)),
  ];
}

/** Fees by timekeeper: hours, rate ("various" when it varied) and amount of each, and their total. */
export function timekeeperTable(doc: InvoiceDocument): Content {
  const minutes = doc.timekeepers.reduce((sum, s) => sum + s.minutes, 0);
  const amount = doc.timekeepers.reduce((sum, s) => sum + s.amountCents, 0);
  const columnWidths = widths(['flexible', 80, 40, 70, 80]);
  return headedTable(
    'FEES BY TIMEKEEPER',
    [th('TIMEKEEPER'), th('CLASSIFICATION'), thRight('HOURS'), thRight('RATE'), thRight('AMOUNT')],
    [
      ...doc.timekeepers.map((s) => timekeeperRow(doc, s)),
      [{ text: 'Total', style: 'strong' }, '', right(formatHours(minutes), 'strong'), '', right(money(doc, amount), 'strong')],
    ],
    {
      widths: columnWidths,
      layout: SUMMARY_LAYOUT,
      dontBreakRows: doc.timekeepers.every((s) => rowFitsPage([[s.timekeeper.name, columnWidths[0] ?? 0], [classificationLabel(s.timekeeper.classification), columnWidths[1] ?? 0]])),
    },
  );
}

/** What a reviewer should know before issuing a pre-bill: guideline warnings and time still awaiting approval. */
export function reviewNotes(doc: InvoiceDocument): Content[] {
  if (doc.status !== 'draft') return [];
  const items: string[] = doc.warnings.map((w) => w.message);
  if (doc.awaiting.count > 0) {
    const people = doc.awaiting.people.length > 0 ? ` (${doc.awaiting.people.join(', ')})` : '';
    const entries = doc.awaiting.count === 1 ? '1 entry' : `${String(doc.awaiting.count)} entries`;
    items.push(`${entries}, ${formatHours(doc.awaiting.minutes)} h${people} still awaiting approval and not on this pre-bill`);
  }
  if (items.length === 0) return [];
  return [{ text: 'REVIEW NOTES', style: 'heading' }, { ul: items, style: 'review' }];
}
