import { resolve } from 'node:path';
import type { Command } from 'commander';
import { captureDay, type CaptureSummary } from '../capture/capture.service.js';
import { readActivityFile } from '../capture/sources/jsonl-file.js';
import { localDateOf } from '../core/dates.js';
import { getFirm } from '../db/repositories/firm.repository.js';
import { buildCapture } from '../capture/capture-wiring.js';
import { createLogger } from '../logger.js';
import { requireOption, withDatabase } from './cli-context.js';
import { printJson, type CliIo } from './cli-io.js';
import { parseDateWord, resolveUser } from './entries.command.js';

interface CaptureOptions {
  date?: string;
  user?: string;
  from?: string;
  json?: boolean;
}

/** One line for people, e.g. "2026-03-02: 4 people, 12 drafts new, 0 refreshed, 0 removed, 3 unchanged". */
export function formatCaptureSummary(s: CaptureSummary): string {
  const lines = [`${s.date}: ${s.users} people, ${s.activitiesStored} activities stored, drafts ${s.created} new, ${s.refreshed} refreshed, ${s.deleted} removed, ${s.unchanged} unchanged`];
  if (s.notAllowed > 0) lines.push(`${s.notAllowed} activities skipped: their owners have not allowed that source`);
  for (const e of s.sourceErrors) lines.push(`source ${e.source} failed for ${e.user}: ${e.message}`);
  return `${lines.join('\n')}\n`;
}

/** `tally capture`: reads (or loads) a day's activity and drafts entries, idempotently. */
export function registerCapture(program: Command, io: CliIo): void {
  program
    .command('capture')
    .description('capture a day\'s activity and draft time entries; running it again changes nothing')
    .option('--date <date>', 'the day: YYYY-MM-DD, today or yesterday (required)')
    .option('--user <email>', 'only this person (default: every timekeeper)')
    .option('--from <file.jsonl>', 'read activities from a JSONL file (one Activity per line) instead of the sources')
    .option('--json', 'print the summary as JSON')
    .action(async (options: CaptureOptions) => {
      const dateWord = requireOption(options.date, '--date');
      const activities = options.from ? await readActivityFile(resolve(io.cwd, options.from)) : undefined;
      const summary = await withDatabase(io, async ({ db }, config) => {
        const firm = await getFirm(db);
        const date = parseDateWord(dateWord, localDateOf(io.now(), firm?.timezone ?? 'UTC'));
        if (options.user) await resolveUser(db, options.user);
        const deps = await buildCapture(db, config, { now: io.now, logger: createLogger(config.logLevel) });
        return captureDay(deps, {
          date,
          ...(options.user ? { userEmail: options.user } : {}),
          ...(activities ? { activities } : {}),
          onProgress: (done, total) => {
            if (total >= 20 && (done % 50 === 0 || done === total)) io.stderr(`drafted ${done}/${total} people\n`);
          },
        });
      });
      if (options.json) printJson(io, summary);
      else io.stdout(formatCaptureSummary(summary));
    });
}
