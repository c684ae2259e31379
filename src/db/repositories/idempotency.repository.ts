import type { Db, Tx } from '../connection.js';

/**
 * Claims an idempotency key (Slack event_id, Teams activity id, job key) inside the transaction
 * that acts on it. True the first time; false for a repeat delivery, which must change nothing.
 */
export async function claimKey(tx: Tx, key: string, scope: string): Promise<boolean> {
  const row = await tx
    .insertInto('idempotency_keys')
    .values({ key, scope })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

/** Forgets keys older than the cutoff (deliveries are only retried for minutes). */
export async function purgeKeys(db: Db, olderThan: Date): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('created_at', '<', olderThan).executeTakeFirst();
  return Number(result.numDeletedRows);
}
