import { createHmac, timingSafeEqual } from 'node:crypto';
import type { InvoiceFormat } from './renderers/invoice-file.js';

/** What a download link grants: one format of one invoice, until a moment. */
export interface FileGrant {
  readonly invoiceId: string;
  readonly format: InvoiceFormat;
  /** Seconds since the epoch after which the link no longer works. */
  readonly expires: number;
}

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/**
 * A link token: the grant and an HMAC-SHA256 over it with the server's key. No listing, no guessing:
 * without the key no other token verifies, and it names exactly one invoice and format.
 */
export function signFileToken(grant: FileGrant, key: string): string {
  const payload = b64(JSON.stringify({ i: grant.invoiceId, f: grant.format, e: grant.expires }));
  return `${payload}.${b64(createHmac('sha256', key).update(payload).digest())}`;
}

/** The grant of a valid, unexpired token, or null for anything else (forged, altered, expired, malformed). */
export function verifyFileToken(token: string, key: string, now: Date): FileGrant | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined || token.length > 1000) return null;
  const expected = createHmac('sha256', key).update(payload).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { i?: unknown; f?: unknown; e?: unknown };
    if (typeof data.i !== 'string' || typeof data.f !== 'string' || typeof data.e !== 'number') return null;
    if (data.e * 1000 < now.getTime()) return null;
    return { invoiceId: data.i, format: data.f as InvoiceFormat, expires: data.e };
  } catch {
    return null;
  }
}
