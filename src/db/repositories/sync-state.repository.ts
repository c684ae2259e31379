import { sql } from 'kysely';
import type { Db, Tx } from '../connection.js';

export interface SyncState {
  readonly cursor: string | null;
  readonly lastSyncedAt: Date | null;
}

/** Where the last sync of a source for a user stopped (a Graph delta link, a Slack cursor), or null. */
export async function getSyncState(db: Db, userId: number, source: string): Promise<SyncState | null> {
  const row = await db
    .selectFrom('sync_state')
    .select(['cursor', 'last_synced_at'])
    .where('user_id', '=', userId)
    .where('source', '=', source)
    .executeTakeFirst();
  return row ? { cursor: row.cursor, lastSyncedAt: row.last_synced_at } : null;
}

/** Records where a sync stopped; a null cursor forces the next sync to start over. */
export async function saveSyncState(tx: Tx | Db, userId: number, source: string, state: SyncState): Promise<void> {
  const values = { cursor: state.cursor, last_synced_at: state.lastSyncedAt };
  await tx
    .insertInto('sync_state')
    .values({ user_id: userId, source, ...values })
    .onConflict((oc) => oc.columns(['user_id', 'source']).doUpdateSet({ ...values, updated_at: new Date() }))
    .execute();
}

/**
 * Forgets per-day sync state (`calendar:YYYY-MM-DD…`, which holds that day's meeting subjects) for
 * days before the cutoff date; returns how many rows went.
 */
export async function purgeDailySyncState(db: Db, beforeDate: string): Promise<number> {
  const result = await db
    .deleteFrom('sync_state')
    .where('source', '~', '^[a-z]+:[0-9]{4}-[0-9]{2}-[0-9]{2}')
    .where(sql<string>`substring(source from '[0-9]{4}-[0-9]{2}-[0-9]{2}')`, '<', beforeDate)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
