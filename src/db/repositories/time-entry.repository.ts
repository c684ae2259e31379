import type { Actor } from '../../core/audit.js';
import { AppError } from '../../core/errors.js';
import type { Confidence, EntryStatus, Evidence, TimeEntry, Warning } from '../../core/time-entry.js';
import type { Db, Tx } from '../connection.js';
import type { Selectable } from 'kysely';
import type { TimeEntriesTable } from '../schema.js';
import { recordAudit } from './audit.repository.js';

type Row = Selectable<TimeEntriesTable>;

function toEntry(row: Row): TimeEntry {
  return {
    id: row.id,
    userId: row.user_id,
    matterId: row.matter_id,
    workDate: row.work_date,
    actualMinutes: row.actual_minutes,
    billedMinutes: row.billed_minutes,
    status: row.status as EntryStatus,
    version: row.version,
    narrative: row.narrative,
    taskCode: row.task_code,
    activityCode: row.activity_code,
    confidence: row.confidence as Confidence | null,
    evidence: row.evidence as Evidence[],
    warnings: row.warnings as Warning[],
    sourceActivityIds: row.source_activity_ids,
    edited: row.edited,
    invoiceId: row.invoice_id,
    billedRateCents: row.billed_rate_cents,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** What audit rows record of an entry: no narrative text, which is privileged (ids only in logs). */
function snapshot(entry: TimeEntry) {
  return {
    status: entry.status,
    version: entry.version,
    matterId: entry.matterId,
    actualMinutes: entry.actualMinutes,
    billedMinutes: entry.billedMinutes,
    taskCode: entry.taskCode,
    activityCode: entry.activityCode,
    invoiceId: entry.invoiceId,
  };
}

/** What capture or a person supplies for a new entry; the database fills id, version and times. */
export type NewEntry = Pick<
  TimeEntry,
  'userId' | 'matterId' | 'workDate' | 'actualMinutes' | 'billedMinutes' | 'narrative' | 'taskCode' | 'activityCode' | 'confidence' | 'evidence' | 'warnings' | 'sourceActivityIds'
> & {
  readonly origin: 'capture' | 'manual';
  readonly captureKey: string | null;
  readonly status?: EntryStatus;
};

/** Inserts a new entry and its audit row (`entry.create`). */
export async function insertEntry(tx: Tx, entry: NewEntry, actor: Actor, at = new Date()): Promise<TimeEntry> {
  const row = await tx
    .insertInto('time_entries')
    .values({
      user_id: entry.userId,
      matter_id: entry.matterId,
      work_date: entry.workDate,
      actual_minutes: entry.actualMinutes,
      billed_minutes: entry.billedMinutes,
      narrative: entry.narrative,
      task_code: entry.taskCode,
      activity_code: entry.activityCode,
      confidence: entry.confidence,
      evidence: JSON.stringify(entry.evidence),
      warnings: JSON.stringify(entry.warnings),
      source_activity_ids: [...entry.sourceActivityIds],
      origin: entry.origin,
      capture_key: entry.captureKey,
      ...(entry.status ? { status: entry.status } : {}),
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const created = toEntry(row);
  await recordAudit(tx, { actor, action: 'entry.create', entityType: 'time_entry', entityId: created.id, before: null, after: snapshot(created), at });
  return created;
}

/** The entry with this id, or null. Pass a transaction and `forUpdate` to lock it for a change. */
export async function findEntry(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<TimeEntry | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  let query = db.selectFrom('time_entries').selectAll().where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toEntry(row) : null;
}

export interface EntryFilter {
  readonly userId?: number;
  readonly from?: string;
  readonly to?: string;
  readonly status?: EntryStatus;
  readonly matterId?: number;
}

/** Entries matching the filter, by date then creation. */
export async function listEntries(db: Db, filter: EntryFilter = {}): Promise<TimeEntry[]> {
  let query = db.selectFrom('time_entries').selectAll();
  if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
  if (filter.from) query = query.where('work_date', '>=', filter.from);
  if (filter.to) query = query.where('work_date', '<=', filter.to);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.matterId !== undefined) query = query.where('matter_id', '=', filter.matterId);
  const rows = await query.orderBy('work_date').orderBy('user_id').orderBy('created_at').orderBy('id').execute();
  return rows.map(toEntry);
}

export interface StatusChange {
  readonly id: string;
  /** The version the actor saw; a different current version means their card is stale. */
  readonly expectedVersion: number;
  readonly to: EntryStatus;
  readonly actor: Actor;
  readonly at?: Date;
}

/**
 * Moves an entry to a new status if it is still at the expected version, bumps the version and
 * writes the audit row, all in the caller's transaction. Throws STALE when someone changed it first.
 */
export async function changeEntryStatus(tx: Tx, change: StatusChange): Promise<TimeEntry> {
  const at = change.at ?? new Date();
  const current = await findEntry(tx, change.id, { forUpdate: true });
  if (!current) throw new AppError('NOT_FOUND', 'entry not found');
  if (current.version !== change.expectedVersion) {
    throw new AppError('STALE', 'this entry changed since the card was shown');
  }
  const approving = change.to === 'approved';
  const row = await tx
    .updateTable('time_entries')
    .set({
      status: change.to,
      version: current.version + 1,
      approved_by: approving ? change.actor.userId : null,
      approved_at: approving ? at : null,
      updated_at: at,
    })
    .where('id', '=', change.id)
    .where('version', '=', change.expectedVersion)
    .returningAll()
    .executeTakeFirstOrThrow();
  const updated = toEntry(row);
  await recordAudit(tx, { actor: change.actor, action: `entry.${change.to}`, entityType: 'time_entry', entityId: updated.id, before: snapshot(current), after: snapshot(updated), at });
  return updated;
}
