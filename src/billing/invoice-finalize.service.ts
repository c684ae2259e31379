import type { Actor } from '../core/audit.js';
import { localDateOf } from '../core/dates.js';
import { AppError } from '../core/errors.js';
import { invoiceTotals } from '../core/invoice-compile.js';
import { formatInvoiceNumber, sequenceScope } from '../core/invoice-number.js';
import { parseMoney } from '../core/money.js';
import { transaction, type Db, type Tx } from '../db/connection.js';
import { claimKey } from '../db/repositories/idempotency.repository.js';
import { getFirm } from '../db/repositories/firm.repository.js';
import {
  addAdjustmentLine, billEntries, findInvoice, findInvoiceByNumber, listInvoiceLines, markIssued, markVoid, setLineAdjustment, takeInvoiceNumber, updateTotals,
} from '../db/repositories/invoice.repository.js';
import { requireBilling } from './invoice-compile.service.js';

export interface Finalized {
  readonly invoiceId: string;
  readonly number: string;
  readonly entries: number;
}

/**
 * Issues a draft in one transaction: locks the invoice, takes the next number from the locked
 * sequence row (gapless: a rollback returns it), bills each entry only if it is still approved,
 * unbilled and unchanged since the pre-bill — otherwise everything rolls back with a clear
 * message — and snapshots the rates. Finalizing an issued invoice again changes nothing.
 */
export async function finalizeInvoice(db: Db, invoiceId: string, actor: Actor, now: Date): Promise<Finalized> {
  await requireBilling(db, actor);
  const firm = await getFirm(db);
  return transaction(db, async (tx) => {
    const invoice = await findInvoice(tx, invoiceId, { forUpdate: true });
    if (!invoice) throw new AppError('NOT_FOUND', 'invoice not found');
    if (invoice.status === 'void') throw new AppError('CONFLICT', `invoice ${invoice.number} was voided`);
    if (invoice.status === 'issued') return { invoiceId, number: invoice.number as string, entries: 0 };
    if (invoice.warnings.some((w) => w.code === 'no_rate')) throw new AppError('CONFLICT', 'some lines have no rate in force; add the rates, compile again, then finalize');
    const lines = await listInvoiceLines(tx, invoiceId);
    if (!lines.some((l) => l.kind === 'fee')) throw new AppError('CONFLICT', 'this pre-bill has no time to bill');
    const issueDate = localDateOf(now, firm?.timezone ?? 'UTC');
    const format = firm?.invoiceNumberFormat ?? '{YYYY}-{seq:4}';
    const seq = await takeInvoiceNumber(tx, sequenceScope(format, issueDate));
    const number = formatInvoiceNumber(format, seq, issueDate);
    await billEntries(tx, invoiceId, lines, actor, now);
    await markIssued(tx, invoiceId, number, issueDate, actor, now);
    return { invoiceId, number, entries: lines.filter((l) => l.entryId !== null).length };
  });
}

/** Voids an issued invoice by number: its entries return to approved; the number is never reused. */
export async function voidInvoice(db: Db, number: string, reason: string, actor: Actor, now: Date, options: Delivery = {}): Promise<{ number: string; entries: number }> {
  await requireBilling(db, actor);
  if (reason.trim() === '') throw new AppError('INVALID_INPUT', 'a reason is required to void an invoice');
  return transaction(db, async (tx) => {
    if (!(await firstDelivery(tx, options))) return { number: number.trim(), entries: 0 };
    const found = await findInvoiceByNumber(tx, number);
    const invoice = found ? await findInvoice(tx, found.id, { forUpdate: true }) : null;
    if (!invoice) throw new AppError('NOT_FOUND', `no invoice numbered "${number.trim()}"`);
    if (invoice.status !== 'issued') throw new AppError('CONFLICT', `invoice ${number.trim()} is ${invoice.status}, not issued`);
    const entries = await markVoid(tx, invoice, reason.trim(), actor, now);
    return { number: invoice.number as string, entries };
  });
}

/** A chat delivery's idempotency key, claimed in the transaction that acts on it. */
export interface Delivery {
  readonly deliveryKey?: string;
}

/** True unless this delivery was seen before (then the caller changes nothing). */
async function firstDelivery(tx: Tx, options: Delivery): Promise<boolean> {
  return options.deliveryKey === undefined || claimKey(tx, options.deliveryKey, 'invoice-action');
}

/**
 * A billing person's write-down (negative) or write-up on a draft: on one fee line, or on the
 * whole invoice when no line is given; a reason is required. Totals are recomputed. A repeated
 * delivery (same `deliveryKey`) changes nothing.
 */
export async function adjustDraft(db: Db, invoiceId: string, change: { lineNo?: number; amount: string; reason: string }, actor: Actor, options: Delivery = {}): Promise<void> {
  await requireBilling(db, actor);
  const reason = change.reason.trim();
  if (reason === '') throw new AppError('INVALID_INPUT', 'a write-down or write-up needs a reason');
  const cents = parseMoney(change.amount, { allowNegative: true });
  await transaction(db, async (tx) => {
    if (!(await firstDelivery(tx, options))) return;
    const invoice = await findInvoice(tx, invoiceId, { forUpdate: true });
    if (!invoice) throw new AppError('NOT_FOUND', 'invoice not found');
    if (invoice.status !== 'draft') throw new AppError('CONFLICT', `invoice ${invoice.number} is ${invoice.status}; only a pre-bill can be written down`);
    if (change.lineNo !== undefined) await setLineAdjustment(tx, invoiceId, change.lineNo, cents, reason, actor);
    else await addAdjustmentLine(tx, invoiceId, cents, reason, actor);
    const lines = await listInvoiceLines(tx, invoiceId);
    await updateTotals(tx, invoiceId, invoiceTotals(lines.map((l) => ({ ...l, timekeeper: null }))));
  });
}
