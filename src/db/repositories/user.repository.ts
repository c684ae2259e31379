import { sql } from 'kysely';
import type { Role, SourceKind, User } from '../../core/firm.js';
import type { Db, Tx } from '../connection.js';

/** A user as written by import: everything but the id and the links to other users. */
export type UserFields = Omit<User, 'id' | 'managerId' | 'delegateIds' | 'unreachableAt'>;

function baseQuery(db: Db) {
  return db
    .selectFrom('users')
    .selectAll('users')
    .select(
      sql<number[]>`coalesce((select array_agg(d.delegate_id order by d.delegate_id) from user_delegates d where d.user_id = users.id), '{}')`.as('delegate_ids'),
    );
}

type UserRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    timekeeperId: row.timekeeper_id,
    classification: row.classification,
    roles: row.roles as Role[],
    timezone: row.timezone,
    summaryTime: row.summary_time,
    summaryDays: row.summary_days,
    managerId: row.manager_id,
    delegateIds: row.delegate_ids,
    slackUserId: row.slack_user_id,
    aadObjectId: row.aad_object_id,
    sources: row.sources as SourceKind[],
    reminders: row.reminders,
    unreachableAt: row.unreachable_at,
    active: row.active,
  };
}

/** All users, ordered by email. */
export async function listUsers(db: Db): Promise<User[]> {
  const rows = await baseQuery(db).orderBy('email').execute();
  return rows.map(toUser);
}

/** The user with this email (case-insensitive), or null. */
export async function findUserByEmail(db: Db, email: string): Promise<User | null> {
  const row = await baseQuery(db).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  return row ? toUser(row) : null;
}

/** The user with this id, or null. */
/** The users with these ids; unknown ids are skipped. */
export async function listUsersByIds(db: Db, ids: readonly number[]): Promise<User[]> {
  if (ids.length === 0) return [];
  return (await baseQuery(db).where('users.id', 'in', [...new Set(ids)]).execute()).map(toUser);
}

export async function findUserById(db: Db, id: number): Promise<User | null> {
  const row = await baseQuery(db).where('id', '=', id).executeTakeFirst();
  return row ? toUser(row) : null;
}

/** Inserts or updates a user by email (taking its timekeeper, Slack and AAD ids from any other user); returns the id. */
export async function upsertUser(tx: Tx, user: UserFields): Promise<number> {
  const values = {
    email: user.email,
    name: user.name,
    timekeeper_id: user.timekeeperId,
    classification: user.classification,
    roles: [...user.roles],
    timezone: user.timezone,
    summary_time: user.summaryTime,
    summary_days: [...user.summaryDays],
    slack_user_id: user.slackUserId,
    aad_object_id: user.aadObjectId,
    sources: [...user.sources],
    reminders: user.reminders,
    active: user.active,
  };
  // Each external id belongs to one person: an import may move it from another user to this one.
  for (const column of ['timekeeper_id', 'slack_user_id', 'aad_object_id'] as const) {
    const value = values[column];
    if (value !== null) await tx.updateTable('users').set(column, null).set('updated_at', new Date()).where(column, '=', value).where('email', '<>', user.email).execute();
  }
  const row = await tx
    .insertInto('users')
    .values(values)
    .onConflict((oc) => oc.column('email').doUpdateSet({ ...values, updated_at: new Date() }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Sets who a user reports to and who may act for them, replacing the previous links. */
export async function setUserLinks(tx: Tx, userId: number, managerId: number | null, delegateIds: readonly number[]): Promise<void> {
  await tx.updateTable('users').set({ manager_id: managerId, updated_at: new Date() }).where('id', '=', userId).execute();
  await tx.deleteFrom('user_delegates').where('user_id', '=', userId).execute();
  if (delegateIds.length > 0) {
    await tx
      .insertInto('user_delegates')
      .values(delegateIds.map((delegateId) => ({ user_id: userId, delegate_id: delegateId })))
      .execute();
  }
}

/** Marks a user unreachable on a platform (e.g. they blocked the bot); null clears it. */
export async function setUnreachable(tx: Tx, userId: number, at: Date | null): Promise<void> {
  await tx.updateTable('users').set({ unreachable_at: at, updated_at: new Date() }).where('id', '=', userId).execute();
}

/** The user with this Slack user id (U…), or null. */
export async function findUserBySlackId(db: Db, slackUserId: string): Promise<User | null> {
  const row = await baseQuery(db).where('slack_user_id', '=', slackUserId.trim()).executeTakeFirst();
  return row ? toUser(row) : null;
}

/** The user with this Microsoft Entra (AAD) object id, compared without regard to case (a GUID), or null. */
export async function findUserByAadObjectId(db: Db, aadObjectId: string): Promise<User | null> {
  const row = await baseQuery(db)
    .where(sql<string>`lower(aad_object_id)`, '=', aadObjectId.trim().toLowerCase())
    .executeTakeFirst();
  return row ? toUser(row) : null;
}
