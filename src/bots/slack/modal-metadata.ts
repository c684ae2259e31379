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
