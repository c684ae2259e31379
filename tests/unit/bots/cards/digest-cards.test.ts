import { describe, expect, it } from 'vitest';
import { digestBlocks } from '../../../../src/bots/cards/digest.blocks.js';
import { digestCard } from '../../../../src/bots/cards/digest.card.js';
import { SLACK_LIMITS, TEAMS_CARD_BUDGET, cardBytes, replyBlocks, replyCard } from '../../../../src/bots/cards/index.js';
import { BAR_WIDTH, buildDigestView, textBar } from '../../../../src/bots/digest/digest.view-builder.js';
import type { AgingAmount, DigestFigures, ReportFigures } from '../../../../src/core/digest.js';
import { objectsIn } from './card-walk.js';

const aging = (m: readonly [number, number, number, number]): AgingAmount[] =>
  (['0-30', '31-60', '61-90', '91+'] as const).map((bucket, i) => ({ bucket, minutes: m[i] ?? 0, cents: (m[i] ?? 0) * 500 }));

function aReport(n: number, overrides: Partial<ReportFigures> = {}): ReportFigures {
  const buckets = [600 + n * 6, 120, 60, 30] as const;
  return {
    userId: n, email: `person${n}@test.example`, name: `Alexandra Montgomery-Fitzgerald ${n}`,
    awaiting: { count: 3, minutes: 144 },
    wip: { minutes: buckets.reduce((s, m) => s + m, 0), cents: buckets.reduce((s, m) => s + m * 500, 0), aging: aging(buckets) },
    noRate: n % 4 === 0, billedLastWeekMinutes: 300, daysWithoutTime: n % 3 === 0 ? ['2026-03-03', '2026-03-06'] : [],
    ...overrides,
  };
}

function someFigures(reports: number, overrides: Partial<DigestFigures> = {}): DigestFigures {
  const measures = { activityToApprovalMinutes: 225, approvalToInvoiceMinutes: 7320, editedShareBp: 5000, writeDownBp: 1161 };
  return {
    manager: { id: 1, email: 'lee@test.example', name: 'Lee Park' }, asOf: '2026-03-09',
    week: { start: '2026-03-02', end: '2026-03-08' }, previousWeek: { start: '2026-02-23', end: '2026-03-01' }, currency: 'USD',
    reports: Array.from({ length: reports }, (_, i) => aReport(i + 1)),
    clients: [
      { clientId: 1, code: 'ACME', name: 'Acme Corp', awaitingMinutes: 120, wipMinutes: 99, wipCents: 43813 },
      { clientId: null, code: null, name: null, awaitingMinutes: 6, wipMinutes: 0, wipCents: 0 },
    ],
    team: { awaitingCount: 4, awaitingMinutes: 144, wipMinutes: 156, wipCents: 59063, aging: aging([96, 45, 6, 9]), billedLastWeekMinutes: 210 },
    measures: { week: measures, previousWeek: { activityToApprovalMinutes: 1200, approvalToInvoiceMinutes: null, editedShareBp: 0, writeDownBp: null } },
    ...overrides,
  };
}

describe('textBar', () => {
  it.each([
    [0, 10, '▁▁▁▁▁▁▁▁'],
    [10, 10, '▇▇▇▇▇▇▇▇'],
    [5, 10, '▇▇▇▇▁▁▁▁'],
    [1, 3, '▇▇▇▁▁▁▁▁'],
    [1, 1000, '▇▁▁▁▁▁▁▁'],
    [3, 0, '▁▁▁▁▁▁▁▁'],
  ])('%i of %i → %s', (value, max, bar) => {
    expect(textBar(value, max)).toBe(bar);
    expect(bar).toHaveLength(BAR_WIDTH);
  });
});

describe('buildDigestView', () => {
  it('words the figures: hours in tenths, money in the currency, bars against the team\'s largest bucket, measures beside last week', () => {
    const view = buildDigestView(someFigures(2));
    expect(view).toMatchObject({
      kind: 'digest', managerId: 1, weekStart: '2026-03-02', empty: null,
      title: "Your team's unbilled time — week of 2 Mar",
      summary: 'Team: 2.4 h awaiting approval · 2.6 h ($590.63) in progress · 3.5 h billed last week',
    });
    expect(view.reports[1]).toMatchObject({ awaiting: '2.4 h (3 drafts)', wip: '13.7 h · $4,110.00', billedLastWeek: '5.0 h', daysWithoutTime: null, noRate: null });
    // Person 2's 0–30 bucket (612 min) is the team's largest: a full bar; 120 min of it is 8 × 120 / 612 ≈ 1.6 → 2 cells.
    expect(view.reports[1]?.aging.map((a) => [a.label, a.hours, a.bar, a.tenths])).toEqual([['0–30', '10.2', '▇▇▇▇▇▇▇▇', 102], ['31–60', '2.0', '▇▇▁▁▁▁▁▁', 20], ['61–90', '1.0', '▇▁▁▁▁▁▁▁', 10], ['90+', '0.5', '▇▁▁▁▁▁▁▁', 5]]);
    expect(view.clients).toEqual([{ name: 'Acme Corp', awaiting: '2.0 h', wipHours: '1.7 h', wipAmount: '$438.13' }, { name: 'No matter yet', awaiting: '0.1 h', wipHours: '0.0 h', wipAmount: '$0.00' }]);
    expect(view.measures).toEqual([
      { label: 'Median time from activity to approval', value: '3.8 h', previous: '20.0 h' },
      { label: 'Median time from approval to invoice', value: '5.1 days', previous: '—' },
      { label: 'Drafts edited before approval', value: '50.0%', previous: '0.0%' },
      { label: 'Write-down rate', value: '11.6%', previous: '—' },
    ]);
  });

  it('says so when the manager has no reports', () => {
    expect(buildDigestView(someFigures(0)).empty).toBe('You have no direct reports in Tally.');
  });
});

