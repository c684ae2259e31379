import { sql } from 'kysely';
import type { Activity, ActivitySource } from '../../core/activity.js';
import type { Db, Tx } from '../connection.js';
import { columnList, jsonRecordset } from '../json-recordset.js';

export interface StoredActivity extends Activity {
  readonly userId: number;
  readonly workDate: string;
  readonly contentHash: string;
}

/**
 * Stores activities keyed on their stable id. A re-read item with the same content is left alone;
 * a changed one (moved meeting) is updated. Returns how many rows were new or changed.
 */
export async function saveActivities(tx: Tx, activities: readonly StoredActivity[]): Promise<number> {
  // One statement cannot touch a row twice: a batch naming an id twice keeps its last version.
  const unique = [...new Map(activities.map((a) => [a.id, a])).values()];
  let changed = 0;
  for (let i = 0; i < unique.length; i += CHUNK) changed += await saveChunk(tx, unique.slice(i, i + CHUNK));
  return changed;
}

/** Rows per statement: one JSON parameter each; bounded so one statement stays a few megabytes. */
const CHUNK = 10_000;

const COLUMNS = {
  id: 'text', user_id: 'integer', source: 'text', start_at: 'timestamptz', end_at: 'timestamptz', work_date: 'date',
  title: 'text', participants: 'text[]', ref: 'text', meta: 'jsonb', content_hash: 'text',
} as const;

async function saveChunk(tx: Tx, activities: readonly StoredActivity[]): Promise<number> {
  if (activities.length === 0) return 0;
  const rows = activities.map((a) => ({
    id: a.id, user_id: a.userId, source: a.source, start_at: a.start.toISOString(), end_at: a.end.toISOString(), work_date: a.workDate,
    title: a.title, participants: a.participants, ref: a.ref, meta: a.meta, content_hash: a.contentHash,
  }));
  const result = await sql`
    insert into activities (${columnList(COLUMNS)})
    select ${columnList(COLUMNS)} from ${jsonRecordset(rows, COLUMNS)}
    on conflict (id) do update set
      start_at = excluded.start_at, end_at = excluded.end_at, work_date = excluded.work_date, title = excluded.title,
      participants = excluded.participants, ref = excluded.ref, meta = excluded.meta, content_hash = excluded.content_hash
    where activities.content_hash <> excluded.content_hash`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}

function query(db: Db) {
  return db.selectFrom('activities').innerJoin('users', 'users.id', 'activities.user_id').selectAll('activities').select('users.email');
}

type Row = Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>;

function toStored(row: Row): StoredActivity {
  return {
    id: row.id,
    source: row.source as ActivitySource,
    user: row.email,
    userId: row.user_id,
    start: row.start_at,
    end: row.end_at,
    workDate: row.work_date,
    title: row.title,
    participants: row.participants,
    ref: row.ref,
    meta: row.meta,
    contentHash: row.content_hash,
  };
}

/** One person's activities on one local work date, in time order. */
export async function listActivities(db: Db, userId: number, workDate: string): Promise<StoredActivity[]> {
  return listActivitiesForDate(db, workDate, [userId]);
}

/** Everyone's (or some people's) activities on one work date, by person then time. */
export async function listActivitiesForDate(db: Db, workDate: string, userIds?: readonly number[]): Promise<StoredActivity[]> {
  let q = query(db).where('activities.work_date', '=', workDate);
  if (userIds) {
    if (userIds.length === 0) return [];
    q = q.where('activities.user_id', 'in', [...userIds]);
  }
  const rows = await q.orderBy('activities.user_id').orderBy('activities.start_at').orderBy('activities.id').execute();
  return rows.map(toStored);
}

export interface HistoryItem {
  readonly participants: string[];
  readonly matterId: number;
}

/**
 * For each person: the participants of their approved or billed entries since `sinceDate` and the
 * matter each went to, newest first, at most `perUser` — the matcher's "you put this person's
 * meetings on ACME-001 before" signal. One query for any number of people.
 */
export async function listApprovalHistories(db: Db, userIds: readonly number[], sinceDate: string, perUser = 200): Promise<Map<number, HistoryItem[]>> {
  const out = new Map<number, HistoryItem[]>();
  if (userIds.length === 0) return out;
  const { rows } = await sql<{ user_id: number; matter_id: number; participants: string[] }>`
    select user_id, matter_id, participants from (
      select e.user_id, e.matter_id, a.participants,
             row_number() over (partition by e.user_id order by e.approved_at desc nulls last, e.id) as n
      from time_entries e
      join activities a on a.id = any(e.source_activity_ids)
      where e.user_id in (${sql.join([...userIds])})
        and e.status in ('approved', 'billed')
        and e.matter_id is not null
        and e.work_date >= ${sinceDate}
        and cardinality(a.participants) > 0
    ) h
    where n <= ${perUser}
    order by user_id, n`.execute(db);
  for (const row of rows) {
    const list = out.get(row.user_id) ?? [];
    list.push({ participants: row.participants, matterId: row.matter_id });
    out.set(row.user_id, list);
  }
  return out;
}

/**
 * Removes raw activities whose every entry was billed on an invoice issued before the cutoff
 * (retention). Activities no entry used are kept: they may still be drafted.
 */
export async function purgeBilledActivities(db: Db, issuedBefore: Date): Promise<number> {
  const result = await db
    .deleteFrom('activities')
    .where((eb) =>
      eb.exists(
        eb.selectFrom('time_entries as e').innerJoin('invoices as i', 'i.id', 'e.invoice_id')
          .select(sql<number>`1`.as('one'))
          .where(sql<boolean>`activities.id = any(e.source_activity_ids)`)
          .where('e.status', '=', 'billed')
          .where('i.finalized_at', '<', issuedBefore),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('time_entries as e2')
            .select(sql<number>`1`.as('one'))
            .where(sql<boolean>`activities.id = any(e2.source_activity_ids)`)
            .where('e2.status', '<>', 'billed'),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
