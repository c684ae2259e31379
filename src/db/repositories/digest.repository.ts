import { sql } from 'kysely';
import type { LocalDate } from '../../core/dates.js';
import type { ApprovalFact, FinalizedInvoiceFact, InvoicedEntryFact, OpenEntryFact } from '../../core/digest-figures.js';
import type { Warning } from '../../core/time-entry.js';
import type { Db } from '../connection.js';

/** A half-open range of instants [from, to). */
export interface InstantRange {
  readonly from: Date;
  readonly to: Date;
}

/**
 * The reports' drafts and approved entries on no invoice, with work date ≤ `asOf`, each with its
 * matter's client: what awaits approval and what is work in progress. One query for the team.
 */
export async function listOpenEntries(db: Db, userIds: readonly number[], asOf: LocalDate): Promise<OpenEntryFact[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('time_entries as e')
    .leftJoin('matters as m', 'm.id', 'e.matter_id')
    .select(['e.id', 'e.version', 'e.user_id', 'e.matter_id', 'm.client_id', 'e.work_date', 'e.billed_minutes', 'e.status', 'e.narrative', 'e.task_code', 'e.activity_code', 'e.warnings'])
    .where('e.user_id', 'in', [...userIds])
    .where('e.work_date', '<=', asOf)
    .where((eb) => eb.or([eb('e.status', '=', 'draft'), eb.and([eb('e.status', '=', 'approved'), eb('e.invoice_id', 'is', null)])]))
    .orderBy('e.work_date')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({
    id: r.id, version: r.version, userId: r.user_id, matterId: r.matter_id, clientId: r.client_id, workDate: r.work_date,
    billedMinutes: r.billed_minutes, status: r.status as OpenEntryFact['status'], narrative: r.narrative,
    taskCode: r.task_code, activityCode: r.activity_code, warnings: r.warnings as Warning[],
  }));
}

/** The (report, date) pairs from `from` to `to` (inclusive) holding at least one entry of any status. */
export async function listRecordedDays(db: Db, userIds: readonly number[], from: LocalDate, to: LocalDate): Promise<{ userId: number; workDate: LocalDate }[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('time_entries')
    .select(['user_id', 'work_date'])
    .distinct()
    .where('user_id', 'in', [...userIds])
    .where('work_date', '>=', from)
    .where('work_date', '<=', to)
    .execute();
  return rows.map((r) => ({ userId: r.user_id, workDate: r.work_date }));
}

/** Per report, billed minutes of their entries on issued invoices finalized within the range. */
export async function billedMinutesByUser(db: Db, userIds: readonly number[], range: InstantRange): Promise<Map<number, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('time_entries as e')
    .innerJoin('invoices as i', 'i.id', 'e.invoice_id')
    .select(['e.user_id', sql<number>`sum(e.billed_minutes)::bigint`.as('minutes')])
    .where('e.user_id', 'in', [...userIds])
    .where('i.status', '=', 'issued')
    .where('i.finalized_at', '>=', range.from)
    .where('i.finalized_at', '<', range.to)
    .groupBy('e.user_id')
    .execute();
  return new Map(rows.map((r) => [r.user_id, Number(r.minutes)]));
}

/** Every entry of the firm approved within the range, with the latest end of its stored source activities. */
export async function listApprovals(db: Db, range: InstantRange): Promise<ApprovalFact[]> {
  const rows = await db
    .selectFrom('time_entries as e')
    .select(['e.approved_at', 'e.edited', 'e.origin', sql<Date | null>`(select max(a.end_at) from activities a where a.id = any(e.source_activity_ids))`.as('activity_end')])
    .where('e.approved_at', '>=', range.from)
    .where('e.approved_at', '<', range.to)
    .execute();
  return rows.map((r) => ({ approvedAt: r.approved_at as Date, activityEnd: r.activity_end, edited: r.edited, origin: r.origin as ApprovalFact['origin'] }));
}

/** Approval and finalize instants of every entry on an issued invoice finalized within the range. */
export async function listInvoicedEntries(db: Db, range: InstantRange): Promise<InvoicedEntryFact[]> {
  const rows = await db
    .selectFrom('time_entries as e')
    .innerJoin('invoices as i', 'i.id', 'e.invoice_id')
    .select(['e.approved_at', 'i.finalized_at'])
    .where('i.status', '=', 'issued')
    .where('i.finalized_at', '>=', range.from)
    .where('i.finalized_at', '<', range.to)
    .where('e.approved_at', 'is not', null)
    .execute();
  return rows.map((r) => ({ approvedAt: r.approved_at as Date, finalizedAt: r.finalized_at as Date }));
}

/**
 * Issued invoices finalized within the range: fees before adjustments and the write-downs as a
 * positive amount — negative fee-line adjustments plus negative adjustment lines (write-ups ignored).
 */
export async function listFinalizedInvoices(db: Db, range: InstantRange): Promise<FinalizedInvoiceFact[]> {
  const rows = await db
    .selectFrom('invoices as i')
    .select([
      'i.finalized_at',
      'i.fees_cents',
      sql<number>`(select coalesce(-sum(case when l.kind = 'fee' then least(l.adjustment_cents, 0) else least(l.amount_cents, 0) end), 0)::bigint from invoice_lines l where l.invoice_id = i.id)`.as('written_down'),
    ])
    .where('i.status', '=', 'issued')
    .where('i.finalized_at', '>=', range.from)
    .where('i.finalized_at', '<', range.to)
    .execute();
  return rows.map((r) => ({ finalizedAt: r.finalized_at as Date, feesCents: Number(r.fees_cents), writtenDownCents: Number(r.written_down) }));
}
