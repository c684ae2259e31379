import type { Content, CustomTableLayout, TableCell } from 'pdfmake/interfaces.js';
import { CELL_GAP, CONTENT_WIDTH, FEE_FONT_SIZE, PAGE, RULE, STRIPE } from './pdf-styles.js';

// What the tables of the invoice PDF share: layouts, column widths, headed tables and the check that
// a row fits on one page.

// ---- table layouts ----------------------------------------------------------------------------------

const lastColumn = (node: { table: { widths?: unknown } }): number => (Array.isArray(node.table.widths) ? node.table.widths.length - 1 : 0);

/** Rules under the header and between rows, no vertical rules, columns separated by padding only. */
export function ruledLayout(options: { readonly rowRules: boolean; readonly stripes: boolean }): CustomTableLayout {
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

/** The timekeeper and adjustment tables: ruled rows, no stripes. */
export const SUMMARY_LAYOUT = ruledLayout({ rowRules: true, stripes: false });

/** No rules at all: the invoice facts beside the title. */
export const PLAIN_LAYOUT: CustomTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: (i) => (i === 0 ? 0 : CELL_GAP / 2),
  paddingRight: (i, node) => (i === lastColumn(node) ? 0 : CELL_GAP / 2),
  paddingTop: () => 1,
  paddingBottom: () => 1,
};

/** Fixed column widths that fill the content width once padding is added; `flexible` takes the rest. */
export function widths(fixed: readonly (number | 'flexible')[]): number[] {
  const used = fixed.reduce<number>((sum, w) => sum + (w === 'flexible' ? 0 : w), 0) + CELL_GAP * (fixed.length - 1);
  // Fixed widths (never '*' or 'auto'): pdfmake widens star/auto columns to their longest word, which
  // pushes a table off the page; a fixed column wraps a very long word onto several lines instead.
  return fixed.map((w) => (w === 'flexible' ? CONTENT_WIDTH - used : w));
}

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
export function rowFitsPage(cells: readonly (readonly [text: string, width: number])[]): boolean {
  return cells.every(([text, width]) => linesAtMost(text, width, FEE_FONT_SIZE) <= MAX_ROW_LINES);
}

// ---- headed tables ----------------------------------------------------------------------------------

/** A cell spanning `columns` columns followed by the empty placeholders pdfmake expects. */
function spanning(cell: Content & object, columns: number): TableCell[] {
  return [{ ...cell, colSpan: columns }, ...Array.from({ length: columns - 1 }, (): TableCell => ({}))];
}

/**
 * A table whose heading and column labels are its header rows: pdfmake repeats them on every page the
 * table reaches and keeps them with the first row, so a heading never ends a page alone.
 */
export function headedTable(heading: string, labels: readonly TableCell[], rows: TableCell[][], options: {
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
