import type { Content, StyleDictionary, TableCell } from 'pdfmake/interfaces.js';
import { formatDate } from '../../core/dates.js';
import type { InvoiceDocument } from '../../core/invoice.js';
import { formatMoney } from '../../core/money.js';

// Page geometry, colours, named styles and the small text and cell helpers every part of the invoice PDF
// uses (see pdf-layout.ts).

/** US Letter, portrait, in points. */
export const PAGE = { width: 612, height: 792, left: 48, top: 54, right: 48, bottom: 50 } as const;
/** The width between the left and right page margins. */
export const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
/** Horizontal padding between table columns (half on each side of a column boundary). */
export const CELL_GAP = 8;
/** Font size of the fee, timekeeper and adjustment tables. */
export const FEE_FONT_SIZE = 8;

/** Body text colour. */
export const INK = '#1d2733';
/** Firm name, titles, headings, the total due and the rules that frame them. */
export const ACCENT = '#1f3a5f';
const MUTED = '#5b6470';
/** Table rules. */
export const RULE = '#c8ced6';
/** Fill of every other fee row. */
export const STRIPE = '#f4f6f8';
/** Draft titles, status tags and review notes. */
export const DRAFT_COLOR = '#9a3412';
/** Void titles and status tags. */
export const VOID_COLOR = '#b91c1c';

/** What a draft without an invoice number is called, wherever it is named. */
export const DRAFT_LABEL = 'PRE-BILL — DRAFT';

/** The named styles of the document definition. */
export const STYLES: StyleDictionary = {
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

// ---- small text helpers ---------------------------------------------------------------------------

/** An amount in the invoice's currency. */
export const money = (doc: InvoiceDocument, cents: number): string => formatMoney(cents, doc.currency);
/** A date as people read it; no date prints as nothing. */
export const dateText = (date: string | null): string => (date === null ? '' : formatDate(date));
/**
 * Right-aligned text. Alignment and font size go on the node itself, not through a named style: pdfmake
 * resolves ~20 properties for every word, walking the style stack, and each named style on that stack
 * costs a lookup (and an allocation) per property per word: at 10,000 lines, a third of the time.
 */
export const right = (text: string, style?: string): Content => (style === undefined ? { text, alignment: 'right' } : { text, alignment: 'right', style });

/** A column label. */
export const th = (text: string): TableCell => ({ text, style: 'th' });
/** A right-aligned column label, over a column of numbers. */
export const thRight = (text: string): TableCell => right(text, 'th');
