import { HttpError } from '@microsoft/agents-hosting';
import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { neverConnected, SendFailure, type SendFailureKind } from '../../../../src/bots/send/send-failure.js';
import { slackSendFailure, type SlackSendPhase } from '../../../../src/bots/slack/slack-send-failure.js';
import { SendDeadlineError, teamsSendFailure, type TeamsSendPhase } from '../../../../src/bots/teams/teams-send-failure.js';
import { AppError } from '../../../../src/core/errors.js';

const NOW = Date.parse('2026-03-02T17:00:00Z');

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

/** What fetch throws when no connection could be made. */
const refused = new TypeError('fetch failed', { cause: withCode('connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED') });
const refusedEverywhere = new TypeError('fetch failed', { cause: new AggregateError([withCode('v4', 'ECONNREFUSED'), withCode('v6', 'EHOSTUNREACH')]) });
const reset = new TypeError('fetch failed', { cause: withCode('other side closed', 'UND_ERR_SOCKET') });
const timedOut = new DOMException('The operation was aborted due to timeout', 'TimeoutError');

function httpError(status: number, headers: Record<string, string> = {}, data: unknown = {}): HttpError {
  return new HttpError(`Request failed with status ${String(status)}`, { data, status, statusText: '', headers: new Headers(headers), config: { method: 'post', url: '/v3/conversations' } }, { method: 'post', url: '/v3/conversations' });
}

describe('neverConnected', () => {
  it.each<[string, unknown, boolean]>([
    ['connection refused', refused, true],
    ['every address refused or unreachable', refusedEverywhere, true],
    ['an unknown host', new TypeError('fetch failed', { cause: withCode('getaddrinfo', 'ENOTFOUND') }), true],
    ['a connect timeout', new TypeError('fetch failed', { cause: withCode('connect', 'UND_ERR_CONNECT_TIMEOUT') }), true],
    ['a dropped connection', reset, false],
    ['a timeout after connecting', timedOut, false],
    ['not an error', 'ECONNREFUSED', false],
  ])('%s → %s', (_name, error, expected) => {
    expect(neverConnected(error)).toBe(expected);
  });
});

describe('slackSendFailure', () => {
  const platform = (error: string, extra: Record<string, unknown> = {}) => new WebAPIPlatformError({ ok: false, error, ...extra });
  it.each<[string, unknown, SlackSendPhase, SendFailureKind]>([
    ['HTTP 500 while posting', new WebAPIHTTPError(500, 'Internal', {}), 'post', 'ambiguous'],
    ['HTTP 503 while opening the DM', new WebAPIHTTPError(503, 'Unavailable', {}), 'resolve', 'retryable'],
    ['HTTP 502 while reconciling', new WebAPIHTTPError(502, 'Bad gateway', {}), 'read', 'retryable'],
    ['HTTP 400', new WebAPIHTTPError(400, 'Bad request', {}), 'post', 'permanent'],
    ['a timeout while posting', new WebAPIRequestError(timedOut as unknown as Error), 'post', 'ambiguous'],
    ['a timeout while opening the DM', new WebAPIRequestError(timedOut as unknown as Error), 'resolve', 'retryable'],
    ['a reset while posting', new WebAPIRequestError(reset), 'post', 'ambiguous'],
    ['connection refused while posting', new WebAPIRequestError(refused), 'post', 'retryable'],
    ['user_not_found', platform('user_not_found'), 'resolve', 'blocked'],
    ['cannot_dm_bot', platform('cannot_dm_bot'), 'post', 'blocked'],
    ['invalid_auth', platform('invalid_auth'), 'post', 'permanent'],
    ['internal_error while posting', platform('internal_error'), 'post', 'ambiguous'],
    ['internal_error while reconciling', platform('internal_error'), 'read', 'retryable'],
    ['request_timeout (truncated request)', platform('request_timeout'), 'post', 'retryable'],
    ['no Slack account (AppError UNAVAILABLE)', new AppError('UNAVAILABLE', 'no Slack account'), 'resolve', 'blocked'],
    ['another AppError', new AppError('INVALID_INPUT', 'files are posted'), 'post', 'permanent'],
    ['something unknown while posting', new Error('boom'), 'post', 'ambiguous'],
    ['something unknown while opening the DM', new Error('boom'), 'resolve', 'retryable'],
  ])('%s (%s) → %s', (_name, error, phase, kind) => {
    const failure = slackSendFailure(error, phase);
    expect(failure).toBeInstanceOf(SendFailure);
    expect(failure.kind).toBe(kind);
    expect(failure.code).toBe('UNAVAILABLE');
  });

  it.each<[string, unknown, number]>([
    ['a 429 (Retry-After 12 s)', new WebAPIRateLimitedError(12), 12_000],
    ['a ratelimited platform error with a retryAfter', platform('ratelimited', { response_metadata: { retryAfter: 5 } }), 5000],
    ['a ratelimited platform error without one', platform('ratelimited'), 1000],
  ])('%s → rate_limited after %i ms', (_name, error, ms) => {
    expect(slackSendFailure(error, 'post')).toMatchObject({ kind: 'rate_limited', retryAfterMs: ms });
  });

  it('passes a SendFailure through unchanged', () => {
    const failure = new SendFailure('blocked', 'x');
    expect(slackSendFailure(failure, 'post')).toBe(failure);
  });
});

describe('teamsSendFailure', () => {
  const blocked = httpError(403, {}, { error: { code: 'ConversationBlockedByUser', message: 'blocked' } });
  it.each<[string, unknown, TeamsSendPhase, SendFailureKind]>([
    ['500 on the send', httpError(500), 'send', 'ambiguous'],
    ['502 on the send', httpError(502), 'send', 'ambiguous'],
    ['504 on the send', httpError(504), 'send', 'ambiguous'],
    ['502 on createConversation', httpError(502), 'prepare', 'retryable'],
    ['412 on the send', httpError(412), 'send', 'retryable'],
    ['403 ConversationBlockedByUser', blocked, 'send', 'blocked'],
    ['403 for another reason', httpError(403, {}, { error: { code: 'Forbidden' } }), 'send', 'permanent'],
    ['401', httpError(401), 'prepare', 'permanent'],
    ['404', httpError(404), 'send', 'permanent'],
    ['connection refused on the send', refused, 'send', 'retryable'],
    ['a reset on the send', reset, 'send', 'ambiguous'],
    ['a reset on createConversation', reset, 'prepare', 'retryable'],
    ['our deadline during the send', new SendDeadlineError('send'), 'send', 'ambiguous'],
    ['our deadline before the send', new SendDeadlineError('prepare'), 'send', 'retryable'],
    ['no Microsoft account (AppError UNAVAILABLE)', new AppError('UNAVAILABLE', 'none'), 'prepare', 'blocked'],
  ])('%s (%s) → %s', (_name, error, phase, kind) => {
    expect(teamsSendFailure(error, phase, NOW).kind).toBe(kind);
  });

  it.each<[string, Record<string, string>, number]>([
    ['Retry-After in seconds', { 'retry-after': '3' }, 3000],
    ['Retry-After as a date', { 'retry-after': new Date(NOW + 9000).toUTCString() }, 9000],
    ['no Retry-After', {}, 1000],
  ])('a 429 with %s → rate_limited after %i ms', (_name, headers, ms) => {
    expect(teamsSendFailure(httpError(429, headers), 'send', NOW)).toMatchObject({ kind: 'rate_limited', retryAfterMs: ms });
  });
});
