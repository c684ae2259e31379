import type {
  Content,
  ContentSection,
  CustomTableLayout,
  StyleDictionary,
  TableCell,
  TDocumentDefinitions,
} from 'pdfmake/interfaces.js';
import { formatDate } from '../../core/dates.js';
import { formatHours } from '../../core/duration.js';
import { printedHours } from './export-fields.js';
import type { InvoiceDocument, InvoiceLine, TimekeeperSummary } from '../../core/invoice.js';
import { formatMoney } from '../../core/money.js';
import { PDF_FONT } from './pdf-engine.js';
import { PageOwners } from './pdf-page-numbers.js';

// Every string that came from people (names, narratives, reasons, codes) goes into the definition as a
// plain pdfmake string or `text` value: pdfmake has no markup language, so "<b>x</b>" or "{ }" print as
// they are. Nothing here builds pdfmake nodes from data.

/** US Letter, portrait, in points. */
const PAGE = { width: 612, height: 792, left: 48, top: 54, right: 48, bottom: 50 } as const;
const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
/** Horizontal padding between table columns (half on each side of a column boundary). */
const CELL_GAP = 8;
const FEE_FONT_SIZE = 8;

/** From this many fee lines on, the fee table drops its striping and row rules: fewer drawing operations per row. */
export const LARGE_INVOICE_LINES = 1000;

const INK = '#1d2733';
const ACCENT = '#1f3a5f';
const MUTED = '#5b6470';
const RULE = '#c8ced6';
const STRIPE = '#f4f6f8';
const DRAFT_COLOR = '#9a3412';
const VOID_COLOR = '#b91c1c';

const DRAFT_LABEL = 'PRE-BILL — DRAFT';

const STYLES: StyleDictionary = {
  firmName: { fontSize: 15, bold: true, color: ACCENT },
  muted: { color: MUTED },
  title: { fontSize: 20, bold: true, color: ACCENT, alignment: 'right' },
  draftTitle: { fontSize: 16, bold: true, color: DRAFT_COLOR, alignment: 'right' },
  voidTitle: { fontSize: 13, bold: true, color: VOID_COLOR, alignment: 'right' },
  label: { fontSize: 6.5, bold: true, color: MUTED, margin: [0, 0, 0, 2] },
  party: { fontSize: 10.5, bold: true },
  heading: { fontSize: 9, bold: true, color: ACCENT, margin: [0, 11, 0, 3] },
  th: { fontSize: 7, bold: true, color: MUTED },
  r: { alignment: 'right' },
  note: { fontSize: 7, italics: true, color: MUTED },
  strong: { bold: true },
  due: { bold: true, fontSize: 11, color: ACCENT },
  pageEdge: { fontSize: 7, color: MUTED },
  review: { fontSize: 8, color: DRAFT_COLOR },
  statusTag: { fontSize: 9, bold: true },
};

/** Options of {@link invoicePdfDefinition}. */
export interface PdfLayoutOptions {
  /** The PDF's creation date (metadata only); the renderer never reads the clock itself. */
  readonly now: Date;
}

// ---- small text helpers ---------------------------------------------------------------------------

const money = (doc: InvoiceDocument, cents: number): string => formatMoney(cents, doc.currency);
const dateText = (date: string | null): string => (date === null ? '' : formatDate(date));
/**
 * Right-aligned text. Alignment and font size go on the node itself, not through a named style: pdfmake
 * resolves ~20 properties for every word, walking the style stack, and each named style on that stack
 * costs a lookup (and an allocation) per property per word: at 10,000 lines, a third of the time.
 */
const right = (text: string, style?: string): Content => (style === undefined ? { text, alignment: 'right' } : { text, alignment: 'right', style });

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

function invoiceLabel(doc: InvoiceDocument): string {
  return doc.number !== null && doc.number !== '' ? `Invoice ${doc.number}` : DRAFT_LABEL;
}

function isDraftWithoutNumber(doc: InvoiceDocument): boolean {
  return doc.status === 'draft' && (doc.number === null || doc.number === '');
}

// ---- table layouts ----------------------------------------------------------------------------------

const lastColumn = (node: { table: { widths?: unknown } }): number => (Array.isArray(node.table.widths) ? node.table.widths.length - 1 : 0);

/** Rules under the header and between rows, no vertical rules, columns separated by padding only. */
function ruledLayout(options: { readonly rowRules: boolean; readonly stripes: boolean }): CustomTableLayout {
  return {
    hLineWidth: (i, node) => {
      const headerRows = node.table.headerRows ?? 0;
      if (i < headerRows) return 0;
      if (i === headerRows) return 0.8;
      if (i === node.table.body.length) return 0.5;
      return options.rowRules ? 0.25 : 0;
    },
    vLineWidth: () => 0,
    hLineColor: () => RULE,
    paddingLeft: (i) => (i === 0 ? 0 : CELL_GAP / 2),
    paddingRight: (i, node) => (i === lastColumn(node) ? 0 : CELL_GAP / 2),
    paddingTop: () => 2,
    paddingBottom: () => 2,
    fillColor: options.stripes ? (row, node) => (row >= (node.table.headerRows ?? 0) && row % 2 === 0 ? STRIPE : null) : undefined,
  };
}

const FEE_LAYOUT = ruledLayout({ rowRules: true, stripes: true });
const LARGE_FEE_LAYOUT = ruledLayout({ rowRules: false, stripes: false });
const SUMMARY_LAYOUT = ruledLayout({ rowRules: true, stripes: false });

const PLAIN_LAYOUT: CustomTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: (i) => (i === 0 ? 0 : CELL_GAP / 2),
  paddingRight: (i, node) => (i === lastColumn(node) ? 0 : CELL_GAP / 2),
  paddingTop: () => 1,
  paddingBottom: () => 1,
};

