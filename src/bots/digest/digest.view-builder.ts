import { dateParts, formatDayLabel, monthName } from '../../core/dates.js';
import { formatBasisPoints, formatDays, type AgingAmount, type AgingBucket, type DigestFigures, type DigestMeasures, type ReportFigures } from '../../core/digest.js';
import { formatHours, minutesToTenths } from '../../core/duration.js';
import { mulDivHalfUp } from '../../core/int-math.js';
import { formatMoney } from '../../core/money.js';
import { countOf } from '../review/review-words.js';
import type { DigestAgingView, DigestClientView, DigestMeasureView, DigestReportView, DigestView } from '../views/digest.view.js';

/** Cells of a text bar. */
export const BAR_WIDTH = 8;
const FULL = '▇';
const EMPTY = '▁';

const BUCKET_LABELS: Readonly<Record<AgingBucket, string>> = { '0-30': '0–30', '31-60': '31–60', '61-90': '61–90', '91+': '90+' };

/**
 * A bar of `width` cells, filled in proportion value / max (half up), at least one cell when value
 * is positive: textBar(3, 6, 8) → "▇▇▇▇▁▁▁▁". All empty when value or max is not positive.
 */
export function textBar(value: number, max: number, width = BAR_WIDTH): string {
  const filled = value <= 0 || max <= 0 ? 0 : Math.min(width, Math.max(1, mulDivHalfUp(value, width, max)));
  return FULL.repeat(filled) + EMPTY.repeat(width - filled);
}

/** "Your team's unbilled time — week of 2 Mar". */
export function digestTitle(weekStart: string): string {
  const { month, day } = dateParts(weekStart);
  return `Your team's unbilled time — week of ${String(day)} ${monthName(month, 'short')}`;
}

function agingView(aging: readonly AgingAmount[], max: number, money: (cents: number) => string): DigestAgingView[] {
  return aging.map((a) => ({ label: BUCKET_LABELS[a.bucket], hours: formatHours(a.minutes), amount: money(a.cents), bar: textBar(a.minutes, max), tenths: minutesToTenths(a.minutes) }));
}

function reportView(r: ReportFigures, max: number, money: (cents: number) => string): DigestReportView {
  return {
    name: r.name,
    awaiting: r.awaiting.count === 0 ? 'none' : `${formatHours(r.awaiting.minutes)} h (${countOf(r.awaiting.count, 'draft', 'drafts')})`,
    wip: `${formatHours(r.wip.minutes)} h · ${money(r.wip.cents)}`,
    aging: agingView(r.wip.aging, max, money),
    billedLastWeek: `${formatHours(r.billedLastWeekMinutes)} h`,
    daysWithoutTime: r.daysWithoutTime.length === 0 ? null : r.daysWithoutTime.map(formatDayLabel).join(', '),
    noRate: r.noRate ? `Some work in progress has no rate in force: it counts as ${money(0)}` : null,
  };
}

function measureViews(week: DigestMeasures, previous: DigestMeasures): DigestMeasureView[] {
  const show = <T extends number | null>(value: T, format: (n: number) => string) => (value === null ? '—' : format(value));
  const rows: [string, (m: DigestMeasures) => number | null, (n: number) => string][] = [
    ['Median time from activity to approval', (m) => m.activityToApprovalMinutes, (n) => `${formatHours(n)} h`],
    ['Median time from approval to invoice', (m) => m.approvalToInvoiceMinutes, (n) => `${formatDays(n)} days`],
    ['Drafts edited before approval', (m) => m.editedShareBp, formatBasisPoints],
    ['Write-down rate', (m) => m.writeDownBp, formatBasisPoints],
  ];
  return rows.map(([label, pick, format]) => ({ label, value: show(pick(week), format), previous: show(pick(previous), format) }));
}

/**
 * The digest card's view (cards.md "Weekly digest") from the figures: hours in tenths, money in the
 * firm's currency, aging bars scaled to the team's largest bucket, and each measure beside the
 * previous week's value.
 */
export function buildDigestView(figures: DigestFigures): DigestView {
  const money = (cents: number) => formatMoney(cents, figures.currency);
  const max = Math.max(0, ...figures.reports.flatMap((r) => r.wip.aging.map((a) => a.minutes)));
  const { team } = figures;
  const clients: DigestClientView[] = figures.clients.map((c) => ({
    name: c.name ?? 'No matter yet', awaiting: `${formatHours(c.awaitingMinutes)} h`, wipHours: `${formatHours(c.wipMinutes)} h`, wipAmount: money(c.wipCents),
  }));
  return {
    kind: 'digest',
    managerId: figures.manager.id,
    weekStart: figures.week.start,
    title: digestTitle(figures.week.start),
    summary: `Team: ${formatHours(team.awaitingMinutes)} h awaiting approval · ${formatHours(team.wipMinutes)} h (${money(team.wipCents)}) in progress · ${formatHours(team.billedLastWeekMinutes)} h billed last week`,
    reports: figures.reports.map((r) => reportView(r, max, money)),
    clients,
    measures: measureViews(figures.measures.week, figures.measures.previousWeek),
    empty: figures.reports.length === 0 ? 'You have no direct reports in Tally.' : null,
  };
}
