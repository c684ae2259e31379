import type { Command } from 'commander';
import { seedDemoFirm } from '../firm/demo.service.js';
import { withDatabase } from './cli-context.js';
import { terminalActor, type CliIo } from './cli-io.js';
import { formatImportSummary } from './import.command.js';

/** `tally demo`: seeds the demo firm into an empty (or demo) database. */
export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('seed the demo firm (Arnsley & Beaster LLP: 7 people, 4 clients, 7 matters), marked as demo')
    .action(async () => {
      const summary = await withDatabase(io, ({ db }) => seedDemoFirm(db, terminalActor()));
      io.stdout(`demo firm seeded\n${formatImportSummary(summary)}\n`);
    });
}
