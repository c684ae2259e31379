import { z } from 'zod';
import type { InvoiceAction, ReviewAction } from '../views/actions.js';
import { invoiceActionId, reviewActionId } from './action-ids.js';

/** What a review button carries: ids only, never hours, narratives or matters. */
export type ReviewButton = Pick<ReviewAction, 'verb' | 'ownerId' | 'date' | 'entryId' | 'version'>;
/** What an invoice button carries: ids only, never amounts. */
export type InvoiceButton = Pick<InvoiceAction, 'verb' | 'invoiceId' | 'format'>;
/** The day an "Add time" button is for. */
export interface AddTimeButton {
  readonly ownerId: number;
  readonly date: string;
}

const ENTRY_VERBS = new Set(['approve', 'not_billable', 'undo', 'change_matter', 'edit']);
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const ownerId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const reviewButtonSchema = z
  .strictObject({
    verb: z.enum(['approve', 'approve_all', 'not_billable', 'undo', 'change_matter', 'edit', 'show_all']),
    ownerId,
    date,
    entryId: id.optional(),
    version: z.number().int().nonnegative().max(2_147_483_647).optional(),
  })
  .refine((a) => ENTRY_VERBS.has(a.verb) === (a.entryId !== undefined && a.version !== undefined), 'entry verbs need entryId and version; day verbs take neither');

const invoiceButtonSchema = z
  .strictObject({
    verb: z.enum(['finalize', 'file', 'void', 'write_down']),
    invoiceId: id,
    format: z.enum(['pdf', 'ledes', 'csv']).optional(),
  })
  .refine((a) => (a.verb === 'file') === (a.format !== undefined), 'file needs a format; other verbs take none');

const addTimeSchema = z.strictObject({ ownerId, date });

/** JSON of a review button's action, keys in a fixed order and without absent fields. */
export function reviewButtonValue(a: ReviewButton): string {
  return JSON.stringify({ verb: a.verb, ownerId: a.ownerId, date: a.date, entryId: a.entryId, version: a.version });
}

/** JSON of an invoice button's action. */
export function invoiceButtonValue(a: InvoiceButton): string {
  return JSON.stringify({ verb: a.verb, invoiceId: a.invoiceId, format: a.format });
}

/** JSON of an "Add time" button. */
export function addTimeButtonValue(a: AddTimeButton): string {
  return JSON.stringify({ ownerId: a.ownerId, date: a.date });
}

function parseJson(text: string): unknown {
  if (text.length > 2000) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Validates a review button payload (already-parsed JSON); null when it is not exactly one. */
export function parseReviewButton(data: unknown): ReviewAction | null {
  const r = reviewButtonSchema.safeParse(data);
  return r.success ? dropUndefined(r.data) : null;
}

/** Validates an invoice button payload (already-parsed JSON); null when it is not exactly one. */
export function parseInvoiceButton(data: unknown): InvoiceAction | null {
  const r = invoiceButtonSchema.safeParse(data);
  return r.success ? dropUndefined(r.data) : null;
}

/**
 * A Slack button `value` back into its action, or null when it is malformed, carries anything
 * beyond ids (hours, amounts, narratives) or, when `actionId` is given, belongs to another action id.
 */
export function parseActionValue(value: string, actionId?: string): ReviewAction | InvoiceAction | null {
  const data = parseJson(value);
  const review = parseReviewButton(data);
  const action = review ?? parseInvoiceButton(data);
  if (!action || actionId === undefined) return action;
  const expected = review ? reviewActionId(review.verb) : invoiceActionId(action as InvoiceAction);
  return expected === actionId ? action : null;
}

/** Slack's Change matter select: the block_id carries the entry's action, the option value the matter code. */
export function parseChangeMatter(blockId: string, matter: string): ReviewAction | null {
  const action = parseReviewButton(parseJson(blockId));
  if (!action || action.verb !== 'change_matter' || !/^[^\s]{1,64}$/.test(matter)) return null;
  return { ...action, matter };
}

/** An "Add time" button value back into its day, or null. */
export function parseAddTimeValue(value: string): AddTimeButton | null {
  const r = addTimeSchema.safeParse(parseJson(value));
  return r.success ? r.data : null;
}

/** Tells the two action kinds apart. */
export function isInvoiceAction(a: ReviewAction | InvoiceAction): a is InvoiceAction {
  return 'invoiceId' in a;
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
