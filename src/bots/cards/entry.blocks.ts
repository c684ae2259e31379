import type { types } from '@slack/bolt';
import type { DailyReviewView, EntryView } from '../views/review.view.js';
import { ACTION_IDS } from './action-ids.js';
import { reviewButtonValue, type ReviewButton } from './action-payload.js';
import { SLACK_LIMITS, button, context, escapeMrkdwn, mrkdwn, option, plain, truncate } from './slack-text.js';

const NARRATIVE_PREVIEW = 2000;

/** The entry's buttons' common part. */
export function entryButton(view: DailyReviewView, entry: EntryView, verb: ReviewButton['verb']): string {
  return reviewButtonValue({ verb, ownerId: view.ownerId, date: view.date, entryId: entry.id, version: entry.version });
}

/** "*ACME-001 · Acme v. Beta* — 1.5 h (actual 1 h 23 min)" with the user parts escaped. */
export function entryHeadline(entry: EntryView): string {
  const matter = entry.matter ? `*${escapeMrkdwn(`${entry.matter.code} · ${entry.matter.name}`)}*` : '*Which matter?*';
  const actual = entry.actualNote ? ` _(${escapeMrkdwn(entry.actualNote)})_` : '';
  return `${matter} — ${escapeMrkdwn(entry.hours)} h${actual}`;
}

/** The entry's main section text: headline, narrative, codes. */
export function entryText(entry: EntryView, narrativeMax = NARRATIVE_PREVIEW): string {
  const codes = entry.codes ? `\n\`${escapeMrkdwn(entry.codes)}\`` : '';
  const narrative = escapeMrkdwn(truncate(entry.narrative, narrativeMax));
  return `${entryHeadline(entry)}\n${narrative}${codes}`;
}

/** Evidence and warnings in one quiet line, warnings marked ⚠ and in bold; '' when neither. */
export function entryContextText(entry: EntryView): string {
  const parts = entry.evidence ? [escapeMrkdwn(entry.evidence)] : [];
  for (const w of entry.warnings) parts.push(`⚠️ *${escapeMrkdwn(w)}*`);
  return parts.join('  ·  ');
}

/** The Change matter select (recent matters), or null when there is nothing to offer. */
export function changeMatterSelect(view: DailyReviewView, entry: EntryView): types.StaticSelect | null {
  if (!entry.offerChangeMatter || view.recentMatters.length === 0) return null;
  return {
    type: 'static_select',
    action_id: ACTION_IDS.changeMatter,
    placeholder: plain(entry.matter ? 'Change matter' : 'Which matter?', SLACK_LIMITS.placeholder),
    options: view.recentMatters.slice(0, SLACK_LIMITS.options).map((m) => option(`${m.code} · ${m.name}`, m.code)),
  };
}

/** A pending draft: section (with Change matter), evidence/warnings context, and its buttons. */
export function pendingEntryBlocks(view: DailyReviewView, entry: EntryView): types.KnownBlock[] {
  const select = changeMatterSelect(view, entry);
  const sectionBlock: types.SectionBlock = { type: 'section', text: mrkdwn(entryText(entry)) };
  if (select) {
    // The select's option value can only hold the matter code (150 chars): the entry's ids ride in block_id.
    sectionBlock.block_id = entryButton(view, entry, 'change_matter');
    sectionBlock.accessory = select;
  }
  const blocks: types.KnownBlock[] = [sectionBlock];
  const ctx = entryContextText(entry);
  if (ctx) blocks.push(context(ctx));
  const buttons: types.Button[] = [];
  if (entry.matter) {
    const approve = button('Approve', ACTION_IDS.approve, entryButton(view, entry, 'approve'), 'primary');
    if (entry.warnings.length > 0) {
      approve.confirm = {
        title: plain('Approve despite the warning?', SLACK_LIMITS.confirmTitle),
        text: plain(truncate(entry.warnings.join(' · '), SLACK_LIMITS.confirmText), SLACK_LIMITS.confirmText),
        confirm: plain('Approve', SLACK_LIMITS.confirmButton),
        deny: plain('Cancel', SLACK_LIMITS.confirmButton),
      };
    }
    buttons.push(approve);
  }
  buttons.push(button('Edit', ACTION_IDS.edit, entryButton(view, entry, 'edit')));
  buttons.push(button('Not billable', ACTION_IDS.notBillable, entryButton(view, entry, 'not_billable')));
  blocks.push({ type: 'actions', block_id: truncate(`entry:${entry.id}`, SLACK_LIMITS.blockId), elements: buttons });
  return blocks;
}

/** A decided entry collapsed to one line with ✓ and Undo (billed entries cannot be undone). */
export function doneEntryBlock(view: DailyReviewView, entry: EntryView): types.SectionBlock {
  const what = entry.status === 'non_billable' ? 'Not billable · ' : '';
  const matter = entry.matter ? escapeMrkdwn(entry.matter.code) : 'No matter';
  const line = `✓ ${what}${matter} · ${escapeMrkdwn(entry.hours)} h — ${escapeMrkdwn(truncate(entry.narrative, 120))}`;
  const block: types.SectionBlock = { type: 'section', text: mrkdwn(line) };
  if (entry.status === 'approved' || entry.status === 'non_billable') {
    block.accessory = button('Undo', ACTION_IDS.undo, entryButton(view, entry, 'undo'));
  }
  return block;
}
