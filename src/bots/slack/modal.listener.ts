import type { BlockAction, BlockElementAction, types } from '@slack/bolt';
import { AppError } from '../../core/errors.js';
import { failureText } from '../chat/user-text.js';
import { ACTION_IDS, CALLBACK_IDS } from '../cards/action-ids.js';
import { isInvoiceAction, parseActionValue, parseAddTimeValue } from '../cards/action-payload.js';
import { addTimeModal, editEntryModal, loadingModal, showAllModal } from '../cards/review.modals.js';
import { SLACK_LIMITS, escapeMrkdwn, plain, section } from '../cards/slack-text.js';
import { buildDailyReview } from '../review/daily-review.service.js';
import { resolveChatUser } from '../review/chat-user.service.js';
import type { DailyReviewView } from '../views/review.view.js';
import type { InteractiveDeps } from './interactive-deps.js';
import { errorFields } from '../../core/logger.js';
import type { ModalMetadata } from './modal-metadata.js';

/** The buttons that open a modal instead of acting at once. */
export const MODAL_ACTIONS: ReadonlySet<string> = new Set([ACTION_IDS.edit, ACTION_IDS.showAll, ACTION_IDS.addTime]);

interface Container {
  readonly type?: string;
  readonly message_ts?: string;
  readonly channel_id?: string;
  readonly is_ephemeral?: boolean;
}

/**
 * Edit, Show all and Add time (run after the ack, as background work). The trigger_id lives 3 s and is single-use, so `views.open` (or
 * `views.push` from inside a modal) of a loading modal is the first call after the click, before
 * any database read; the card is then read and the modal updated with the form. The modal's
 * private_metadata carries ids only: owner, day, entry and version, and the DM message to update.
 */
export async function openReviewModal(deps: InteractiveDeps, body: BlockAction, action: BlockElementAction): Promise<void> {
  const metadata = metadataOf(body, action);
  if (!metadata) return;
  const loading: types.ModalView = { ...loadingModal(), private_metadata: JSON.stringify(metadata) };
  const ids = { action: action.action_id, user: body.user.id };
  let opened: { id: string; hash: string };
  try {
    opened = body.container?.type === 'view' ? await deps.api.pushView(body.trigger_id, loading) : await deps.api.openView(body.trigger_id, loading);
  } catch (error) {
    deps.logger.warn({ ...ids, ...errorFields(error) }, 'slack modal not opened');
    return;
  }
  let modal: types.ModalView;
  try {
    const actor = await resolveChatUser(deps.db, 'slack', body.user.id);
    if (!actor) throw new AppError('FORBIDDEN', 'Tally does not know your Slack account; ask your Tally administrator');
    const view = await buildDailyReview(deps.db, { ownerId: metadata.ownerId, date: metadata.date, viewerId: actor.id });
    modal = formFor(action.action_id, view, metadata);
  } catch (error) {
    deps.logger.warn({ ...ids, ...errorFields(error) }, 'slack modal not filled');
    modal = noticeModal(failureText(error).text);
  }
  try {
    await deps.api.updateView(opened.id, modal, opened.hash);
  } catch (error) {
    deps.logger.warn({ ...ids, ...errorFields(error) }, 'slack modal not updated');
  }
}

function formFor(actionId: string, view: DailyReviewView, metadata: ModalMetadata): types.ModalView {
  const where = JSON.stringify(metadata);
  if (actionId === ACTION_IDS.showAll) return showAllModal(view);
  if (actionId === ACTION_IDS.addTime) return { ...addTimeModal(view), private_metadata: where };
  const entry = [...view.pending, ...view.done].find((e) => e.id === metadata.entryId);
  if (!entry || entry.status !== 'draft') return noticeModal('That entry can no longer be edited here; the card shows where it stands.');
  // The form shows the entry as it is now, so the edit applies to the current version.
  return { ...editEntryModal(entry, view), private_metadata: JSON.stringify({ ...metadata, version: entry.version }) };
}

function metadataOf(body: BlockAction, action: BlockElementAction): ModalMetadata | null {
  if (action.type !== 'button' || !action.value) return null;
  const container = (body.container ?? {}) as Container;
  const message = container.type === 'message' && !container.is_ephemeral && container.channel_id && container.message_ts ? { channel: container.channel_id, ts: container.message_ts } : {};
  if (action.action_id === ACTION_IDS.addTime) {
    const day = parseAddTimeValue(action.value);
    return day ? { ownerId: day.ownerId, date: day.date, ...message } : null;
  }
  const parsed = parseActionValue(action.value, action.action_id);
  if (!parsed || isInvoiceAction(parsed)) return null;
  const entry = parsed.entryId !== undefined && parsed.version !== undefined ? { entryId: parsed.entryId, version: parsed.version } : {};
  return { ownerId: parsed.ownerId, date: parsed.date, ...entry, ...message };
}

/** A modal that only says something (a refusal, a vanished entry). */
export function noticeModal(text: string): types.ModalView {
  return { type: 'modal', callback_id: CALLBACK_IDS.loading, title: plain('Tally', SLACK_LIMITS.modalTitle), close: plain('Close', SLACK_LIMITS.modalButton), blocks: [section(escapeMrkdwn(text))] };
}
