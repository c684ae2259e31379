import { isLocalDate } from '../../core/dates.js';
import { AppError } from '../../core/errors.js';
import { lastFirst } from '../../core/firm.js';
import { invoiceDescription, type InvoiceDocument, type InvoiceLine } from '../../core/invoice.js';
import { formatAmount, sumCents } from '../../core/money.js';
import { exportInvoiceDate, exportInvoiceNumber, feeFacts, lineTotalCents } from './export-fields.js';
import { ledesFeeAmounts, ledesInvoiceAdjustmentAmounts, type LedesLineAmounts } from './ledes-line-math.js';
import { ledesText } from './ledes-text.js';

/** The 24 LEDES 1998B fields in file order: the header line names them, every record fills them. */
export const LEDES_1998B_FIELDS = [
  'INVOICE_DATE', 'INVOICE_NUMBER', 'CLIENT_ID', 'LAW_FIRM_MATTER_ID', 'INVOICE_TOTAL',
  'BILLING_START_DATE', 'BILLING_END_DATE', 'INVOICE_DESCRIPTION', 'LINE_ITEM_NUMBER',
  'EXP/FEE/INV_ADJ_TYPE', 'LINE_ITEM_NUMBER_OF_UNITS', 'LINE_ITEM_ADJUSTMENT_AMOUNT',
  'LINE_ITEM_TOTAL', 'LINE_ITEM_DATE', 'LINE_ITEM_TASK_CODE', 'LINE_ITEM_EXPENSE_CODE',
  'LINE_ITEM_ACTIVITY_CODE', 'TIMEKEEPER_ID', 'LINE_ITEM_DESCRIPTION', 'LAW_FIRM_ID',
  'LINE_ITEM_UNIT_COST', 'TIMEKEEPER_NAME', 'TIMEKEEPER_CLASSIFICATION', 'CLIENT_MATTER_ID',
] as const;

/** One LEDES 1998B field name. */
export type LedesField = (typeof LEDES_1998B_FIELDS)[number];

type Values = Record<LedesField, string>;
type InvoiceValues = Pick<Values, 'INVOICE_DATE' | 'INVOICE_NUMBER' | 'CLIENT_ID' | 'LAW_FIRM_MATTER_ID' | 'BILLING_START_DATE'
  | 'BILLING_END_DATE' | 'INVOICE_DESCRIPTION' | 'LAW_FIRM_ID' | 'CLIENT_MATTER_ID'>;
type LineValues = Omit<Values, keyof InvoiceValues | 'INVOICE_TOTAL'>;

/** 'YYYY-MM-DD' → 'YYYYMMDD'; anything but a real date is a compile bug. */
function ledesDate(date: string, what: string): string {
  if (!isLocalDate(date)) throw new AppError('INTERNAL', `${what} "${date}" is not a date`);
  return date.replaceAll('-', '');
}

/**
 * The record line: every value through the one sanitiser, joined by `|`, ended by `[]`. Most values
 * repeat on every line (invoice fields, dates, names, codes), so each distinct value is sanitised once
 * per file: a 10,000-line invoice sanitised 240,000 values otherwise.
 */
function recordLine(values: readonly string[], clean: (value: string) => string): string {
  return `${values.map(clean).join('|')}[]`;
}

function memoised(fn: (value: string) => string): (value: string) => string {
  const seen = new Map<string, string>();
  return (value) => {
    let out = seen.get(value);
    if (out === undefined) {
      out = fn(value);
      seen.set(value, out);
    }
    return out;
  };
}

function invoiceValues(doc: InvoiceDocument): InvoiceValues {
  if (doc.periodStart > doc.periodEnd) throw new AppError('INTERNAL', `invoice ${doc.id} period ends before it starts`);
  return {
    INVOICE_DATE: ledesDate(exportInvoiceDate(doc), `invoice ${doc.id} date`),
    INVOICE_NUMBER: exportInvoiceNumber(doc),
    CLIENT_ID: doc.client.ledesClientId ?? doc.client.code,
    LAW_FIRM_MATTER_ID: doc.matter.code,
    BILLING_START_DATE: ledesDate(doc.periodStart, `invoice ${doc.id} period start`),
    BILLING_END_DATE: ledesDate(doc.periodEnd, `invoice ${doc.id} period end`),
    INVOICE_DESCRIPTION: invoiceDescription(doc),
    LAW_FIRM_ID: doc.firm.lawFirmId ?? '',
    CLIENT_MATTER_ID: doc.matter.clientMatterId ?? '',
  };
}

