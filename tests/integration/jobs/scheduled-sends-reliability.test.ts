import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Messenger } from '../../../src/bots/send/messenger.js';
import { SYSTEM_ACTOR } from '../../../src/core/audit.js';
import { transaction, type Db } from '../../../src/db/connection.js';
import { findMatterByCode } from '../../../src/db/repositories/matter.repository.js';
import { listSends } from '../../../src/db/repositories/scheduled-send.repository.js';
import { insertEntries } from '../../../src/db/repositories/time-entry.repository.js';
import { findUserById } from '../../../src/db/repositories/user.repository.js';
import { captureFixture, seedExampleFirm } from '../../support/capture-harness.js';
import { useFakeSlack } from '../../support/fakes/fake-slack-hooks.js';
import { CARDS_ONLY, ledger, slackScheduledMessenger, startInstance, TestClock, type Instance } from '../../support/schedule-harness.js';
import { recordingCore, seedTeamsUser, startTeamsHarness, type TeamsHarness } from '../../support/teams-harness.js';
import { databaseKinds, useTestDatabase } from '../../support/test-database.js';

const fake = useFakeSlack();
/** Monday 2 Mar 2026, 02:00 UTC Tuesday: Robert (New York) and Alice (Chicago) are due their Monday cards. */
const MONDAY_EVENING = '2026-03-03T02:00:00Z';

/**
 * Calls made while a 429's Retry-After was running: sent after the refusal was answered and
 * before it expired. (A call already on its way when the 429 came back is not one.)
 */
function callsDuringRetryAfter(calls: readonly { at: number; answeredAt: number; status: number }[], retryAfterMs: number): number {
  const refusals = calls.filter((c) => c.status === 429);
  return calls.filter((c) => refusals.some((r) => c.at > r.answeredAt && c.at < r.answeredAt + retryAfterMs)).length;
}

// Ambiguous failures (a post that may have landed) are hostile case 12: tests/hostile/12-ambiguous-sends.test.ts.
describe.each(databaseKinds())('scheduled sends when Slack or Teams refuse, on %s', (kind) => {
  const database = useTestDatabase(kind);
  const running: Instance[] = [];
  const harnesses: TeamsHarness[] = [];

  beforeEach(async () => {
    await seedExampleFirm(database.current.db);
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((i) => i.stop()));
    await Promise.all(harnesses.splice(0).map((h) => h.close()));
  });

  async function instance(at: string, platforms: { slack?: Messenger; teams?: Messenger }, slackPerSecond?: number): Promise<Instance> {
    const started = await startInstance(database.current.handle, { clock: new TestClock(new Date(at)), settings: CARDS_ONLY, ...platforms, ...(slackPerSecond ? { slackPerSecond } : {}) });
    running.push(started);
    return started;
  }

  /** Tess, on Teams only (no Slack id), New York 17:30, with one draft on Monday 2 Mar. */
  async function teamsLawyer(db: Db): Promise<{ harness: TeamsHarness; userId: number }> {
    const harness = await startTeamsHarness({ db, core: recordingCore().core });
    harnesses.push(harness);
    const userId = await seedTeamsUser(db, 'tess@arnsley.example', 'aad-tess-0001');
    const matter = await findMatterByCode(db, 'ACME-001');
    await transaction(db, (tx) => insertEntries(tx, [{ userId, matterId: matter?.id ?? null, workDate: '2026-03-02', actualMinutes: 42, billedMinutes: 42, narrative: 'Draft reply brief', taskCode: null, activityCode: null, confidence: 'high', evidence: [], warnings: [], sourceActivityIds: [], origin: 'manual', captureKey: null }], SYSTEM_ACTOR));
    return { harness, userId };
  }

  it('Slack answers 429 for a while: no call before Retry-After, then every card once', async () => {
    await captureFixture(database.current.db, '2026-03-02');
    fake.current.rateLimit('chat.postMessage', { times: 3, retryAfterSeconds: 1 });
    // Paced at 4 a second (Slack's default is 1): a send is never let out while a 429 is on its way back.
    const tally = await instance(MONDAY_EVENING, { slack: slackScheduledMessenger(fake.current) }, 4);
    await tally.tick();
    await tally.drain();
    const posts = fake.current.callsTo('chat.postMessage');
    expect(posts.map((c) => c.status).sort()).toEqual([200, 200, 429, 429, 429]);
    expect(callsDuringRetryAfter(posts, 1000)).toBe(0);
    expect(fake.current.messagesIn('D0ROBERT1')).toHaveLength(1);
    expect(fake.current.messagesIn('D0ALICE01')).toHaveLength(1);
    expect((await ledger(database.current.handle)).filter((l) => l.endsWith('=delivered'))).toHaveLength(2);
  });


  it('Teams answers 429 with Retry-After: the card waits, then lands once', async () => {
    const { harness, userId } = await teamsLawyer(database.current.db);
    harness.connector.rateLimitSends({ times: 2, retryAfterSeconds: 1 });
    const tally = await instance('2026-03-02T23:00:00Z', { teams: harness.edge.messenger });
    await tally.tick();
    await tally.drain();
    const sends = harness.connector.calls.filter((c) => c.kind === 'send');
    expect(sends.map((c) => c.status)).toEqual([429, 429, 201]);
    expect(callsDuringRetryAfter(sends, 1000)).toBe(0);
    const tess = (await listSends(database.current.db)).find((s) => s.userId === userId);
    expect(tess).toMatchObject({ status: 'delivered', platform: 'teams' });
    expect(harness.connector.messagesIn(tess?.conversationId ?? '')).toHaveLength(1);
  });

  it('a person who blocked Tally in Teams is marked unreachable and is not sent anything the next day', async () => {
    const { harness, userId } = await teamsLawyer(database.current.db);
    harness.connector.blockUser('aad-tess-0001');
    const tally = await instance('2026-03-02T23:00:00Z', { teams: harness.edge.messenger });
    await tally.tick();
    await tally.drain();
    expect((await listSends(database.current.db)).find((s) => s.userId === userId)).toMatchObject({ status: 'unreachable' });
    expect((await findUserById(database.current.db, userId))?.unreachableAt).toBeInstanceOf(Date);
    tally.clock.set('2026-03-03T23:00:00Z');
    await tally.tick();
    expect((await listSends(database.current.db)).filter((s) => s.userId === userId)).toHaveLength(1);
  });
});
