import { sql } from 'kysely';
import type { LocalDate } from '../../core/dates.js';
import type { Db } from '../connection.js';

/** One day of a person's drafts: how many and their billed minutes. */
export interface DraftDay {
  readonly workDate: LocalDate;
  readonly count: number;
  readonly billedMinutes: number;
}

/**
 * A person's days with drafts (status 'draft') dated on or before `onOrBefore`, oldest first, each
 * with the number of drafts and their billed minutes. Nothing else of the entries is read.
 */
export async function listDraftDays(db: Db, userId: number, onOrBefore: LocalDate): Promise<DraftDay[]> {
  const rows = await db
    .selectFrom('time_entries')
    .select(['work_date', sql<number>`count(*)::int`.as('count'), sql<number>`coalesce(sum(billed_minutes), 0)::int`.as('billed_minutes')])
    .where('user_id', '=', userId)
    .where('status', '=', 'draft')
    .where('work_date', '<=', onOrBefore)
    .groupBy('work_date')
    .orderBy('work_date')
    .execute();
  return rows.map((row) => ({ workDate: row.work_date, count: row.count, billedMinutes: row.billed_minutes }));
}
