import type { DigestAgingView, DigestReportView, DigestView } from '../views/digest.view.js';
import { TEAMS_CARD_BUDGET, adaptiveCard, cardBytes, cardTemplate, plainRun, type CardJson } from './adaptive.js';

/** Client rows shown before "…and N more clients". */
const MAX_CLIENT_ROWS = 25;
/** Reports named in the "…and N more" line. */
const MAX_REST_NAMED = 40;

/** Chart colours by age: fresh work is good, old work needs attention. */
const AGE_COLORS: Readonly<Record<string, string>> = { '0–30': 'good', '31–60': 'neutral', '61–90': 'warning', '90+': 'attention' };

const run = (text: string, extra: CardJson = {}) => ({ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text, ...extra }] });

const reportTemplate = cardTemplate<{ name: string; figures: string; aging: string; hasAging: boolean; notes: string; hasNotes: boolean }>({
  type: 'Container',
  separator: true,
  items: [
    { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '${name}', weight: 'Bolder' }, { type: 'TextRun', text: ' — ${figures}', size: 'Small' }] },
    { $when: '${hasAging}', ...run('${aging}', { size: 'Small', isSubtle: true }), spacing: 'None' },
    { $when: '${hasNotes}', ...run('${notes}', { size: 'Small', color: 'Warning' }), spacing: 'None' },
  ],
});

const clientsTemplate = cardTemplate<{ heading: string; rows: { name: string; value: string; note: string }[] }>({
  type: 'Container',
  separator: true,
  spacing: 'Medium',
  items: [
    run('${heading}', { weight: 'Bolder' }),
    {
      $data: '${rows}',
      type: 'ColumnSet',
      spacing: 'None',
      columns: [
        { type: 'Column', width: 'stretch', items: [run('${name}', { size: 'Small' })] },
        { type: 'Column', width: 'auto', items: [run('${value}', { size: 'Small', weight: 'Bolder' })] },
        { type: 'Column', width: 'auto', items: [run('${note}', { size: 'Small', isSubtle: true })] },
      ],
    },
  ],
});

const filled = (r: DigestReportView): DigestAgingView[] => r.aging.filter((a) => a.tenths > 0);

function reportCard(r: DigestReportView): CardJson {
  const notes = [...(r.daysWithoutTime ? [`No time on ${r.daysWithoutTime}`] : []), ...(r.noRate ? [`⚠ ${r.noRate}`] : [])];
  return reportTemplate.expand({
    name: r.name,
    figures: `awaiting approval ${r.awaiting} · in progress ${r.wip} · billed last week ${r.billedLastWeek}`,
    aging: `By age in days: ${filled(r).map((a) => `${a.label}: ${a.hours} h ${a.amount}`).join(' · ')}`,
    hasAging: filled(r).length > 0,
    notes: notes.join(' · '),
    hasNotes: notes.length > 0,
  });
}

/** Text bars for hosts without chart elements: one line per report, a monospace bar per age. */
function barLine(r: DigestReportView): CardJson {
  const bars = filled(r).map((a) => `${a.label} ${a.bar}`).join('  ');
  return { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: `${r.name} `, weight: 'Bolder', size: 'Small' }, { type: 'TextRun', text: bars, fontType: 'Monospace', size: 'Small' }] };
}

/**
 * The team's work in progress by age as a stacked horizontal bar chart (Teams' Chart.HorizontalBar.Stacked:
 * one bar per report, one segment per age, in hours); hosts without charts render the text bars instead.
 */
function agingChart(reports: readonly DigestReportView[]): CardJson | null {
  const withWip = reports.filter((r) => filled(r).length > 0);
  if (withWip.length === 0) return null;
  return {
    type: 'Chart.HorizontalBar.Stacked',
    title: 'Work in progress by age in days (hours)',
    data: withWip.map((r) => ({ title: r.name, data: filled(r).map((a) => ({ legend: a.label, value: a.tenths / 10, color: AGE_COLORS[a.label] ?? 'neutral' })) })),
    fallback: { type: 'Container', items: withWip.map(barLine) },
  };
}

function tail(view: DigestView): CardJson[] {
  const clients = view.clients.slice(0, MAX_CLIENT_ROWS).map((c) => ({ name: c.name, value: `${c.wipHours} · ${c.wipAmount}`, note: `awaiting ${c.awaiting}` }));
  const more = view.clients.length - MAX_CLIENT_ROWS;
  return [
    clientsTemplate.expand({ heading: 'Per client (in progress · awaiting approval)', rows: clients }),
    ...(more > 0 ? [plainRun(`…and ${String(more)} more clients`, { size: 'Small', isSubtle: true })] : []),
    plainRun('Measures (previous week in brackets)', { weight: 'Bolder' }),
    // Our own labels and figures only, so a FactSet (which Teams reads as markdown) is safe here.
    { type: 'FactSet', spacing: 'None', facts: view.measures.map((m) => ({ title: m.label, value: `${m.value} (${m.previous})` })) },
  ];
}

function cardWith(view: DigestView, shown: number): CardJson {
  const reports = view.reports.slice(0, shown);
  const rest = view.reports.slice(shown);
  const chart = agingChart(reports);
  const body: CardJson[] = [
    plainRun(view.title, { size: 'Medium', weight: 'Bolder' }),
    plainRun(view.summary, { isSubtle: true }),
    ...(view.empty ? [plainRun(view.empty)] : []),
    ...(chart ? [chart] : []),
    ...reports.map(reportCard),
    ...(rest.length > 0 ? [plainRun(`…and ${String(rest.length)} more: ${rest.slice(0, MAX_REST_NAMED).map((r) => `${r.name} (in progress ${r.wip})`).join('; ')}${rest.length > MAX_REST_NAMED ? '; …' : ''}`, { size: 'Small' })] : []),
    ...tail(view),
  ];
  return adaptiveCard(body);
}

/**
 * The weekly digest as an Adaptive Card 1.5 (cards.md "Weekly digest"): the team's totals, a chart
 * of work in progress by age (text bars where charts are not supported), each report's figures,
 * per-client totals and the firm's measures beside the previous week's. Reports that would take
 * the card past 28 KB are listed one line each.
 */
export function digestCard(view: DigestView): CardJson {
  const fits = (shown: number) => cardBytes(cardWith(view, shown)) <= TEAMS_CARD_BUDGET;
  if (fits(view.reports.length)) return cardWith(view, view.reports.length);
  // Each report adds far more than it takes off the "…and N more" line: the size grows with `shown`.
  let [low, high] = [0, view.reports.length];
  while (low < high - 1) {
    const mid = Math.floor((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid;
  }
  return cardWith(view, low);
}
