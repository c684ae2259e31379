import type { Activity, ActivitySource } from '../../core/activity.js';
import type { Db, Tx } from '../connection.js';

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
  if (activities.length === 0) return 0;
  const result = await tx
    .insertInto('activities')
    .values(
      activities.map((a) => ({
        id: a.id,
        user_id: a.userId,
        source: a.source,
        start_at: a.start,
        end_at: a.end,
        work_date: a.workDate,
        title: a.title,
        participants: [...a.participants],
        ref: a.ref,
        meta: JSON.stringify(a.meta),
        content_hash: a.contentHash,
      })),
    )
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        start_at: eb.ref('excluded.start_at'),
        end_at: eb.ref('excluded.end_at'),
        work_date: eb.ref('excluded.work_date'),
        title: eb.ref('excluded.title'),
        participants: eb.ref('excluded.participants'),
        ref: eb.ref('excluded.ref'),
        meta: eb.ref('excluded.meta'),
        content_hash: eb.ref('excluded.content_hash'),
      })).where('activities.content_hash', '<>', (eb) => eb.ref('excluded.content_hash')),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** One person's activities on one local work date, in time order. */
export async function listActivities(db: Db, userId: number, workDate: string): Promise<StoredActivity[]> {
  const rows = await db
    .selectFrom('activities')
    .innerJoin('users', 'users.id', 'activities.user_id')
    .selectAll('activities')
    .select('users.email')
    .where('activities.user_id', '=', userId)
    .where('activities.work_date', '=', workDate)
    .orderBy('activities.start_at')
    .orderBy('activities.id')
    .execute();
  return rows.map((row) => ({
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
  }));
}
