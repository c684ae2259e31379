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

/** Brings the schema to the newest migration; returns the names it applied. */
export async function migrateToLatest(db: Db): Promise<readonly string[]> {
  const { error, results } = await (await migrator(db)).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new AppError('INTERNAL', `migration ${failed} failed`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Which migrations have run and which are still pending (for `tally doctor`). */
export async function migrationStatus(db: Db): Promise<MigrationReport> {
  const all = await (await migrator(db)).getMigrations();
  return {
    applied: all.filter((m) => m.executedAt !== undefined).map((m) => m.name),
    pending: all.filter((m) => m.executedAt === undefined).map((m) => m.name),
  };
}
