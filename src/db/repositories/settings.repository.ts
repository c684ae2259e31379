import type { Db } from '../connection.js';

/**
 * A setting that must exist once per installation (e.g. a signing key generated on first use):
 * the stored value, or `create()`'s value stored now. Concurrent first uses agree on one value.
 */
export async function getOrCreateSetting(db: Db, key: string, create: () => string): Promise<string> {
  await db.insertInto('app_settings').values({ key, value: create() }).onConflict((oc) => oc.column('key').doNothing()).execute();
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return row.value;
}
