/**
 * When to try a language-model call again, and after how long. Pure: the caller sleeps.
 * Retries 429, 408, 409 and 5xx answers and refused connections — never a timeout (a model too slow
 * once is slow again, and the template is a fine answer) and never a refusal or a bad answer.
 */

export interface RetryPolicy {
  /** Retries after the first attempt; 0 means one attempt only. */
  readonly maxRetries: number;
  /** The first backoff when the server gives no Retry-After; it doubles per retry. */
  readonly initialDelayMs: number;
  /** The cap on a computed backoff. */
  readonly maxDelayMs: number;
  /** The longest Retry-After honoured; a server asking for longer is not retried at all. */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxRetries: 2,
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
});

/** What a failed attempt tells the policy. */
export interface RetryableFailure {
  /** The HTTP status, or null when no answer came (connection refused or reset). */
  readonly status: number | null;
  /** The server's Retry-After in milliseconds, or null when it gave none. */
  readonly retryAfterMs: number | null;
}

export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false; readonly why: 'not_retryable' | 'exhausted' | 'wait_too_long' };

/** True for answers worth trying again: timeout (408), lock (409), rate limit (429), server errors. */
export function isRetryableStatus(status: number | null): boolean {
  return status === null || status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Whether to retry after attempt number `attempt` (1 for the first) failed, and how long to wait:
 * the server's Retry-After when it gave one (up to the cap), else a capped exponential backoff with
 * jitter (75–100 % of initial × 2^(attempt−1), at most maxDelayMs). `random` returns [0, 1).
 */
export function retryDecision(failure: RetryableFailure, attempt: number, policy: RetryPolicy, random: () => number = Math.random): RetryDecision {
  if (!isRetryableStatus(failure.status)) return { retry: false, why: 'not_retryable' };
  if (attempt > policy.maxRetries) return { retry: false, why: 'exhausted' };
  if (failure.retryAfterMs !== null) {
    if (failure.retryAfterMs > policy.maxRetryAfterMs) return { retry: false, why: 'wait_too_long' };
    return { retry: true, delayMs: Math.max(0, Math.ceil(failure.retryAfterMs)) };
  }
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
  return { retry: true, delayMs: Math.round(base * (1 - 0.25 * random())) };
}

/** Headers as both fetch and the SDK's errors expose them. */
export interface HeaderReader {
  get(name: string): string | null;
}

/**
 * The wait a server asked for, in milliseconds: `retry-after-ms` (OpenAI's, fractional ms), else
 * `Retry-After` as seconds or as an HTTP date. Null when absent or unreadable; never negative.
 */
export function retryAfterMs(headers: HeaderReader | null | undefined, now: number): number | null {
  if (!headers) return null;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const value = Number(ms.trim());
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const after = headers.get('retry-after')?.trim();
  if (!after) return null;
  if (/^\d+(?:\.\d+)?$/.test(after)) return Number(after) * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