/** Fixed column widths that fill the content width once padding is added; `flexible` takes the rest. */
function widths(fixed: readonly (number | 'flexible')[]): number[] {
  const used = fixed.reduce<number>((sum, w) => sum + (w === 'flexible' ? 0 : w), 0) + CELL_GAP * (fixed.length - 1);
  // Fixed widths (never '*' or 'auto'): pdfmake widens star/auto columns to their longest word, which
  // pushes a table off the page; a fixed column wraps a very long word onto several lines instead.
  return fixed.map((w) => (w === 'flexible' ? CONTENT_WIDTH - used : w));
}

const FEE_WIDTHS = widths([50, 72, 'flexible', 28, 48, 58]);
const NARRATIVE_WIDTH = FEE_WIDTHS[2] ?? 0;
const TIMEKEEPER_WIDTH = FEE_WIDTHS[1] ?? 0;

// ---- rows that cannot be kept on one page ---------------------------------------------------------

/** Lines of fee-table text that surely fit on a page below the repeated heading and column labels. */
const MAX_ROW_LINES = Math.floor((PAGE.height - PAGE.top - PAGE.bottom - 60) / (FEE_FONT_SIZE * 1.25));

/**
 * An upper bound of the lines `text` takes in a column. No Roboto glyph is wider than 1.2 em (the
 * widest, U+0478, is 1.18 em in Roboto Medium), so a paragraph of at most `perLine` UTF-16 units fits
 * on one line. A longer one wraps greedily: any two consecutive lines hold more than a line's width of
 * text (the first word of the second did not fit on the first), so it takes at most 2 × length / perLine
 * + 1 lines.
 */
function linesAtMost(text: string, width: number, fontSize: number): number {
  const perLine = Math.max(1, Math.floor(width / (fontSize * 1.2)));
  let lines = 0;
  for (const paragraph of text.split(/\r\n|[\n\r\u2028\u2029]/)) {
    lines += paragraph.length <= perLine ? 1 : Math.ceil((2 * paragraph.length) / perLine) + 1;
  }
  return lines;
}

/**
 * False when a row might be taller than a page: pdfmake silently drops such a row from a table with
 * `dontBreakRows` (bpampuch/pdfmake#1159, #2560, #2806), so a table holding one lets rows break instead.
 * `cells` are a row's texts with their column widths.
 */
function rowFitsPage(cells: readonly (readonly [text: string, width: number])[]): boolean {
  return cells.every(([text, width]) => linesAtMost(text, width, FEE_FONT_SIZE) <= MAX_ROW_LINES);
}

// ---- the parts of one invoice ------------------------------------------------------------------------

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

function headerBlock(doc: InvoiceDocument): Content[] {
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

/** Fees, adjustments and the total due: the summary at the top and the totals at the end. */
function totalsTable(doc: InvoiceDocument): Content {
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

/** A cell spanning `columns` columns followed by the empty placeholders pdfmake expects. */
function spanning(cell: Content & object, columns: number): TableCell[] {
  return [{ ...cell, colSpan: columns }, ...Array.from({ length: columns - 1 }, (): TableCell => ({}))];
}

/**
 * A table whose heading and column labels are its header rows: pdfmake repeats them on every page the
 * table reaches and keeps them with the first row, so a heading never ends a page alone.
 */
function headedTable(heading: string, labels: readonly TableCell[], rows: TableCell[][], options: {
  readonly widths: number[];
  readonly layout: CustomTableLayout;
  /** Keep each row on one page; false when a row may not fit on one (see {@link rowFitsPage}). */
  readonly dontBreakRows: boolean;
}): Content {
  return {
    fontSize: FEE_FONT_SIZE,
    table: {
      headerRows: 2,
      // Keeping the first row with the headings makes it unbreakable too: only when every row fits a page.
      keepWithHeaderRows: options.dontBreakRows ? 1 : 0,
      dontBreakRows: options.dontBreakRows,
      widths: options.widths,
      body: [spanning({ text: heading, style: 'heading' }, labels.length), [...labels], ...rows],
    },
    layout: options.layout,
  };
}

const th = (text: string): TableCell => ({ text, style: 'th' });
const thRight = (text: string): TableCell => right(text, 'th');

function timekeeperRow(doc: InvoiceDocument, summary: TimekeeperSummary): TableCell[] {
  return [
    summary.timekeeper.name,
    classificationLabel(summary.timekeeper.classification),
    right(formatHours(summary.minutes)),
    right(summary.rateCents === null ? 'various' : money(doc, summary.rateCents)),
    right(money(doc, summary.amountCents)),
  ];
}

function timekeeperTable(doc: InvoiceDocument): Content {
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

function feeTable(doc: InvoiceDocument, fees: readonly InvoiceLine[]): Content {
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

function adjustmentTable(doc: InvoiceDocument, adjustments: readonly InvoiceLine[]): Content {
  const columnWidths = widths([50, 'flexible', 58]);
  return headedTable(
    'ADJUSTMENTS',
    [th('DATE'), th('DESCRIPTION'), thRight('AMOUNT')],
    adjustments.map((line): TableCell[] => [dateText(line.workDate), line.description, right(money(doc, line.amountCents))]),
    { widths: columnWidths, layout: SUMMARY_LAYOUT, dontBreakRows: adjustments.every((line) => rowFitsPage([[line.description, columnWidths[1] ?? 0]])) },
  );
}

/** What a reviewer should know before issuing a pre-bill: guideline warnings and time still awaiting approval. */
function reviewNotes(doc: InvoiceDocument): Content[] {
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
