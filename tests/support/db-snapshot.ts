import { sql } from 'kysely';
import type { Db } from '../../src/db/connection.js';

const FIRM_TABLES = ['firm', 'users', 'user_delegates', 'clients', 'client_guidelines', 'matters', 'matter_slack_channels', 'rates', 'audit_log'] as const;

/** Every row of the firm tables without timestamps, for "nothing changed" and "nothing written" checks. */
export async function snapshotFirmTables(db: Db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of FIRM_TABLES) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    out[table] = rows
      .map(({ created_at: _c, updated_at: _u, at: _a, ...rest }) => rest)
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  return out;
}

/** How many rows each firm table holds. */
export async function countFirmRows(db: Db): Promise<Record<string, number>> {
  const snapshot = await snapshotFirmTables(db);
  return Object.fromEntries(Object.entries(snapshot).map(([table, rows]) => [table, rows.length]));
}

/**
 * Every row of every table of the current schema (migration bookkeeping aside), timestamps
 * included, for "the database is unchanged" checks of refused requests. `except` leaves out
 * tables a verified delivery may legitimately touch (say so at the call site).
 */
export async function snapshotEveryTable(db: Db, options: { except?: readonly string[] } = {}): Promise<Record<string, string[]>> {
  const { rows: tables } = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema() and tablename not like 'kysely_%' order by tablename`.execute(db);
  const out: Record<string, string[]> = {};
  for (const { name } of tables) {
    if (options.except?.includes(name)) continue;
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
    out[name] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}
