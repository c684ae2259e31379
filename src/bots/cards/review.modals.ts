import type { types } from '@slack/bolt';
import type { DailyReviewView, EntryView, MatterChoice } from '../views/review.view.js';
import { ACTION_IDS, CALLBACK_IDS, FORM_FIELDS } from './action-ids.js';
import { entryContextText, entryButton, entryText } from './entry.blocks.js';
import { SLACK_LIMITS, button, context, escapeMrkdwn, option, plain, section, truncate } from './slack-text.js';

/** What an Edit modal's private_metadata carries: ids only. */
export interface EditMetadata {
  readonly ownerId: number;
  readonly date: string;
  readonly entryId: string;
  readonly version: number;
}

function modal(title: string, callbackId: string, blocks: types.KnownBlock[], extra: Partial<types.ModalView> = {}): types.ModalView {
  return { type: 'modal', callback_id: callbackId, title: plain(title, SLACK_LIMITS.modalTitle), blocks, ...extra };
}

function textInput(field: string, label: string, opts: { initial?: string | null; multiline?: boolean; maxLength?: number; optional?: boolean; hint?: string }): types.InputBlock {
  const max = Math.min(Math.max(opts.maxLength ?? SLACK_LIMITS.inputMaxLength, 1), SLACK_LIMITS.inputMaxLength);
  const element: types.PlainTextInput = { type: 'plain_text_input', action_id: field, multiline: opts.multiline ?? false, max_length: max };
  if (opts.initial) element.initial_value = truncate(opts.initial, max);
  return {
    type: 'input',
    block_id: field,
    label: plain(label, SLACK_LIMITS.inputLabel),
    optional: opts.optional ?? false,
    element,
    ...(opts.hint ? { hint: plain(opts.hint, SLACK_LIMITS.inputLabel) } : {}),
  };
}

function matterInput(matters: readonly MatterChoice[], current: MatterChoice | null): types.InputBlock {
  const all = current && !matters.some((m) => m.code === current.code) ? [current, ...matters] : [...matters];
  if (all.length === 0) return textInput(FORM_FIELDS.matter, 'Matter', { optional: true, maxLength: 64, hint: 'A matter code, e.g. ACME-001' });
  const options = all.slice(0, SLACK_LIMITS.options).map((m) => option(`${m.code} · ${m.name}`, m.code));
  const element: types.StaticSelect = { type: 'static_select', action_id: FORM_FIELDS.matter, placeholder: plain('Which matter?', SLACK_LIMITS.placeholder), options };
  const initial = current ? options.find((o) => o.value === current.code) : undefined;
  if (initial) element.initial_option = initial;
  return { type: 'input', block_id: FORM_FIELDS.matter, label: plain('Matter', SLACK_LIMITS.inputLabel), optional: true, element };
}

/** The first view of an Edit click: `views.open` must be the first call, before any database read. */
export function loadingModal(): types.ModalView {
  return modal('Edit entry', CALLBACK_IDS.loading, [section('Loading…')]);
}

/**
 * The Edit modal of one entry: narrative (limited to the client's maximum), hours, matter from the
 * person's recent matters, task and activity codes. private_metadata carries the ids only.
 */
export function editEntryModal(entry: EntryView, view: DailyReviewView): types.ModalView {
  const metadata: EditMetadata = { ownerId: view.ownerId, date: view.date, entryId: entry.id, version: entry.version };
  const blocks: types.KnownBlock[] = [];
  const ctx = entryContextText(entry);
  if (ctx) blocks.push(context(ctx));
  blocks.push(
    textInput(FORM_FIELDS.narrative, 'Narrative', { initial: entry.narrative, multiline: true, maxLength: entry.maxNarrativeLength, hint: `At most ${entry.maxNarrativeLength} characters` }),
    textInput(FORM_FIELDS.hours, 'Hours', { initial: entry.hours, maxLength: 16, hint: '1.5, 1h30m or 90m' }),
    matterInput(view.recentMatters, entry.matter),
    textInput(FORM_FIELDS.taskCode, 'Task code', { initial: entry.taskCode, optional: true, maxLength: 8, hint: 'UTBMS task, e.g. L120' }),
    textInput(FORM_FIELDS.activityCode, 'Activity code', { initial: entry.activityCode, optional: true, maxLength: 8, hint: 'UTBMS activity, e.g. A106' }),
  );
  return modal('Edit entry', CALLBACK_IDS.editEntry, blocks, {
    submit: plain('Save', SLACK_LIMITS.modalButton),
    close: plain('Cancel', SLACK_LIMITS.modalButton),
    private_metadata: JSON.stringify(metadata),
  });
}

/** The "Add time" form (the same fields as `/time`), for the card's day. */
export function addTimeModal(view: DailyReviewView): types.ModalView {
  return modal('Add time', CALLBACK_IDS.addTime, [
    textInput(FORM_FIELDS.hours, 'Hours', { maxLength: 16, hint: '1.5, 1h30m or 90m' }),
    matterInput(view.recentMatters, null),
    textInput(FORM_FIELDS.narrative, 'Narrative', { multiline: true, maxLength: SLACK_LIMITS.inputMaxLength }),
  ], {
    submit: plain('Add', SLACK_LIMITS.modalButton),
    close: plain('Cancel', SLACK_LIMITS.modalButton),
    private_metadata: JSON.stringify({ ownerId: view.ownerId, date: view.date }),
  });
}

/** Every entry of the day in a modal (up to Slack's 100 blocks), each with Edit or Undo. */
export function showAllModal(view: DailyReviewView): types.ModalView {
  const blocks: types.KnownBlock[] = [context(escapeMrkdwn(`${view.title} — ${view.subtitle}`))];
  const entries = [...view.pending, ...view.done];
  const room = SLACK_LIMITS.modalBlocks - blocks.length - 1;
  const shown = entries.length > room + 1 ? entries.slice(0, room) : entries;
  for (const entry of shown) {
    const pending = entry.status === 'draft';
    const ctx = entryContextText(entry);
    const text = `${pending ? '' : '✓ '}${entryText(entry, 600)}${ctx ? `\n${ctx}` : ''}`;
    const block = section(text);
    if (pending) block.accessory = button('Edit', ACTION_IDS.edit, entryButton(view, entry, 'edit'));
    else if (entry.status !== 'billed') block.accessory = button('Undo', ACTION_IDS.undo, entryButton(view, entry, 'undo'));
    blocks.push(block);
  }
  if (shown.length < entries.length) blocks.push(context(`…and ${entries.length - shown.length} more`));
  return modal(`All entries (${entries.length})`, CALLBACK_IDS.showAll, blocks, {
    close: plain('Close', SLACK_LIMITS.modalButton),
    private_metadata: JSON.stringify({ ownerId: view.ownerId, date: view.date }),
  });
}
