import type { Db, Tx } from '../connection.js';

export type Platform = 'teams' | 'slack';

/** Saves (or replaces) how to reach a user proactively on a platform. */
export async function saveConversationReference(tx: Tx | Db, userId: number, platform: Platform, reference: Readonly<Record<string, unknown>>): Promise<void> {
  const json = JSON.stringify(reference);
  await tx
    .insertInto('conversation_references')
    .values({ user_id: userId, platform, reference: json })
    .onConflict((oc) => oc.columns(['user_id', 'platform']).doUpdateSet({ reference: json, updated_at: new Date() }))
    .execute();
}

/** The saved conversation reference for a user on a platform, or null. */
export async function findConversationReference(db: Db, userId: number, platform: Platform): Promise<Record<string, unknown> | null> {
  const row = await db
    .selectFrom('conversation_references')
    .select('reference')
    .where('user_id', '=', userId)
    .where('platform', '=', platform)
    .executeTakeFirst();
  return row ? row.reference : null;
}
