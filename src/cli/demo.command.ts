import type { Command } from 'commander';
import { seedDemoActivity } from '../capture/demo-seed.service.js';
import { parseLocalDate } from '../core/dates.js';
import { seedDemoFirm } from '../firm/demo.service.js';
import { withDatabase } from './cli-context.js';
import { terminalActor, type CliIo } from './cli-io.js';
import { formatImportSummary } from './import.command.js';

/** `tally demo`: seeds the demo firm into an empty (or demo) database. */
export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('seed the demo firm (Arnsley & Beaster LLP: 7 people, 4 clients, 7 matters), marked as demo, and a week of its activity')
    .option('--as-of <date>', 'last day of the demo week (default today in the firm\'s timezone)')
    .action(async (options: { asOf?: string }) => {
      const asOf = options.asOf === undefined ? undefined : parseLocalDate(options.asOf);
      const { summary, week } = await withDatabase(io, async ({ db }) => {
        const summary = await seedDemoFirm(db, terminalActor());
        return { summary, week: await seedDemoActivity(db, io.now(), asOf) };
      });
      io.stdout(`demo firm seeded\n${formatImportSummary(summary)}\n`);
      io.stdout(`demo activity: ${week.activities} activities over ${week.days[0]} … ${week.days[week.days.length - 1]} (${week.stored} new or changed)\n`);
      io.stdout(`next: npx tally capture --date ${week.days[week.days.length - 1]}\n`);
    });
}
