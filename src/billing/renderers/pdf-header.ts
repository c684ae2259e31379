import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { InvoiceDocument } from '../../core/invoice.js';
import { ACCENT, CELL_GAP, CONTENT_WIDTH, DRAFT_LABEL, dateText, right } from './pdf-styles.js';
import { PLAIN_LAYOUT } from './pdf-tables.js';

// The top of an invoice's first page: the firm, the title with the invoice facts beside it, then the
// client and the matter.

function isDraftWithoutNumber(doc: InvoiceDocument): boolean {
  return doc.status === 'draft' && (doc.number === null || doc.number === '');
}

function metaRows(doc: InvoiceDocument): TableCell[][] {
  const rows: [string, string][] = [];
  if (doc.number !== null && doc.number !== '') rows.push(['Invoice no.', doc.number]);
  rows.push(['Invoice date', doc.issueDate === null ? 'Not issued' : dateText(doc.issueDate)]);
  rows.push(['Billing period', `${dateText(doc.periodStart)} – ${dateText(doc.periodEnd)}`]);
  rows.push(['Currency', doc.currency]);
  return rows.map(([label, value]) => [right(label, 'muted'), right(value, 'strong')]);
}

function titleBlock(doc: InvoiceDocument): Content[] {
  if (isDraftWithoutNumber(doc)) {
    return [
      { text: DRAFT_LABEL, style: 'draftTitle' },
      { text: 'For review — not an invoice', style: ['r', 'muted'], margin: [0, 1, 0, 6] },
    ];
  }
  const title: Content[] = [{ text: 'INVOICE', style: 'title', margin: [0, 0, 0, 4] }];
  if (doc.status === 'void') title.push({ text: 'VOID — this invoice has been cancelled', style: 'voidTitle', margin: [0, 0, 0, 4] });
  if (doc.status === 'draft') title.push({ text: DRAFT_LABEL, style: 'draftTitle', margin: [0, 0, 0, 4] });
  return title;
}

/**
 * The letterhead: the firm (and its law firm ID) beside "INVOICE", "PRE-BILL — DRAFT" or "VOID" with
 * the invoice number, date, billing period and currency; under a rule, the client and the matter.
 */
export function headerBlock(doc: InvoiceDocument): Content[] {
  const firm: Content[] = [{ text: doc.firm.name, style: 'firmName' }];
  if (doc.firm.lawFirmId !== null && doc.firm.lawFirmId !== '') {
    firm.push({ text: `Law firm ID ${doc.firm.lawFirmId}`, style: 'muted', margin: [0, 3, 0, 0] });
  }
  const matter: Content[] = [
    { text: 'MATTER', style: 'label' },
    { text: doc.matter.name, style: 'party' },
    `Matter code ${doc.matter.code}`,
  ];
  if (doc.matter.clientMatterId !== null && doc.matter.clientMatterId !== '') matter.push(`Client matter ID ${doc.matter.clientMatterId}`);
  return [
    {
      columns: [
        { width: 290, stack: firm },
        { width: CONTENT_WIDTH - 290 - 16, stack: [...titleBlock(doc), { table: { widths: [86, CONTENT_WIDTH - 306 - 86 - CELL_GAP], body: metaRows(doc) }, layout: PLAIN_LAYOUT }] },
      ],
      columnGap: 16,
    },
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: CONTENT_WIDTH, y2: 0, lineWidth: 1, lineColor: ACCENT }], margin: [0, 8, 0, 8] },
    {
      columns: [
        { width: 250, stack: [{ text: 'CLIENT', style: 'label' }, { text: doc.client.name, style: 'party' }, `Client code ${doc.client.code}`] },
        { width: CONTENT_WIDTH - 250 - 16, stack: matter },
      ],
      columnGap: 16,
    },
  ];
}
