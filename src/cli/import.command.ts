import { resolve } from 'node:path';
import type { Command } from 'commander';
import { readFirmFile } from '../firm/firm-file.reader.js';
import { importFirm, type ImportSummary } from '../firm/firm-import.service.js';
import type { ImportCounts } from '../firm/firm-apply.js';
import { withDatabase } from './cli-context.js';
import { printJson, terminalActor, type CliIo } from './cli-io.js';

function describe(counts: ImportCounts, noun: string): string {
  return `${noun}: ${counts.created} new, ${counts.updated} changed, ${counts.unchanged} unchanged`;
}

/** One line per kind, e.g. "users: 2 new, 0 changed, 3 unchanged". */
export function formatImportSummary(summary: ImportSummary): string {
  return [
    `firm: ${summary.firm}`,
    describe(summary.users, 'users'),
    describe(summary.clients, 'clients'),
    describe(summary.matters, 'matters'),
    describe(summary.rates, 'rate sets'),
  ].join('\n');
}

/** `tally import FILE`: validates a firm file completely, then upserts it in one transaction. */
export function registerImport(program: Command, io: CliIo): void {
  program
    .command('import')
    .description('import the firm configuration (YAML or JSON): all of it or, if anything is wrong, none of it')
    .argument('<file>', 'firm file, e.g. examples/firm.yaml')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const raw = await readFirmFile(resolve(io.cwd, file));
      const summary = await withDatabase(io, (handle) => importFirm(handle.db, raw, { ...terminalActor(), label: `${terminalActor().label} import` }));
      if (options.json) printJson(io, summary);
      else io.stdout(`imported ${file}\n${formatImportSummary(summary)}\n`);
    });
}
