import { setTimeout as sleep } from 'node:timers/promises';
import type { OpenAiConfig } from '../../config.js';
import type { Logger } from '../../core/logger.js';
import type { Warning } from '../../core/time-entry.js';
import { createOpenAiNarrationApi, type NarrationApi, type NarrationFailure } from './narration-api.js';
import { buildNarrationPrompt } from './narration-prompt.js';
import { fallbackForAll, validateAnswer } from './narrative-validation.js';
import type { NarrativeRequest, NarrativeSuggestion, Narrator, NarratorResult } from './narrator.js';
import { DEFAULT_RETRY_POLICY, retryDecision, type RetryPolicy } from './retry-policy.js';

export interface LlmNarratorDeps {
  readonly logger: Logger;
  /** Per-attempt timeout in milliseconds (default 60 s); a timeout is not retried. */
  readonly timeoutMs?: number;
  /** Retries after a 429, 408, 409, 5xx or refused connection (default 2). */
  readonly maxRetries?: number;
  /** Backoff tuning (tests shorten it); see {@link RetryPolicy}. */
  readonly backoff?: Partial<Pick<RetryPolicy, 'initialDelayMs' | 'maxDelayMs' | 'maxRetryAfterMs'>>;
}

export const DEFAULT_NARRATION_TIMEOUT_MS = 60_000;

/**
 * A {@link Narrator} backed by an OpenAI-compatible model (config.baseUrl, config.model): one
 * structured-output call per person-day, `store: false`. Whatever goes wrong — refusal, truncation,
 * timeout, HTTP errors after retries, unreadable output — every draft keeps its template narrative
 * with a `narrative_fallback` warning naming the reason; narrate() itself never throws.
 */
export function createLlmNarrator(config: OpenAiConfig, deps: LlmNarratorDeps): Narrator {
  const timeoutMs = deps.timeoutMs ?? DEFAULT_NARRATION_TIMEOUT_MS;
  return narratorOverApi(createOpenAiNarrationApi(config, { timeoutMs }), { ...deps, timeoutMs, model: config.model });
}

function plural(n: number, word: string): string {
  return `${String(n)} ${word}${n === 1 ? '' : 's'}`;
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${String(Number.isInteger(s) ? s : Number(s.toFixed(1)))} second${s === 1 ? '' : 's'}`;
}

/** Completes "the language model …" for a failed call, in plain words. */
export function failureReason(failure: NarrationFailure, attempts: number, timeoutMs: number, gaveUpOnWait: boolean): string {
  switch (failure.kind) {
    case 'refusal':
      return 'declined to write narratives for this day.';
    case 'truncated':
      return 'stopped before finishing its answer (it reached its length limit).';
    case 'content_filter':
      return "answer was blocked by the provider's content filter.";
    case 'invalid_output':
      return 'returned an answer Tally could not read.';
    case 'timeout':
      return `did not answer within ${seconds(timeoutMs)}.`;
    case 'unreachable':
      return `service could not be reached (${plural(attempts, 'attempt')}).`;
    case 'error':
      return 'call failed unexpectedly.';
    case 'http': {
      const { status, retryAfterMs } = failure;
      if (status === 429 && gaveUpOnWait && retryAfterMs !== null) {
        return `service is rate limited (HTTP 429) and asked Tally to wait ${seconds(Math.ceil(retryAfterMs / 1000) * 1000)}, longer than Tally waits.`;
      }
      if (status === 429) return `service was rate limited (HTTP 429) after ${plural(attempts, 'attempt')}.`;
      if (status === 401 || status === 403) return `service refused Tally's credentials (HTTP ${String(status)}).`;
      if (status >= 500) return `service failed (HTTP ${String(status)}) after ${plural(attempts, 'attempt')}.`;
      return `service rejected the request (HTTP ${String(status)}).`;
    }
  }
}

function statusOf(failure: NarrationFailure): number | null {
  return failure.kind === 'http' ? failure.status : null;
}

/** For the retry policy: an HTTP failure, or a refused connection (status null); others never retry. */
function retryable(failure: NarrationFailure): { status: number | null; retryAfterMs: number | null } | null {
  if (failure.kind === 'http') return { status: failure.status, retryAfterMs: failure.retryAfterMs };
  if (failure.kind === 'unreachable') return { status: null, retryAfterMs: null };
  return null;
}

const EMPTY: NarratorResult = Object.freeze({ suggestions: new Map(), warnings: new Map() });

