import { sql } from 'kysely';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { queueSchemaFor } from '../../src/jobs/send-queue.js';

/** One row of a dump: where it is and every column of it as PostgreSQL prints the row. */
export interface DumpedRow {
  readonly table: string;
  readonly text: string;
}

/**
 * Every row of every table Tally has in this database — its own schema and the job queue's
 * (pg-boss) — as the row's text form (`t::text`: every column, bytea as hex, jsonb as JSON), the
 * way a `pg_dump` or a stolen backup would show it.
 */
export async function dumpDatabase(handle: DatabaseHandle): Promise<DumpedRow[]> {
  const schemas = [handle.schema ?? 'public', queueSchemaFor(handle)];
  const { rows: tables } = await sql<{ schema: string; name: string }>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema in (${sql.join(schemas)}) order by 1, 2`.execute(handle.db);
  const out: DumpedRow[] = [];
  for (const { schema, name } of tables) {
    const { rows } = await sql<{ row: string }>`select t::text as row from ${sql.table(`${schema}.${name}`)} t`.execute(handle.db);
    for (const row of rows) out.push({ table: `${schema}.${name}`, text: row.row });
  }
  return out;
}
