import type { Command } from 'commander';
import { approveDay } from '../billing/approval.service.js';
import { localDateOf } from '../core/dates.js';
import { getFirm } from '../db/repositories/firm.repository.js';
import { actorFor } from './cli-actor.js';
import { requireOption, withDatabase } from './cli-context.js';
import { printJson, type CliIo } from './cli-io.js';
import { parseDateWord } from './entries.command.js';

/** `tally approve`: approves a person's drafts of one day, audited like an approval in chat. */
export function registerApprove(program: Command, io: CliIo): void {
  program
    .command('approve')
    .description('approve a person\'s drafts of one day (owner, delegate, billing or admin use)')
    .option('--user <email>', 'whose drafts (required)')
    .option('--date <date>', 'which day: YYYY-MM-DD, today or yesterday (required)')
    .option('--as <email>', 'act as this person (their delegate, billing or admin role is checked)')
    .option('--with-warnings', 'also approve drafts that carry guideline warnings')
    .option('--json', 'print the result as JSON')
    .action(async (options: { user?: string; date?: string; as?: string; withWarnings?: boolean; json?: boolean }) => {
      const owner = requireOption(options.user, '--user');
      const dateWord = requireOption(options.date, '--date');
      const result = await withDatabase(io, async ({ db }) => {
        const firm = await getFirm(db);
        const date = parseDateWord(dateWord, localDateOf(io.now(), firm?.timezone ?? 'UTC'));
        const actor = await actorFor(db, options.as);
        return { date, ...(await approveDay(db, { ownerEmail: owner, date, actor, includeWarnings: options.withWarnings === true }, io.now())) };
      });
      if (options.json) printJson(io, result);
      else {
        const notes = [result.unassigned > 0 ? `${result.unassigned} without a matter` : '', result.withWarnings > 0 ? `${result.withWarnings} with warnings (use --with-warnings)` : ''].filter(Boolean);
        io.stdout(`${result.date}: approved ${result.approved} draft(s)${notes.length > 0 ? `; left as drafts: ${notes.join(', ')}` : ''}\n`);
      }
    });
}
