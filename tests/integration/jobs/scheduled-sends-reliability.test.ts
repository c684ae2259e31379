import { describe, expect, it } from 'vitest';
import { listSends } from '../../../src/db/repositories/scheduled-send.repository.js';
import { findUserById } from '../../../src/db/repositories/user.repository.js';
import { captureFixture } from '../../support/capture-harness.js';
import { useFakeSlack } from '../../support/fakes/fake-slack-hooks.js';
import { callsDuringRetryAfter, ledger, MONDAY_EVENING, slackScheduledMessenger, useSchedulingFirm } from '../../support/schedule-harness.js';
import { databaseKinds } from '../../support/test-database.js';

const fake = useFakeSlack();
// Ambiguous failures (a post that may have landed) are hostile case 12: tests/hostile/12-ambiguous-sends.test.ts.
describe.each(databaseKinds())('scheduled sends when Slack or Teams refuse, on %s', (kind) => {
  const { database, instance, teamsLawyer } = useSchedulingFirm(kind);

  it('Slack answers 429 for a while: no call before Retry-After, then every card once', async () => {
    await captureFixture(database.current.db, '2026-03-02');
    fake.current.rateLimit('chat.postMessage', { times: 3, retryAfterSeconds: 1 });
    // Paced at 4 a second (Slack's default is 1): a send is never let out while a 429 is on its way back.
    const tally = await instance(MONDAY_EVENING, { slack: slackScheduledMessenger(fake.current) }, 4);
    await tally.tick();
    await tally.drain();
    const posts = fake.current.callsTo('chat.postMessage');
    expect(posts.map((c) => c.status).sort()).toEqual([200, 200, 429, 429, 429]);
    expect(callsDuringRetryAfter(posts, 1000).length).toBe(0);
    expect(fake.current.messagesIn('D0ROBERT1')).toHaveLength(1);
    expect(fake.current.messagesIn('D0ALICE01')).toHaveLength(1);
    expect((await ledger(database.current.handle)).filter((l) => l.endsWith('=delivered'))).toHaveLength(2);
  });


  it('Teams answers 429 with Retry-After: the card waits, then lands once', async () => {
    const { harness, userId } = await teamsLawyer();
    harness.connector.rateLimitSends({ times: 2, retryAfterSeconds: 1 });
    const tally = await instance('2026-03-02T23:00:00Z', { teams: harness.edge.messenger });
    await tally.tick();
    await tally.drain();
    const sends = harness.connector.calls.filter((c) => c.kind === 'send');
    expect(sends.map((c) => c.status)).toEqual([429, 429, 201]);
    expect(callsDuringRetryAfter(sends, 1000).length).toBe(0);
    const tess = (await listSends(database.current.db)).find((s) => s.userId === userId);
    expect(tess).toMatchObject({ status: 'delivered', platform: 'teams' });
    expect(harness.connector.messagesIn(tess?.conversationId ?? '')).toHaveLength(1);
  });

  it('a person who blocked Tally in Teams is marked unreachable and is not sent anything the next day', async () => {
    const { harness, userId } = await teamsLawyer();
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
