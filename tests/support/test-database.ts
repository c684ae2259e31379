import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import { openDatabase, type DatabaseHandle, type Db } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { queueSchemaFor } from '../../src/jobs/send-queue.js';

export type DatabaseKind = 'pglite' | 'postgres';

/** The databases integration tests run on: PGlite always, PostgreSQL when the run has one. */
export function databaseKinds(): DatabaseKind[] {
  return inject('postgresUrl') ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase {
  readonly kind: DatabaseKind;
  readonly handle: DatabaseHandle;
  readonly db: Db;
  /** PGlite: the data directory; PostgreSQL: a URL whose search_path is this test's schema. */
  readonly location: { readonly dataDir?: string; readonly url?: string };
  /** Empties every table (identities restart), so each test starts from nothing. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Opens a fresh, migrated database of the given kind: a copy of the PGlite template, or a new schema. */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const dir = await mkdtemp(join(tmpdir(), 'tally-db-'));
    const dataDir = join(dir, 'data');
    await cp(inject('pgliteTemplate'), dataDir, { recursive: true });
    const handle = await openDatabase({ dataDir });
    return wrap(kind, handle, { dataDir }, async () => {
      await handle.close();
      await rm(dir, { recursive: true, force: true });
    });
  }
  const base = inject('postgresUrl');
  const schema = `tally_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ url: base, dataDir: '', poolSize: 1 });
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  const handle = await openDatabase({ url: base, dataDir: '', schema, poolSize: 4 });
  await migrateToLatest(handle.db);
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return wrap(kind, handle, { url: url.toString() }, async () => {
    await handle.close();
    await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db);
    await sql`drop schema if exists ${sql.id(queueSchemaFor(handle))} cascade`.execute(admin.db);
    await admin.close();
  });
}

/**
 * One script that empties every table and restarts every sequence. DELETE with foreign-key triggers
 * off (session_replication_role) instead of TRUNCATE: on tables holding a few rows it is about ten
 * times faster (TRUNCATE swaps files), and every integration test pays it once.
 */
async function emptyingScript(db: Db): Promise<string> {
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const tables = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema() and tablename not like 'kysely_%'`.execute(db);
  const sequences = await sql<{ name: string }>`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'S' and n.nspname = current_schema()`.execute(db);
  return [
    'set session_replication_role = replica',
    ...tables.rows.map((t) => `delete from ${quote(t.name)}`),
    ...sequences.rows.map((q) => `alter sequence ${quote(q.name)} restart`),
    'set session_replication_role = origin',
  ].join(';\n');
}

function wrap(kind: DatabaseKind, handle: DatabaseHandle, location: TestDatabase['location'], close: () => Promise<void>): TestDatabase {
  let emptying: Promise<string> | undefined;
  return {
    kind,
    handle,
    db: handle.db,
    location,
    reset: async () => {
      emptying ??= emptyingScript(handle.db);
      await sql.raw(await emptying).execute(handle.db);
      // pg-boss keeps its jobs in its own schema, created when a test first starts the queue.
      const jobs = queueSchemaFor(handle);
      const found = await sql<{ table: string | null }>`select to_regclass(${`${jobs}.job`}) as table`.execute(handle.db);
      if (found.rows[0]?.table) await sql.raw(`delete from "${jobs}".job; delete from "${jobs}".archive`).execute(handle.db);
    },
    close,
  };
}

/**
 * Registers hooks that open one database for the enclosing describe block and empty it before
 * each test. Read `.current` inside tests.
 */
export function useTestDatabase(kind: DatabaseKind): { readonly current: TestDatabase } {
  const holder: { current: TestDatabase } = { current: undefined as unknown as TestDatabase };
  beforeAll(async () => {
    holder.current = await openTestDatabase(kind);
  });
  beforeEach(async () => {
    await holder.current.reset();
  });
  afterAll(async () => {
    await holder.current?.close();
  });
  return holder;
}

/** A database the CLI opens itself: tests must not hold PGlite open meanwhile (it is one session). */
export interface CliDatabase {
  readonly env: Record<string, string | undefined>;
  /** Opens the database, runs fn, closes it again. */
  inspect<T>(fn: (db: Db) => Promise<T>): Promise<T>;
}

/**
 * Like useTestDatabase, for tests that run CLI commands: a fresh migrated database before each
 * test, reachable through `env` (TALLY_DATA_DIR or DATABASE_URL), opened only inside `inspect`.
 */
export function useCliDatabase(kind: DatabaseKind): { readonly current: CliDatabase } {
  const holder: { current: CliDatabase } = { current: undefined as unknown as CliDatabase };
  let cleanup: () => Promise<void> = async () => undefined;
  beforeEach(async () => {
    await cleanup();
    if (kind === 'pglite') {
      const dir = await mkdtemp(join(tmpdir(), 'tally-cli-'));
      const dataDir = join(dir, 'data');
      await cp(inject('pgliteTemplate'), dataDir, { recursive: true });
      holder.current = {
        env: { TALLY_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
        inspect: async (fn) => {
          const handle = await openDatabase({ dataDir });
          try {
            return await fn(handle.db);
          } finally {
            await handle.close();
          }
        },
      };
      cleanup = () => rm(dir, { recursive: true, force: true });
    } else {
      const database = await openTestDatabase('postgres');
      holder.current = { env: { DATABASE_URL: database.location.url, LOG_LEVEL: 'silent' }, inspect: (fn) => fn(database.db) };
      cleanup = () => database.close();
    }
  });
  afterAll(async () => {
    await cleanup();
  });
  return holder;
}
