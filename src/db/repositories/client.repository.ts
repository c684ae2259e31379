import type { RoundingMode } from '../../core/duration.js';
import type { Client } from '../../core/firm.js';
import type { Guidelines } from '../../core/guidelines.js';
import { DEFAULT_GUIDELINES } from '../../core/guidelines.js';
import type { Db, Tx } from '../connection.js';

/** A client as written by import: everything but the id. */
export type ClientFields = Omit<Client, 'id'>;

function query(db: Db) {
  return db
    .selectFrom('clients')
    .leftJoin('client_guidelines as g', 'g.client_id', 'clients.id')
    .selectAll('clients')
    .select([
      'g.increment_minutes', 'g.rounding', 'g.minimum_minutes', 'g.max_minutes_per_day', 'g.banned_phrases',
      'g.forbid_block_billing', 'g.forbid_clerical', 'g.travel_rate_percent', 'g.require_task_codes',
      'g.max_description_length', 'g.rate_caps',
    ]);
}

type ClientRow = Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>;

function toClient(row: ClientRow): Client {
  const guidelines: Guidelines =
    row.increment_minutes === null
      ? DEFAULT_GUIDELINES
      : {
          incrementMinutes: row.increment_minutes,
          rounding: row.rounding as RoundingMode,
          minimumMinutes: row.minimum_minutes ?? DEFAULT_GUIDELINES.minimumMinutes,
          maxMinutesPerDay: row.max_minutes_per_day ?? DEFAULT_GUIDELINES.maxMinutesPerDay,
          bannedPhrases: row.banned_phrases ?? [],
          forbidBlockBilling: row.forbid_block_billing ?? DEFAULT_GUIDELINES.forbidBlockBilling,
          forbidClerical: row.forbid_clerical ?? DEFAULT_GUIDELINES.forbidClerical,
          travelRatePercent: row.travel_rate_percent ?? DEFAULT_GUIDELINES.travelRatePercent,
          requireTaskCodes: row.require_task_codes ?? DEFAULT_GUIDELINES.requireTaskCodes,
          maxDescriptionLength: row.max_description_length ?? DEFAULT_GUIDELINES.maxDescriptionLength,
          rateCaps: row.rate_caps ?? {},
        };
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    domains: row.domains,
    aliases: row.aliases,
    ledesClientId: row.ledes_client_id,
    guidelines,
  };
}

/** All clients with their guidelines, ordered by code. */
export async function listClients(db: Db): Promise<Client[]> {
  return (await query(db).orderBy('clients.code').execute()).map(toClient);
}

/** The client with this code (case-insensitive), or null. */
/** The clients with these ids (in code order); unknown ids are skipped. */
export async function listClientsByIds(db: Db, ids: readonly number[]): Promise<Client[]> {
  if (ids.length === 0) return [];
  return (await query(db).where('clients.id', 'in', [...new Set(ids)]).orderBy('clients.code').execute()).map(toClient);
}

export async function findClientByCode(db: Db, code: string): Promise<Client | null> {
  const row = await query(db).where('clients.code', '=', code.trim().toUpperCase()).executeTakeFirst();
  return row ? toClient(row) : null;
}

/** The client with this id, or null. */
export async function findClientById(db: Db, id: number): Promise<Client | null> {
  const row = await query(db).where('clients.id', '=', id).executeTakeFirst();
  return row ? toClient(row) : null;
}

/** Inserts or updates a client and its guidelines by code; returns the id. */
export async function upsertClient(tx: Tx, client: ClientFields): Promise<number> {
  const values = {
    code: client.code,
    name: client.name,
    domains: [...client.domains],
    aliases: [...client.aliases],
    ledes_client_id: client.ledesClientId,
  };
  const { id } = await tx
    .insertInto('clients')
    .values(values)
    .onConflict((oc) => oc.column('code').doUpdateSet({ ...values, updated_at: new Date() }))
    .returning('id')
    .executeTakeFirstOrThrow();
  const g = client.guidelines;
  const guidelines = {
    increment_minutes: g.incrementMinutes,
    rounding: g.rounding,
    minimum_minutes: g.minimumMinutes,
    max_minutes_per_day: g.maxMinutesPerDay,
    banned_phrases: [...g.bannedPhrases],
    forbid_block_billing: g.forbidBlockBilling,
    forbid_clerical: g.forbidClerical,
    travel_rate_percent: g.travelRatePercent,
    require_task_codes: g.requireTaskCodes,
    max_description_length: g.maxDescriptionLength,
    rate_caps: JSON.stringify(g.rateCaps),
  };
  await tx
    .insertInto('client_guidelines')
    .values({ client_id: id, ...guidelines })
    .onConflict((oc) => oc.column('client_id').doUpdateSet({ ...guidelines, updated_at: new Date() }))
    .execute();
  return id;
}
