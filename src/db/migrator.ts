import { Migrator, sql, type MigrationProvider } from 'kysely';
import { AppError } from '../core/errors.js';
import type { Db } from './connection.js';
import { MIGRATIONS } from './migrations/index.js';

const provider: MigrationProvider = { getMigrations: async () => ({ ...MIGRATIONS }) };

export interface MigrationReport {
  readonly applied: readonly string[];
  readonly pending: readonly string[];
}

/**
 * Kysely looks for its own tables by name across every schema unless told which one: with several
 * schemas on one server (one per test run, or a shared server) it can see another schema's
 * kysely_migration_lock, skip creating its own, then fail to read it. So it is told the current one.
 */
async function migrator(db: Db): Promise<Migrator> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return new Migrator({ db, provider, migrationTableSchema: rows[0]?.schema ?? 'public' });
}

/** True when the current schema already holds every migration (read without kysely's catalog scan). */
async function upToDate(db: Db): Promise<boolean> {
  const found = await sql<{ table: string | null }>`select to_regclass(quote_ident(current_schema()) || '.kysely_migration')::text as table`.execute(db);
  if (!found.rows[0]?.table) return false;
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  const applied = new Set(rows.map((r) => r.name));
  return Object.keys(MIGRATIONS).every((name) => applied.has(name));
}

/** Attempts at a migration run: kysely's look-up scans every schema's tables, which another session dropping a schema can break mid-query. */
const ATTEMPTS = 3;

/**
 * Brings the schema to the newest migration; returns the names it applied. An up-to-date schema
 * (every start, every CLI command) is confirmed with two small reads. A run that fails is retried:
 * each runs in one transaction, so a failed one left nothing behind.
 */
export async function migrateToLatest(db: Db): Promise<readonly string[]> {
  if (await upToDate(db)) return [];
  for (let attempt = 1; ; attempt += 1) {
    const { error, results } = await (await migrator(db)).migrateToLatest();
    if (!error) return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    if (attempt < ATTEMPTS && (results ?? []).every((r) => r.status !== 'Error')) continue;
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new AppError('INTERNAL', `migration ${failed} failed`, { cause: error });
  }
}

/** Which migrations have run and which are still pending (for `tally doctor`). */
export async function migrationStatus(db: Db): Promise<MigrationReport> {
  const all = await (await migrator(db)).getMigrations();
  return {
    applied: all.filter((m) => m.executedAt !== undefined).map((m) => m.name),
    pending: all.filter((m) => m.executedAt === undefined).map((m) => m.name),
  };
}
