import { ErrorCode, WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from '@slack/web-api';
import { isAppError } from '../../core/errors.js';
import { DEFAULT_RETRY_AFTER_MS, isSendFailure, neverConnected, SendFailure } from '../send/send-failure.js';

/**
 * Where a keyed send was when it failed: `resolve` (finding the person and opening their DM, which
 * posts nothing and may be repeated), `post` (chat.postMessage or a file upload: once the request
 * went out it may have landed) or `read` (reconciling through conversations.history).
 */
export type SlackSendPhase = 'resolve' | 'post' | 'read';

/** Slack errors that mean this person cannot get a DM from Tally: stop sending to them. */
const BLOCKED_ERRORS = new Set(['user_not_found', 'users_not_found', 'cannot_dm_bot', 'user_disabled', 'account_inactive', 'user_not_visible']);

/** Slack's own "it may have partly happened" errors (answered with HTTP 200 and ok: false). */
const MAYBE_DONE_ERRORS = new Set(['fatal_error', 'internal_error', 'service_unavailable']);

/**
 * Classifies a failure of a keyed Slack send for the notifier (send-failure.ts):
 * - 429 (`slack_webapi_rate_limited_error`) → rate_limited with Retry-After in ms;
 * - HTTP 5xx, a timeout or a dropped connection while posting → ambiguous (elsewhere: retryable);
 * - a connection never made (refused, DNS) → retryable;
 * - no Slack account, no IM, `user_not_found`, `cannot_dm_bot`, `user_disabled`, `account_inactive` → blocked;
 * - any other Slack error (`invalid_auth`, `not_authed`, `channel_not_found`, …) → permanent.
 */
export function slackSendFailure(error: unknown, phase: SlackSendPhase): SendFailure {
  if (isSendFailure(error)) return error;
  const cause = { cause: error };
  if (isAppError(error)) return new SendFailure(error.code === 'UNAVAILABLE' ? 'blocked' : 'permanent', error.message, cause);
  const uncertain = phase === 'post' ? 'ambiguous' : 'retryable';
  if (error instanceof WebAPIRateLimitedError || codeOf(error) === ErrorCode.RateLimitedError) {
    const seconds = (error as { retryAfter?: unknown }).retryAfter;
    return new SendFailure('rate_limited', 'Slack asked Tally to slow down', { ...cause, retryAfterMs: typeof seconds === 'number' && seconds >= 0 ? seconds * 1000 : DEFAULT_RETRY_AFTER_MS });
  }
  if (error instanceof WebAPIPlatformError) {
    const code = error.data.error;
    if (BLOCKED_ERRORS.has(code)) return new SendFailure('blocked', 'Slack cannot deliver a direct message to this person', cause);
    if (code === 'ratelimited') return new SendFailure('rate_limited', 'Slack asked Tally to slow down', { ...cause, retryAfterMs: (error.data.response_metadata?.retryAfter ?? DEFAULT_RETRY_AFTER_MS / 1000) * 1000 });
    if (MAYBE_DONE_ERRORS.has(code)) return new SendFailure(uncertain, 'Slack failed while handling the message', cause);
    if (code === 'request_timeout') return new SendFailure('retryable', 'Slack received the request incomplete', cause);
    return new SendFailure('permanent', 'Slack refused the message', cause);
  }
  if (error instanceof WebAPIHTTPError) {
    if (error.statusCode >= 500) return new SendFailure(uncertain, 'Slack answered with a server error', cause);
    return new SendFailure('permanent', 'Slack refused the request', cause);
  }
  if (error instanceof WebAPIRequestError) {
    if (neverConnected(error.original)) return new SendFailure('retryable', 'Slack could not be reached', cause);
    return new SendFailure(uncertain, 'Slack did not answer in time', cause);
  }
  if (error instanceof Error && error.message.startsWith('Retry header did not contain')) {
    return new SendFailure('rate_limited', 'Slack asked Tally to slow down', { ...cause, retryAfterMs: DEFAULT_RETRY_AFTER_MS });
  }
  return new SendFailure(uncertain, 'the Slack send failed', cause);
}

function codeOf(error: unknown): unknown {
  return error instanceof Error ? (error as { code?: unknown }).code : undefined;
}
