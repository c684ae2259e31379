import type { Command } from 'commander';
import { buildDigest } from '../billing/digest.service.js';
import { formatDate, parseLocalDate } from '../core/dates.js';
import { formatBasisPoints, formatDays, type DigestFigures, type DigestMeasures } from '../core/digest.js';
import { formatHours } from '../core/duration.js';
import { AppError } from '../core/errors.js';
import { formatMoney } from '../core/money.js';
import { withDatabase } from './cli-context.js';
import { printJson, type CliIo } from './cli-io.js';

interface DigestOptions {
  manager?: string;
  asOf?: string;
  json?: boolean;
}

/** Columns padded to their widest cell, two spaces apart. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

function measureRows(week: DigestMeasures, previous: DigestMeasures): string[][] {
  const show = (v: number | null, f: (n: number) => string) => (v === null ? '-' : f(v));
  const hours = (n: number) => `${formatHours(n)} h`;
  const days = (n: number) => `${formatDays(n)} days`;
  return [
    ['median activity → approval', show(week.activityToApprovalMinutes, hours), show(previous.activityToApprovalMinutes, hours)],
    ['median approval → invoice', show(week.approvalToInvoiceMinutes, days), show(previous.approvalToInvoiceMinutes, days)],
    ['drafts edited before approval', show(week.editedShareBp, formatBasisPoints), show(previous.editedShareBp, formatBasisPoints)],
    ['write-down rate', show(week.writeDownBp, formatBasisPoints), show(previous.writeDownBp, formatBasisPoints)],
  ];
}

/** The digest as readable tables: per report, per client, and the measures beside the previous week's. */
export function formatDigest(f: DigestFigures): string {
  const money = (cents: number) => formatMoney(cents, f.currency);
  const h = formatHours;
  const head = `Digest for ${f.manager.name} <${f.manager.email}> — week of ${formatDate(f.week.start)} (${f.week.start} to ${f.week.end}), as of ${f.asOf}`;
  const reports = table(
    ['report', 'awaiting h', 'drafts', 'wip h', 'wip amount', '0-30 h', '31-60 h', '61-90 h', '90+ h', 'billed h', 'no time'],
    [
      ...f.reports.map((r) => [
        `${r.name}${r.noRate ? ' (no rate!)' : ''}`, h(r.awaiting.minutes), String(r.awaiting.count), h(r.wip.minutes), money(r.wip.cents),
        ...r.wip.aging.map((a) => h(a.minutes)), h(r.billedLastWeekMinutes), r.daysWithoutTime.join(' ') || '-',
      ]),
      ['team', h(f.team.awaitingMinutes), String(f.team.awaitingCount), h(f.team.wipMinutes), money(f.team.wipCents), ...f.team.aging.map((a) => h(a.minutes)), h(f.team.billedLastWeekMinutes), ''],
    ],
  );
  const clients = table(['client', 'awaiting h', 'wip h', 'wip amount'], f.clients.map((c) => [c.code ?? '(no matter)', h(c.awaitingMinutes), h(c.wipMinutes), money(c.wipCents)]));
  const measures = table(['measure', `week of ${f.week.start}`, `week of ${f.previousWeek.start}`], measureRows(f.measures.week, f.measures.previousWeek));
  const noReports = f.reports.length === 0 ? ['no direct reports'] : [];
  return `${[head, '', ...noReports, ...reports, '', ...clients, '', ...measures].join('\n')}\n`;
}

/** `tally digest --manager EMAIL [--as-of D] [--json]`: the manager's weekly digest figures. */
export function registerDigest(program: Command, io: CliIo): void {
  program
    .command('digest')
    .description("a manager's weekly digest of their direct reports: drafts awaiting approval, work in progress by age,\ntime billed last week, weekdays without time, per-client totals and the firm's cycle-time measures")
    .option('--manager <email>', 'the manager (must have the manager role)')
    .option('--as-of <date>', "the digest covers the full week before this date's week (default: today in the manager's timezone)")
    .option('--json', 'print the figures as one JSON document')
    .action(async (options: DigestOptions) => {
      if (options.manager === undefined || options.manager.trim() === '') throw new AppError('INVALID_INPUT', '--manager EMAIL is required');
      const request = { managerEmail: options.manager, asOf: options.asOf === undefined ? undefined : parseLocalDate(options.asOf), now: io.now };
      const figures = await withDatabase(io, ({ db }) => buildDigest(db, request));
      if (options.json) printJson(io, figures);
      else io.stdout(formatDigest(figures));
    });
}
