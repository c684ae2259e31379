import type { Warning } from './time-entry.js';

export type InvoiceStatus = 'draft' | 'issued' | 'void';

/** Who did the work on a fee line, as invoices name them. */
export interface Timekeeper {
  readonly userId: number;
  readonly name: string;
  /** The firm's timekeeper id (LEDES TIMEKEEPER_ID); null when none is configured. */
  readonly timekeeperId: string | null;
  /** LEDES classification such as PARTNR or ASSOC. */
  readonly classification: string | null;
}

/**
 * One line of an invoice. A fee line is one approved entry: minutes × hourly rate = amount, then a
 * billing person's write-down (negative) or write-up (positive) with its reason. An adjustment line
 * is an invoice-level write-down or write-up. Money in integer cents, time in integer minutes.
 */
export interface InvoiceLine {
  readonly lineNo: number;
  readonly kind: 'fee' | 'adjustment';
  readonly entryId: string | null;
  /** The entry's version when compiled: finalizing refuses entries changed since. */
  readonly entryVersion: number | null;
  readonly workDate: string | null;
  readonly timekeeper: Timekeeper | null;
  readonly description: string;
  readonly minutes: number | null;
  /** The hourly rate billed (after any client rate cap). */
  readonly rateCents: number | null;
  /** minutes × rate (× travel percent), rounded to the cent; for an adjustment line, its amount. */
  readonly amountCents: number;
  readonly adjustmentCents: number;
  readonly adjustmentReason: string | null;
  /** Why the rate or amount differs from the timekeeper's rate (cap, travel), for the pre-bill. */
  readonly rateNote: string | null;
  readonly taskCode: string | null;
  readonly activityCode: string | null;
}

/** Hours, rate and amount per timekeeper: the pre-bill's and the PDF's summary table. */
export interface TimekeeperSummary {
  readonly timekeeper: Timekeeper;
  readonly minutes: number;
  /** The rate when every line had the same one, else null (the PDF then shows "various"). */
  readonly rateCents: number | null;
  readonly amountCents: number;
}

/** Everything a renderer (PDF, LEDES, CSV, card) needs about one invoice; nothing to look up. */
export interface InvoiceDocument {
  readonly id: string;
  readonly number: string | null;
  readonly status: InvoiceStatus;
  readonly issueDate: string | null;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly currency: string;
  readonly firm: { readonly name: string; readonly lawFirmId: string | null };
  readonly client: { readonly code: string; readonly name: string; readonly ledesClientId: string | null };
  readonly matter: { readonly code: string; readonly name: string; readonly clientMatterId: string | null };
  readonly lines: readonly InvoiceLine[];
  readonly feesCents: number;
  readonly adjustmentCents: number;
  readonly totalCents: number;
  readonly timekeepers: readonly TimekeeperSummary[];
  readonly warnings: readonly Warning[];
  readonly awaiting: { readonly count: number; readonly minutes: number; readonly people: readonly string[] };
}

/** The text every LEDES line repeats and the PDF shows: "Professional services, 1 Mar – 31 Mar 2026". */
export function invoiceDescription(doc: Pick<InvoiceDocument, 'matter' | 'periodStart' | 'periodEnd'>): string {
  return `Professional services re ${doc.matter.name}, ${doc.periodStart} to ${doc.periodEnd}`;
}
