import { AppError } from '../../core/errors.js';
import { divFloor, divHalfUp, requireSafeInteger } from '../../core/int-math.js';
import type { InvoiceDocument, InvoiceLine } from '../../core/invoice.js';
import { sumCents } from '../../core/money.js';

/** Characters of the invoice id a draft's placeholder number keeps. */
const DRAFT_ID_CHARS = 8;

/**
 * The number an export prints for an invoice. An issued (or voided) invoice has its own number; a draft
 * has none yet, so exports print `DRAFT-` and the first 8 characters of its id ("DRAFT-3f9a1c2e"): stable
 * for the same draft, unique enough to tell drafts apart, and impossible to mistake for a real number.
 * A non-draft without a number is a compile bug (INTERNAL).
 */
export function exportInvoiceNumber(doc: Pick<InvoiceDocument, 'id' | 'number' | 'status'>): string {
  if (doc.number !== null && doc.number !== '') return doc.number;
  if (doc.status !== 'draft') throw new AppError('INTERNAL', `invoice ${doc.id} is ${doc.status} but has no number`);
  return `DRAFT-${doc.id.slice(0, DRAFT_ID_CHARS)}`;
}

/** The invoice date an export prints, 'YYYY-MM-DD': the issue date, or for a draft the period's end. */
export function exportInvoiceDate(doc: Pick<InvoiceDocument, 'issueDate' | 'periodEnd'>): string {
  return doc.issueDate ?? doc.periodEnd;
}

/** Billed time as printed hours: the text and its exact value in hundredths of an hour. */
export interface PrintedHours {
  readonly text: string;
  readonly hundredths: number;
}

function decimalText(value: number, decimals: 1 | 2): string {
  const scale = decimals === 1 ? 10 : 100;
  return `${String(divFloor(value, scale))}.${String(value % scale).padStart(decimals, '0')}`;
}

/**
 * Minutes as printed hours. A multiple of 6 minutes is exact in tenths: one decimal (90 → "1.5").
 * A multiple of 3 is exact in hundredths: two decimals (45 → "0.75", 3 → "0.05"). Any other count has
 * no short exact form and is rounded half up to tenths (7 → "0.1", 9 is a multiple of 3 → "0.15",
 * 50 → "0.8"). Negative minutes are a compile bug (INTERNAL): units are never negative.
 */
export function printedHours(minutes: number): PrintedHours {
  requireSafeInteger(minutes, 'minutes', 'INTERNAL', 0);
  if (minutes % 6 === 0) {
    const tenths = minutes / 6;
    return { text: decimalText(tenths, 1), hundredths: tenths * 10 };
  }
  if (minutes % 3 === 0) {
    const hundredths = (minutes / 3) * 5;
    return { text: decimalText(hundredths, 2), hundredths };
  }
  const tenths = divHalfUp(minutes, 6);
  return { text: decimalText(tenths, 1), hundredths: tenths * 10 };
}

/** A line's total in cents: its amount plus its write-down or write-up, exactly. */
export function lineTotalCents(line: Pick<InvoiceLine, 'amountCents' | 'adjustmentCents'>): number {
  return sumCents([line.amountCents, line.adjustmentCents]);
}

/** The fields a fee line must carry to be exported; their absence is a compile bug (INTERNAL). */
export interface FeeFacts {
  readonly minutes: number;
  readonly rateCents: number;
  readonly workDate: string;
  readonly timekeeper: NonNullable<InvoiceLine['timekeeper']>;
}

/** The minutes, rate, date and timekeeper of a fee line, or INTERNAL naming the first one missing. */
export function feeFacts(line: InvoiceLine, invoiceId: string): FeeFacts {
  const required = <T>(value: T | null, what: string): T => {
    if (value === null) throw new AppError('INTERNAL', `fee line ${String(line.lineNo)} of invoice ${invoiceId} has no ${what}`);
    return value;
  };
  const facts: FeeFacts = {
    minutes: required(line.minutes, 'minutes'),
    rateCents: required(line.rateCents, 'rate'),
    workDate: required(line.workDate, 'work date'),
    timekeeper: required(line.timekeeper, 'timekeeper'),
  };
  requireSafeInteger(facts.rateCents, 'hourly rate in cents', 'INTERNAL', 0);
  return facts;
}
