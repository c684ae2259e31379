/**
 * An independent LEDES 1998B parser and validator for tests. It imports nothing from src/: it re-reads the
 * format from the reference (LEDES Oversight Committee 1998B, and the checks Legal Tracker, Collaborati and
 * Brightflag publish) so that a renderer bug cannot hide behind a shared helper.
 *
 * The line math rule, the same as the renderer's (src/billing/renderers/ledes-line-math.ts):
 *
 *     LINE_ITEM_TOTAL = roundHalfUpToCent(LINE_ITEM_UNIT_COST × LINE_ITEM_NUMBER_OF_UNITS) + LINE_ITEM_ADJUSTMENT_AMOUNT
 *
 * Money fields carry exactly 2 decimals, so the formula can only hold at the printed (cent) precision: the
 * product (e.g. 0.1 × 333.33 = 33.333) is computed exactly in BigInt ten-thousandths, rounded half up to
 * the cent (33.33), and the adjustment (0.00) must make up the total (33.33) to the cent. No floats.
 */

/** The 24 fields, in file order. */
export const LEDES_1998B_HEADER = [
  'INVOICE_DATE', 'INVOICE_NUMBER', 'CLIENT_ID', 'LAW_FIRM_MATTER_ID', 'INVOICE_TOTAL', 'BILLING_START_DATE',
  'BILLING_END_DATE', 'INVOICE_DESCRIPTION', 'LINE_ITEM_NUMBER', 'EXP/FEE/INV_ADJ_TYPE', 'LINE_ITEM_NUMBER_OF_UNITS',
  'LINE_ITEM_ADJUSTMENT_AMOUNT', 'LINE_ITEM_TOTAL', 'LINE_ITEM_DATE', 'LINE_ITEM_TASK_CODE', 'LINE_ITEM_EXPENSE_CODE',
  'LINE_ITEM_ACTIVITY_CODE', 'TIMEKEEPER_ID', 'LINE_ITEM_DESCRIPTION', 'LAW_FIRM_ID', 'LINE_ITEM_UNIT_COST',
  'TIMEKEEPER_NAME', 'TIMEKEEPER_CLASSIFICATION', 'CLIENT_MATTER_ID',
] as const;

/** One line item as read: its 1-based line number in the file and its values by field name. */
export interface LedesRecord {
  readonly lineNumber: number;
  readonly values: Readonly<Record<string, string>>;
}

/** One invoice of the file: its records and the sums the validator computed, in integer cents. */
export interface LedesInvoice {
  readonly number: string;
  readonly records: readonly LedesRecord[];
  /** INVOICE_TOTAL as printed on the invoice's first line, in cents (null when unreadable). */
  readonly invoiceTotalCents: number | null;
  /** The sum of the printed LINE_ITEM_TOTALs, in cents. */
  readonly lineTotalsCents: number;
}

/** What {@link parseLedes} read and every problem it found; `problems` is empty for a valid file. */
export interface ParsedLedes {
  readonly invoices: readonly LedesInvoice[];
  readonly problems: readonly string[];
}

const MONEY = /^-?\d+\.\d{2}$/;
const UNITS = /^\d+(?:\.\d{1,2})?$/;
const DATE = /^(\d{4})(\d{2})(\d{2})$/;
const MAX_TEXT = 1023;
const INVOICE_FIELDS = ['INVOICE_DATE', 'CLIENT_ID', 'LAW_FIRM_MATTER_ID', 'INVOICE_TOTAL', 'BILLING_START_DATE',
  'BILLING_END_DATE', 'INVOICE_DESCRIPTION', 'LAW_FIRM_ID', 'CLIENT_MATTER_ID'] as const;
const TIMEKEEPER_FIELDS = ['TIMEKEEPER_ID', 'TIMEKEEPER_NAME', 'TIMEKEEPER_CLASSIFICATION'] as const;

/** A decimal text as an exact BigInt and its number of decimals: "-1.50" → { value: -150n, scale: 2 }. */
function decimal(text: string): { value: bigint; scale: number } {
  const [whole = '', fraction = ''] = text.replace('-', '').split('.');
  const magnitude = BigInt(whole + fraction);
  return { value: text.startsWith('-') ? -magnitude : magnitude, scale: fraction.length };
}

/** Cents of a 2-decimal money text. */
function cents(text: string): bigint {
  return decimal(text).value;
}

/** Rounds an exact value with `scale` decimals (≥ 2) half up (away from zero) to cents. */
function roundToCents(value: bigint, scale: number): bigint {
  const divisor = 10n ** BigInt(scale - 2);
  const magnitude = value < 0n ? -value : value;
  const rounded = (2n * magnitude + divisor) / (2n * divisor);
  return value < 0n ? -rounded : rounded;
}

