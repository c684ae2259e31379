import { z } from 'zod';
import type { InvoiceAction, ReviewAction } from '../views/actions.js';
import { FORM_FIELDS } from './action-ids.js';

/** Slack's `view.state.values`: block_id → action_id → the element's state. */
export type SlackStateValues = Record<string, Record<string, { readonly value?: string | null; readonly selected_option?: { readonly value: string } | null }>>;

/** What an Add time form asks the core to record (hours as typed, like `/time`). */
export interface AddTimeForm {
  readonly ownerId: number;
  readonly date: string;
  readonly hours: string;
  readonly matter: string | null;
  readonly narrative: string;
}

const ownerId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const editMeta = z.strictObject({ ownerId, date, entryId: id, version: z.number().int().nonnegative().max(2_147_483_647) });
const dayMeta = z.strictObject({ ownerId, date });
const invoiceMeta = z.strictObject({ invoiceId: id, responseUrl: z.string().max(2000).optional() });

function json(text: string): unknown {
  try {
    return text.length <= 3000 ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** A field's typed or selected value, trimmed; null when empty or absent. */
export function fieldValue(values: SlackStateValues, field: string, max = 10_000): string | null {
  const state = values[field]?.[field];
  const raw = state?.selected_option?.value ?? state?.value ?? null;
  const v = typeof raw === 'string' ? raw.trim() : '';
  return v === '' ? null : v.slice(0, max);
}

/** The Edit modal's submission as an edit action, or null when its metadata is not ours. */
export function parseEditSubmission(privateMetadata: string, values: SlackStateValues): ReviewAction | null {
  const meta = editMeta.safeParse(json(privateMetadata));
  if (!meta.success) return null;
  const edit: Record<string, string> = {};
  const fields = { narrative: FORM_FIELDS.narrative, hours: FORM_FIELDS.hours, matter: FORM_FIELDS.matter, taskCode: FORM_FIELDS.taskCode, activityCode: FORM_FIELDS.activityCode } as const;
  for (const [key, field] of Object.entries(fields)) {
    const v = fieldValue(values, field);
    if (v !== null) edit[key] = v;
  }
  return { verb: 'edit', ...meta.data, edit };
}

/** The Add time modal's submission, or null when its metadata is not ours or hours are missing. */
export function parseAddTimeSubmission(privateMetadata: string, values: SlackStateValues): AddTimeForm | null {
  const meta = dayMeta.safeParse(json(privateMetadata));
  const hours = fieldValue(values, FORM_FIELDS.hours, 16);
  if (!meta.success || hours === null) return null;
  return { ...meta.data, hours, matter: fieldValue(values, FORM_FIELDS.matter, 64), narrative: fieldValue(values, FORM_FIELDS.narrative) ?? '' };
}

/** The Write-down modal's submission as a write_down action, or null when incomplete or not ours. */
export function parseWriteDownSubmission(privateMetadata: string, values: SlackStateValues): InvoiceAction | null {
  const meta = invoiceMeta.safeParse(json(privateMetadata));
  const amount = fieldValue(values, FORM_FIELDS.amount, 20);
  const reason = fieldValue(values, FORM_FIELDS.reason, 500);
  if (!meta.success || amount === null || reason === null) return null;
  return { verb: 'write_down', invoiceId: meta.data.invoiceId, amount, reason };
}
