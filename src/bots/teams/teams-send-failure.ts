import { HttpError } from '@microsoft/agents-hosting';
import { retryAfterMs } from '../../capture/narrative/retry-policy.js';
import { isAppError } from '../../core/errors.js';
import { DEFAULT_RETRY_AFTER_MS, isSendFailure, neverConnected, SendFailure } from '../send/send-failure.js';

/**
 * Where a keyed Teams send was when it failed: `prepare` (loading the chat, the bot's token,
 * createConversation — nothing posted, safe to repeat) or `send` (the POST of the activity went
 * out: it may have landed).
 */
export type TeamsSendPhase = 'prepare' | 'send';

/** Our own deadline on a keyed send (the SDK's requests have none). */
export class SendDeadlineError extends Error {
  override readonly name = 'SendDeadlineError';

  constructor(readonly phase: TeamsSendPhase) {
    super('Teams did not answer in time');
  }
}

/** True for the Bot Connector's 403 `ConversationBlockedByUser`: the person blocked Tally. */
export function isBlockedByUser(error: unknown): error is HttpError {
  return error instanceof HttpError && error.status === 403 && connectorErrorCode(error) === 'ConversationBlockedByUser';
}

/**
 * Classifies a failure of a keyed Teams send (platforms.md: retry 429/412/502/504, 403 blocked means
 * stop, a send is not idempotent): 429 → rate_limited (Retry-After, else a default wait);
 * 403 ConversationBlockedByUser → blocked; 412 and 408 → retryable; 5xx, a timeout or a dropped
 * connection → ambiguous once the activity was being sent, retryable before; a connection never
 * made → retryable; any other 4xx → permanent.
 */
export function teamsSendFailure(error: unknown, phase: TeamsSendPhase, now: number = Date.now()): SendFailure {
  if (isSendFailure(error)) return error;
  const cause = { cause: error };
  if (isBlockedByUser(error)) return new SendFailure('blocked', 'this person has blocked Tally in Teams', cause);
  if (isAppError(error)) return new SendFailure(error.code === 'UNAVAILABLE' ? 'blocked' : 'permanent', error.message, cause);
  if (error instanceof SendDeadlineError) return new SendFailure(error.phase === 'send' ? 'ambiguous' : 'retryable', error.message, cause);
  const uncertain = phase === 'send' ? 'ambiguous' : 'retryable';
  if (error instanceof HttpError) {
    const status = error.status;
    if (status === 429) {
      return new SendFailure('rate_limited', 'Teams asked Tally to slow down', { ...cause, retryAfterMs: retryAfterMs(error.response.headers, now) ?? DEFAULT_RETRY_AFTER_MS });
    }
    if (status === 412 || status === 408) return new SendFailure('retryable', 'Teams asked Tally to try again', cause);
    if (status >= 500) return new SendFailure(uncertain, 'Teams answered with a server error', cause);
    return new SendFailure('permanent', 'Teams refused the message', cause);
  }
  if (neverConnected(error)) return new SendFailure('retryable', 'Teams could not be reached', cause);
  return new SendFailure(uncertain, 'the Teams send failed', cause);
}

/** The Bot Connector's error code (`{ error: { code } }`), if any. */
export function connectorErrorCode(error: HttpError): string | undefined {
  const data = error.response.data as { error?: { code?: unknown } } | undefined;
  return typeof data?.error?.code === 'string' ? data.error.code : undefined;
}
