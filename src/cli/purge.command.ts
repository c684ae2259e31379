import type { Command } from 'commander';
import { purgeRawActivity } from '../capture/purge.service.js';
import { AppError } from '../core/errors.js';
import { withDatabase } from './cli-context.js';
import { printJson, type CliIo } from './cli-io.js';

/** `tally purge`: applies the retention period to raw activity. */
export function registerPurge(program: Command, io: CliIo): void {
  program
    .command('purge')
    .description('delete raw activity (subjects, titles) of work billed more than N days ago (TALLY_RETENTION_DAYS, default 90)')
    .option('--days <n>', 'retention in days, overriding TALLY_RETENTION_DAYS')
    .option('--json', 'print the result as JSON')
    .action(async (options: { days?: string; json?: boolean }) => {
      if (options.days !== undefined && !/^\d{1,5}$/.test(options.days.trim())) throw new AppError('INVALID_INPUT', `--days must be a whole number of days, not "${options.days}"`);
      const result = await withDatabase(io, ({ db }, config) => purgeRawActivity(db, io.now(), options.days ? Number(options.days) : config.retentionDays));
      if (options.json) printJson(io, result);
      else io.stdout(`purged ${result.activities} activities and ${result.syncStates} sync snapshots billed or dated before ${result.cutoff}\n`);
    });
}
