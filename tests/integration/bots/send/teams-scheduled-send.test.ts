import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Messenger } from '../../../../src/bots/send/messenger.js';
import { SendFailure, type SendFailureKind } from '../../../../src/bots/send/send-failure.js';
import { TeamsMessenger } from '../../../../src/bots/teams/teams-messenger.js';
import { saveTeamsReference, type TeamsReference } from '../../../../src/bots/teams/teams-reference.js';
import type { User } from '../../../../src/core/firm.js';
import { findUserById } from '../../../../src/db/repositories/user.repository.js';
import { quietLogger } from '../../../support/capture-harness.js';
import { listenLocally } from '../../../support/local-server.js';
import { recordingCore, seedTeamsUser, startTeamsHarness, testRender, type TeamsHarness } from '../../../support/teams-harness.js';
import { databaseKinds, useTestDatabase } from '../../../support/test-database.js';

const AAD = '0a11ce00-0000-4000-8000-0000000000d7';
const KEY = 'daily_review:1:2026-03-02';
const CARD = { kind: 'text', text: 'Your day: 3 drafts' } as const;

async function failureOf(run: Promise<unknown>): Promise<SendFailure> {
  const error = await run.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(SendFailure);
  return error as SendFailure;
}

describe.each(databaseKinds())('Teams scheduled sends (sendKey) on %s', (kind) => {
  const t = useTestDatabase(kind);
  let h: TeamsHarness;
  let user: User;
  let messenger: TeamsMessenger;
  beforeAll(async () => {
    h = await startTeamsHarness({ db: t.current.db, core: recordingCore().core, render: testRender });
  });
  afterAll(async () => h.close());
  beforeEach(async () => {
    h.connector.resetCalls();
    const id = await seedTeamsUser(t.current.db, 'max@test.example', AAD);
    user = (await findUserById(t.current.db, id)) as User;
    messenger = new TeamsMessenger({ adapter: h.edge.adapter, appId: h.config.appId, tenantId: h.config.tenantId, db: t.current.db, logger: quietLogger, render: testRender, serviceUrl: h.connector.serviceUrl, sendTimeoutMs: 300 });
  });

  it('posts a keyed send like any other, and offers no findPosted (Teams cannot list a chat)', async () => {
    const posted = await messenger.postToDm(user, CARD, { sendKey: KEY });
    expect(posted).toEqual({ platform: 'teams', conversationId: 'a:conv-1', messageId: expect.stringMatching(/^activity-/) });
    expect(h.connector.messagesIn('a:conv-1')).toHaveLength(1);
    expect((messenger as Messenger).findPosted).toBeUndefined();
  });

  it.each<[string, number | null, number]>([
    ['Retry-After 4 s', 4, 4000],
    ['no Retry-After (the default wait)', null, 1000],
  ])('answers a 429 with %s as rate_limited', async (_name, retryAfterSeconds, expectedMs) => {
    h.connector.rateLimitSends({ retryAfterSeconds });
    const failure = await failureOf(messenger.postToDm(user, CARD, { sendKey: KEY }));
    expect(failure).toMatchObject({ kind: 'rate_limited', retryAfterMs: expectedMs, code: 'UNAVAILABLE' });
    expect(h.connector.calls.filter((c) => c.kind === 'send')).toHaveLength(1);
    expect(h.connector.messagesIn('a:conv-1')).toHaveLength(0);
  });

  it('answers every send inside a 429 window with that window\'s Retry-After', async () => {
    h.connector.rateLimitSends({ until: Date.now() + 60_000, retryAfterSeconds: 60 });
    for (let i = 0; i < 2; i += 1) expect(await failureOf(messenger.postToDm(user, CARD, { sendKey: KEY }))).toMatchObject({ kind: 'rate_limited', retryAfterMs: 60_000 });
  });

  it.each<[number, SendFailureKind, number]>([
    [500, 'ambiguous', 1],
    [502, 'ambiguous', 1],
    [504, 'ambiguous', 1],
    [412, 'retryable', 0],
    [400, 'permanent', 0],
    [404, 'permanent', 0],
  ])('classifies a send answered %i as %s', async (status, expected, landed) => {
    h.connector.failSends(status);
    const failure = await failureOf(messenger.postToDm(user, CARD, { sendKey: KEY }));
    expect(failure.kind).toBe(expected);
    expect(h.connector.calls.filter((c) => c.kind === 'send')).toHaveLength(1);
    expect(h.connector.messagesIn('a:conv-1')).toHaveLength(landed);
  });

  it('calls a send that landed but got no answer ambiguous once its deadline passes', async () => {
    h.connector.hangSends();
    const failure = await failureOf(messenger.postToDm(user, CARD, { sendKey: KEY }));
    expect(failure.kind).toBe('ambiguous');
    expect(h.connector.messagesIn('a:conv-1')).toHaveLength(1);
  });

  it('calls a connection refused retryable: nothing was sent', async () => {
    const closed = await listenLocally((_req, res) => res.end());
    await closed.close();
    const reference = { channelId: 'msteams', serviceUrl: `${closed.url}/teams/`, conversation: { id: 'a:dead-1', conversationType: 'personal', tenantId: h.config.tenantId }, agent: { id: `28:${h.config.appId}` }, user: { id: AAD } } as unknown as TeamsReference;
    await saveTeamsReference(t.current.db, user.id, reference);
    const failure = await failureOf(messenger.postToDm(user, CARD, { sendKey: KEY }));
    expect(failure.kind).toBe('retryable');
  });

  it('calls a 403 ConversationBlockedByUser blocked, marks the person unreachable and stops sending', async () => {
    await messenger.postToDm(user, CARD, { sendKey: KEY });
    h.connector.blockConversation('a:conv-1');
    const failure = await failureOf(messenger.postToDm(user, CARD, { sendKey: `${KEY}:b` }));
    expect(failure.kind).toBe('blocked');
    const blocked = (await findUserById(t.current.db, user.id)) as User;
    expect(blocked.unreachableAt).toBeInstanceOf(Date);
    const calls = h.connector.calls.length;
    expect((await failureOf(messenger.postToDm(blocked, CARD, { sendKey: `${KEY}:c` }))).kind).toBe('blocked');
    expect(h.connector.calls).toHaveLength(calls);
  });

  it('calls a person blocked when opening the chat blocked, and marks them unreachable', async () => {
    h.connector.blockUser(AAD);
    expect((await failureOf(messenger.postToDm(user, CARD, { sendKey: KEY }))).kind).toBe('blocked');
    expect(((await findUserById(t.current.db, user.id)) as User).unreachableAt).toBeInstanceOf(Date);
  });

  it('calls someone with no Microsoft account and no saved chat blocked, without calling out', async () => {
    const id = await seedTeamsUser(t.current.db, 'nobody@test.example', null);
    const failure = await failureOf(messenger.postToDm((await findUserById(t.current.db, id)) as User, CARD, { sendKey: KEY }));
    expect(failure.kind).toBe('blocked');
    expect(h.connector.calls).toHaveLength(0);
  });

  it('now surfaces a failed send to a saved chat without a key too (it used to be swallowed by onTurnError)', async () => {
    await messenger.postToDm(user, CARD);
    h.connector.failSends(502);
    await expect(messenger.postToDm(user, CARD)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
