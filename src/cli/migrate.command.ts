import type { Command } from 'commander';
import { migrateToLatest } from '../db/migrator.js';
import { withDatabase } from './cli-context.js';
import type { CliIo } from './cli-io.js';

/** `tally migrate`: brings the database schema up to date. */
export function registerMigrate(program: Command, io: CliIo): void {
  program
    .command('migrate')
    .description('create or update the database schema (PGlite in TALLY_DATA_DIR, or DATABASE_URL)')
    .action(async () => {
      await withDatabase(
        io,
        async (handle) => {
          const applied = await migrateToLatest(handle.db);
          const where = handle.kind === 'pglite' ? 'the embedded database' : 'PostgreSQL';
          io.stdout(applied.length === 0 ? `${where} is up to date\n` : `applied ${applied.length} migration(s) to ${where}: ${applied.join(', ')}\n`);
        },
        { migrate: false },
      );
    });
}
