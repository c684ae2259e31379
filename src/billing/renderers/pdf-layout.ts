import type { Content, ContentSection, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { InvoiceDocument } from '../../core/invoice.js';
import { PDF_FONT } from './pdf-engine.js';
import { headerBlock } from './pdf-header.js';
import { adjustmentTable, feeTable } from './pdf-lines.js';
import { PageOwners } from './pdf-page-numbers.js';
import { CONTENT_WIDTH, DRAFT_COLOR, DRAFT_LABEL, INK, PAGE, STYLES, VOID_COLOR } from './pdf-styles.js';
import { reviewNotes, timekeeperTable, totalsTable } from './pdf-summary.js';

export { LARGE_INVOICE_LINES } from './pdf-lines.js';
export { classificationLabel } from './pdf-summary.js';

// Every string that came from people (names, narratives, reasons, codes) goes into the definition as a
// plain pdfmake string or `text` value: pdfmake has no markup language, so "<b>x</b>" or "{ }" print as
// they are. Nothing in the pdf-*.ts layout files builds pdfmake nodes from data.

/** Options of {@link invoicePdfDefinition}. */
export interface PdfLayoutOptions {
  /** The PDF's creation date (metadata only); the renderer never reads the clock itself. */
  readonly now: Date;
}

function invoiceLabel(doc: InvoiceDocument): string {
  return doc.number !== null && doc.number !== '' ? `Invoice ${doc.number}` : DRAFT_LABEL;
}

// ---- the parts of one invoice ------------------------------------------------------------------------

function invoiceContent(doc: InvoiceDocument): Content[] {
  const fees = doc.lines.filter((l) => l.kind === 'fee');
  const adjustments = doc.lines.filter((l) => l.kind === 'adjustment');
  const content: Content[] = [...headerBlock(doc), { stack: [{ text: 'SUMMARY', style: 'heading' }, totalsTable(doc)], unbreakable: true }];
  if (doc.timekeepers.length > 0) content.push(timekeeperTable(doc));
  content.push(...reviewNotes(doc));
  content.push(fees.length > 0 ? feeTable(doc, fees) : { stack: [{ text: 'FEE DETAIL', style: 'heading' }, { text: 'No fees in this period.', style: 'muted' }] });
  if (adjustments.length > 0) content.push(adjustmentTable(doc, adjustments));
  content.push({ stack: [{ text: 'TOTALS', style: 'heading' }, totalsTable(doc)], unbreakable: true });
  return content;
}

// ---- pages ----------------------------------------------------------------------------------------

/**
 * The status every page of a draft or voided invoice carries in its top margin. Not a diagonal pdfmake
 * watermark: text drawn across the page lands between the lines of anything that extracts the text
 * (search, copy and paste, screen readers, pdftotext), splitting names and amounts.
 */
function statusTag(doc: InvoiceDocument): Content | null {
  if (doc.status === 'draft') return { text: `${DRAFT_LABEL} · not an invoice`, style: 'statusTag', color: DRAFT_COLOR };
  if (doc.status === 'void') return { text: 'VOID — cancelled invoice', style: 'statusTag', color: VOID_COLOR };
  return null;
}

/** Running header and footer text is shortened to one line; the full names are on the invoice's first page. */
function oneLine(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function invoiceSection(doc: InvoiceDocument, index: number, pages: PageOwners): ContentSection {
  const running = `${oneLine(`${doc.client.name} — ${doc.matter.name}`, 90)} · ${oneLine(invoiceLabel(doc), 40)} (continued)`;
  const footerText = `${oneLine(doc.firm.name, 60)} · ${oneLine(invoiceLabel(doc), 40)}`;
  const tagWidth = 200;
  return {
    section: invoiceContent(doc),
    background: (page) => {
      pages.record(page, index);
      return null;
    },
    header: (page, pageCount) => {
      const first = pages.isFirstPage(page, index, pageCount);
      const tag = statusTag(doc);
      if (first && tag === null) return null;
      return {
        columns: [
          { width: tagWidth, stack: tag === null ? [] : [tag] },
          { width: CONTENT_WIDTH - tagWidth, text: first ? '' : running, style: ['pageEdge', 'r'] },
        ],
        margin: [PAGE.left, 24, PAGE.right, 0],
      };
    },
    footer: (page, pageCount) => {
      const position = pages.position(page, index, pageCount) ?? { number: page, of: pageCount };
      return {
        columns: [
          { width: CONTENT_WIDTH - 90, text: footerText, style: 'pageEdge' },
          { width: 90, text: `Page ${String(position.number)} of ${String(position.of)}`, style: ['pageEdge', 'r'] },
        ],
        margin: [PAGE.left, 18, PAGE.right, 0],
      };
    },
  };
}

function documentTitle(docs: readonly InvoiceDocument[]): string {
  const first = docs[0];
  if (first === undefined) return 'Invoices';
  if (docs.length === 1) return `${invoiceLabel(first)} — ${first.client.name}, ${first.matter.name}`;
  return `${String(docs.length)} invoices — ${first.firm.name}`;
}

/**
 * The pdfmake document definition of one PDF holding every invoice, each starting on a new page:
 * header, summary (totals and fees by timekeeper), fee detail, adjustments, totals. Pure data apart
 * from the page callbacks, which number each invoice's own pages.
 */
export function invoicePdfDefinition(docs: readonly InvoiceDocument[], options: PdfLayoutOptions): TDocumentDefinitions {
  const pages = new PageOwners();
  return {
    pageSize: 'LETTER',
    pageOrientation: 'portrait',
    pageMargins: [PAGE.left, PAGE.top, PAGE.right, PAGE.bottom],
    info: {
      title: documentTitle(docs),
      author: docs[0]?.firm.name ?? '',
      subject: 'Invoice',
      creator: 'Tally',
      producer: 'Tally (pdfmake)',
      creationDate: options.now,
      modDate: options.now,
    },
    defaultStyle: { font: PDF_FONT, fontSize: 9, color: INK },
    styles: STYLES,
    content: docs.map((doc, index) => invoiceSection(doc, index, pages)),
  };
}
