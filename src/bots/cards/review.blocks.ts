import type { types } from '@slack/bolt';
import type { DailyReviewView } from '../views/review.view.js';
import { ACTION_IDS } from './action-ids.js';
import { addTimeButtonValue, reviewButtonValue } from './action-payload.js';
import { doneEntryBlock, pendingEntryBlocks } from './entry.blocks.js';
import { SLACK_LIMITS, button, context, escapeMrkdwn, plain, section, truncate } from './slack-text.js';

/** Pending drafts shown in full on the message; the rest are behind "Show all (N)". */
export const MAX_PENDING_SHOWN = 12;
/** Blocks kept free for the footer (actions, and the "more" line). */
const FOOTER_BLOCKS = 2;

/** A Slack message: notification text and blocks. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: types.KnownBlock[];
}

/** "Approve all (3 entries, 4.2 h)". */
export function approveAllLabel(a: { readonly count: number; readonly hours: string }): string {
  return `Approve all (${a.count} ${a.count === 1 ? 'entry' : 'entries'}, ${a.hours} h)`;
}

/**
 * The daily review card as Block Kit (cards.md "Daily review"): header, subtitle, up to
 * {@link MAX_PENDING_SHOWN} pending drafts with their buttons, decided entries collapsed with Undo,
 * and the footer; never more than 50 blocks, whatever the day holds.
 */
export function dailyReviewBlocks(view: DailyReviewView): SlackMessage {
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: plain(view.title, SLACK_LIMITS.header) },
    context(escapeMrkdwn(view.subtitle)),
  ];
  if (view.note) blocks.push(context(`ℹ️ ${escapeMrkdwn(view.note)}`));
  if (view.complete) blocks.push(section(`✅ *${escapeMrkdwn(view.complete)}*`));
  const budget = () => SLACK_LIMITS.blocks - FOOTER_BLOCKS - blocks.length;

  let pendingShown = 0;
  for (const entry of view.pending.slice(0, MAX_PENDING_SHOWN)) {
    const entryBlocks = pendingEntryBlocks(view, entry);
    if (entryBlocks.length > budget()) break;
    blocks.push(...entryBlocks);
    pendingShown++;
  }
  if (view.pending.length > 0 && view.done.length > 0 && budget() > 1) blocks.push({ type: 'divider' });
  let doneShown = 0;
  for (const entry of view.done) {
    if (budget() < 1) break;
    blocks.push(doneEntryBlock(view, entry));
    doneShown++;
  }

  const hiddenPending = view.pending.length - pendingShown;
  const hiddenDone = view.done.length - doneShown;
  if (hiddenPending + hiddenDone > 0) {
    const parts = [hiddenPending > 0 ? `${hiddenPending} more to review` : '', hiddenDone > 0 ? `${hiddenDone} more done` : ''];
    blocks.push(context(`…and ${parts.filter(Boolean).join(', ')}`));
  }
  blocks.push({ type: 'actions', block_id: 'review.footer', elements: footerButtons(view, hiddenPending + hiddenDone > 0) });
  return { text: truncate(`${view.title} (${view.subtitle})`, SLACK_LIMITS.fallbackText), blocks };
}

function footerButtons(view: DailyReviewView, anyHidden: boolean): types.Button[] {
  const day = { ownerId: view.ownerId, date: view.date };
  const buttons: types.Button[] = [];
  if (view.approveAll && view.approveAll.count > 0) {
    buttons.push(button(approveAllLabel(view.approveAll), ACTION_IDS.approveAll, reviewButtonValue({ verb: 'approve_all', ...day }), 'primary'));
  }
  if (anyHidden) {
    buttons.push(button(`Show all (${view.pending.length + view.done.length})`, ACTION_IDS.showAll, reviewButtonValue({ verb: 'show_all', ...day })));
  }
  buttons.push(button('Add time', ACTION_IDS.addTime, addTimeButtonValue(day)));
  return buttons;
}
