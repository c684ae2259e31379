import { createHash } from 'node:crypto';
import type { App, ViewOutput } from '@slack/bolt';
import { localDateOf } from '../../core/dates.js';
import { AppError } from '../../core/errors.js';
import { CALLBACK_IDS, FORM_FIELDS } from '../cards/action-ids.js';
import { replyBlocks } from '../cards/reply.blocks.js';
import { parseWriteDownSubmission } from '../cards/slack-forms.js';
import { failureText } from '../chat/user-text.js';
import { parseTimeCommand } from '../commands/time-command.js';
import { resolveChatUser } from '../review/chat-user.service.js';
import type { Reply } from '../views/reply.js';
import { answerFailure, slackContext, type InteractiveDeps } from './interactive-deps.js';
import { errorFields } from '../../core/logger.js';
import { parseModalMetadata, parseWriteDownMetadata, type ModalMetadata } from './modal-metadata.js';
import type { Origin, Respond } from './reply-placement.js';

type Values = ViewOutput['state']['values'];

/** A problem's path in the core's INVALID_INPUT text ("hours: …; narrative: …") → the form's block. */
const BLOCK_OF: Readonly<Record<string, string>> = {
  narrative: FORM_FIELDS.narrative,
  hours: FORM_FIELDS.hours,
  matter: FORM_FIELDS.matter,
  'task code': FORM_FIELDS.taskCode,
  'activity code': FORM_FIELDS.activityCode,
};

/**
 * Modal submissions. Edit → the core's `edit`; a refusal or invalid input is acknowledged with
 * `response_action: 'errors'` on the field it names (the modal stays open, nothing is written),
 * else the modal closes and the card is updated in the DM. Add time → `/time` with the card's day.
 * The delivery key is the view id and a digest of what was typed: a redelivery repeats both, a
 * corrected form is a new key.
 */
export function registerViewListeners(bolt: App, deps: InteractiveDeps): void {
  bolt.view(CALLBACK_IDS.editEntry, async ({ ack, body, view }) => {
    const metadata = parseModalMetadata(view.private_metadata);
    if (!metadata?.entryId || metadata.version === undefined) {
      await ack({ response_action: 'errors', errors: { [FORM_FIELDS.narrative]: 'This form is out of date; close it and click Edit again.' } });
      return;
    }
    const values = view.state.values;
    const edit = {
      ...optional('narrative', field(values, FORM_FIELDS.narrative)),
      ...optional('hours', field(values, FORM_FIELDS.hours)),
      ...optional('matter', field(values, FORM_FIELDS.matter)),
      ...optional('taskCode', field(values, FORM_FIELDS.taskCode) ?? ''),
      ...optional('activityCode', field(values, FORM_FIELDS.activityCode) ?? ''),
    };
    const ctx = slackContext(deps, body.user.id, `slack:view:${view.id}:${digest(values)}`);
    let reply: Reply;
    try {
      reply = await deps.core.review(ctx, { verb: 'edit', ownerId: metadata.ownerId, date: metadata.date, entryId: metadata.entryId, version: metadata.version, edit });
    } catch (error) {
      deps.logger.warn({ user: body.user.id, ...errorFields(error) }, 'slack edit failed');
      reply = { kind: 'text', text: failureText(error).text };
    }
    if (reply.kind === 'text' || reply.kind === 'choices') {
      await ack({ response_action: 'errors', errors: fieldErrors(reply.text) });
      return;
    }
    await ack();
    await place(deps, originOf(body.user.id, metadata), async () => reply);
  });

  bolt.view(CALLBACK_IDS.addTime, async ({ ack, body, view }) => {
    const metadata = parseModalMetadata(view.private_metadata);
    const values = view.state.values;
    const text = [metadata?.date, field(values, FORM_FIELDS.hours), field(values, FORM_FIELDS.matter), field(values, FORM_FIELDS.narrative)].filter(Boolean).join(' ');
    const actor = metadata ? await resolveChatUser(deps.db, 'slack', body.user.id) : null;
    try {
      parseTimeCommand(text, localDateOf(new Date(deps.now()), actor?.timezone ?? 'UTC'));
    } catch (error) {
      await ack({ response_action: 'errors', errors: fieldErrors(failureText(error).text) });
      return;
    }
    await ack();
    const ctx = slackContext(deps, body.user.id, `slack:view:${view.id}:${digest(values)}`);
    await place(deps, originOf(body.user.id, metadata), () => deps.core.command(ctx, 'time', text));
  });

  bolt.view(CALLBACK_IDS.writeDown, async ({ ack, body, view }) => {
    const metadata = parseWriteDownMetadata(view.private_metadata);
    const action = metadata ? parseWriteDownSubmission(view.private_metadata, view.state.values) : null;
    if (!metadata || !action) {
      await ack({ response_action: 'errors', errors: { [FORM_FIELDS.amount]: 'This form is out of date; close it and click Write down… again.' } });
      return;
    }
    const ctx = slackContext(deps, body.user.id, `slack:view:${view.id}:${digest(view.state.values)}`);
    let reply: Reply;
    try {
      reply = await deps.core.invoice(ctx, action);
    } catch (error) {
      deps.logger.warn({ user: body.user.id, ...errorFields(error) }, 'slack write-down failed');
      reply = { kind: 'text', text: failureText(error).text };
    }
    if (reply.kind === 'text' || reply.kind === 'choices') {
      // A refusal or a bad amount or reason keeps the form open, the text on the field it names.
      const field = /\breason\b/i.test(reply.text) && !/\bamount\b/i.test(reply.text) ? FORM_FIELDS.reason : FORM_FIELDS.amount;
      await ack({ response_action: 'errors', errors: { [field]: reply.text.slice(0, 2000) } });
      return;
    }
    await ack();
    // The refreshed pre-bill replaces the ephemeral one the modal came from, else goes to the DM.
    const answer = metadata.responseUrl;
    const origin: Origin = { actor: body.user.id };
    await deps.background.run(async () => {
      try {
        if (answer) await postTo(answer)({ response_type: 'ephemeral', replace_original: true, ...replyBlocks(reply) });
        else await deps.placement.place(origin, reply);
      } catch (error) {
        await answerFailure(deps, origin, error, { user: body.user.id });
      }
    });
  });
}

