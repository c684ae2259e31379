import { describe, expect, it } from 'vitest';
import { SendFailure, type SendFailureKind } from '../../../../src/bots/send/send-failure.js';
import { DmChannels } from '../../../../src/bots/slack/dm-channels.js';
import { SlackMessenger } from '../../../../src/bots/slack/slack-messenger.js';
import { createSlackWebApis } from '../../../../src/bots/slack/slack-web-api.js';
import type { User } from '../../../../src/core/firm.js';
import { useFakeSlack } from '../../../support/fakes/fake-slack-hooks.js';
import { listenLocally } from '../../../support/local-server.js';

const KEY = 'daily_review:7:2026-03-02';
/** Before any message the fake posts in this file (its timestamps are the wall clock). */
const SINCE = new Date(Date.now() - 60_000);
const CARD = { kind: 'text', text: 'Your day: 3 drafts' } as const;
const TIMEOUT_MS = 300;

function person(overrides: Partial<User> = {}): User {
  return {
    id: 7, email: 'max@firm.example', name: 'Max', timekeeperId: null, classification: null, roles: ['lawyer'], timezone: 'America/New_York',
    summaryTime: '17:30', summaryDays: [1, 2, 3, 4, 5], managerId: null, delegateIds: [], slackUserId: 'U0MAX0001', aadObjectId: null,
    sources: ['slack'], reminders: true, unreachableAt: null, active: true, ...overrides,
  };
}

/** A messenger on the scheduled lane, as the notifier uses it. */
function scheduledMessenger(apiUrl: string, slackIdOf?: (user: User) => Promise<string | null>): SlackMessenger {
  const apis = createSlackWebApis({ token: 'xoxb-test-token', apiUrl, scheduledTimeoutMs: TIMEOUT_MS });
  return new SlackMessenger({ api: apis.scheduled, dms: new DmChannels(apis.scheduled), ...(slackIdOf ? { slackIdOf } : {}) });
}

async function failureOf(run: Promise<unknown>): Promise<SendFailure> {
  const error = await run.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(SendFailure);
  return error as SendFailure;
}

