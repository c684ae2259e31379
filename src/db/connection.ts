import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { CompiledQuery, Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { AppError } from '../core/errors.js';
import { lockDataDir } from './data-dir-lock.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

/** Raw SQL on Tally's one pool, for libraries that bring their own SQL (pg-boss). */
export type ExecuteSql = (text: string, values?: readonly unknown[]) => Promise<{ rows: unknown[] }>;

/** An open database: kysely for our code, one pool underneath, closed in the right order. */
export interface DatabaseHandle {
  readonly db: Db;
  readonly kind: 'pglite' | 'postgres';
  readonly executeSql: ExecuteSql;
  /** PostgreSQL: the schema every table lives in when one was given (tests); null for the default. */
  readonly schema: string | null;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… — when absent, the embedded PGlite in dataDir is used. */
  readonly url?: string | undefined;
  readonly dataDir: string;
  /** PostgreSQL only: put every table in this schema (tests give each run its own). */
  readonly schema?: string | undefined;
  readonly poolSize?: number;
}

const DATE_OID = 1082;
const INT8_OID = 20;

/**
 * Dates stay 'YYYY-MM-DD' strings (a JS Date would shift them by the server's timezone) and
 * bigint sums of cents come back as numbers (they stay far below 2^53).
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === DATE_OID) return (value: string) => value;
    if (oid === INT8_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/**
 * Opens PostgreSQL (url given) or the embedded PGlite in dataDir, through one code path:
 * a pg.Pool under kysely's PostgresDialect. PGlite is a single session, so its pool has exactly
 * one connection and everything (kysely, pg-boss) must share it.
 */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  let pool: pg.Pool;
  let pglite: PGlite | undefined;
  let unlock = () => undefined as void;
  if (options.url) {
    if (options.schema && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
      throw new AppError('INVALID_CONFIG', `invalid schema name "${options.schema}"`);
    }
    pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      types,
      application_name: 'tally',
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
  } else {
    mkdirSync(options.dataDir, { recursive: true });
    unlock = lockDataDir(options.dataDir);
    try {
      pglite = await PGlite.create(options.dataDir);
    } catch (cause) {
      unlock();
      throw new AppError('UNAVAILABLE', `cannot open the embedded database in ${options.dataDir}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
    pool = new pg.Pool({ ...createPgConfig(pglite), max: 1, types });
  }
  // An idle client's error (server restart) must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  // Nor may a checked-out client's (connection lost mid-query): pg-pool listens only while a client
  // is idle, and an 'error' event nobody hears is an uncaught exception. The running query rejects
  // on its own, and the pool discards the broken client when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  if (options.url) await checkReachable(pool, options.url);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const embedded = pglite;
  return {
    db,
    kind: embedded ? 'pglite' : 'postgres',
    schema: embedded ? null : (options.schema ?? null),
    executeSql: async (text, values) => {
      const result = await pool.query(text, values ? [...values] : undefined);
      return { rows: result.rows };
    },
    close: async () => {
      await db.destroy();
      if (embedded) {
        await embedded.close();
        unlock();
      }
    },
  };
}

async function checkReachable(pool: pg.Pool, url: string): Promise<void> {
  try {
    await pool.query('select 1');
  } catch (cause) {
    await pool.end().catch(() => undefined);
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new AppError('UNAVAILABLE', `cannot reach PostgreSQL at ${redactUrl(url)}: ${reason}`, { cause });
  }
}

/** Hides the password of a connection URL so it can be printed. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured DATABASE_URL';
  }
}

/** Runs fn in one transaction: everything it writes lands together or not at all. */
export function transaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}

/**
 * Raw SQL inside a transaction, for a library that must write in it (pg-boss queuing a job in the
 * same commit as the row that asked for it). On PGlite this is the only way: the pool's one
 * connection is the transaction's.
 */
export function transactionSql(tx: Tx): ExecuteSql {
  return async (text, values) => {
    const result = await tx.executeQuery(CompiledQuery.raw(text, values ? [...values] : []));
    return { rows: [...result.rows] };
  };
}