/** The first request for each id (ids should already be distinct). */
function distinctById(requests: readonly NarrativeRequest[]): NarrativeRequest[] {
  const seen = new Set<string>();
  return requests.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}

/**
 * The narrator's logic over any {@link NarrationApi}: builds the day's prompt, calls once, retries
 * what is worth retrying, validates the answer and maps aliases back to draft ids. Logs counts only.
 */
export function narratorOverApi(api: NarrationApi, options: LlmNarratorDeps & { readonly model: string }): Narrator {
  const log = options.logger.child({ component: 'llm-narrator' });
  const timeoutMs = options.timeoutMs ?? DEFAULT_NARRATION_TIMEOUT_MS;
  const policy: RetryPolicy = {
    maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
    initialDelayMs: options.backoff?.initialDelayMs ?? DEFAULT_RETRY_POLICY.initialDelayMs,
    maxDelayMs: options.backoff?.maxDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs,
    maxRetryAfterMs: options.backoff?.maxRetryAfterMs ?? DEFAULT_RETRY_POLICY.maxRetryAfterMs,
  };

  /**
   * No call before this epoch-ms instant: a Retry-After holds every later call of this narrator (the
   * next person-day's too), not only the retries of the call that was refused.
   */
  let notBefore = 0;

  async function narrate(all: readonly NarrativeRequest[]): Promise<NarratorResult> {
    const requests = distinctById(all);
    if (requests.length === 0) return EMPTY;
    const prompt = buildNarrationPrompt(requests);
    const started = Date.now();
    for (let attempt = 1; ; attempt += 1) {
      const hold = notBefore - Date.now();
      if (hold > policy.maxRetryAfterMs) {
        log.warn({ entries: requests.length, attempts: attempt - 1, failure: 'http', status: 429 }, 'narration call held back by an earlier Retry-After; templates kept');
        return fallbackForAll(requests, failureReason({ kind: 'http', status: 429, retryAfterMs: hold }, attempt - 1, timeoutMs, true));
      }
      if (hold > 0) await sleep(hold);
      const outcome = await api.draftNarratives({ model: options.model, system: prompt.system, user: prompt.user });
      if (!outcome.ok && outcome.failure.kind === 'http' && outcome.failure.retryAfterMs !== null) notBefore = Math.max(notBefore, Date.now() + outcome.failure.retryAfterMs);
      if (outcome.ok) {
        // Validate against the aliases the model saw, then give each result its draft id back.
        const aliased = [...prompt.requests].map(([alias, request]) => ({ ...request, id: alias }));
        const checked = validateAnswer(aliased, outcome.entries);
        const suggestions = new Map<string, NarrativeSuggestion>();
        const warnings = new Map<string, readonly Warning[]>();
        for (const [alias, request] of prompt.requests) {
          const suggestion = checked.suggestions.get(alias);
          if (suggestion) suggestions.set(request.id, { ...suggestion, id: request.id });
          const warning = checked.warnings.get(alias);
          if (warning) warnings.set(request.id, warning);
        }
        log.info({ entries: requests.length, attempts: attempt, ms: Date.now() - started, promptChars: prompt.system.length + prompt.user.length, ...checked.counts }, 'narratives drafted');
        return { suggestions, warnings };
      }

      const failure = outcome.failure;
      const retry = retryable(failure);
      const decision = retry ? retryDecision(retry, attempt, policy) : null;
      if (decision?.retry) {
        log.debug({ attempt, status: statusOf(failure), failure: failure.kind, delayMs: decision.delayMs }, 'narration call failed; retrying');
        await sleep(decision.delayMs);
        continue;
      }
      const gaveUpOnWait = decision?.retry === false && decision.why === 'wait_too_long';
      log.warn(
        { entries: requests.length, attempts: attempt, ms: Date.now() - started, failure: failure.kind, status: statusOf(failure), ...(failure.kind === 'error' ? { error: failure.name } : {}) },
        'narration call failed; templates kept',
      );
      return fallbackForAll(requests, failureReason(failure, attempt, timeoutMs, gaveUpOnWait));
    }
  }

  return {
    name: 'llm',
    async narrate(requests) {
      try {
        return await narrate(requests);
      } catch (error) {
        // A bug must not stop capture: the templates are always a valid answer.
        log.error({ entries: requests.length, error: error instanceof Error ? error.constructor.name : typeof error }, 'narrator failed; templates kept');
        return fallbackForAll(distinctById(requests), 'call failed unexpectedly.');
      }
    },
  };
}