function isRealDate(text: string): boolean {
  const match = DATE.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** Problems of one record on its own (formats, line math, type rules). */
function recordProblems(values: Readonly<Record<string, string>>, where: string): string[] {
  const problems: string[] = [];
  const value = (field: string): string => values[field] ?? '';
  const problem = (text: string): void => void problems.push(`${where}: ${text}`);
  for (const field of LEDES_1998B_HEADER) {
    if (value(field).toUpperCase() === 'NULL') problem(`${field} is the text NULL (leave it empty)`);
    if (value(field).length > MAX_TEXT) problem(`${field} has ${String(value(field).length)} characters (must be under 1,024)`);
  }
  for (const field of ['INVOICE_DATE', 'BILLING_START_DATE', 'BILLING_END_DATE', 'LINE_ITEM_DATE']) {
    if (!isRealDate(value(field))) problem(`${field} "${value(field)}" is not a real YYYYMMDD date`);
  }
  for (const field of ['INVOICE_NUMBER', 'CLIENT_ID', 'LAW_FIRM_MATTER_ID', 'INVOICE_DESCRIPTION', 'LINE_ITEM_DESCRIPTION']) {
    if (value(field) === '') problem(`${field} is empty`);
  }
  if (!/^[1-9]\d*$/.test(value('LINE_ITEM_NUMBER'))) problem(`LINE_ITEM_NUMBER "${value('LINE_ITEM_NUMBER')}" is not a positive whole number`);
  const moneyFields = ['INVOICE_TOTAL', 'LINE_ITEM_ADJUSTMENT_AMOUNT', 'LINE_ITEM_TOTAL', 'LINE_ITEM_UNIT_COST'];
  const badMoney = moneyFields.filter((field) => !MONEY.test(value(field)));
  for (const field of badMoney) problem(`${field} "${value(field)}" is not an amount with 2 decimals`);
  const units = value('LINE_ITEM_NUMBER_OF_UNITS');
  if (!UNITS.test(units)) problem(`LINE_ITEM_NUMBER_OF_UNITS "${units}" is not a non-negative number with at most 2 decimals`);
  if (value('LINE_ITEM_UNIT_COST').startsWith('-')) problem('LINE_ITEM_UNIT_COST is negative');
  if (badMoney.length === 0 && UNITS.test(units)) {
    const cost = decimal(value('LINE_ITEM_UNIT_COST'));
    const count = decimal(units);
    const product = roundToCents(cost.value * count.value, cost.scale + count.scale);
    const expected = product + cents(value('LINE_ITEM_ADJUSTMENT_AMOUNT'));
    if (expected !== cents(value('LINE_ITEM_TOTAL'))) {
      problem(`${value('LINE_ITEM_UNIT_COST')} × ${units} + ${value('LINE_ITEM_ADJUSTMENT_AMOUNT')} ≠ LINE_ITEM_TOTAL ${value('LINE_ITEM_TOTAL')}`);
    }
  }
  const type = value('EXP/FEE/INV_ADJ_TYPE');
  if (type === 'F') {
    for (const field of TIMEKEEPER_FIELDS) if (value(field) === '') problem(`${field} is empty on a fee line`);
    if (value('LINE_ITEM_EXPENSE_CODE') !== '') problem('LINE_ITEM_EXPENSE_CODE is filled on a fee line');
  } else if (type === 'IF' || type === 'IE') {
    for (const field of TIMEKEEPER_FIELDS) if (value(field) !== '') problem(`${field} is filled on an invoice-level adjustment`);
    if (UNITS.test(units) && decimal(units).value !== 0n) problem('an invoice-level adjustment has units');
  } else if (type !== 'E') {
    problem(`EXP/FEE/INV_ADJ_TYPE "${type}" is not F, E, IF or IE`);
  }
  if (value('LINE_ITEM_TASK_CODE') !== '' && !/^[A-Z]\d{3}$/.test(value('LINE_ITEM_TASK_CODE'))) problem('LINE_ITEM_TASK_CODE is not a UTBMS code');
  if (value('LINE_ITEM_ACTIVITY_CODE') !== '' && !/^A\d{3}$/.test(value('LINE_ITEM_ACTIVITY_CODE'))) problem('LINE_ITEM_ACTIVITY_CODE is not a UTBMS activity code');
  const [start, end, date] = [value('BILLING_START_DATE'), value('BILLING_END_DATE'), value('LINE_ITEM_DATE')];
  if (start > end) problem(`BILLING_START_DATE ${start} is after BILLING_END_DATE ${end}`);
  if (date < start || date > end) problem(`LINE_ITEM_DATE ${date} is outside the billing period ${start}–${end}`);
  return problems;
}

/** Problems of one invoice's records together: shared fields identical, total = sum of line totals. */
function invoiceProblems(invoice: LedesInvoice): string[] {
  const problems: string[] = [];
  const [first] = invoice.records;
  if (first === undefined) return problems;
  const where = `invoice ${invoice.number}`;
  for (const field of INVOICE_FIELDS) {
    const values = new Set(invoice.records.map((record) => record.values[field]));
    if (values.size > 1) problems.push(`${where}: ${field} differs between its lines`);
  }
  if (invoice.invoiceTotalCents !== null && invoice.invoiceTotalCents !== invoice.lineTotalsCents) {
    problems.push(`${where}: INVOICE_TOTAL ${first.values.INVOICE_TOTAL ?? ''} ≠ sum of LINE_ITEM_TOTALs (${String(invoice.lineTotalsCents)} cents)`);
  }
  const numbers = invoice.records.map((record) => record.values.LINE_ITEM_NUMBER);
  if (new Set(numbers).size !== numbers.length) problems.push(`${where}: a LINE_ITEM_NUMBER is used twice`);
  return problems;
}

/** Splits one record line into values by field name, reporting a bad ending, stray `[]` or wrong field count. */
function readRecord(line: string, where: string, problems: string[]): Record<string, string> {
  if (!line.endsWith('[]')) problems.push(`${where}: does not end with []`);
  const body = line.endsWith('[]') ? line.slice(0, -2) : line;
  if (body.includes('[]')) problems.push(`${where}: holds [] inside a value`);
  const parts = body.split('|');
  if (parts.length !== LEDES_1998B_HEADER.length) problems.push(`${where}: has ${String(parts.length)} fields, not 24`);
  return Object.fromEntries(LEDES_1998B_HEADER.map((field, index) => [field, parts[index] ?? '']));
}

/** Groups records into invoices by INVOICE_NUMBER; an invoice's lines must be consecutive. */
function groupInvoices(records: readonly LedesRecord[], problems: string[]): LedesInvoice[] {
  const groups: LedesRecord[][] = [];
  const seen = new Set<string>();
  for (const record of records) {
    const number = record.values.INVOICE_NUMBER ?? '';
    const current = groups[groups.length - 1];
    if (current?.[0]?.values.INVOICE_NUMBER === number) current.push(record);
    else {
      if (seen.has(number)) problems.push(`line ${String(record.lineNumber)}: invoice ${number} continues after another invoice`);
      seen.add(number);
      groups.push([record]);
    }
  }
  return groups.map((group) => {
    const totals = group.map((record) => record.values.LINE_ITEM_TOTAL ?? '').filter((text) => MONEY.test(text));
    const total = group[0]?.values.INVOICE_TOTAL ?? '';
    return {
      number: group[0]?.values.INVOICE_NUMBER ?? '',
      records: group,
      invoiceTotalCents: MONEY.test(total) ? Number(cents(total)) : null,
      lineTotalsCents: Number(totals.reduce((sum, text) => sum + cents(text), 0n)),
    };
  });
}

/** Reads a LEDES 1998B file and lists every problem found (an empty list means a valid file). */
export function parseLedes(text: string): ParsedLedes {
  const problems: string[] = [];
  if (text.includes('\r')) problems.push('the file has CR characters (LF line ends only)');
  if (!text.endsWith('\n')) problems.push('the file does not end with a line feed');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, index) => {
    if (!/^[\x20-\x7E]*$/.test(line.replaceAll('\r', ''))) problems.push(`line ${String(index + 1)}: not printable ASCII`);
  });
  if (lines[0] !== 'LEDES1998B[]') problems.push('line 1 is not LEDES1998B[]');
  if (lines[1] !== `${LEDES_1998B_HEADER.join('|')}[]`) problems.push('line 2 is not the 1998B header');
  if (lines.length < 3) problems.push('the file has no line items');
  const records = lines.slice(2).map((line, index): LedesRecord => {
    const lineNumber = index + 3;
    const values = readRecord(line, `line ${String(lineNumber)}`, problems);
    problems.push(...recordProblems(values, `line ${String(lineNumber)}`));
    return { lineNumber, values };
  });
  const invoices = groupInvoices(records, problems);
  for (const invoice of invoices) problems.push(...invoiceProblems(invoice));
  return { invoices, problems };
}

/** The problems of a LEDES 1998B file; empty when it is valid. */
export function validateLedes(text: string): readonly string[] {
  return parseLedes(text).problems;
}