describe('Slack scheduled sends (sendKey) over the scheduled lane', () => {
  const slack = useFakeSlack();

  it('tags the message with its send key, and findPosted finds it again by that key only', async () => {
    const messenger = scheduledMessenger(slack.current.url);
    const posted = await messenger.postToDm(person(), CARD, { sendKey: KEY });
    const [post] = slack.current.callsTo('chat.postMessage');
    expect(JSON.parse(post?.params.metadata ?? '{}')).toEqual({ event_type: 'tally_send', event_payload: { key: KEY } });
    expect(posted).toEqual({ platform: 'slack', conversationId: 'D0MAX0001', messageId: expect.stringMatching(/^\d+\.\d{6}$/) });

    expect(await messenger.findPosted(person(), KEY, SINCE)).toEqual(posted);
    expect(await messenger.findPosted(person(), 'daily_review:7:2026-03-03', SINCE)).toBeNull();
    expect(await messenger.findPosted(person(), KEY, new Date(Date.now() + 3_600_000))).toBeNull();
    const [history] = slack.current.callsTo('conversations.history');
    expect(history?.params).toMatchObject({ channel: 'D0MAX0001', include_all_metadata: 'true', limit: '50' });
  });

  it('leaves a send without a key as it was: no metadata', async () => {
    const messenger = scheduledMessenger(slack.current.url);
    await messenger.postToDm(person(), CARD);
    expect(slack.current.callsTo('chat.postMessage')[0]?.params.metadata).toBeUndefined();
  });

  it.each<[string, { retryAfterSeconds?: number; untilInMs?: number }, number]>([
    ['Retry-After 7 s', { retryAfterSeconds: 7 }, 7000],
    ['a window of 30 s', { untilInMs: 30_000 }, 30_000],
  ])('answers a 429 (%s) with rate_limited and its wait, without the SDK retrying', async (_name, limit, expectedMs) => {
    const { retryAfterSeconds, untilInMs } = limit;
    slack.current.rateLimit('chat.postMessage', { ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}), ...(untilInMs !== undefined ? { until: Date.now() + untilInMs } : {}) });
    const failure = await failureOf(scheduledMessenger(slack.current.url).postToDm(person(), CARD, { sendKey: KEY }));
    expect(failure).toMatchObject({ kind: 'rate_limited', retryAfterMs: expectedMs, code: 'UNAVAILABLE' });
    expect(slack.current.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('meets a rate the fake enforces with rate_limited past it', async () => {
    slack.current.enforceRate('chat.postMessage', { perSecond: 2 });
    const messenger = scheduledMessenger(slack.current.url);
    const outcomes = await Promise.all(['U0A000001', 'U0B000001', 'U0C000001'].map((id) => messenger.postToDm(person({ slackUserId: id }), CARD, { sendKey: `${KEY}:${id}` }).then(() => 'posted', (e: unknown) => (e instanceof SendFailure ? `${e.kind} ${String(e.retryAfterMs)}` : 'other'))));
    expect(outcomes.sort()).toEqual(['posted', 'posted', 'rate_limited 1000']);
  });

  it('answers a 429 on opening the DM with rate_limited too', async () => {
    slack.current.rateLimit('conversations.open', { retryAfterSeconds: 3 });
    const failure = await failureOf(scheduledMessenger(slack.current.url).postToDm(person(), CARD, { sendKey: KEY }));
    expect(failure).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3000 });
    expect(slack.current.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it.each(['http500', 'hang', 'reset'] as const)('calls a post that landed but answered %s ambiguous, and findPosted then finds it', async (mode) => {
    slack.current.failAfterPosting(mode);
    const messenger = scheduledMessenger(slack.current.url);
    const failure = await failureOf(messenger.postToDm(person(), CARD, { sendKey: KEY }));
    expect(failure.kind).toBe('ambiguous');
    expect(slack.current.callsTo('chat.postMessage')).toHaveLength(1);
    const [landed] = slack.current.messagesIn('D0MAX0001').slice(-1);
    expect(await messenger.findPosted(person(), KEY, SINCE)).toEqual({ platform: 'slack', conversationId: 'D0MAX0001', messageId: landed?.ts });
  });

  it('calls a connection refused retryable: nothing was sent', async () => {
    const closed = await listenLocally((_req, res) => res.end());
    await closed.close();
    const failure = await failureOf(scheduledMessenger(`${closed.url}/api/`).postToDm(person(), CARD, { sendKey: KEY }));
    expect(failure.kind).toBe('retryable');
  });

  it.each<[string, string, SendFailureKind]>([
    ['chat.postMessage', 'user_not_found', 'blocked'],
    ['chat.postMessage', 'cannot_dm_bot', 'blocked'],
    ['chat.postMessage', 'user_disabled', 'blocked'],
    ['chat.postMessage', 'account_inactive', 'blocked'],
    ['conversations.open', 'user_not_found', 'blocked'],
    ['conversations.open', 'user_disabled', 'blocked'],
    ['chat.postMessage', 'invalid_auth', 'permanent'],
    ['chat.postMessage', 'not_authed', 'permanent'],
    ['chat.postMessage', 'channel_not_found', 'permanent'],
    ['conversations.open', 'invalid_auth', 'permanent'],
    ['chat.postMessage', 'internal_error', 'ambiguous'],
    ['chat.postMessage', 'fatal_error', 'ambiguous'],
  ])('classifies %s answering %s as %s', async (method, error, kind) => {
    slack.current.fail(method, error);
    const failure = await failureOf(scheduledMessenger(slack.current.url).postToDm(person(), CARD, { sendKey: KEY }));
    expect(failure.kind).toBe(kind);
    expect(slack.current.callsTo(method)).toHaveLength(1);
  });

  it('calls someone with no Slack account blocked, without calling Slack', async () => {
    const failure = await failureOf(scheduledMessenger(slack.current.url, async () => null).postToDm(person({ slackUserId: null }), CARD, { sendKey: KEY }));
    expect(failure.kind).toBe('blocked');
    expect(slack.current.calls).toHaveLength(0);
  });

  it('calls a DM that is not a 1:1 IM blocked, and posts nothing', async () => {
    slack.current.setDm('U0ODD0001', { id: 'G0GROUP01', isIm: false });
    const failure = await failureOf(scheduledMessenger(slack.current.url).postToDm(person({ slackUserId: 'U0ODD0001' }), CARD, { sendKey: KEY }));
    expect(failure.kind).toBe('blocked');
    expect(slack.current.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('answers a rate-limited reconciliation with rate_limited (the send stays unreconciled)', async () => {
    const messenger = scheduledMessenger(slack.current.url);
    await messenger.postToDm(person(), CARD, { sendKey: KEY });
    slack.current.rateLimit('conversations.history', { retryAfterSeconds: 60 });
    const failure = await failureOf(messenger.findPosted(person(), KEY, SINCE));
    expect(failure).toMatchObject({ kind: 'rate_limited', retryAfterMs: 60_000 });
  });
});
