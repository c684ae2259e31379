import type { App, BlockAction, BlockElementAction } from '@slack/bolt';
import { ACTION_IDS } from '../cards/action-ids.js';
import { isInvoiceAction, parseActionValue, parseChangeMatter } from '../cards/action-payload.js';
import { writeDownModal } from '../cards/pre-bill.blocks.js';
import { showAllModal } from '../cards/review.modals.js';
import { toChatCommand } from '../manifests/commands.js';
import type { ChatContext } from '../views/actions.js';
import type { CommandName } from '../views/chat-core.js';
import type { Reply } from '../views/reply.js';
import { answerFailure, ephemeralRespond, slackContext, type InteractiveDeps } from './interactive-deps.js';
import { errorFields } from '../../core/logger.js';
import { openReviewModal, MODAL_ACTIONS } from './modal.listener.js';
import type { Origin, Respond } from './reply-placement.js';

/** Every action id of Tally's cards: review.*, invoice.*, reply.choose.N. */
export const TALLY_ACTIONS = /^(review|invoice|reply)\./;

interface Container {
  readonly type?: string;
  readonly message_ts?: string;
  readonly channel_id?: string;
  readonly is_ephemeral?: boolean;
  readonly view_id?: string;
}

/**
 * Card buttons and selects → the chat core, then the card updated in place. Acknowledged first;
 * Edit, Show all, Add time and Write down… open a modal (views.open as the first call); everything else runs as
 * background work. The delivery key is the clicked message and the click's action_ts, both of which
 * a redelivery of the same payload repeats; a new click is a new key (and a stale version, a note).
 */
export function registerActionListener(bolt: App, deps: InteractiveDeps): void {
  bolt.action<BlockAction<BlockElementAction>>(TALLY_ACTIONS, async ({ action, body, ack, respond }) => {
    await ack();
    if (MODAL_ACTIONS.has(action.action_id)) {
      await deps.background.run(() => openReviewModal(deps, body, action));
      return;
    }
    if (action.action_id === ACTION_IDS.writeDown) {
      await deps.background.run(() => openWriteDownModal(deps, body, action, ephemeralRespond(respond)));
      return;
    }
    const container = (body.container ?? {}) as Container;
    const respondTo = ephemeralRespond(respond);
    const origin: Origin = {
      actor: body.user.id,
      ...(respondTo ? { respond: respondTo } : {}),
      ...(container.type === 'message' && container.channel_id && container.message_ts
        ? { message: { channel: container.channel_id, ts: container.message_ts, ephemeral: container.is_ephemeral === true } }
        : {}),
    };
    const ids = { action: action.action_id, user: body.user.id };
    await deps.background.run(async () => {
      try {
        const ctx = slackContext(deps, body.user.id, `slack:act:${container.message_ts ?? container.view_id ?? ''}:${action.action_ts}`);
        const { reply, command } = await dispatch(deps, ctx, action);
        if (container.type === 'view' && container.view_id && reply.kind === 'daily-review') {
          await deps.api.updateView(container.view_id, showAllModal(reply));
        }
        await deps.placement.place(command ? { ...origin, command } : origin, reply);
      } catch (error) {
        await answerFailure(deps, origin, error, ids);
      }
    });
  });
}

const UNREADABLE: Reply = { kind: 'text', text: 'That button could not be read; type /tally summary for a fresh card.' };

async function dispatch(deps: InteractiveDeps, ctx: ChatContext, action: BlockElementAction): Promise<{ reply: Reply; command?: CommandName }> {
  if (action.action_id.startsWith(`${ACTION_IDS.choose}.`) && action.type === 'button') {
    // The value is "COMMAND TEXT…" (see ReplyPlacement): the command runs again with the choice made.
    const [word = '', ...rest] = (action.value ?? '').trim().split(/\s+/);
    const command = toChatCommand(word);
    return command ? { reply: await deps.core.command(ctx, command, rest.join(' ')), command } : { reply: UNREADABLE };
  }
  if (action.action_id === ACTION_IDS.changeMatter && action.type === 'static_select') {
    const review = parseChangeMatter(action.block_id, action.selected_option?.value ?? '');
    return { reply: review ? await deps.core.review(ctx, review) : UNREADABLE };
  }
  const parsed = action.type === 'button' && action.value ? parseActionValue(action.value, action.action_id) : null;
  if (!parsed) return { reply: UNREADABLE };
  return { reply: isInvoiceAction(parsed) ? await deps.core.invoice(ctx, parsed) : await deps.core.review(ctx, parsed) };
}

/**
 * Write down…: the trigger_id lives 3 s, so `views.open` (or `views.push` inside a modal) is the first
 * call, built from the button alone: no database read, nothing about the invoice shown before the
 * core authorizes the submission. The click's response_url goes along to replace the pre-bill after.
 */
async function openWriteDownModal(deps: InteractiveDeps, body: BlockAction, action: BlockElementAction, respond: Respond | undefined): Promise<void> {
  const parsed = action.type === 'button' && action.value ? parseActionValue(action.value, action.action_id) : null;
  const ids = { action: action.action_id, user: body.user.id };
  if (!parsed || !isInvoiceAction(parsed) || parsed.verb !== 'write_down') {
    await deps.placement.place({ actor: body.user.id, ...(respond ? { respond } : {}) }, UNREADABLE).catch((error: unknown) => answerFailure(deps, { actor: body.user.id }, error, ids));
    return;
  }
  const modal = writeDownModal({ invoiceId: parsed.invoiceId }, body.response_url);
  try {
    await (body.container?.type === 'view' ? deps.api.pushView(body.trigger_id, modal) : deps.api.openView(body.trigger_id, modal));
  } catch (error) {
    deps.logger.warn({ ...ids, ...errorFields(error) }, 'slack modal not opened');
  }
}
