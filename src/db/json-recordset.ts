import { sql, type RawBuilder } from 'kysely';

/**
 * Many rows as ONE parameter: `jsonb_to_recordset($1::jsonb) as r(col type, …)`. Sending 100k rows
 * as a JSON document is several times faster than binding a parameter per value (the 11 columns of
 * 120k activities are 1.3 million parameters), and needs no chunking for the 65,535-parameter limit.
 * Column names and types come from our code, never from input.
 */
export function jsonRecordset(rows: readonly object[], columns: Readonly<Record<string, string>>): RawBuilder<unknown> {
  const definition = sql.raw(Object.entries(columns).map(([name, type]) => `${name} ${type}`).join(', '));
  return sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(${definition})`;
}

/** The column list of a recordset, for `insert into t (…) select … from`. */
export function columnList(columns: Readonly<Record<string, string>>): RawBuilder<unknown> {
  return sql.raw(Object.keys(columns).join(', '));
}
