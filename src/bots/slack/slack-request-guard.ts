import { createHmac, timingSafeEqual } from 'node:crypto';
import { parse as parseQuery } from 'node:querystring';
import type { Request, RequestHandler } from 'express';

/** Slack's window for a request timestamp, both ways: platforms.md. */
export const SLACK_TIMESTAMP_TOLERANCE_SECONDS = 300;

/** The largest body read before verifying (bolt's own limit). */
export const SLACK_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

const SIGNATURE = /^v0=([0-9a-f]{64})$/;
const TIMESTAMP = /^\d{1,12}$/;
/** What a genuine `ssl_check` carries; anything more is refused rather than skipped past bolt. */
const SSL_CHECK_KEYS = new Set(['ssl_check', 'token']);

/** Why a request was refused (logged; never sent back: the answer is an empty 401, or 400/413 for a body unfit to read). */
export type SlackRefusal = 'missing headers' | 'bad timestamp' | 'stale' | 'future' | 'bad signature' | 'ssl_check with payload' | 'body too large' | 'unreadable body';

/**
 * Verifies a Slack request over its raw bytes before anything else reads it, stricter than bolt 5:
 * headers present, `v0=` + 64 hex digits only (bolt accepts any `vN=` whose HMAC uses the same
 * prefix), timestamp within 300 s both ways (bolt checks only the past), HMAC-SHA256 compared in
 * constant time, and an `ssl_check=1` form that carries anything else is refused (bolt would answer
 * it 200 and skip the listeners). Refusals are 401 with an empty body; a genuine request whose body
 * is no JSON object (as bolt reads forms, payloads and JSON) is 400. The raw body is left on
 * `req.rawBody` for bolt's receiver, which then verifies the same bytes again.
 */
export function verifySlackRequests(signingSecret: string, options: { now?: () => number; onRefused?: (reason: SlackRefusal) => void } = {}): RequestHandler {
  const now = options.now ?? Date.now;
  return async (req, res, next) => {
    const refuse = (reason: SlackRefusal, status = 401) => {
      options.onRefused?.(reason);
      res.status(status).end();
    };
    const raw = await readBody(req);
    if (raw === null) return refuse('body too large', 413);
    const reason = refusalOf(signingSecret, header(req, 'x-slack-request-timestamp'), header(req, 'x-slack-signature'), raw, Math.floor(now() / 1000));
    if (reason) return refuse(reason);
    if (isSslCheckWithPayload(header(req, 'content-type'), raw)) return refuse('ssl_check with payload');
    // Bolt would answer 500 to a signed `null` body and leave an array unacknowledged for 3 s (then 404).
    if (!isSlackObject(header(req, 'content-type'), raw)) return refuse('unreadable body', 400);
    (req as Request & { rawBody?: Buffer }).rawBody = raw;
    next();
  };
}

/** Why these headers and bytes are not a genuine, fresh Slack request; null when they are. */
export function refusalOf(secret: string, timestamp: string | undefined, signature: string | undefined, raw: Buffer, nowSeconds: number): SlackRefusal | null {
  if (timestamp === undefined || signature === undefined) return 'missing headers';
  if (!TIMESTAMP.test(timestamp)) return 'bad timestamp';
  const ts = Number(timestamp);
  if (ts < nowSeconds - SLACK_TIMESTAMP_TOLERANCE_SECONDS) return 'stale';
  if (ts > nowSeconds + SLACK_TIMESTAMP_TOLERANCE_SECONDS) return 'future';
  const given = SIGNATURE.exec(signature)?.[1];
  if (given === undefined) return 'bad signature';
  const expected = createHmac('sha256', secret).update(`v0:${timestamp}:`).update(raw).digest();
  return timingSafeEqual(expected, Buffer.from(given, 'hex')) ? null : 'bad signature';
}

function isSslCheckWithPayload(contentType: string | undefined, raw: Buffer): boolean {
  if (!(contentType ?? '').startsWith('application/x-www-form-urlencoded')) return false;
  const form = new URLSearchParams(raw.toString('utf8'));
  if (!form.has('ssl_check')) return false;
  return [...form.keys()].some((key) => !SSL_CHECK_KEYS.has(key));
}

/**
 * Whether the body reads as bolt will read it (a form, a form's `payload`, or else JSON) into a JSON
 * object: anything else is no Slack request, and bolt has no answer for it but a 500 or a timeout.
 */
function isSlackObject(contentType: string | undefined, raw: Buffer): boolean {
  try {
    const text = raw.toString('utf8');
    if (contentType === 'application/x-www-form-urlencoded') {
      const payload = parseQuery(text).payload;
      if (typeof payload !== 'string') return true;
      return isPlainObject(JSON.parse(payload));
    }
    return isPlainObject(JSON.parse(text));
  } catch {
    return false;
  }
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: Request): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > SLACK_BODY_LIMIT_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