describe('digestBlocks', () => {
  it('shows each report with text bars, the clients and the measures', () => {
    const { blocks, text } = digestBlocks(buildDigestView(someFigures(3)));
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: "Your team's unbilled time — week of 2 Mar" } });
    expect(text).toContain('2.4 h awaiting approval');
    const joined = JSON.stringify(blocks);
    for (const part of ['`0–30 ` ▇▇▇▇▇▇▇▇ 10.3 h', 'No time on Tue 3 Mar, Fri 6 Mar', 'Acme Corp — awaiting 2.0 h · in progress 1.7 h · $438.13', 'No matter yet', 'Write-down rate: *11.6%* (—)']) {
      expect(joined).toContain(part);
    }
  });

  it('escapes names so nobody is pinged or formatted', () => {
    const figures = someFigures(1);
    const { blocks } = digestBlocks(buildDigestView({ ...figures, reports: [aReport(1, { name: '<!channel> *Bold*' })] }));
    expect(JSON.stringify(blocks)).not.toContain('<!channel>');
    expect(JSON.stringify(blocks)).toContain('&lt;!channel&gt;');
  });

  it.each([0, 1, 20, 44, 45, 80])('%i reports stay within 50 blocks and every one is named', (n) => {
    const { blocks } = digestBlocks(buildDigestView(someFigures(n)));
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    const texts = objectsIn(blocks).filter((o) => typeof o.text === 'string').map((o) => o.text as string);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    const joined = texts.join('\n');
    for (let i = 1; i <= n; i++) expect(joined).toContain(`Montgomery-Fitzgerald ${i}*`.replace('*', ''));
  });
});

describe('digestBlocks for a very large team', () => {
  it('stays within 50 blocks and says where the full list is', () => {
    const { blocks } = digestBlocks(buildDigestView(someFigures(500)));
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    expect(JSON.stringify(blocks)).toMatch(/…and \d+ more not shown here: run `tally digest` for the full list/);
  });
});

describe('digestCard', () => {
  it('draws a stacked bar chart of work in progress by age, with text bars where charts are not supported', () => {
    const card = digestCard(buildDigestView(someFigures(3)));
    const chart = objectsIn(card).find((o) => o.type === 'Chart.HorizontalBar.Stacked') as { data: { title: string; data: { legend: string; value: number; color: string }[] }[]; fallback: unknown } | undefined;
    expect(chart?.data.map((d) => d.title)).toEqual(['Alexandra Montgomery-Fitzgerald 1', 'Alexandra Montgomery-Fitzgerald 2', 'Alexandra Montgomery-Fitzgerald 3']);
    expect(chart?.data[0]?.data).toEqual([
      { legend: '0–30', value: 10.1, color: 'good' }, { legend: '31–60', value: 2, color: 'neutral' }, { legend: '61–90', value: 1, color: 'warning' }, { legend: '90+', value: 0.5, color: 'attention' },
    ]);
    expect(JSON.stringify(chart?.fallback)).toContain('▇▇▇▇▇▇▇▇');
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(JSON.stringify(card)).toContain('No time on Tue 3 Mar, Fri 6 Mar');
  });

  it('keeps 20 reports, each in full, under 28 KB', () => {
    const card = digestCard(buildDigestView(someFigures(20)));
    expect(cardBytes(card)).toBeLessThan(TEAMS_CARD_BUDGET);
    const names = objectsIn(card).filter((o) => o.type === 'TextRun' && o.weight === 'Bolder').map((o) => o.text);
    for (let i = 1; i <= 20; i++) expect(names).toContain(`Alexandra Montgomery-Fitzgerald ${i}`);
    expect(JSON.stringify(card)).not.toContain('more:');
  });

  it('lists reports past the budget one line each', () => {
    const card = digestCard(buildDigestView(someFigures(120)));
    expect(cardBytes(card)).toBeLessThan(TEAMS_CARD_BUDGET);
    expect(JSON.stringify(card)).toMatch(/…and \d+ more: /);
  });

  it('has no chart when nothing is in progress', () => {
    const card = digestCard(buildDigestView(someFigures(0)));
    expect(objectsIn(card).some((o) => String(o.type).startsWith('Chart.'))).toBe(false);
    expect(JSON.stringify(card)).toContain('You have no direct reports in Tally.');
  });
});

describe('the reply renderers', () => {
  it('hand a digest to its renderers', () => {
    const view = buildDigestView(someFigures(1));
    expect(replyBlocks(view)).toEqual(digestBlocks(view));
    expect(replyCard(view)).toEqual(digestCard(view));
  });
});
