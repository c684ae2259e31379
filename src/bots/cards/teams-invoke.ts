import type { InvoiceAction, ReviewAction } from '../views/actions.js';
import { ACTION_IDS, invoiceActionId, reviewActionId } from './action-ids.js';
import { parseInvoiceButton, parseReviewButton } from './action-payload.js';
import type { AddTimeForm } from './slack-forms.js';
import { ADD_TIME_INPUTS, changeMatterInputId, editInputId, writeDownInputId, type EditField } from './teams-inputs.js';
import { z } from 'zod';

type Data = Record<string, unknown>;
const EDIT_FIELDS: readonly EditField[] = ['narrative', 'hours', 'matter', 'taskCode', 'activityCode'];
const addTimeDay = z.strictObject({ ownerId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });

/**
 * Every input id our cards render, with the longest value it may carry. A ShowCard's Execute also
 * gathers its parent card's inputs, so another entry's well-formed input may ride along (and is
 * ignored); a key no card of ours renders, or an over-long value, refuses the whole invoke.
 */
const ID = '[A-Za-z0-9_-]{1,64}';
const INPUT_LIMITS: readonly (readonly [RegExp, number])[] = [
  [new RegExp(`^edit\\.${ID}\\.narrative$`), 10_000],
  [new RegExp(`^edit\\.${ID}\\.hours$`), 16],
  [new RegExp(`^edit\\.${ID}\\.matter$`), 64],
  [new RegExp(`^edit\\.${ID}\\.(taskCode|activityCode)$`), 16],
  [new RegExp(`^change\\.${ID}\\.matter$`), 64],
  [new RegExp(`^writedown\\.${ID}\\.amount$`), 20],
  [new RegExp(`^writedown\\.${ID}\\.reason$`), 500],
  [/^addtime\.hours$/, 16],
  [/^addtime\.matter$/, 64],
  [/^addtime\.narrative$/, 10_000],
];

function isData(v: unknown): v is Data {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when every key besides `own` (the button's payload) is one of our inputs with a bounded string or number. */
function onlyKnownInputs(data: Data, own: string): boolean {
  return Object.entries(data).every(([key, value]) => {
    if (key === own) return true;
    const limit = INPUT_LIMITS.find(([pattern]) => pattern.test(key))?.[1];
    if (limit === undefined) return false;
    return (typeof value === 'string' && value.length <= limit) || (typeof value === 'number' && Number.isFinite(value));
  });
}

/** An input's value as Teams sends it (string, or a number from Input.Number), trimmed; null when empty. */
function input(data: Data, key: string): string | null {
  const raw = data[key];
  const v = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : '';
  return v === '' ? null : v;
}

function reviewFromInvoke(verb: string, data: Data): ReviewAction | null {
  const action = parseReviewButton(data.action);
  if (!action || reviewActionId(action.verb) !== verb) return null;
  if (action.verb === 'edit') {
    const edit: Record<string, string> = {};
    for (const field of EDIT_FIELDS) {
      const v = input(data, editInputId(action.entryId ?? '', field));
      if (v !== null) edit[field] = v;
    }
    return { ...action, edit };
  }
  if (action.verb === 'change_matter') {
    const matter = input(data, changeMatterInputId(action.entryId ?? ''));
    return matter ? { ...action, matter } : null;
  }
  return action;
}

function invoiceFromInvoke(verb: string, data: Data): InvoiceAction | null {
  const action = parseInvoiceButton(data.action);
  if (!action || invoiceActionId(action) !== verb) return null;
  if (action.verb !== 'write_down') return action;
  const amount = input(data, writeDownInputId(action.invoiceId, 'amount'));
  const reason = input(data, writeDownInputId(action.invoiceId, 'reason'));
  return amount && reason ? { ...action, amount, reason } : null;
}

/**
 * An `adaptiveCard/action` invoke (its verb and data) back into the action it stands for, with the
 * form inputs of Edit, Change matter and Write down folded in. Null when the verb is not one of our
 * action ids, the data is not exactly one of our payloads, carries hours or amounts outside a form,
 * holds a key no card of ours renders or an over-long input, or does not match its verb.
 */
export function parseInvokeData(verb: string, data: unknown): ReviewAction | InvoiceAction | null {
  if (!isData(data) || typeof verb !== 'string' || !onlyKnownInputs(data, 'action')) return null;
  if (verb.startsWith('review.')) return reviewFromInvoke(verb, data);
  if (verb.startsWith('invoice.')) return invoiceFromInvoke(verb, data);
  return null;
}

/** The Add time form's invoke (verb {@link ACTION_IDS.addTime}), or null (same checks as {@link parseInvokeData}). */
export function parseAddTimeInvoke(verb: string, data: unknown): AddTimeForm | null {
  if (verb !== ACTION_IDS.addTime || !isData(data) || !onlyKnownInputs(data, 'day')) return null;
  const day = addTimeDay.safeParse(data.day);
  const hours = input(data, ADD_TIME_INPUTS.hours);
  if (!day.success || hours === null) return null;
  return { ...day.data, hours, matter: input(data, ADD_TIME_INPUTS.matter), narrative: input(data, ADD_TIME_INPUTS.narrative) ?? '' };
}
