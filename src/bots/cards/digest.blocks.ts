import type { types } from '@slack/bolt';
import type { DigestReportView, DigestView } from '../views/digest.view.js';
import type { SlackMessage } from './review.blocks.js';
import { SLACK_LIMITS, context, escapeMrkdwn, plain, section, truncate } from './slack-text.js';

/** Client lines shown before "…and N more clients". */
const MAX_CLIENT_LINES = 40;

/** "`0–30 ` ▇▇▇▁▁▁▁▁ 10.0 h · $3,500.00": the label padded so the bars line up. */
function agingLines(r: DigestReportView): string[] {
  return r.aging.map((a) => `\`${a.label.padEnd(5, ' ')}\` ${a.bar} ${escapeMrkdwn(a.hours)} h · ${escapeMrkdwn(a.amount)}`);
}

/** One report's section: name, the three figures, aging bars (when there is work in progress), days without time. */
export function reportText(r: DigestReportView): string {
  const lines = [
    `*${escapeMrkdwn(r.name)}*`,
    `Awaiting approval: ${escapeMrkdwn(r.awaiting)} · In progress: ${escapeMrkdwn(r.wip)} · Billed last week: ${escapeMrkdwn(r.billedLastWeek)}`,
  ];
  if (r.aging.some((a) => a.tenths > 0)) lines.push(...agingLines(r));
  if (r.daysWithoutTime) lines.push(`No time on ${escapeMrkdwn(r.daysWithoutTime)}`);
  if (r.noRate) lines.push(`⚠️ ${escapeMrkdwn(r.noRate)}`);
  return lines.join('\n');
}

function clientsText(view: DigestView): string {
  if (view.clients.length === 0) return '*Per client*\nNothing awaiting approval or in progress.';
  const lines = view.clients.slice(0, MAX_CLIENT_LINES).map((c) => `${escapeMrkdwn(c.name)} — awaiting ${escapeMrkdwn(c.awaiting)} · in progress ${escapeMrkdwn(c.wipHours)} · ${escapeMrkdwn(c.wipAmount)}`);
  const more = view.clients.length - MAX_CLIENT_LINES;
  return ['*Per client*', ...lines, ...(more > 0 ? [`…and ${String(more)} more clients`] : [])].join('\n');
}

function measuresText(view: DigestView): string {
  return ['*Measures* (previous week in brackets)', ...view.measures.map((m) => `${escapeMrkdwn(m.label)}: *${escapeMrkdwn(m.value)}* (${escapeMrkdwn(m.previous)})`)].join('\n');
}

/** Room for one section's text, a little under Slack's limit. */
const SECTION_ROOM = SLACK_LIMITS.sectionText - 100;
/** Sections at most for the reports listed one line each. */
const MAX_REST_SECTIONS = 3;

/** Reports past the block budget, one line each, packed into at most `max` sections (the last may say how many are left out). */
function restSections(rest: readonly DigestReportView[], max: number): types.KnownBlock[] {
  const chunks: string[][] = [[`…and ${String(rest.length)} more:`]];
  for (const [i, r] of rest.entries()) {
    const line = `${escapeMrkdwn(r.name)} — awaiting ${escapeMrkdwn(r.awaiting)} · in progress ${escapeMrkdwn(r.wip)}`;
    let last = chunks[chunks.length - 1] as string[];
    if ([...last, line].join('\n').length > SECTION_ROOM) {
      if (chunks.length === max) {
        last.push(`…and ${String(rest.length - i)} more not shown here: run \`tally digest\` for the full list`);
        break;
      }
      last = [];
      chunks.push(last);
    }
    last.push(line);
  }
  return chunks.map((lines) => section(lines.join('\n')));
}

/**
 * The weekly digest as Block Kit (cards.md "Weekly digest"): the team's totals, one section per
 * report with text bars for the aging of its work in progress, per-client totals and the firm's
 * measures beside the previous week's. Reports beyond 50 blocks are listed one line each.
 */
export function digestBlocks(view: DigestView): SlackMessage {
  const blocks: types.KnownBlock[] = [{ type: 'header', text: plain(view.title, SLACK_LIMITS.header) }, context(escapeMrkdwn(view.summary))];
  const tail: types.KnownBlock[] = [{ type: 'divider' }, section(clientsText(view)), { type: 'divider' }, section(measuresText(view))];
  if (view.empty) blocks.push(section(escapeMrkdwn(view.empty)));
  const room = SLACK_LIMITS.blocks - blocks.length - tail.length;
  if (view.reports.length <= room) blocks.push(...view.reports.map((r) => section(reportText(r))));
  else {
    const rest = restSections(view.reports.slice(room - MAX_REST_SECTIONS), MAX_REST_SECTIONS);
    const shown = room - rest.length;
    blocks.push(...view.reports.slice(0, shown).map((r) => section(reportText(r))), ...restSections(view.reports.slice(shown), rest.length));
  }
  blocks.push(...tail);
  return { text: truncate(`${view.title}. ${view.summary}`, SLACK_LIMITS.fallbackText), blocks };
}
