import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackgroundWork } from '../../../src/bots/slack/background-work.js';
import { mountSlack } from '../../../src/bots/slack/slack-app.js';
import { loadConfig } from '../../../src/config.js';
import { listActivities } from '../../../src/db/repositories/activity.repository.js';
import { findUserByEmail } from '../../../src/db/repositories/user.repository.js';
import { importFirm } from '../../../src/firm/firm-import.service.js';
import { createApp } from '../../../src/server.js';
import { aFirmFile, aUser, TEST_ACTOR } from '../../support/builders.js';
import { aMessageEnvelope, postSlackEvent, slackTs } from '../../support/fakes/fake-slack-events.js';
import { useFakeSlack } from '../../support/fakes/fake-slack-hooks.js';
import { listenLocally } from '../../support/local-server.js';
import { recordingLogger, SECRET, startTally, type RunningTally } from '../../support/slack-harness.js';
import { databaseKinds, useTestDatabase, type TestDatabase } from '../../support/test-database.js';

const now = () => Math.floor(Date.now() / 1000);

/** Lee has a Slack id and works in Los Angeles; Max has none; Ann does not allow Slack capture. */
async function seedFirm(db: TestDatabase): Promise<void> {
  await importFirm(
    db.db,
    aFirmFile({
      users: [
        aUser({ email: 'lee@test.example', name: 'Lee Park', roles: ['lawyer', 'manager'], slackUserId: 'ULEE', timezone: 'America/Los_Angeles' }),
        aUser({ email: 'max@test.example', name: 'Max Rowe', roles: ['lawyer'] }),
        aUser({ email: 'ann@test.example', name: 'Ann Byrd', roles: ['assistant'], slackUserId: 'UANN', sources: ['calendar', 'email'] }),
      ],
    }),
    TEST_ACTOR,
  );
}

async function countRows(db: TestDatabase): Promise<{ activities: number; keys: number }> {
  const activities = await db.db.selectFrom('activities').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const keys = await db.db.selectFrom('idempotency_keys').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return { activities: Number(activities.n), keys: Number(keys.n) };
}

