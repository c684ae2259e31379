import type { ColumnType, Selectable } from 'kysely';
import type { DueSend, ScheduledSend, SendKind, SendOutcome, SendStatus } from '../../core/schedule.js';
import type { Db, Tx } from '../connection.js';

/** The table of migration 0003, known only to this repository. */
interface ScheduledSendsTable {
  id: ColumnType<number, never, never>;
  kind: string;
  user_id: number;
  local_date: string;
  status: ColumnType<string, string | undefined, string>;
  attempts: ColumnType<number, number | undefined, number>;
  reason: string | null;
  platform: string | null;
  conversation_id: string | null;
  message_id: string | null;
  due_at: Date;
  queued_at: ColumnType<Date, Date | undefined, Date>;
  started_at: Date | null;
  finished_at: Date | null;
}

type WithSends = { scheduled_sends: ScheduledSendsTable };

function sends(db: Db | Tx) {
  return db.withTables<WithSends>();
}

function toSend(row: Selectable<ScheduledSendsTable>): ScheduledSend {
  return {
    id: row.id,
    kind: row.kind as SendKind,
    userId: row.user_id,
    localDate: row.local_date,
    dueAt: row.due_at,
    status: row.status as SendStatus,
    attempts: row.attempts,
    reason: row.reason,
    platform: row.platform as ScheduledSend['platform'],
    conversationId: row.conversation_id,
    messageId: row.message_id,
    queuedAt: row.queued_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

/**
 * Records the sends that have come due and answers only those this call created: a send already
 * recorded (by this or another instance, now or an hour ago) is left alone, so whoever inserts a
 * row is the only one to queue it.
 */
export async function insertDueSends(tx: Tx, due: readonly DueSend[], now: Date): Promise<ScheduledSend[]> {
  if (due.length === 0) return [];
  const rows = await sends(tx)
    .insertInto('scheduled_sends')
    .values(due.map((d) => ({ kind: d.kind, user_id: d.userId, local_date: d.localDate, due_at: d.dueAt, queued_at: now })))
    .onConflict((oc) => oc.columns(['kind', 'user_id', 'local_date']).doNothing())
    .returningAll()
    .execute();
  return rows.map(toSend);
}

/** The sends of these local dates already recorded, as "kind:user:date" keys (to skip them cheaply). */
export async function recordedSendKeys(db: Db, dates: readonly string[]): Promise<Set<string>> {
  if (dates.length === 0) return new Set();
  const rows = await sends(db).selectFrom('scheduled_sends').select(['kind', 'user_id', 'local_date']).where('local_date', 'in', [...dates]).execute();
  return new Set(rows.map((r) => `${r.kind}:${String(r.user_id)}:${r.local_date}`));
}

export async function findSend(db: Db | Tx, id: number): Promise<ScheduledSend | null> {
  const row = await sends(db).selectFrom('scheduled_sends').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSend(row) : null;
}

/**
 * Takes a send for delivery: only from the given states, so two workers (or a redelivered job)
 * never both send it. Answers the claimed row, or null when someone else has it or it is done.
 */
export async function claimSend(db: Db | Tx, id: number, from: readonly SendStatus[], now: Date): Promise<ScheduledSend | null> {
  const row = await sends(db)
    .updateTable('scheduled_sends')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), started_at: now, reason: null }))
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .returningAll()
    .executeTakeFirst();
  return row ? toSend(row) : null;
}

/** Records how the send ended (delivered with where it landed, or why not). */
export async function finishSend(db: Db | Tx, id: number, outcome: SendOutcome, now: Date): Promise<void> {
  const landed = outcome.status === 'delivered' ? { platform: outcome.platform, conversation_id: outcome.conversationId, message_id: outcome.messageId, reason: null } : { reason: outcome.reason, ...(outcome.platform ? { platform: outcome.platform } : {}) };
  await sends(db).updateTable('scheduled_sends').set({ status: outcome.status, finished_at: now, ...landed }).where('id', '=', id).execute();
}

export interface SendFilter {
  readonly status?: SendStatus;
  readonly kind?: SendKind;
  readonly from?: string;
  readonly to?: string;
  readonly limit?: number;
}

/** The ledger, newest first (for `tally jobs`). */
export async function listSends(db: Db, filter: SendFilter = {}): Promise<ScheduledSend[]> {
  let query = sends(db).selectFrom('scheduled_sends').selectAll();
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.from) query = query.where('local_date', '>=', filter.from);
  if (filter.to) query = query.where('local_date', '<=', filter.to);
  const rows = await query.orderBy('local_date', 'desc').orderBy('id', 'desc').limit(filter.limit ?? 200).execute();
  return rows.map(toSend);
}

/** How many sends are in each state (all of them, or of the given dates). */
export async function countSends(db: Db, filter: Pick<SendFilter, 'from' | 'to'> = {}): Promise<Record<SendStatus, number>> {
  let query = sends(db).selectFrom('scheduled_sends').select((eb) => ['status', eb.fn.countAll<number>().as('n')]).groupBy('status');
  if (filter.from) query = query.where('local_date', '>=', filter.from);
  if (filter.to) query = query.where('local_date', '<=', filter.to);
  const counts = { queued: 0, sending: 0, delivered: 0, delivery_unknown: 0, failed: 0, unreachable: 0, skipped: 0 };
  for (const row of await query.execute()) counts[row.status as SendStatus] = Number(row.n);
  return counts;
}
