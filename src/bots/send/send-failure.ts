import { AppError } from '../../core/errors.js';

/**
 * Why a proactive send did not land, as far as the next step goes:
 * - `rate_limited`: the platform answered 429; nothing was posted; wait `retryAfterMs`, then retry.
 * - `retryable`: refused before anything could be posted (connection refused, 412); retry with backoff.
 * - `ambiguous`: a timeout or 5xx after the request went out; it may have been posted. Never resend
 *   before reconciling (platforms.md: a send is not idempotent).
 * - `blocked`: the person blocked Tally or has no reachable DM; stop sending to them.
 * - `permanent`: anything else refused (bad token, unknown channel); record the reason, do not retry.
 */
export type SendFailureKind = 'rate_limited' | 'retryable' | 'ambiguous' | 'blocked' | 'permanent';

/** A failed proactive send, classified once at the platform edge (messengers) for the notifier. */
export class SendFailure extends AppError {
  readonly kind: SendFailureKind;
  /** For `rate_limited`: how long the platform asked us to wait (Retry-After), in milliseconds. */
  readonly retryAfterMs: number | null;

  constructor(kind: SendFailureKind, message: string, options: { cause?: unknown; retryAfterMs?: number | null } = {}) {
    super('UNAVAILABLE', message, { cause: options.cause });
    this.kind = kind;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

/** Narrows a thrown value to a {@link SendFailure}. */
export function isSendFailure(value: unknown): value is SendFailure {
  return value instanceof SendFailure;
}

/** The wait a `rate_limited` failure carries when the platform's 429 named none. */
export const DEFAULT_RETRY_AFTER_MS = 1_000;

/** Socket errors that mean no connection was made, so the request cannot have been sent. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * True when a fetch failure shows the connection was never made (refused, unknown host,
 * unreachable, connect timeout): nothing reached the platform. Looks through `cause` chains and
 * AggregateErrors (one per address tried). A reset or a timeout after connecting is not this.
 */
export function neverConnected(error: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (value: unknown): boolean => {
    if (!(value instanceof Error) || seen.has(value)) return false;
    seen.add(value);
    const code = (value as { code?: unknown }).code;
    if (typeof code === 'string' && NOT_CONNECTED.has(code)) return true;
    if (value instanceof AggregateError && value.errors.length > 0 && value.errors.every(visit)) return true;
    return visit(value.cause);
  };
  return visit(error);
}
