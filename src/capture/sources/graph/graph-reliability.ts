import { AppError } from '../../../core/errors.js';
import type { Logger } from '../../../core/logger.js';
import {
  GraphApiError,
  GraphTransportError,
  TENANT_KEY,
  graphErrorCode,
  mailboxLabel,
  mailboxOf,
  silentLogger,
  type GraphApi,
  type GraphBatchRequest,
  type GraphBatchResponse,
  type GraphGetOptions,
  type GraphHttpResponse,
  type GraphTransport,
} from './graph-api.js';

/**
 * Tally's own retry policy for Graph, in place of the SDK's RetryHandler (which sleeps with a
 * bare setTimeout, caps Retry-After at 180 s and 10 retries, and never sees the 429s inside a
 * `$batch` answer). What it does:
 * - 429, 503 and 504 are retried: after `Retry-After` (seconds or an HTTP date) plus a little
 *   jitter, else after a jittered exponential backoff with a cap; at most `maxAttempts` sends,
 *   then AppError UNAVAILABLE naming the mailbox only. A Retry-After longer than
 *   `maxRetryAfterMs` gives up at once rather than retry early.
 * - A Retry-After holds back every request to that mailbox until it has passed, not only the
 *   one that was refused.
 * - At most `concurrencyPerMailbox` requests per mailbox are in flight (Outlook allows 4).
 * - Network failures are retried like 503 without Retry-After; a failed sign-in is not retried.
 */
export interface GraphRetryOptions {
  /** Sends per request, the first included. Default 5. */
  readonly maxAttempts?: number;
  /** First backoff step without Retry-After. Default 1,000 ms. */
  readonly baseDelayMs?: number;
  /** Longest backoff step. Default 30,000 ms. */
  readonly maxDelayMs?: number;
  /** Longest Retry-After Tally waits; a longer one fails the request at once. Default 120,000 ms. */
  readonly maxRetryAfterMs?: number;
}

export interface GraphApiOptions {
  readonly logger?: Logger;
  /** Waits; tests may record instead of waiting. Default: setTimeout. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Epoch milliseconds; read for HTTP-date Retry-After values. Default: Date.now. */
  readonly now?: () => number;
  /** In [0, 1); the jitter source. Default: Math.random. */
  readonly random?: () => number;
  /** Requests in flight per mailbox. Default 4 (Outlook's limit per app per mailbox). */
  readonly concurrencyPerMailbox?: number;
  readonly retry?: GraphRetryOptions;
}

/** Graph's limit of requests in one `$batch`. */
export const BATCH_LIMIT = 20;

const RETRYABLE: ReadonlySet<number> = new Set([429, 503, 504]);

