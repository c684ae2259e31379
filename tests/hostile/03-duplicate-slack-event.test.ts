// Pass criterion (issue 8, case 3): the same Slack event delivered 4× across two app instances, two
// at once → one activity, one draft, all acked < 3 s.
// Two instances are two createApp servers (each its own bolt app, background work and, on
// PostgreSQL, its own pool) over one database; on PGlite (one process, one embedded database) they
// share the one handle.
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { captureDay } from '../../src/capture/capture.service.js';
import { openDatabase } from '../../src/db/connection.js';
import { importFirm } from '../../src/firm/firm-import.service.js';
import { aFirmFile, aUser, TEST_ACTOR } from '../support/builders.js';
import { captureDeps, entryRows } from '../support/capture-harness.js';
import { aMessageEnvelope, postSlackEvent, slackTs, type SignedPostOptions } from '../support/fakes/fake-slack-events.js';
import { useFakeSlack } from '../support/fakes/fake-slack-hooks.js';
import { SECRET, startTally, type RunningTally } from '../support/slack-harness.js';
import { databaseKinds, useTestDatabase, type TestDatabase } from '../support/test-database.js';

/** Slack's deadline for acknowledging a delivery. */
const ACK_MS = 3000;

/** Lee has a Slack id and works in Los Angeles; channel C1 is mapped to ACME-001. */
async function seedFirm(db: TestDatabase): Promise<void> {
  await importFirm(db.db, aFirmFile({ users: [aUser({ email: 'lee@test.example', name: 'Lee Park', roles: ['lawyer', 'manager'], slackUserId: 'ULEE', timezone: 'America/Los_Angeles' })] }), TEST_ACTOR);
}

async function countRows(db: TestDatabase): Promise<{ activities: number; keys: number }> {
  const activities = await db.db.selectFrom('activities').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const keys = await db.db.selectFrom('idempotency_keys').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return { activities: Number(activities.n), keys: Number(keys.n) };
}

/** The same database as a second instance opens it: its own pool on PostgreSQL, the shared handle on PGlite. */
async function secondInstanceDatabase(direct: TestDatabase): Promise<TestDatabase> {
  if (direct.kind === 'pglite') return { ...direct, close: async () => undefined };
  const handle = await openDatabase({ url: inject('postgresUrl'), dataDir: '', schema: direct.handle.schema ?? undefined, poolSize: 4 });
  return { ...direct, handle, db: handle.db, close: () => handle.close() };
}

describe.each(databaseKinds())('hostile 03: one Slack event delivered 4× (%s)', (kind) => {
  const database = useTestDatabase(kind);
  const slack = useFakeSlack();
  let second: TestDatabase;
  let a: RunningTally;
  let b: RunningTally;

  beforeEach(async () => {
    await seedFirm(database.current);
    second = await secondInstanceDatabase(database.current);
    // Freshly started, as after a deploy: each learns its bot identity on its first request.
    a = await startTally(database.current, slack.current, { awaitReady: false });
    b = await startTally(second, slack.current, { awaitReady: false });
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    await second.close();
  });

  /** Posts the envelope and measures the time to the answer's headers (the ack). */
  const timedPost = async (url: string, envelope: unknown, options: SignedPostOptions = {}) => {
    const started = Date.now();
    const response = await postSlackEvent(url, SECRET, envelope, options);
    return { status: response.status, ms: response.at - started };
  };

  it('stores one activity and one idempotency row when the same event is delivered 4 times, answering 200 each time', async () => {
    const envelope = aMessageEnvelope({ channel: 'C1', user: 'ULEE', ts: slackTs('2026-03-02T15:00:00Z'), text: 'Call with opposing counsel' });

    // The first delivery and Slack's three retries (X-Slack-Retry-Num 1–3), overlapping as they do
    // when the first request is slow.
    const responses = await Promise.all([
      postSlackEvent(a.url, SECRET, envelope),
      postSlackEvent(a.url, SECRET, envelope, { retryNum: 1, retryReason: 'http_timeout' }),
      postSlackEvent(a.url, SECRET, envelope, { retryNum: 2, retryReason: 'http_timeout' }),
      postSlackEvent(a.url, SECRET, envelope, { retryNum: 3, retryReason: 'http_error' }),
    ]);
    await a.background.idle();

    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(await countRows(database.current)).toEqual({ activities: 1, keys: 1 });
    const key = await database.current.db.selectFrom('idempotency_keys').selectAll().executeTakeFirstOrThrow();
    expect(key.key).toBe(`slack:event:${String(envelope.event_id)}`);
  });

  it('acks every delivery across two instances within 3 s, stores one activity and drafts one entry', async () => {
    const ts = slackTs('2026-03-02T15:00:00Z');
    const envelope = aMessageEnvelope({ channel: 'C1', user: 'ULEE', ts, text: 'Call with opposing counsel on the discovery schedule' });

    // The first delivery reaches instance A while Slack's first retry reaches instance B at the same
    // moment; the next two retries follow, one per instance, without waiting for the stored activity.
    const together = await Promise.all([timedPost(a.url, envelope), timedPost(b.url, envelope, { retryNum: 1, retryReason: 'http_timeout' })]);
    const third = await timedPost(a.url, envelope, { retryNum: 2, retryReason: 'http_timeout' });
    const fourth = await timedPost(b.url, envelope, { retryNum: 3, retryReason: 'http_error' });
    await Promise.all([a.background.idle(), b.background.idle()]);

    const deliveries = [...together, third, fourth];
    expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200, 200]);
    for (const delivery of deliveries) expect(delivery.ms).toBeLessThan(ACK_MS);
    expect(await countRows(database.current)).toEqual({ activities: 1, keys: 1 });
    const key = await database.current.db.selectFrom('idempotency_keys').selectAll().executeTakeFirstOrThrow();
    expect(key.key).toBe(`slack:event:${String(envelope.event_id)}`);
    // Both instances handled their deliveries: one stored the activity, every other delivery was a
    // quiet repeat (no failed ingest on either).
    const outcomes = [...a.logs, ...b.logs].filter((e) => e.message === 'slack message').map((e) => (e.fields as { status: string }).status);
    expect(outcomes.sort()).toEqual(['duplicate', 'duplicate', 'duplicate', 'stored']);
    expect(a.logs.some((e) => e.message === 'slack message') && b.logs.some((e) => e.message === 'slack message')).toBe(true);
    expect([...a.logs, ...b.logs].filter((e) => e.level === 'error')).toEqual([]);

    // Capture drafts the day from what the events stored — once, whichever instance runs it, however often.
    await captureDay(captureDeps(database.current.db), { date: '2026-03-02' });
    await captureDay(captureDeps(second.db), { date: '2026-03-02' });
    const entries = await entryRows(database.current.db, '2026-03-02');
    expect(entries).toEqual([expect.objectContaining({ user: 'lee@test.example', matter: 'ACME-001', status: 'draft', activityIds: [`slack:C1:${ts}`] })]);
  });
});
