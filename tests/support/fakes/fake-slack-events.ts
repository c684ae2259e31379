import { createHmac } from 'node:crypto';

/** Slack's v0 request signature: `v0=` + hex HMAC-SHA256(secret, `v0:{ts}:{raw body}`). */
export function slackSignature(secret: string, timestamp: string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedPostOptions {
  /** Seconds since the epoch; now by default. */
  readonly timestamp?: number;
  /** Sign with this secret instead of the right one. */
  readonly signWith?: string;
  /** Send this signature header as is. */
  readonly signature?: string;
  /** Adds X-Slack-Retry-Num (and X-Slack-Retry-Reason), as Slack does on a redelivery. */
  readonly retryNum?: number;
  readonly retryReason?: string;
}

export interface PostedResponse {
  readonly status: number;
  readonly body: string;
  /** When the response headers arrived (Date.now()). */
  readonly at: number;
}

/**
 * Posts a signed Events API request (JSON body) to a running Tally, as Slack would:
 * headers x-slack-request-timestamp and x-slack-signature, optionally the retry headers.
 */
export async function postSlackEvent(baseUrl: string, secret: string, payload: unknown, options: SignedPostOptions = {}): Promise<PostedResponse> {
  const body = JSON.stringify(payload);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-slack-request-timestamp': timestamp,
    'x-slack-signature': options.signature ?? slackSignature(options.signWith ?? secret, timestamp, body),
  };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = options.retryReason ?? 'http_timeout';
  }
  const response = await fetch(new URL('/slack/events', baseUrl), { method: 'POST', headers, body });
  const at = Date.now();
  return { status: response.status, body: await response.text(), at };
}

let counter = 0;

/** An Events API envelope around a message event, with a fresh event id unless given. */
export function aMessageEnvelope(event: Record<string, unknown>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    token: 'legacy-verification-token',
    team_id: 'T0TEST',
    api_app_id: 'A0TALLY',
    type: 'event_callback',
    event_id: `Ev${String(Date.now())}${String(counter)}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0TEST', user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    event: { type: 'message', channel_type: 'channel', event_ts: event.ts, ...event },
    ...overrides,
  };
}

/** A Slack ts for an ISO instant, with a microsecond suffix to keep ts values distinct ("1772470800.000100"). */
export function slackTs(iso: string, micros = 100): string {
  const ms = new Date(iso).getTime();
  return `${String(Math.floor(ms / 1000))}.${String((ms % 1000) * 1000 + micros).padStart(6, '0')}`;
}