/** Answers through a stored response_url (the ephemeral pre-bill the modal was opened from). */
function postTo(responseUrl: string): Respond {
  return async (answer) => {
    const response = await fetch(responseUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(answer) });
    if (!response.ok) throw new AppError('UNAVAILABLE', `Slack answered ${String(response.status)} to the response_url`);
  };
}

/** Runs the work after the ack and puts its reply in place (the DM card, or the actor's DM). */
async function place(deps: InteractiveDeps, origin: Origin, work: () => Promise<Reply>): Promise<void> {
  await deps.background.run(async () => {
    try {
      await deps.placement.place(origin, await work());
    } catch (error) {
      await answerFailure(deps, origin, error, { user: origin.actor });
    }
  });
}

function originOf(actor: string, metadata: ModalMetadata | null): Origin {
  return metadata?.channel && metadata.ts ? { actor, message: { channel: metadata.channel, ts: metadata.ts, ephemeral: false } } : { actor };
}

/** An input's value (text) or choice (select), or undefined when the block is absent or empty. */
function field(values: Values, block: string): string | undefined {
  const state = values[block]?.[block];
  const value = state?.value ?? state?.selected_option?.value ?? undefined;
  return value === null || value === undefined ? undefined : value;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function digest(values: Values): string {
  return createHash('sha256').update(JSON.stringify(values)).digest('hex').slice(0, 24);
}

/** "Hours: is not a duration…; narrative: at most 80 characters" → one error per named block. */
export function fieldErrors(text: string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const part of text.split(/;\s+|\n/)) {
    const match = /^[•\s]*([a-z ]+?):\s*(.+)$/i.exec(part.trim());
    const block = match ? BLOCK_OF[(match[1] ?? '').toLowerCase()] : undefined;
    if (block && match?.[2]) errors[block] = (errors[block] ? `${errors[block]}; ` : '') + match[2].replace(/\.$/, '');
  }
  if (Object.keys(errors).length > 0) return errors;
  const block = /\bhours?\b/i.test(text) ? FORM_FIELDS.hours : /\bmatter\b/i.test(text) ? FORM_FIELDS.matter : FORM_FIELDS.narrative;
  return { [block]: text.slice(0, 2000) };
}
