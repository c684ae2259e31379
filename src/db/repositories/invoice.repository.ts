import { sql, type Selectable } from 'kysely';
import type { Actor } from '../../core/audit.js';
import { AppError } from '../../core/errors.js';
import type { InvoiceLine, InvoiceStatus } from '../../core/invoice.js';
import type { Warning } from '../../core/time-entry.js';
import type { Db, Tx } from '../connection.js';
import { columnList, jsonRecordset } from '../json-recordset.js';
import type { InvoicesTable } from '../schema.js';
import { recordAudit, recordAudits } from './audit.repository.js';

export interface InvoiceHeader {
  readonly id: string;
  readonly number: string | null;
  readonly status: InvoiceStatus;
  readonly clientId: number;
  readonly matterId: number;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly issueDate: string | null;
  readonly currency: string;
  readonly feesCents: number;
  readonly adjustmentCents: number;
  readonly totalCents: number;
  readonly awaitingCount: number;
  readonly awaitingMinutes: number;
  readonly warnings: readonly Warning[];
  readonly finalizedAt: Date | null;
  readonly voidedAt: Date | null;
  readonly voidReason: string | null;
}

function toHeader(row: Selectable<InvoicesTable>): InvoiceHeader {
  return {
    id: row.id, number: row.number, status: row.status as InvoiceStatus, clientId: row.client_id, matterId: row.matter_id,
    periodStart: row.period_start, periodEnd: row.period_end, issueDate: row.issue_date, currency: row.currency.trim(),
    feesCents: row.fees_cents, adjustmentCents: row.adjustment_cents, totalCents: row.total_cents,
    awaitingCount: row.awaiting_approval_count, awaitingMinutes: row.awaiting_approval_minutes, warnings: row.warnings as Warning[],
    finalizedAt: row.finalized_at, voidedAt: row.voided_at, voidReason: row.void_reason,
  };
}

/** The invoice with this id (optionally locked for a change in the caller's transaction), or null. */
export async function findInvoice(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<InvoiceHeader | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  let q = db.selectFrom('invoices').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? toHeader(row) : null;
}

/** The issued or void invoice with this number, or null. */
export async function findInvoiceByNumber(db: Db, number: string): Promise<InvoiceHeader | null> {
  const row = await db.selectFrom('invoices').selectAll().where('number', '=', number.trim()).executeTakeFirst();
  return row ? toHeader(row) : null;
}

/** The draft invoice of a matter for exactly this period, or null. */
export async function findDraft(db: Db, matterId: number, periodStart: string, periodEnd: string): Promise<InvoiceHeader | null> {
  const row = await db.selectFrom('invoices').selectAll().where('matter_id', '=', matterId).where('period_start', '=', periodStart).where('period_end', '=', periodEnd).where('status', '=', 'draft').executeTakeFirst();
  return row ? toHeader(row) : null;
}

/** An invoice's lines in order, with the user id of each fee line's timekeeper. */
export async function listInvoiceLines(db: Db, invoiceId: string): Promise<(Omit<InvoiceLine, 'timekeeper'> & { userId: number | null })[]> {
  const rows = await db.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', invoiceId).orderBy('line_no').execute();
  return rows.map((r) => ({
    lineNo: r.line_no, kind: r.kind as InvoiceLine['kind'], entryId: r.entry_id, entryVersion: r.entry_version, workDate: r.work_date,
    userId: r.user_id, description: r.description, minutes: r.minutes, rateCents: r.rate_cents, amountCents: r.amount_cents,
    adjustmentCents: r.adjustment_cents, adjustmentReason: r.adjustment_reason, rateNote: r.rate_note, taskCode: r.task_code, activityCode: r.activity_code,
  }));
}

/** What a compile stores as a draft: the header's own figures (the database adds id, number, status and dates) and its lines. */
export type DraftInvoice = Pick<
  InvoiceHeader,
  'clientId' | 'matterId' | 'periodStart' | 'periodEnd' | 'currency' | 'feesCents' | 'adjustmentCents' | 'totalCents' | 'awaitingCount' | 'awaitingMinutes' | 'warnings'
> & { readonly lines: readonly InvoiceLine[] };

const LINE_COLUMNS = {
  invoice_id: 'uuid', line_no: 'integer', kind: 'text', entry_id: 'uuid', entry_version: 'integer', work_date: 'date', user_id: 'integer',
  description: 'text', minutes: 'integer', rate_cents: 'integer', amount_cents: 'bigint', adjustment_cents: 'bigint',
  adjustment_reason: 'text', rate_note: 'text', task_code: 'text', activity_code: 'text',
} as const;