describe.each(databaseKinds())('Slack events at POST /slack/events (%s)', (kind) => {
  const database = useTestDatabase(kind);
  const slack = useFakeSlack();
  let tally: RunningTally;

  beforeEach(async () => {
    await seedFirm(database.current);
    tally = await startTally(database.current, slack.current, { awaitReady: false });
  });
  afterEach(async () => {
    await tally.close();
  });

  it('stores a signed message in a mapped channel as one activity of its author, on their local work date', async () => {
    // 02:30 UTC on 3 March is still 2 March (18:30) in Los Angeles.
    const ts = slackTs('2026-03-03T02:30:00Z');
    const text = '  Drafted the reply to Beta on the discovery schedule  ';
    const envelope = aMessageEnvelope({ channel: 'C1', user: 'ULEE', ts, text });

    const response = await postSlackEvent(tally.url, SECRET, envelope);
    await tally.background.idle();

    expect(response.status).toBe(200);
    const lee = await findUserByEmail(database.current.db, 'lee@test.example');
    const stored = await listActivities(database.current.db, lee?.id ?? -1, '2026-03-02');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      id: `slack:C1:${ts}`,
      source: 'slack',
      user: 'lee@test.example',
      workDate: '2026-03-02',
      title: 'Drafted the reply to Beta on the discovery schedule',
      participants: [],
      ref: null,
      meta: { channel: 'C1' },
    });
    expect(stored[0]?.start.toISOString()).toBe('2026-03-03T02:30:00.000Z');
    expect(stored[0]?.end.toISOString()).toBe('2026-03-03T02:30:00.000Z');
    expect(stored[0]?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    // Bolt learned its identity from the fake first.
    expect(slack.current.callsTo('auth.test').length).toBeGreaterThanOrEqual(1);
    expect(slack.current.callsTo('auth.test')[0]?.token).toBe('xoxb-test-token');
    // Logs carry ids, never the text.
    expect(JSON.stringify(tally.logs)).not.toContain('discovery schedule');
  });

  it('keeps a thread reply’s parent in meta.thread and trims a long text to 500 characters', async () => {
    const parent = slackTs('2026-03-02T17:00:00Z');
    const ts = slackTs('2026-03-02T17:05:00Z');
    const response = await postSlackEvent(tally.url, SECRET, aMessageEnvelope({ channel: 'C1', user: 'ULEE', ts, thread_ts: parent, subtype: 'thread_broadcast', text: 'x'.repeat(700) }));
    await tally.background.idle();

    expect(response.status).toBe(200);
    const lee = await findUserByEmail(database.current.db, 'lee@test.example');
    const [activity] = await listActivities(database.current.db, lee?.id ?? -1, '2026-03-02');
    expect(activity?.meta).toEqual({ channel: 'C1', thread: parent });
    expect(activity?.title).toHaveLength(500);
  });

  it('stores a direct message to the bot (channel_type im), though no matter maps that channel', async () => {
    const response = await postSlackEvent(tally.url, SECRET, aMessageEnvelope({ channel: 'D0LEE', channel_type: 'im', user: 'ULEE', ts: slackTs('2026-03-02T18:00:00Z'), text: '2h on the Beta brief' }));
    await tally.background.idle();

    expect(response.status).toBe(200);
    const lee = await findUserByEmail(database.current.db, 'lee@test.example');
    const stored = await listActivities(database.current.db, lee?.id ?? -1, '2026-03-02');
    expect(stored.map((a) => a.meta)).toEqual([{ channel: 'D0LEE' }]);
  });

  it('stores nothing for an unmapped channel, an unknown author, a person who does not allow Slack capture, bots, edits and deletions', async () => {
    const ts = slackTs('2026-03-02T16:00:00Z');
    const deliveries = [
      aMessageEnvelope({ channel: 'C0UNMAPPED', user: 'ULEE', ts, text: 'elsewhere' }),
      aMessageEnvelope({ channel: 'C1', user: 'USTRANGER', ts, text: 'who am I' }),
      aMessageEnvelope({ channel: 'C1', user: 'UANN', ts, text: 'not allowed' }),
      aMessageEnvelope({ channel: 'C1', bot_id: 'B0OTHER', subtype: 'bot_message', ts, text: 'a bot' }),
      aMessageEnvelope({ channel: 'C1', user: 'ULEE', bot_id: 'B0APP', ts, text: 'an app posting as Lee' }),
      aMessageEnvelope({ channel: 'C1', subtype: 'message_changed', ts, message: { user: 'ULEE', ts, text: 'edited' }, previous_message: { user: 'ULEE', ts, text: 'original' } }),
      aMessageEnvelope({ channel: 'C1', subtype: 'message_deleted', ts, deleted_ts: ts }),
      aMessageEnvelope({ channel: 'C1', user: 'ULEE', subtype: 'channel_join', ts, text: '<@ULEE> has joined the channel' }),
    ];

    const responses = await Promise.all(deliveries.map((envelope) => postSlackEvent(tally.url, SECRET, envelope)));
    await tally.background.idle();

    expect(responses.map((r) => r.status)).toEqual(deliveries.map(() => 200));
    expect(await countRows(database.current)).toEqual({ activities: 0, keys: 0 });
    // The unknown author was looked up once by id (users.info) and not guessed.
    expect(slack.current.callsTo('users.info').map((c) => c.params.user)).toEqual(['USTRANGER']);
  });

  it('maps an author without a configured Slack id through their Slack account’s email, after acknowledging the event', async () => {
    slack.current.addUser({ id: 'UMAX', email: 'Max@test.example' });
    const release = slack.current.hold('users.info');
    const envelope = aMessageEnvelope({ channel: 'C1', user: 'UMAX', ts: slackTs('2026-03-02T20:00:00Z'), text: 'Reviewed the supply contract' });

    // The 200 arrives while the author lookup (slow work) is still waiting at the fake:
    // bolt acked the event before calling the listener (processBeforeResponse false).
    const response = await postSlackEvent(tally.url, SECRET, envelope);
    expect(response.status).toBe(200);
    expect(tally.background.size).toBe(1);
    expect(await countRows(database.current)).toEqual({ activities: 0, keys: 0 });

    release();
    await tally.background.idle();
    const max = await findUserByEmail(database.current.db, 'max@test.example');
    const stored = await listActivities(database.current.db, max?.id ?? -1, '2026-03-02');
    expect(stored.map((a) => a.id)).toEqual([`slack:C1:${String((envelope.event as { ts: string }).ts)}`]);
    expect(slack.current.callsTo('users.info')[0]?.answeredAt).toBeGreaterThanOrEqual(response.at);
  });

  it('accepts a timestamp a little ahead (clock skew within 300 s) and answers a signed url_verification', async () => {
    const skewed = await postSlackEvent(tally.url, SECRET, aMessageEnvelope({ channel: 'C1', user: 'ULEE', ts: slackTs('2026-03-02T15:00:00Z'), text: 'ok' }), { timestamp: now() + 120 });
    const challenge = await postSlackEvent(tally.url, SECRET, { token: 'x', type: 'url_verification', challenge: 'c-123' });
    await tally.background.idle();

    expect(skewed.status).toBe(200);
    expect(challenge.status).toBe(200);
    expect(JSON.parse(challenge.body)).toEqual({ challenge: 'c-123' });
    expect((await countRows(database.current)).activities).toBe(1);
  });

  it('answers 503 (so Slack retries) while auth.test fails, and recovers once it succeeds', async () => {
    slack.current.fail('auth.test', 'invalid_auth', 1000);
    const second = await startTally(database.current, slack.current, { awaitReady: false });
    try {
      const envelope = aMessageEnvelope({ channel: 'C1', user: 'ULEE', ts: slackTs('2026-03-02T15:00:00Z'), text: 'while down' });
      const refused = await postSlackEvent(second.url, SECRET, envelope);
      slack.current.resetCalls();
      const accepted = await postSlackEvent(second.url, SECRET, envelope, { retryNum: 1 });
      await second.background.idle();

      expect([refused.status, accepted.status]).toEqual([503, 200]);
      expect(await countRows(database.current)).toEqual({ activities: 1, keys: 1 });
      expect(second.logs.some((e) => e.level === 'error' && e.message?.startsWith('slack auth.test failed'))).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('logs a failed ingest with ids only, never the message text', async () => {
    slack.current.fail('users.info', 'internal_error');
    const envelope = aMessageEnvelope({ channel: 'C1', user: 'UNEW', ts: slackTs('2026-03-02T15:00:00Z'), text: 'privileged: settlement figure 1.2M' });

    const response = await postSlackEvent(tally.url, SECRET, envelope);
    await tally.background.idle();

    expect(response.status).toBe(200);
    const failure = tally.logs.find((e) => e.level === 'error' && e.message === 'slack message not stored');
    expect(failure?.fields).toMatchObject({ eventId: envelope.event_id, channel: 'C1', error: 'WebAPIPlatformError', code: 'slack_webapi_platform_error' });
    expect(JSON.stringify(tally.logs)).not.toContain('settlement');
    expect(await countRows(database.current)).toEqual({ activities: 0, keys: 0 });
  });
});

describe.each(databaseKinds())('the HTTP app without Slack (%s)', (kind) => {
  const database = useTestDatabase(kind);

  it('does not mount /slack/events when config.slack is absent', async () => {
    const app = createApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database: database.current.handle, logger: recordingLogger().logger });
    const local = await listenLocally(app);
    try {
      const response = await fetch(`${local.url}/slack/events`, { method: 'POST', body: '{}' });
      expect(response.status).toBe(404);
    } finally {
      await local.close();
    }
  });

  it('refuses to mount Slack with an empty signing secret', () => {
    const options = { db: database.current.db, logger: recordingLogger().logger, background: new BackgroundWork() };
    expect(() => mountSlack(express(), { ...options, config: { botToken: 'xoxb-x', signingSecret: '  ', appToken: null, apiUrl: null } })).toThrow(/SLACK_SIGNING_SECRET is empty/);
  });
});
