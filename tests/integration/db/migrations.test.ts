import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest, migrationStatus } from '../../../src/db/migrator.js';
import { databaseKinds, useTestDatabase } from '../../support/test-database.js';

const TABLES = [
  'activities', 'app_settings', 'audit_log', 'client_guidelines', 'clients', 'conversation_references', 'firm', 'idempotency_keys',
  'invoice_lines', 'invoice_sequences', 'invoices', 'matter_slack_channels', 'matters', 'rates', 'scheduled_sends', 'summary_cards', 'sync_state',
  'time_entries', 'user_delegates', 'users',
];

describe.each(databaseKinds())('migrations on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('creates every table of the data model', async () => {
    const { rows } = await sql<{ tablename: string }>`select tablename from pg_tables where schemaname = current_schema() and tablename not like 'kysely_%' order by tablename`.execute(t.current.db);
    expect(rows.map((r) => r.tablename)).toEqual(TABLES);
  });

  it('is current after migrating, and migrating again applies nothing', async () => {
    expect(await migrateToLatest(t.current.db)).toEqual([]);
    const status = await migrationStatus(t.current.db);
    expect(status.pending).toEqual([]);
    expect(status.applied).toContain('0001-initial');
    expect(status.applied).toContain('0002-summary-cards');
  });
});