/**
 * A `Retry-After` value in milliseconds from `nowMs`: delta-seconds ("120", also "1.5") or an
 * HTTP date (past dates give 0). Null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

/** Counts requests in flight per key and queues the ones over the limit, first come first served. */
export class KeyedLimiter {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('the concurrency limit must be a whole number ≥ 1');
  }

  /** Resolves once a slot for `key` is held; call the returned function exactly once to free it. */
  async acquire(key: string): Promise<() => void> {
    const used = this.active.get(key) ?? 0;
    if (used < this.limit) {
      this.active.set(key, used + 1);
    } else {
      // The releasing request hands its slot straight to the first waiter: the count stays put.
      await new Promise<void>((resolve) => {
        const queue = this.waiting.get(key) ?? [];
        queue.push(resolve);
        this.waiting.set(key, queue);
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const queue = this.waiting.get(key);
      const next = queue?.shift();
      if (next !== undefined) {
        if (queue !== undefined && queue.length === 0) this.waiting.delete(key);
        next();
        return;
      }
      const left = (this.active.get(key) ?? 1) - 1;
      if (left === 0) this.active.delete(key);
      else this.active.set(key, left);
    };
  }
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Attempted {
  readonly response: GraphHttpResponse;
  /** Sends made, this one included. */
  readonly attempts: number;
}

/**
 * Wraps a transport into a {@link GraphApi} with the retry policy, Retry-After holds and the
 * per-mailbox limit described above. One instance per process: the limits live in it.
 */
export function createReliableGraphApi(transport: GraphTransport, options: GraphApiOptions = {}): GraphApi {
  const logger = options.logger ?? silentLogger;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const maxAttempts = Math.max(1, options.retry?.maxAttempts ?? 5);
  const baseDelayMs = options.retry?.baseDelayMs ?? 1000;
  const maxDelayMs = options.retry?.maxDelayMs ?? 30_000;
  const maxRetryAfterMs = options.retry?.maxRetryAfterMs ?? 120_000;
  const limiter = new KeyedLimiter(options.concurrencyPerMailbox ?? 4);
  /** Per mailbox: no request before this epoch-ms instant (the latest Retry-After seen). */
  const holds = new Map<string, number>();

  const unavailable = (mailbox: string, attempts: number, last: string, cause?: unknown): AppError =>
    new AppError('UNAVAILABLE', `Microsoft Graph is unavailable for ${mailboxLabel(mailbox)}: gave up after ${attempts} attempt${attempts === 1 ? '' : 's'} (last answer: ${last})`, { cause });

  const holdOf = (keys: readonly string[]): number => Math.max(0, ...keys.map((k) => holds.get(k) ?? 0));

  /**
   * Waits out the holds of these mailboxes; waits again only if a hold moved later meanwhile.
   * Returns the hold it waited for, so a request that then queued for a slot can tell whether a
   * new Retry-After arrived while it waited.
   */
  async function waitForHolds(keys: readonly string[]): Promise<number> {
    let seen = -Infinity;
    for (;;) {
      const until = holdOf(keys);
      if (until <= seen) return seen;
      seen = until;
      const wait = until - now();
      if (wait <= 0) return seen;
      await sleep(wait);
    }
  }

  function hold(key: string, ms: number): void {
    const at = now();
    // Forget holds that have passed, so the map stays as small as the mailboxes throttled now.
    for (const [k, until] of holds) if (until <= at) holds.delete(k);
    const until = at + ms;
    if ((holds.get(key) ?? 0) < until) holds.set(key, until);
  }

  /** The wait after a throttled answer: Retry-After plus up to 10 % (≤ 1 s), else backoff. */
  function waitAfter(retryAfterMs: number | null, retryNumber: number): number {
    if (retryAfterMs !== null) return retryAfterMs + Math.floor(random() * Math.min(1000, retryAfterMs / 10));
    const step = Math.min(maxDelayMs, baseDelayMs * 2 ** (retryNumber - 1));
    // "Equal jitter": half the step for sure, the other half at random.
    return Math.round(step / 2 + random() * (step / 2));
  }

  /** One request (keys = the mailboxes it touches), retried on throttling; any final status returned. */
  async function attempt(method: 'GET' | 'POST', url: string, headers: Readonly<Record<string, string>>, body: unknown, keys: readonly string[], startAttempts = 0): Promise<Attempted> {
    const sorted = [...new Set(keys)].sort();
    const label = sorted.length === 1 ? (sorted[0] as string) : sorted.filter((k) => k !== TENANT_KEY).join(', ') || TENANT_KEY;
    let attempts = startAttempts;
    for (;;) {
      const waited = await waitForHolds(sorted);
      // Slots are taken in key order so two batches over the same mailboxes cannot deadlock.
      const releases: (() => void)[] = [];
      let outcome: GraphHttpResponse | GraphTransportError;
      try {
        for (const key of sorted) releases.push(await limiter.acquire(key));
        if (holdOf(sorted) > waited) continue; // a Retry-After came in while queued: wait it out first
        attempts++;
        outcome = await transport.send({ method, url, headers, ...(body === undefined ? {} : { body }) });
      } catch (error) {
        if (!(error instanceof GraphTransportError)) throw error;
        outcome = error;
      } finally {
        for (const release of releases.reverse()) release();
      }

      if (outcome instanceof GraphTransportError) {
        if (outcome.kind === 'signIn') {
          throw new AppError('UNAVAILABLE', 'could not sign in to Microsoft Graph: check GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET', { cause: outcome.cause ?? outcome });
        }
        if (attempts >= maxAttempts) throw unavailable(label, attempts, 'no answer (network)', outcome.cause ?? outcome);
        const wait = waitAfter(null, attempts);
        logger.warn({ mailbox: label, attempt: attempts, waitMs: wait }, 'Microsoft Graph could not be reached; retrying');
        await sleep(wait);
        continue;
      }

      if (!RETRYABLE.has(outcome.status)) return { response: outcome, attempts };
      const retryAfterMs = parseRetryAfter(outcome.headers['retry-after'], now());
      if (attempts >= maxAttempts) throw unavailable(label, attempts, String(outcome.status));
      if (retryAfterMs !== null && retryAfterMs > maxRetryAfterMs) {
        throw unavailable(label, attempts, `${outcome.status}, Retry-After ${Math.ceil(retryAfterMs / 1000)} s is longer than Tally waits`);
      }
      const wait = waitAfter(retryAfterMs, attempts);
      logger.warn({ mailbox: label, status: outcome.status, attempt: attempts, waitMs: wait, retryAfter: retryAfterMs !== null }, 'Microsoft Graph throttled a request; retrying');
      if (retryAfterMs !== null) {
        for (const key of sorted) hold(key, wait);
      } else {
        await sleep(wait);
      }
    }
  }

  async function get<T>(url: string, options: GraphGetOptions = {}): Promise<T> {
    const mailbox = mailboxOf(url);
    const { response } = await attempt('GET', url, options.headers ?? {}, undefined, [mailbox]);
    if (response.status < 200 || response.status > 299) throw new GraphApiError(response.status, graphErrorCode(response.body), mailbox);
    return response.body as T;
  }

  async function batchChunk(chunk: readonly GraphBatchRequest[]): Promise<GraphBatchResponse[]> {
    const keys = chunk.map((r) => mailboxOf(r.url));
    const payload = { requests: chunk.map((r) => ({ id: r.id, method: 'GET', url: r.url, ...(r.headers ? { headers: r.headers } : {}) })) };
    const { response, attempts } = await attempt('POST', '/$batch', { 'Content-Type': 'application/json' }, payload, keys);
    const label = [...new Set(keys)].sort().join(', ');
    if (response.status < 200 || response.status > 299) throw new GraphApiError(response.status, graphErrorCode(response.body), label);
    const answers = new Map<string, GraphBatchResponse>();
    const raw = (response.body as { responses?: unknown } | null)?.responses;
    for (const item of Array.isArray(raw) ? raw : []) {
      if (typeof item !== 'object' || item === null) continue;
      const r = item as { id?: unknown; status?: unknown; headers?: unknown; body?: unknown };
      if (typeof r.id !== 'string' || typeof r.status !== 'number') continue;
      answers.set(r.id, { id: r.id, status: r.status, headers: lowerCaseHeaders(r.headers), body: r.body ?? null });
    }
    // Inner throttling: honour each Retry-After (as a hold on that mailbox), then retry singly.
    const retried = await Promise.all(
      chunk.map(async (request): Promise<GraphBatchResponse> => {
        const answer = answers.get(request.id);
        if (answer !== undefined && !RETRYABLE.has(answer.status)) return answer;
        const key = mailboxOf(request.url);
        const retryAfterMs = answer === undefined ? null : parseRetryAfter(answer.headers['retry-after'], now());
        if (retryAfterMs !== null && retryAfterMs > maxRetryAfterMs) throw unavailable(key, attempts, `${answer?.status ?? 'none'} inside $batch, Retry-After too long`);
        const wait = waitAfter(retryAfterMs, attempts);
        logger.warn({ mailbox: key, status: answer?.status ?? null, waitMs: wait, requestId: request.id }, 'Microsoft Graph throttled a request inside $batch; retrying it alone');
        if (retryAfterMs !== null) hold(key, wait);
        else await sleep(wait);
        const single = await attempt('GET', request.url, request.headers ?? {}, undefined, [key], attempts);
        return { id: request.id, status: single.response.status, headers: single.response.headers, body: single.response.body };
      }),
    );
    return retried;
  }

  async function batch(requests: readonly GraphBatchRequest[]): Promise<GraphBatchResponse[]> {
    const ids = new Set(requests.map((r) => r.id));
    if (ids.size !== requests.length) throw new AppError('INTERNAL', 'Graph $batch request ids must be unique');
    for (const r of requests) {
      if (/^https?:/i.test(r.url)) throw new AppError('INTERNAL', 'Graph $batch requests take paths relative to the version root, not absolute URLs');
    }
    const out: GraphBatchResponse[] = [];
    for (let i = 0; i < requests.length; i += BATCH_LIMIT) out.push(...(await batchChunk(requests.slice(i, i + BATCH_LIMIT))));
    return out;
  }

  return { get, batch };
}

function lowerCaseHeaders(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value === 'string' || typeof value === 'number') out[name.toLowerCase()] = String(value);
  }
  return out;
}
