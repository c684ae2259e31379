import { z } from 'zod';

/** What a review modal's private_metadata carries: ids only, never hours or text. */
export interface ModalMetadata {
  readonly ownerId: number;
  readonly date: string;
  readonly entryId?: string;
  readonly version?: number;
  /** The DM message (card) the modal was opened from, to update after a submission. */
  readonly channel?: string;
  readonly ts?: string;
}

const schema = z.strictObject({
  ownerId: z.number().int().positive(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  entryId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/).optional(),
  version: z.number().int().nonnegative().max(2_147_483_647).optional(),
  channel: z.string().regex(/^D[A-Z0-9]{1,30}$/).optional(),
  ts: z.string().regex(/^\d{1,12}\.\d{1,8}$/).optional(),
});

/**
 * A submitted modal's private_metadata back into ids, or null when it is not one of ours. Slack
 * returns it as we set it, but it is still checked: nothing in a payload is trusted.
 */
export function parseModalMetadata(text: string): ModalMetadata | null {
  if (text.length > 3000) return null;
  try {
    const r = schema.safeParse(JSON.parse(text));
    return r.success ? Object.fromEntries(Object.entries(r.data).filter(([, v]) => v !== undefined)) as unknown as ModalMetadata : null;
  } catch {
    return null;
  }
}

/** What the Write down… modal's private_metadata carries: the invoice id and the click's response_url. */
export interface WriteDownMetadata {
  readonly invoiceId: string;
  readonly responseUrl?: string;
}

const writeDownSchema = z.strictObject({
  invoiceId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/),
  // Slack's response_urls are https; plain http only toward this machine (the tests' fake Slack).
  responseUrl: z.string().max(2000).url().refine((u) => /^https:\/\//.test(u) || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(u)).optional(),
});

/** A submitted Write down… modal's private_metadata, or null when it is not one of ours. */
export function parseWriteDownMetadata(text: string): WriteDownMetadata | null {
  if (text.length > 3000) return null;
  try {
    const r = writeDownSchema.safeParse(JSON.parse(text));
    if (!r.success) return null;
    return r.data.responseUrl ? { invoiceId: r.data.invoiceId, responseUrl: r.data.responseUrl } : { invoiceId: r.data.invoiceId };
  } catch {
    return null;
  }
}
