import type { InvoiceAction, ReviewAction } from '../views/actions.js';
import { ACTION_IDS, invoiceActionId, reviewActionId } from './action-ids.js';
import { parseInvoiceButton, parseReviewButton } from './action-payload.js';
import type { AddTimeForm } from './slack-forms.js';
import { ADD_TIME_INPUTS, changeMatterInputId, editInputId, writeDownInputId, type EditField } from './teams-inputs.js';
import { z } from 'zod';

type Data = Record<string, unknown>;
const EDIT_FIELDS: readonly EditField[] = ['narrative', 'hours', 'matter', 'taskCode', 'activityCode'];
const addTimeDay = z.strictObject({ ownerId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });

function isData(v: unknown): v is Data {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An input's value as Teams sends it (string, or a number from Input.Number), trimmed; null when empty. */
function input(data: Data, key: string, max: number): string | null {
  const raw = data[key];
  const v = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : '';
  return v === '' ? null : v.slice(0, max);
}

function reviewFromInvoke(verb: string, data: Data): ReviewAction | null {
  const action = parseReviewButton(data.action);
  if (!action || reviewActionId(action.verb) !== verb) return null;
  if (action.verb === 'edit') {
    const edit: Record<string, string> = {};
    for (const field of EDIT_FIELDS) {
      const v = input(data, editInputId(action.entryId ?? '', field), 10_000);
      if (v !== null) edit[field] = v;
    }
    return { ...action, edit };
  }
  if (action.verb === 'change_matter') {
    const matter = input(data, changeMatterInputId(action.entryId ?? ''), 64);
    return matter ? { ...action, matter } : null;
  }
  return action;
}

function invoiceFromInvoke(verb: string, data: Data): InvoiceAction | null {
  const action = parseInvoiceButton(data.action);
  if (!action || invoiceActionId(action) !== verb) return null;
  if (action.verb !== 'write_down') return action;
  const amount = input(data, writeDownInputId(action.invoiceId, 'amount'), 20);
  const reason = input(data, writeDownInputId(action.invoiceId, 'reason'), 500);
  return amount && reason ? { ...action, amount, reason } : null;
}

/**
 * An `adaptiveCard/action` invoke (its verb and data) back into the action it stands for, with the
 * form inputs of Edit, Change matter and Write down folded in. Null when the data is not exactly
 * one of our payloads, carries hours or amounts outside a form, or does not match its verb.
 */
export function parseInvokeData(verb: string, data: unknown): ReviewAction | InvoiceAction | null {
  if (!isData(data) || typeof verb !== 'string') return null;
  if (verb.startsWith('review.')) return reviewFromInvoke(verb, data);
  if (verb.startsWith('invoice.')) return invoiceFromInvoke(verb, data);
  return null;
}

/** The Add time form's invoke (verb {@link ACTION_IDS.addTime}), or null. */
export function parseAddTimeInvoke(verb: string, data: unknown): AddTimeForm | null {
  if (verb !== ACTION_IDS.addTime || !isData(data)) return null;
  const day = addTimeDay.safeParse(data.day);
  const hours = input(data, ADD_TIME_INPUTS.hours, 16);
  if (!day.success || hours === null) return null;
  return { ...day.data, hours, matter: input(data, ADD_TIME_INPUTS.matter, 64), narrative: input(data, ADD_TIME_INPUTS.narrative, 10_000) ?? '' };
}
