import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/connection.js';
import { findSummaryCard } from '../../../src/db/repositories/summary-card.repository.js';
import { findUserByEmail } from '../../../src/db/repositories/user.repository.js';
import { captureFixture, seedExampleFirm } from '../../support/capture-harness.js';
import { useFakeSlack } from '../../support/fakes/fake-slack-hooks.js';
import { ledger, slackScheduledMessenger, startInstance, TestClock, type Instance } from '../../support/schedule-harness.js';
import { databaseKinds, useTestDatabase, type DatabaseKind } from '../../support/test-database.js';

const fake = useFakeSlack();

async function idOf(db: Parameters<typeof findUserByEmail>[0], email: string): Promise<number> {
  const user = await findUserByEmail(db, email);
  if (!user) throw new Error(`no ${email}`);
  return user.id;
}

/** Messages the fake received per DM channel: one entry per chat.postMessage it accepted. */
function postsByChannel(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of fake.current.callsTo('chat.postMessage').filter((c) => c.status === 200)) counts[call.params.channel ?? ''] = (counts[call.params.channel ?? ''] ?? 0) + 1;
  return counts;
}

/**
 * The example firm with Monday 2 March captured — Robert (New York) and Alice (Chicago) have
 * drafts; Ben (London) and Carla (Los Angeles) none — and instances that stop after each test.
 */
function useScheduleFixture(kind: DatabaseKind) {
  const database = useTestDatabase(kind);
  const running: Instance[] = [];
  beforeEach(async () => {
    await seedExampleFirm(database.current.db);
    await captureFixture(database.current.db, '2026-03-02');
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((i) => i.stop()));
  });
  const instance = async (clock: TestClock): Promise<Instance> => {
    const started = await startInstance(database.current.handle, { clock, slack: slackScheduledMessenger(fake.current) });
    running.push(started);
    return started;
  };
  return { database, instance };
}

describe.each(databaseKinds())('scheduled daily cards on %s', (kind) => {
  const { database, instance } = useScheduleFixture(kind);

  it('sends each person’s card at their own local time, once, across three zones and repeated ticks', async () => {
    const db = database.current.db;
    const robert = await idOf(db, 'robert@arnsley.example');
    const alice = await idOf(db, 'alice@arnsley.example');
    const ben = await idOf(db, 'ben@arnsley.example');
    const carla = await idOf(db, 'carla@arnsley.example');
    // 23:00 UTC Monday: 18:00 New York (due 17:30), 17:00 Chicago (due 18:00), 23:00 London (due 17:00, passed before start), 15:00 Los Angeles.
    const clock = new TestClock(new Date('2026-03-02T23:00:00Z'));
    const tally = await instance(clock);
    expect(await tally.tick()).toMatchObject({ queued: 2 });
    expect(await tally.tick()).toMatchObject({ queued: 0 });
    await tally.drain();
    expect(await ledger(database.current.handle)).toEqual([`daily_review:${robert}:2026-03-02=delivered`, `daily_review:${ben}:2026-03-02=skipped`].sort());
    expect(postsByChannel()).toEqual({ D0ROBERT1: 1 });

    // 00:05 UTC Tuesday: 18:05 Monday in Chicago — Alice's Monday card; nobody else's is due again.
    clock.set('2026-03-03T00:05:00Z');
    expect(await tally.tick()).toMatchObject({ queued: 1 });
    await tally.drain();
    clock.set('2026-03-03T00:30:00Z');
    expect(await tally.tick()).toMatchObject({ queued: 0 });
    expect(await tally.drain()).toBe(0);
    expect(postsByChannel()).toEqual({ D0ROBERT1: 1, D0ALICE01: 1 });
    expect(await ledger(database.current.handle)).toContain(`daily_review:${alice}:2026-03-02=delivered`);
    expect((await ledger(database.current.handle)).some((l) => l.startsWith(`daily_review:${carla}:`))).toBe(false);

    // The card's message is remembered, so every later click and /tally summary updates it in place.
    const posted = fake.current.callsTo('chat.postMessage').find((c) => c.params.channel === 'D0ROBERT1');
    const card = await findSummaryCard(db, robert, '2026-03-02', 'slack');
    expect(card).toMatchObject({ conversationId: 'D0ROBERT1' });
    expect(card?.messageId).toBeTruthy();
    expect(posted).toBeDefined();
  });

  it('updates the card a person already opened that day with /tally summary instead of posting a second', async () => {
    const db = database.current.db;
    const robert = await idOf(db, 'robert@arnsley.example');
    const tally = await instance(new TestClock(new Date('2026-03-02T23:00:00Z')));
    const earlier = await slackScheduledMessenger(fake.current).postToDm((await findUserByEmail(db, 'robert@arnsley.example'))!, { kind: 'text', text: 'earlier card' });
    const { saveSummaryCard } = await import('../../../src/db/repositories/summary-card.repository.js');
    await saveSummaryCard(db, { userId: robert, workDate: '2026-03-02', platform: 'slack', conversationId: earlier.conversationId, messageId: earlier.messageId });
    fake.current.resetCalls();
    await tally.tick();
    await tally.drain();
    expect(fake.current.callsTo('chat.postMessage').filter((c) => c.params.channel === 'D0ROBERT1')).toHaveLength(0);
    expect(fake.current.callsTo('chat.update').map((c) => [c.params.channel, c.params.ts])).toEqual([[earlier.conversationId, earlier.messageId]]);
  });

});

describe.each(databaseKinds().filter((k) => k === 'postgres'))('scheduled sends from two instances on one %s', (kind) => {
  const { database, instance } = useScheduleFixture(kind);

  it('two instances ticking and working at once: every due person gets exactly one job and one card', async () => {
    const first = database.current.handle;
    const url = database.current.location.url ?? '';
    let b: Instance | undefined;
    const second = await openDatabase({ url: url.replace(/\?.*$/, ''), dataDir: '', schema: first.schema ?? undefined, poolSize: 4 });
    try {
      // 02:00 UTC Tuesday: Monday evening in New York, Chicago and Los Angeles — Robert, Alice and
      // Carla (nothing captured) are due; in London it is already Tuesday, before Ben's time.
      const at = '2026-03-03T02:00:00Z';
      const a = await instance(new TestClock(new Date(at)));
      // The second instance stops before its own pool closes (below), not with the others.
      b = await startInstance(second, { clock: new TestClock(new Date(at)), slack: slackScheduledMessenger(fake.current) });
      const ticks = await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
      expect(ticks.reduce((sum, t) => sum + t.queued, 0)).toBe(3);
      const ran = await Promise.all([a.drain(), b.drain()]);
      expect(ran[0] + ran[1]).toBe(3);
      expect(postsByChannel()).toEqual({ D0ROBERT1: 1, D0ALICE01: 1 });
      expect((await ledger(first)).map((l) => l.split('=')[1])).toEqual(['delivered', 'delivered', 'skipped']);
    } finally {
      await b?.stop();
      await second.close();
    }
  });
});
