import type { Actor } from '../../core/audit.js';
import { AppError } from '../../core/errors.js';
import type { Confidence, EntryStatus, Evidence, TimeEntry, Warning } from '../../core/time-entry.js';
import type { Db, Tx } from '../connection.js';
import { sql, type Selectable } from 'kysely';
import type { TimeEntriesTable } from '../schema.js';
import { columnList, jsonRecordset } from '../json-recordset.js';
import { recordAudit, recordAudits } from './audit.repository.js';

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
    matchReasons: row.match_reasons,
    evidence: row.evidence as Evidence[],
    warnings: row.warnings as Warning[],
    sourceActivityIds: row.source_activity_ids,
    origin: row.origin as TimeEntry['origin'],
    captureKey: row.capture_key,
    edited: row.edited,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    invoiceId: row.invoice_id,
    billedRateCents: row.billed_rate_cents,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** What audit rows record of an entry: no narrative text, which is privileged (ids only in logs). */
export function entrySnapshot(entry: TimeEntry) {
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
  'userId' | 'matterId' | 'workDate' | 'actualMinutes' | 'billedMinutes' | 'narrative' | 'taskCode' | 'activityCode' | 'confidence' | 'evidence' | 'warnings' | 'sourceActivityIds' | 'origin' | 'captureKey'
> & {
  readonly matchReasons?: readonly string[];
  readonly status?: EntryStatus;
};

const COLUMNS = {
  user_id: 'integer', matter_id: 'integer', work_date: 'date', actual_minutes: 'integer', billed_minutes: 'integer',
  narrative: 'text', task_code: 'text', activity_code: 'text', confidence: 'text', match_reasons: 'text[]',
  evidence: 'jsonb', warnings: 'jsonb', source_activity_ids: 'text[]', origin: 'text', capture_key: 'text',
  status: 'text', created_at: 'timestamptz', updated_at: 'timestamptz',
} as const;

function entryRow(entry: NewEntry, at: string) {
  return {
    user_id: entry.userId, matter_id: entry.matterId, work_date: entry.workDate, actual_minutes: entry.actualMinutes,
    billed_minutes: entry.billedMinutes, narrative: entry.narrative, task_code: entry.taskCode, activity_code: entry.activityCode,
    confidence: entry.confidence, match_reasons: entry.matchReasons ?? [], evidence: entry.evidence, warnings: entry.warnings,
    source_activity_ids: entry.sourceActivityIds, origin: entry.origin, capture_key: entry.captureKey,
    status: entry.status ?? 'draft', created_at: at, updated_at: at,
  };
}

/** Rows per statement: one JSON parameter each, a few megabytes at most. */
const CHUNK = 5000;

/**
 * Inserts many entries (one JSON parameter per statement), and one `entry.create` audit row each.
 * An entry whose capture key is already stored is skipped (and not returned).
 */
export async function insertEntries(tx: Tx, entries: readonly NewEntry[], actor: Actor, at = new Date()): Promise<TimeEntry[]> {
  const created: TimeEntry[] = [];
  const stamp = at.toISOString();
  for (let i = 0; i < entries.length; i += CHUNK) {
    const rows = entries.slice(i, i + CHUNK).map((e) => entryRow(e, stamp));
    // A concurrent capture of the same day may have stored the same group first: never two drafts.
    const result = await sql<Row>`
      insert into time_entries (${columnList(COLUMNS)})
      select ${columnList(COLUMNS)} from ${jsonRecordset(rows, COLUMNS)}
      on conflict (capture_key) do nothing
      returning *`.execute(tx);
    const batch = result.rows.map(toEntry);
    await recordAudits(tx, batch.map((e) => ({ actor, action: 'entry.create', entityType: 'time_entry', entityId: e.id, before: null, after: entrySnapshot(e), at })));
    created.push(...batch);
  }
  return created;
}

/** Inserts a new entry and its audit row (`entry.create`); CONFLICT if its capture key is taken. */
export async function insertEntry(tx: Tx, entry: NewEntry, actor: Actor, at = new Date()): Promise<TimeEntry> {
  const [created] = await insertEntries(tx, [entry], actor, at);
  if (!created) throw new AppError('CONFLICT', 'an entry for the same activities already exists');
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
 * `locked`: the entry as the caller already read it FOR UPDATE in this transaction.
 */
export async function changeEntryStatus(tx: Tx, change: StatusChange, locked?: TimeEntry): Promise<TimeEntry> {
  const at = change.at ?? new Date();
  // A caller that already read the entry FOR UPDATE in this transaction passes it: one query fewer per click.
  const current = locked?.id === change.id ? locked : await findEntry(tx, change.id, { forUpdate: true });
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
  await recordAudit(tx, { actor: change.actor, action: `entry.${change.to}`, entityType: 'time_entry', entityId: updated.id, before: entrySnapshot(current), after: entrySnapshot(updated), at });
  return updated;
}

/** What capture may rewrite in an untouched draft when its activities changed (a meeting moved). */
export type DraftRefresh = Pick<NewEntry, 'matterId' | 'actualMinutes' | 'billedMinutes' | 'narrative' | 'taskCode' | 'activityCode' | 'confidence' | 'matchReasons' | 'evidence' | 'warnings' | 'sourceActivityIds'>;

/**
 * Rewrites a draft nobody has touched (status draft, not edited, still at the version capture saw).
 * Returns null when a person got there first: their change wins and capture leaves it alone.
 */
export async function refreshDraft(tx: Tx, id: string, expectedVersion: number, fields: DraftRefresh, actor: Actor, at = new Date()): Promise<TimeEntry | null> {
  const before = await findEntry(tx, id, { forUpdate: true });
  if (!before || before.version !== expectedVersion || before.status !== 'draft' || before.edited) return null;
  const row = await tx
    .updateTable('time_entries')
    .set({
      matter_id: fields.matterId,
      actual_minutes: fields.actualMinutes,
      billed_minutes: fields.billedMinutes,
      narrative: fields.narrative,
      task_code: fields.taskCode,
      activity_code: fields.activityCode,
      confidence: fields.confidence,
      match_reasons: [...(fields.matchReasons ?? [])],
      evidence: JSON.stringify(fields.evidence),
      warnings: JSON.stringify(fields.warnings),
      source_activity_ids: [...fields.sourceActivityIds],
      version: before.version + 1,
      updated_at: at,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const after = toEntry(row);
  await recordAudit(tx, { actor, action: 'entry.refresh', entityType: 'time_entry', entityId: id, before: entrySnapshot(before), after: entrySnapshot(after), at });
  return after;
}

/**
 * Deletes drafts that capture superseded, but only those still untouched at the version capture
 * saw; returns the ids actually deleted (each with an `entry.delete` audit row).
 */
export async function deleteUntouchedDrafts(tx: Tx, drafts: readonly Pick<TimeEntry, 'id' | 'version'>[], actor: Actor, at = new Date()): Promise<string[]> {
  const deleted: string[] = [];
  for (const draft of drafts) {
    const row = await tx
      .deleteFrom('time_entries')
      .where('id', '=', draft.id)
      .where('version', '=', draft.version)
      .where('status', '=', 'draft')
      .where('edited', '=', false)
      .returningAll()
      .executeTakeFirst();
    if (!row) continue;
    await recordAudit(tx, { actor, action: 'entry.delete', entityType: 'time_entry', entityId: draft.id, before: entrySnapshot(toEntry(row)), after: null, at });
    deleted.push(draft.id);
  }
  return deleted;
}

/** What a person may change in an entry by editing it; absent fields stay as they are. */
export interface EntryEdit {
  readonly narrative?: string;
  readonly billedMinutes?: number;
  readonly matterId?: number | null;
  readonly taskCode?: string | null;
  readonly activityCode?: string | null;
}

/**
 * Applies a person's edit to an entry still at the version they saw (STALE otherwise; billed entries
 * are refused), marks it edited so capture never rewrites it, and writes the `entry.edit` audit row.
 */
export async function editEntry(tx: Tx, id: string, expectedVersion: number, edit: EntryEdit, actor: Actor, at = new Date()): Promise<TimeEntry> {
  const current = await findEntry(tx, id, { forUpdate: true });
  if (!current) throw new AppError('NOT_FOUND', 'entry not found');
  if (current.version !== expectedVersion) throw new AppError('STALE', 'this entry changed since the card was shown');
  if (current.status === 'billed') throw new AppError('CONFLICT', 'this entry is on an issued invoice and cannot be edited');
  const row = await tx
    .updateTable('time_entries')
    .set({
      ...(edit.narrative !== undefined ? { narrative: edit.narrative } : {}),
      ...(edit.billedMinutes !== undefined ? { billed_minutes: edit.billedMinutes } : {}),
      ...(edit.matterId !== undefined ? { matter_id: edit.matterId } : {}),
      ...(edit.taskCode !== undefined ? { task_code: edit.taskCode } : {}),
      ...(edit.activityCode !== undefined ? { activity_code: edit.activityCode } : {}),
      edited: true,
      version: current.version + 1,
      updated_at: at,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const updated = toEntry(row);
  await recordAudit(tx, { actor, action: 'entry.edit', entityType: 'time_entry', entityId: id, before: entrySnapshot(current), after: entrySnapshot(updated), at });
  return updated;
}
