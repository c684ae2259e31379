import type { Command } from 'commander';
import { localDateOf } from '../core/dates.js';
import { AppError } from '../core/errors.js';
import { SEND_KINDS, SEND_STATUSES, type ScheduledSend, type SendKind, type SendStatus } from '../core/schedule.js';
import { getFirm } from '../db/repositories/firm.repository.js';
import { countSends, listSends } from '../db/repositories/scheduled-send.repository.js';
import { listUsersByIds } from '../db/repositories/user.repository.js';
import { withDatabase } from './cli-context.js';
import { printJson, type CliIo } from './cli-io.js';
import { parseDateWord } from './entries.command.js';
import { textTable } from './text-table.js';

interface JobsOptions {
  status?: string;
  kind?: string;
  date?: string;
  limit?: string;
  json?: boolean;
}

function pick<T extends string>(value: string, allowed: readonly T[], what: string): T {
  const v = value.trim().toLowerCase().replaceAll('-', '_');
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new AppError('INVALID_INPUT', `unknown ${what} "${value}" — use one of ${allowed.join(', ')}`);
}

/** Words for the states: "running" is what an operator calls a send a worker holds. */
const STATUS_WORDS: Record<SendStatus, string> = { queued: 'queued', sending: 'running', delivered: 'delivered', delivery_unknown: 'delivery unknown', failed: 'failed', unreachable: 'unreachable', skipped: 'skipped' };

function at(d: Date | null): string {
  return d ? d.toISOString().slice(0, 16).replace('T', ' ') : '';
}

/** `tally jobs`: the scheduled sends (daily cards, digests, reminders), their state and why. */
export function registerJobs(program: Command, io: CliIo): void {
  program
    .command('jobs')
    .description('show scheduled sends — queued, running, delivered, failed — with their reasons')
    .option('--status <status>', `only this state (${SEND_STATUSES.join(', ')})`)
    .option('--kind <kind>', `only this kind (${SEND_KINDS.join(', ')})`)
    .option('--date <date>', 'only sends for this local day: YYYY-MM-DD, today or yesterday')
    .option('--limit <n>', 'at most this many rows (default 200)')
    .option('--json', 'print {"counts":{…},"jobs":[…]} as JSON')
    .action(async (options: JobsOptions) => {
      if (options.limit !== undefined && !/^\d{1,6}$/.test(options.limit.trim())) throw new AppError('INVALID_INPUT', `--limit must be a whole number, not "${options.limit}"`);
      const status = options.status === undefined ? undefined : pick<SendStatus>(options.status, SEND_STATUSES, 'status');
      const kind = options.kind === undefined ? undefined : pick<SendKind>(options.kind, SEND_KINDS, 'kind');
      await withDatabase(io, async ({ db }) => {
        const firm = await getFirm(db);
        const date = options.date ? parseDateWord(options.date, localDateOf(io.now(), firm?.timezone ?? 'UTC')) : undefined;
        const range = date ? { from: date, to: date } : {};
        const sends = await listSends(db, { ...range, ...(status ? { status } : {}), ...(kind ? { kind } : {}), ...(options.limit ? { limit: Number(options.limit) } : {}) });
        const counts = await countSends(db, range);
        const emails = new Map((await listUsersByIds(db, [...new Set(sends.map((s) => s.userId))])).map((u) => [u.id, u.email]));
        const jobs = sends.map((s) => toJson(s, emails.get(s.userId) ?? String(s.userId)));
        if (options.json) {
          printJson(io, { counts, jobs });
          return;
        }
        io.stdout(`${SEND_STATUSES.map((s) => `${STATUS_WORDS[s]} ${String(counts[s])}`).join(' · ')}\n`);
        if (jobs.length === 0) {
          io.stdout('no scheduled sends\n');
          return;
        }
        io.stdout(textTable(['date', 'kind', 'user', 'state', 'tries', 'queued (UTC)', 'finished (UTC)', 'platform', 'reason'], sends.map((s, i) => [s.localDate, s.kind, jobs[i]?.user ?? '', STATUS_WORDS[s.status], String(s.attempts), at(s.queuedAt), at(s.finishedAt), s.platform ?? '', s.reason ?? ''])));
      });
    });
}

function toJson(s: ScheduledSend, user: string) {
  return { id: s.id, kind: s.kind, user, date: s.localDate, status: s.status, attempts: s.attempts, reason: s.reason, platform: s.platform, dueAt: s.dueAt.toISOString(), queuedAt: s.queuedAt.toISOString(), startedAt: s.startedAt?.toISOString() ?? null, finishedAt: s.finishedAt?.toISOString() ?? null };
}
