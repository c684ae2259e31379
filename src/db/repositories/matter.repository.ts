import { sql } from 'kysely';
import type { Matter, MatterStatus } from '../../core/firm.js';
import type { Db, Tx } from '../connection.js';

/** A matter as written by import: everything but the id. */
export type MatterFields = Omit<Matter, 'id'>;

function query(db: Db) {
  return db
    .selectFrom('matters')
    .selectAll('matters')
    .select(
      sql<string[]>`coalesce((select array_agg(c.channel_id order by c.channel_id) from matter_slack_channels c where c.matter_id = matters.id), '{}')`.as('slack_channels'),
    );
}

type MatterRow = Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>;

function toMatter(row: MatterRow): Matter {
  return {
    id: row.id,
    code: row.code,
    clientId: row.client_id,
    name: row.name,
    clientMatterId: row.client_matter_id,
    status: row.status as MatterStatus,
    keywords: row.keywords,
    slackChannels: row.slack_channels,
    defaultTaskCode: row.default_task_code,
    billable: row.billable,
  };
}

/** All matters, ordered by code; optionally one client's. */
export async function listMatters(db: Db, clientId?: number): Promise<Matter[]> {
  let q = query(db).orderBy('code');
  if (clientId !== undefined) q = q.where('client_id', '=', clientId);
  return (await q.execute()).map(toMatter);
}

/** The matter with this code (case-insensitive), or null. */
/** The matters with these ids (in code order); unknown ids are skipped. */
export async function listMattersByIds(db: Db, ids: readonly number[]): Promise<Matter[]> {
  if (ids.length === 0) return [];
  return (await query(db).where('id', 'in', [...new Set(ids)]).orderBy('code').execute()).map(toMatter);
}

/** The first `limit` open matters by code: choices for someone with no recent history. */
export async function listOpenMatters(db: Db, limit: number): Promise<Matter[]> {
  return (await query(db).where('status', '=', 'open').orderBy('code').limit(limit).execute()).map(toMatter);
}

export async function findMatterByCode(db: Db, code: string): Promise<Matter | null> {
  const row = await query(db).where('code', '=', code.trim().toUpperCase()).executeTakeFirst();
  return row ? toMatter(row) : null;
}

/** The matter with this id, or null. */
export async function findMatterById(db: Db, id: number): Promise<Matter | null> {
  const row = await query(db).where('id', '=', id).executeTakeFirst();
  return row ? toMatter(row) : null;
}

/** The matter a Slack channel is mapped to, or null. */
export async function findMatterByChannel(db: Db, channelId: string): Promise<Matter | null> {
  const row = await query(db)
    .where('id', '=', (eb) => eb.selectFrom('matter_slack_channels').select('matter_id').where('channel_id', '=', channelId))
    .executeTakeFirst();
  return row ? toMatter(row) : null;
}

/** Inserts or updates a matter by code and replaces its channel mapping (taking listed channels from other matters); returns the id. */
export async function upsertMatter(tx: Tx, matter: MatterFields): Promise<number> {
  const values = {
    code: matter.code,
    client_id: matter.clientId,
    name: matter.name,
    client_matter_id: matter.clientMatterId,
    status: matter.status,
    keywords: [...matter.keywords],
    default_task_code: matter.defaultTaskCode,
    billable: matter.billable,
  };
  const { id } = await tx
    .insertInto('matters')
    .values(values)
    .onConflict((oc) => oc.column('code').doUpdateSet({ ...values, updated_at: new Date() }))
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.deleteFrom('matter_slack_channels').where('matter_id', '=', id).execute();
  if (matter.slackChannels.length > 0) {
    await tx
      .insertInto('matter_slack_channels')
      .values(matter.slackChannels.map((channel) => ({ channel_id: channel, matter_id: id })))
      // A channel belongs to one matter: claiming it moves it here (an import may move it between matters).
      .onConflict((oc) => oc.column('channel_id').doUpdateSet({ matter_id: id }))
      .execute();
  }
  return id;
}

/** A matter a person recently recorded time on, as a card offers it. */
export interface RecentMatter {
  readonly id: number;
  readonly code: string;
  readonly name: string;
}

/**
 * The open matters a person's entries used on or after `since`, most recently used first (then by
 * code), at most `limit`: the choices of "Which matter?" on their card.
 */
export async function listRecentMatters(db: Db, userId: number, since: string, limit: number): Promise<RecentMatter[]> {
  const rows = await db
    .selectFrom('time_entries as e')
    .innerJoin('matters as m', 'm.id', 'e.matter_id')
    .select(['m.id', 'm.code', 'm.name'])
    .select((eb) => eb.fn.max('e.work_date').as('last_used'))
    .where('e.user_id', '=', userId)
    .where('e.work_date', '>=', since)
    .where('m.status', '=', 'open')
    .groupBy(['m.id', 'm.code', 'm.name'])
    .orderBy('last_used', 'desc')
    .orderBy('m.code')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name }));
}
