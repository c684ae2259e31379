import { WebAPIPlatformError, WebClient, type RetryOptions } from '@slack/web-api';
import type { Logger } from '../../../core/logger.js';
import type { SlackMessage } from './slack-message.js';
import { slackSdkLogger } from './slack-sdk-logger.js';

/** One page of `conversations.history`, newest first as Slack returns it. */
export interface SlackHistoryPage {
  readonly messages: readonly SlackMessage[];
  /** Where the next page starts; null on the last page. */
  readonly nextCursor: string | null;
}

/** What Tally needs to know about a Slack account. */
export interface SlackUserProfile {
  readonly id: string;
  /** The account's email (needs the users:read.email scope); null for bots or when hidden. */
  readonly email: string | null;
  readonly deleted: boolean;
  readonly isBot: boolean;
}

/**
 * The Slack Web API calls capture makes, and nothing else. Implemented over @slack/web-api's
 * WebClient by {@link slackReadApi}; tests point that client at a local fake.
 */
export interface SlackReadApi {
  /** `conversations.history` between two Slack ts (both included), one page of up to 200. */
  history(channel: string, oldest: string, latest: string, cursor: string | null): Promise<SlackHistoryPage>;
  /** `users.lookupByEmail`; null when Slack has no such user (`users_not_found`). */
  lookupByEmail(email: string): Promise<SlackUserProfile | null>;
  /** `users.info`; null when Slack has no such user (`user_not_found`). */
  userInfo(id: string): Promise<SlackUserProfile | null>;
}

/** Messages per history call: Slack's recommended maximum for cursor paging. */
export const HISTORY_PAGE_SIZE = 200;

const NOT_FOUND = new Set(['users_not_found', 'user_not_found']);

function isNotFound(error: unknown): boolean {
  return error instanceof WebAPIPlatformError && NOT_FOUND.has(String(error.data.error));
}

function toMessage(raw: unknown): SlackMessage | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.ts !== 'string') return null;
  const text = (key: string): string | undefined => (typeof r[key] === 'string' ? r[key] : undefined);
  const message: Record<string, string> = { ts: r.ts };
  for (const key of ['type', 'subtype', 'user', 'text', 'thread_ts'] as const) {
    const value = text(key);
    if (value !== undefined) message[key] = value;
  }
  if (r.bot_id !== undefined && r.bot_id !== null) message.bot_id = String(r.bot_id);
  return message as unknown as SlackMessage;
}

function toProfile(raw: unknown): SlackUserProfile | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const user = raw as { id?: unknown; deleted?: unknown; is_bot?: unknown; profile?: { email?: unknown } };
  if (typeof user.id !== 'string') return null;
  const email = typeof user.profile?.email === 'string' && user.profile.email !== '' ? user.profile.email : null;
  return { id: user.id, email, deleted: user.deleted === true, isBot: user.is_bot === true };
}

/**
 * A {@link SlackReadApi} over a WebClient. The client's own queue does the rate limiting: on a 429
 * it pauses and retries after `Retry-After` (unless built with `rejectRateLimitedCalls`), so a
 * catch-up run should have a client of its own, apart from the one that answers people.
 */
export function slackReadApi(client: WebClient): SlackReadApi {
  return {
    async history(channel, oldest, latest, cursor) {
      const result = await client.conversations.history({
        channel,
        oldest,
        latest,
        inclusive: true,
        limit: HISTORY_PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      });
      const messages = (result.messages ?? []).map(toMessage).filter((m): m is SlackMessage => m !== null);
      const next = result.response_metadata?.next_cursor;
      return { messages, nextCursor: next ? next : null };
    },
    async lookupByEmail(email) {
      try {
        return toProfile((await client.users.lookupByEmail({ email })).user);
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async userInfo(id) {
      try {
        return toProfile((await client.users.info({ user: id })).user);
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
  };
}

export interface SlackReadClientOptions {
  readonly token: string;
  /** The Web API base (SLACK_API_URL); Slack's own when null. */
  readonly apiUrl?: string | null;
  /** The client's retry policy for failed calls (429s always wait Retry-After first). */
  readonly retryConfig?: RetryOptions;
  /** Per-request timeout in ms; 0 waits as long as Slack takes. */
  readonly timeoutMs?: number;
  /** Where the SDK's warnings (rate limits, retries) go; ids and method names only. */
  readonly logger?: Logger;
}

/** A dedicated WebClient for capture reads, wrapped as a {@link SlackReadApi}. */
export function createSlackReadApi(options: SlackReadClientOptions): SlackReadApi {
  const client = new WebClient(options.token, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/` } : {}),
    ...(options.retryConfig ? { retryConfig: options.retryConfig } : {}),
    ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {}),
    logger: slackSdkLogger(options.logger, 'slack-read'),
  });
  return slackReadApi(client);
}
