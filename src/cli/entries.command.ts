import type { Command } from 'commander';
import { listEntryViews, type EntryView } from '../capture/entry-view.service.js';
import { addDays, localDateOf, parseLocalDate } from '../core/dates.js';
import { formatHours } from '../core/duration.js';
import { AppError } from '../core/errors.js';
import { closestMatch } from '../core/suggest.js';
import { ENTRY_STATUSES, type EntryStatus } from '../core/time-entry.js';
import type { Db } from '../db/connection.js';
import { getFirm } from '../db/repositories/firm.repository.js';
import { findUserByEmail, listUsers } from '../db/repositories/user.repository.js';
import { withDatabase } from './cli-context.js';
import { printJson, type CliIo } from './cli-io.js';
import { textTable } from './text-table.js';

interface EntriesOptions {
  date?: string;
  from?: string;
  to?: string;
  user?: string;
  status?: string;
  json?: boolean;
}

/** "today", "yesterday" (in the firm's timezone) or YYYY-MM-DD, for date options. */
export function parseDateWord(value: string, today: string): string {
  const word = value.trim().toLowerCase();
  if (word === 'today') return today;
  if (word === 'yesterday') return addDays(today, -1);
  return parseLocalDate(word);
}

/** Resolves `--user EMAIL` to a user id, suggesting the closest email when it is unknown. */
export async function resolveUser(db: Db, email: string): Promise<number> {
  const user = await findUserByEmail(db, email);
  if (user) return user.id;
  const guess = closestMatch(email.toLowerCase(), (await listUsers(db)).map((u) => u.email));
  throw new AppError('NOT_FOUND', `unknown user "${email}"${guess ? ` (did you mean ${guess}?)` : ''}`);
}

function parseStatus(value: string): EntryStatus {
  const status = value.trim().toLowerCase().replace('-', '_');
  if ((ENTRY_STATUSES as readonly string[]).includes(status)) return status as EntryStatus;
  throw new AppError('INVALID_INPUT', `unknown status "${value}" — use one of ${ENTRY_STATUSES.join(', ')}`);
}

function formatTable(entries: readonly EntryView[]): string {
  if (entries.length === 0) return 'no entries\n';
  const rows = entries.map((e) => [
    e.date, e.user, e.matter ?? '(which matter?)', formatHours(e.billedMinutes), `${e.actualMinutes}m`, e.status,
    [e.taskCode, e.activityCode].filter(Boolean).join('/') || '-', e.warnings.length ? `${e.warnings.length} warning(s)` : '', e.narrative.slice(0, 60),
  ]);
  return textTable(['date', 'user', 'matter', 'hours', 'actual', 'status', 'codes', 'warnings', 'narrative'], rows);
}

/** `tally entries`: lists time entries, as a table or as the JSON document of DESIGN.md. */
export function registerEntries(program: Command, io: CliIo): void {
  program
    .command('entries')
    .description('list time entries for a day or a date range')
    .option('--date <date>', 'one day: YYYY-MM-DD, today or yesterday')
    .option('--from <date>', 'first day of a range')
    .option('--to <date>', 'last day of a range')
    .option('--user <email>', 'only this person\'s entries')
    .option('--status <status>', `only entries in this status (${ENTRY_STATUSES.join(', ')})`)
    .option('--json', 'print {"entries":[…]} as JSON')
    .action(async (options: EntriesOptions) => {
      if (options.date && (options.from || options.to)) throw new AppError('INVALID_INPUT', 'use either --date or --from/--to, not both');
      await withDatabase(io, async ({ db }) => {
        const firm = await getFirm(db);
        const today = localDateOf(io.now(), firm?.timezone ?? 'UTC');
        const from = options.date ?? options.from;
        const to = options.date ?? options.to;
        const filter = {
          ...(from ? { from: parseDateWord(from, today) } : {}),
          ...(to ? { to: parseDateWord(to, today) } : {}),
          ...(options.user ? { userId: await resolveUser(db, options.user) } : {}),
          ...(options.status ? { status: parseStatus(options.status) } : {}),
        };
        if (filter.from && filter.to && filter.to < filter.from) throw new AppError('INVALID_INPUT', `--to ${filter.to} is before --from ${filter.from}`);
        const entries = await listEntryViews(db, filter);
        if (options.json) printJson(io, { entries });
        else io.stdout(formatTable(entries));
      });
    });
}