/** A line's own fields and printed amounts. An IF line without a work date is dated the period's last day. */
function lineValues(doc: InvoiceDocument, line: InvoiceLine): { values: LineValues; amounts: LedesLineAmounts } {
  const fee = line.kind === 'fee' ? feeFacts(line, doc.id) : null;
  const date = fee?.workDate ?? line.workDate ?? doc.periodEnd;
  if (!isLocalDate(date) || date < doc.periodStart || date > doc.periodEnd) {
    throw new AppError('INTERNAL', `line ${String(line.lineNo)} of invoice ${doc.id} is dated "${date}", outside its billing period`);
  }
  if (!Number.isSafeInteger(line.lineNo) || line.lineNo < 1) {
    throw new AppError('INTERNAL', `invoice ${doc.id} has a line numbered "${String(line.lineNo)}"`);
  }
  const total = lineTotalCents(line);
  const amounts = fee === null ? ledesInvoiceAdjustmentAmounts(total) : ledesFeeAmounts(fee.minutes, fee.rateCents, total);
  const values: LineValues = {
    LINE_ITEM_NUMBER: String(line.lineNo),
    'EXP/FEE/INV_ADJ_TYPE': fee === null ? 'IF' : 'F',
    LINE_ITEM_NUMBER_OF_UNITS: amounts.units,
    LINE_ITEM_ADJUSTMENT_AMOUNT: amounts.adjustment,
    LINE_ITEM_TOTAL: amounts.total,
    LINE_ITEM_DATE: ledesDate(date, `line ${String(line.lineNo)} date`),
    LINE_ITEM_TASK_CODE: fee === null ? '' : (line.taskCode ?? ''),
    LINE_ITEM_EXPENSE_CODE: '',
    LINE_ITEM_ACTIVITY_CODE: fee === null ? '' : (line.activityCode ?? ''),
    TIMEKEEPER_ID: fee?.timekeeper.timekeeperId ?? '',
    LINE_ITEM_DESCRIPTION: line.description,
    LINE_ITEM_UNIT_COST: amounts.unitCost,
    TIMEKEEPER_NAME: fee === null ? '' : lastFirst(fee.timekeeper.name),
    TIMEKEEPER_CLASSIFICATION: fee?.timekeeper.classification ?? '',
  };
  return { values, amounts };
}

/** The records of one invoice; INVOICE_TOTAL is the sum of the printed line totals and must match the document. */
function invoiceRecords(doc: InvoiceDocument, clean: (value: string) => string): string[] {
  if (doc.lines.length === 0) {
    throw new AppError('INVALID_INPUT', `the invoice for matter ${doc.matter.code} has no lines: there is nothing to export as LEDES`);
  }
  const shared = invoiceValues(doc);
  const lines = doc.lines.map((line) => lineValues(doc, line));
  if (new Set(doc.lines.map((line) => line.lineNo)).size !== doc.lines.length) {
    throw new AppError('INTERNAL', `invoice ${doc.id} uses a line number twice`);
  }
  const totalCents = sumCents(lines.map(({ amounts }) => amounts.totalCents));
  if (totalCents !== doc.totalCents) {
    throw new AppError('INTERNAL', `invoice ${doc.id} lines add up to ${formatAmount(totalCents)}, its total is ${formatAmount(doc.totalCents)}`);
  }
  const invoiceTotal = formatAmount(totalCents);
  return lines.map(({ values }) => {
    const record: Values = { ...shared, ...values, INVOICE_TOTAL: invoiceTotal };
    return recordLine(LEDES_1998B_FIELDS.map((field) => record[field]), clean);
  });
}

/**
 * Renders invoices as one LEDES 1998B file: line 1 `LEDES1998B[]`, line 2
 * the 24 field names, then one record per invoice line, invoices one after another (one invoice per matter),
 * LF line ends and a final LF. Fee lines are `F`, invoice-level adjustments `IF`; the line math follows
 * {@link LedesLineAmounts}. A draft is numbered `DRAFT-` + the first 8 characters of its id and dated its
 * period's end. Throws INVALID_INPUT for an invoice without lines, INTERNAL for an inconsistent document
 * (a fee line missing its minutes, rate, date or timekeeper, a line dated outside the period, totals that
 * disagree, a line number used twice, two invoices with one number).
 */
export function renderLedes(docs: readonly InvoiceDocument[]): string {
  const numbers = new Set<string>();
  const records: string[] = [];
  const clean = memoised(ledesText);
  for (const doc of docs) {
    const number = ledesText(exportInvoiceNumber(doc));
    if (numbers.has(number)) throw new AppError('INTERNAL', `invoice number "${number}" appears twice in one LEDES file`);
    numbers.add(number);
    records.push(...invoiceRecords(doc, clean));
  }
  return ['LEDES1998B[]', `${LEDES_1998B_FIELDS.join('|')}[]`, ...records].map((line) => `${line}\n`).join('');
}
