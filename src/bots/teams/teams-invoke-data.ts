import { z } from 'zod';
import { ACTION_IDS, FORM_FIELDS, invoiceActionId, reviewActionId } from '../cards/action-ids.js';
import { parseInvoiceButton, parseReviewButton } from '../cards/action-payload.js';
import type { InvoiceAction, InvoiceVerb, ReviewAction, ReviewVerb } from '../views/actions.js';

/** What an `adaptiveCard/action` invoke asks for, once validated. */
export type TeamsCardAction = { readonly kind: 'review'; readonly action: ReviewAction } | { readonly kind: 'invoice'; readonly action: InvoiceAction };

const REVIEW_VERBS: readonly ReviewVerb[] = ['approve', 'approve_all', 'not_billable', 'undo', 'change_matter', 'edit', 'show_all'];
const INVOICE_BUTTONS: readonly Pick<InvoiceAction, 'verb' | 'format'>[] = [{ verb: 'finalize' }, { verb: 'file', format: 'pdf' }, { verb: 'file', format: 'ledes' }, { verb: 'file', format: 'csv' }, { verb: 'void' }, { verb: 'write_down' }];
const REVIEW_BY_ID = new Map<string, ReviewVerb>(REVIEW_VERBS.map((v) => [reviewActionId(v), v]));
const INVOICE_BY_ID = new Map<string, Pick<InvoiceAction, 'verb' | 'format'>>(INVOICE_BUTTONS.map((b) => [invoiceActionId(b), b]));

const invokeValue = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().min(1).max(64),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
});
/** What a person typed into a card form (Input.Text / Input.Number / Input.ChoiceSet arrive as strings or numbers). */
const typed = (max: number) => z.union([z.string().max(max), z.number().finite()]).transform(String).optional();
const form = z.object({
  [FORM_FIELDS.narrative]: typed(4000),
  [FORM_FIELDS.hours]: typed(32),
  [FORM_FIELDS.matter]: typed(64),
  [FORM_FIELDS.taskCode]: typed(16),
  [FORM_FIELDS.activityCode]: typed(16),
  [FORM_FIELDS.amount]: typed(32),
  [FORM_FIELDS.reason]: typed(500),
  lineNo: z.union([z.number().int().positive(), z.string().regex(/^\d{1,6}$/).transform(Number)]).optional(),
});

const KNOWN_KEYS = new Set<string>(['verb', 'ownerId', 'date', 'entryId', 'version', 'invoiceId', 'lineNo', ...Object.values(FORM_FIELDS)]);

/**
 * Validates the value of an `adaptiveCard/action` invoke: the Action.Execute verb is one of our
 * stable action ids, the button part of `data` holds ids only (checked by the cards' own payload
 * parser) and form inputs are bounded strings. Null when anything does not fit: the payload is
 * untrusted, and ids in it are re-read and authorized by the core.
 */
export function parseInvokeValue(value: unknown): TeamsCardAction | null {
  const parsed = invokeValue.safeParse(value);
  if (!parsed.success) return null;
  const { verb: actionId, data = {} } = parsed.data.action;
  // Like the Slack payloads, anything beyond ids and the form's own inputs is refused, not ignored.
  if (Object.keys(data).some((key) => !KNOWN_KEYS.has(key))) return null;
  const inputs = form.safeParse(data);
  if (!inputs.success) return null;
  const f = inputs.data;
  const reviewVerb = REVIEW_BY_ID.get(actionId);
  if (reviewVerb !== undefined) {
    if (data.verb !== undefined && data.verb !== reviewVerb) return null;
    const button = parseReviewButton(pick(data, ['ownerId', 'date', 'entryId', 'version'], { verb: reviewVerb }));
    if (!button) return null;
    if (reviewVerb === 'change_matter') return f.matter ? { kind: 'review', action: { ...button, matter: f.matter } } : null;
    if (reviewVerb === 'edit') {
      const edit = dropUndefined({ narrative: f.narrative, hours: f.hours, matter: f.matter, taskCode: f.task_code, activityCode: f.activity_code });
      return { kind: 'review', action: { ...button, edit } };
    }
    return { kind: 'review', action: button };
  }
  const invoice = INVOICE_BY_ID.get(actionId);
  if (invoice === undefined || actionId === ACTION_IDS.addTime) return null;
  if (data.verb !== undefined && data.verb !== invoice.verb) return null;
  const button = parseInvoiceButton(pick(data, ['invoiceId'], dropUndefined({ verb: invoice.verb as InvoiceVerb, format: invoice.format })));
  if (!button) return null;
  if (button.verb === 'write_down') return { kind: 'invoice', action: { ...button, ...dropUndefined({ amount: f.amount, reason: f.reason, lineNo: f.lineNo }) } };
  return { kind: 'invoice', action: button };
}

function pick(data: Record<string, unknown>, keys: readonly string[], base: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const key of keys) if (data[key] !== undefined) out[key] = data[key];
  return out;
}

function dropUndefined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
