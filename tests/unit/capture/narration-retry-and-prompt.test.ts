import { describe, expect, it } from 'vitest';
import { failureReason } from '../../../src/capture/narrative/llm-narrator.js';
import type { NarrationFailure } from '../../../src/capture/narrative/narration-api.js';
import { buildNarrationPrompt, participantLabel, PROMPT_LIMITS } from '../../../src/capture/narrative/narration-prompt.js';
import type { NarrativeRequest } from '../../../src/capture/narrative/narrator.js';
import { DEFAULT_RETRY_POLICY, retryAfterMs, retryDecision, type RetryDecision } from '../../../src/capture/narrative/retry-policy.js';

const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name.toLowerCase()] ?? null });
const NOW = Date.parse('2026-03-02T15:00:00Z');

describe('retryAfterMs', () => {
  it.each<[string, Record<string, string>, number | null]>([
    ['no header', {}, null],
    ['seconds', { 'retry-after': '2' }, 2_000],
    ['fractional seconds', { 'retry-after': '0.5' }, 500],
    ['retry-after-ms wins', { 'retry-after-ms': '150', 'retry-after': '2' }, 150],
    ['an HTTP date', { 'retry-after': 'Mon, 02 Mar 2026 15:00:30 GMT' }, 30_000],
    ['a date in the past', { 'retry-after': 'Mon, 02 Mar 2026 14:00:00 GMT' }, 0],
    ['garbage', { 'retry-after': 'soon' }, null],
    ['negative ms falls back to seconds', { 'retry-after-ms': '-5', 'retry-after': '1' }, 1_000],
  ])('%s', (_name, values, expected) => {
    expect(retryAfterMs(headers(values), NOW)).toBe(expected);
  });
});

describe('retryDecision', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, maxRetries: 2, initialDelayMs: 500, maxDelayMs: 1_500, maxRetryAfterMs: 10_000 };
  const noJitter = () => 0;

  it.each<[string, number | null, number | null, number, RetryDecision]>([
    ['500, first failure', 500, null, 1, { retry: true, delayMs: 500 }],
    ['503, second failure doubles', 503, null, 2, { retry: true, delayMs: 1_000 }],
    ['500 after the last retry', 500, null, 3, { retry: false, why: 'exhausted' }],
    ['429 with Retry-After', 429, 2_000, 1, { retry: true, delayMs: 2_000 }],
    ['429 with Retry-After 0', 429, 0, 1, { retry: true, delayMs: 0 }],
    ['429 asking too long', 429, 3_600_000, 1, { retry: false, why: 'wait_too_long' }],
    ['429 without Retry-After', 429, null, 1, { retry: true, delayMs: 500 }],
    ['408', 408, null, 1, { retry: true, delayMs: 500 }],
    ['a refused connection', null, null, 1, { retry: true, delayMs: 500 }],
    ['400 never', 400, null, 1, { retry: false, why: 'not_retryable' }],
    ['401 never', 401, null, 1, { retry: false, why: 'not_retryable' }],
    ['404 never', 404, null, 1, { retry: false, why: 'not_retryable' }],
  ])('%s', (_name, status, retryAfter, attempt, expected) => {
    expect(retryDecision({ status, retryAfterMs: retryAfter }, attempt, policy, noJitter)).toEqual(expected);
  });

  it('caps the backoff and jitters it down by at most a quarter', () => {
    const big = { ...policy, maxRetries: 10 };
    expect(retryDecision({ status: 500, retryAfterMs: null }, 8, big, () => 0)).toEqual({ retry: true, delayMs: 1_500 });
    expect(retryDecision({ status: 500, retryAfterMs: null }, 8, big, () => 0.999_999)).toEqual({ retry: true, delayMs: 1_125 });
  });
});

describe('failureReason', () => {
  it.each<[NarrationFailure, number, boolean, string]>([
    [{ kind: 'refusal' }, 1, false, 'declined to write narratives for this day.'],
    [{ kind: 'truncated' }, 1, false, 'stopped before finishing its answer (it reached its length limit).'],
    [{ kind: 'timeout' }, 1, false, 'did not answer within 0.2 seconds.'],
    [{ kind: 'http', status: 500, retryAfterMs: null }, 3, false, 'service failed (HTTP 500) after 3 attempts.'],
    [{ kind: 'http', status: 429, retryAfterMs: 0 }, 3, false, 'service was rate limited (HTTP 429) after 3 attempts.'],
    [{ kind: 'http', status: 429, retryAfterMs: 90_500 }, 1, true, 'service is rate limited (HTTP 429) and asked Tally to wait 91 seconds, longer than Tally waits.'],
    [{ kind: 'unreachable' }, 1, false, 'service could not be reached (1 attempt).'],
    [{ kind: 'invalid_output' }, 1, false, 'returned an answer Tally could not read.'],
  ])('%j', (failure, attempts, gaveUp, expected) => {
    expect(failureReason(failure, attempts, 200, gaveUp)).toBe(expected);
  });
});

function aRequest(overrides: Partial<NarrativeRequest> = {}): NarrativeRequest {
  return {
    id: 'capture:2026-03-02:abc123',
    kind: 'email',
    titles: ['RE: Beta production'],
    participants: ['Counsel@Beta.Example'],
    clientName: 'Acme Corp',
    matterName: 'Acme v. Beta',
    templateNarrative: 'Email re Beta production',
    maxLength: 100,
    bannedPhrases: [],
    ...overrides,
  };
}

describe('participantLabel', () => {
  it.each([
    ['jdoe@acme.com', 'acme.com'],
    ['Counsel@Beta.Example', 'beta.example'],
    ['Robert Arnsley', 'Robert Arnsley'],
    ['  J.\tDoe ', 'J. Doe'],
    ['not an email@', 'not an email@'],
  ])('%s → %s', (input, expected) => {
    expect(participantLabel(input)).toBe(expected);
  });
});

describe('buildNarrationPrompt', () => {
  it('aliases ids, keeps the given order and maps aliases back to requests', () => {
    const requests = [aRequest(), aRequest({ id: 'other' })];
    const prompt = buildNarrationPrompt(requests);
    const entries = (JSON.parse(prompt.user) as { entries: Array<{ id: string }> }).entries;
    expect(entries.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(prompt.requests.get('e2')).toBe(requests[1]);
    expect(prompt.user).not.toContain('abc123');
  });

  it('bounds titles, participants and their length, and removes duplicates', () => {
    const many = Array.from({ length: 30 }, (_, i) => `Title ${String(i)}`);
    const prompt = buildNarrationPrompt([aRequest({ titles: ['x'.repeat(500), ...many, 'Title 0'], participants: ['a@x.com', 'b@x.com', ...many] })]);
    const [entry] = (JSON.parse(prompt.user) as { entries: Array<{ titles: string[]; participants: string[] }> }).entries;
    expect(entry?.titles).toHaveLength(PROMPT_LIMITS.titles);
    expect(entry?.titles[0]).toHaveLength(PROMPT_LIMITS.titleChars);
    expect(entry?.participants.slice(0, 2)).toEqual(['x.com', 'Title 0']);
    expect(entry?.participants).toHaveLength(PROMPT_LIMITS.participants);
  });
});
