import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrator.js';

export interface BenchDatabase {
  readonly handle: DatabaseHandle;
  readonly label: string;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database for one benchmark: a new schema on PostgreSQL (BENCH_DATABASE_URL,
 * else TEST_DATABASE_URL, else the local server), or PGlite in a temporary folder with --pglite.
 */
export async function openBenchDatabase(pglite: boolean): Promise<BenchDatabase> {
  if (pglite) {
    const dir = await mkdtemp(join(tmpdir(), 'tally-bench-'));
    const handle = await openDatabase({ dataDir: join(dir, 'data') });
    await migrateToLatest(handle.db);
    return { handle, label: 'PGlite', close: async () => { await handle.close(); await rm(dir, { recursive: true, force: true }); } };
  }
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `tally_bench_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ url, dataDir: '', poolSize: 1 });
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  const handle = await openDatabase({ url, dataDir: '', schema, poolSize: 4 });
  await migrateToLatest(handle.db);
  return {
    handle,
    label: 'PostgreSQL',
    close: async () => {
      await handle.close();
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db);
      await admin.close();
    },
  };
}
