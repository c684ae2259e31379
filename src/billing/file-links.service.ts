import { randomBytes } from 'node:crypto';
import type { Db } from '../db/connection.js';
import { getOrCreateSetting } from '../db/repositories/settings.repository.js';
import { signFileToken, verifyFileToken, type FileGrant } from './file-token.js';
import type { InvoiceFormat } from './renderers/invoice-file.js';

/** How long a download link works: long enough to click from a DM, short enough not to linger. */
export const LINK_MINUTES = 30;

/** The key that signs download links: TALLY_SECRET_KEY, else one generated once per installation. */
export async function fileSigningKey(db: Db, secretKey: string | null): Promise<string> {
  return secretKey ?? getOrCreateSetting(db, 'file_signing_key', () => randomBytes(32).toString('hex'));
}

/** A signed, expiring download link for one format of one invoice. */
export async function fileLink(db: Db, options: { publicUrl: string; secretKey: string | null; now: Date }, invoiceId: string, format: InvoiceFormat): Promise<string> {
  const key = await fileSigningKey(db, options.secretKey);
  const grant: FileGrant = { invoiceId, format, expires: Math.floor(options.now.getTime() / 1000) + LINK_MINUTES * 60 };
  return `${options.publicUrl}/files/${signFileToken(grant, key)}`;
}

/** The grant of a link token, or null when it is not one of ours or has expired. */
export async function checkFileToken(db: Db, secretKey: string | null, token: string, now: Date): Promise<FileGrant | null> {
  return verifyFileToken(token, await fileSigningKey(db, secretKey), now);
}