/** Stores lines as JSON recordsets: a 10,000-line invoice would need 160,000 bind parameters otherwise. */
async function insertLines(tx: Tx, invoiceId: string, lines: readonly InvoiceLine[]): Promise<void> {
  for (let i = 0; i < lines.length; i += 5000) {
    const rows = lines.slice(i, i + 5000).map((l) => ({
      invoice_id: invoiceId, line_no: l.lineNo, kind: l.kind, entry_id: l.entryId, entry_version: l.entryVersion, work_date: l.workDate,
      user_id: l.timekeeper?.userId ?? null, description: l.description, minutes: l.minutes, rate_cents: l.rateCents, amount_cents: l.amountCents,
      adjustment_cents: l.adjustmentCents, adjustment_reason: l.adjustmentReason, rate_note: l.rateNote, task_code: l.taskCode, activity_code: l.activityCode,
    }));
    await sql`insert into invoice_lines (${columnList(LINE_COLUMNS)}) select ${columnList(LINE_COLUMNS)} from ${jsonRecordset(rows, LINE_COLUMNS)}`.execute(tx);
  }
}

/** Serialises compiles of one matter's pre-bill for one period until the transaction ends. */
async function lockPrebill(tx: Tx, matterId: number, periodStart: string, periodEnd: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`prebill:${matterId}:${periodStart}:${periodEnd}`}))`.execute(tx);
}

/**
 * Stores a pre-bill, replacing the matter's draft for the same period (compiling again replaces
 * the draft); writes the `invoice.compile` audit row. Returns the new invoice id.
 */
export async function saveDraftInvoice(tx: Tx, draft: DraftInvoice, actor: Actor): Promise<string> {
  await lockPrebill(tx, draft.matterId, draft.periodStart, draft.periodEnd);
  const old = await findDraft(tx, draft.matterId, draft.periodStart, draft.periodEnd);
  // Only while still a draft: a finalize that got there first has made it an invoice to keep.
  if (old) await tx.deleteFrom('invoices').where('id', '=', old.id).where('status', '=', 'draft').execute();
  const { id } = await tx
    .insertInto('invoices')
    .values({
      client_id: draft.clientId, matter_id: draft.matterId, period_start: draft.periodStart, period_end: draft.periodEnd, currency: draft.currency,
      fees_cents: draft.feesCents, adjustment_cents: draft.adjustmentCents, total_cents: draft.totalCents,
      awaiting_approval_count: draft.awaitingCount, awaiting_approval_minutes: draft.awaitingMinutes, warnings: JSON.stringify(draft.warnings), created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertLines(tx, id, draft.lines);
  const after = { matterId: draft.matterId, period: [draft.periodStart, draft.periodEnd], lines: draft.lines.length, totalCents: draft.totalCents };
  await recordAudit(tx, { actor, action: 'invoice.compile', entityType: 'invoice', entityId: id, before: old ? { id: old.id, totalCents: old.totalCents } : null, after });
  return id;
}

/**
 * Takes the next number of a sequence (per year, or one for all time), holding the sequence row's
 * lock until the caller's transaction ends: concurrent finalizes queue here, and a rolled-back
 * finalize gives its number back, so numbers stay gapless.
 */
export async function takeInvoiceNumber(tx: Tx, scope: string): Promise<number> {
  await tx.insertInto('invoice_sequences').values({ scope, last_value: 0 }).onConflict((oc) => oc.column('scope').doNothing()).execute();
  const row = await tx.updateTable('invoice_sequences').set({ last_value: sql`last_value + 1` }).where('scope', '=', scope).returning('last_value').executeTakeFirstOrThrow();
  return row.last_value;
}

/**
 * Bills the invoice's entries: each must still be approved, unbilled and at the compiled version.
 * Throws CONFLICT naming how many were not (the caller's transaction then rolls everything back).
 */
export async function billEntries(tx: Tx, invoiceId: string, lines: readonly Pick<InvoiceLine, 'entryId' | 'entryVersion' | 'rateCents'>[], actor: Actor, at: Date): Promise<void> {
  const fees = lines.filter((l) => l.entryId !== null);
  if (fees.length === 0) return;
  const rows = fees.map((l) => ({ id: l.entryId, version: l.entryVersion, rate: l.rateCents }));
  const { rows: billed } = await sql<{ id: string; version: number }>`
    update time_entries e set status = 'billed', invoice_id = ${invoiceId}, billed_rate_cents = r.rate, version = e.version + 1, updated_at = ${at}
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id uuid, version integer, rate integer)
    where e.id = r.id and e.version = r.version and e.status = 'approved' and e.invoice_id is null
    returning e.id, e.version`.execute(tx);
  if (billed.length !== fees.length) {
    throw new AppError('CONFLICT', `${fees.length - billed.length} of ${fees.length} entries were billed or changed since this pre-bill was compiled; compile it again`);
  }
  await recordAudits(tx, billed.map((b) => ({ actor, action: 'entry.billed', entityType: 'time_entry', entityId: b.id, before: { status: 'approved' }, after: { status: 'billed', invoiceId, version: b.version }, at })));
}

/** Marks a locked draft issued with its number and date, audited. */
export async function markIssued(tx: Tx, invoiceId: string, number: string, issueDate: string, actor: Actor, at: Date): Promise<void> {
  await tx.updateTable('invoices').set({ status: 'issued', number, issue_date: issueDate, finalized_by: actor.userId, finalized_at: at, updated_at: at }).where('id', '=', invoiceId).execute();
  await recordAudit(tx, { actor, action: 'invoice.finalize', entityType: 'invoice', entityId: invoiceId, before: { status: 'draft' }, after: { status: 'issued', number, issueDate }, at });
}

/** Voids a locked issued invoice and returns its entries to approved; the number stays used. */
export async function markVoid(tx: Tx, invoice: InvoiceHeader, reason: string, actor: Actor, at: Date): Promise<number> {
  await tx.updateTable('invoices').set({ status: 'void', voided_by: actor.userId, voided_at: at, void_reason: reason, updated_at: at }).where('id', '=', invoice.id).execute();
  const entries = await tx
    .updateTable('time_entries')
    .set({ status: 'approved', invoice_id: null, billed_rate_cents: null, version: sql`version + 1`, updated_at: at })
    .where('invoice_id', '=', invoice.id)
    .returning(['id', 'version'])
    .execute();
  await recordAudit(tx, { actor, action: 'invoice.void', entityType: 'invoice', entityId: invoice.id, before: { status: 'issued', number: invoice.number }, after: { status: 'void', reason }, at });
  await recordAudits(tx, entries.map((e) => ({ actor, action: 'entry.unbilled', entityType: 'time_entry', entityId: e.id, before: { status: 'billed', invoiceId: invoice.id }, after: { status: 'approved', version: e.version }, at })));
  return entries.length;
}

/** Records a billing person's write-down or write-up on one line of a draft (0 cents clears it). */
export async function setLineAdjustment(tx: Tx, invoiceId: string, lineNo: number, amountCents: number, reason: string | null, actor: Actor): Promise<void> {
  const result = await tx
    .updateTable('invoice_lines')
    .set({ adjustment_cents: amountCents, adjustment_reason: amountCents === 0 ? null : reason })
    .where('invoice_id', '=', invoiceId)
    .where('line_no', '=', lineNo)
    .where('kind', '=', 'fee')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new AppError('NOT_FOUND', `the pre-bill has no fee line ${lineNo}`);
  await recordAudit(tx, { actor, action: 'invoice.adjust_line', entityType: 'invoice', entityId: invoiceId, before: null, after: { lineNo, amountCents, reason } });
}

/** Removes a matter's draft for a period that has nothing left to bill; audited. */
export async function discardDraft(tx: Tx, matterId: number, periodStart: string, periodEnd: string, actor: Actor): Promise<boolean> {
  await lockPrebill(tx, matterId, periodStart, periodEnd);
  const old = await findDraft(tx, matterId, periodStart, periodEnd);
  if (!old) return false;
  await tx.deleteFrom('invoices').where('id', '=', old.id).where('status', '=', 'draft').execute();
  await recordAudit(tx, { actor, action: 'invoice.discard', entityType: 'invoice', entityId: old.id, before: { status: 'draft', totalCents: old.totalCents }, after: null });
  return true;
}

/** Recomputed totals of a draft after a write-down. */
export async function updateTotals(tx: Tx, invoiceId: string, totals: { feesCents: number; adjustmentCents: number; totalCents: number }): Promise<void> {
  await tx.updateTable('invoices').set({ fees_cents: totals.feesCents, adjustment_cents: totals.adjustmentCents, total_cents: totals.totalCents, updated_at: new Date() }).where('id', '=', invoiceId).execute();
}

/** Adds an invoice-level write-down or write-up line to a draft; returns its line number. */
export async function addAdjustmentLine(tx: Tx, invoiceId: string, amountCents: number, reason: string, actor: Actor): Promise<number> {
  const last = await tx.selectFrom('invoice_lines').select((eb) => eb.fn.max('line_no').as('n')).where('invoice_id', '=', invoiceId).executeTakeFirst();
  const lineNo = Number(last?.n ?? 0) + 1;
  await tx.insertInto('invoice_lines').values({ invoice_id: invoiceId, line_no: lineNo, kind: 'adjustment', description: reason, amount_cents: amountCents, adjustment_cents: 0 }).execute();
  await recordAudit(tx, { actor, action: 'invoice.adjust', entityType: 'invoice', entityId: invoiceId, before: null, after: { lineNo, amountCents, reason } });
  return lineNo;
}
