// Hostile 12 — "ambiguous send failures → at most one card per user-day": a send that may have
// landed (Slack HTTP 500 after storing the message, a post that hangs past the timeout, a dropped
// connection, history unreadable; Teams 500 or no answer) is reconciled before anything is resent
// (Slack) or never resent (Teams, which cannot be asked), and a second instance running the same
// job later never adds a card. Gathered here from tests/integration/jobs/scheduled-sends-reliability.test.ts.
import { describe, expect, it, vi } from 'vitest';
import { TeamsMessenger } from '../../src/bots/teams/teams-messenger.js';
import { replyCard } from '../../src/bots/cards/reply.card.js';
import { listSends } from '../../src/db/repositories/scheduled-send.repository.js';
import { processSend, STALE_SENDING_MS } from '../../src/jobs/send-worker.js';
import { captureFixture, quietLogger } from '../support/capture-harness.js';
import type { AfterPostFailure } from '../support/fakes/fake-slack-api.js';
import { useFakeSlack } from '../support/fakes/fake-slack-hooks.js';
import { MONDAY_EVENING, slackScheduledMessenger, useSchedulingFirm, type Instance } from '../support/schedule-harness.js';
import { databaseKinds } from '../support/test-database.js';

const fake = useFakeSlack();
const DMS = ['D0ROBERT1', 'D0ALICE01'] as const;

describe.each(databaseKinds())('hostile 12: ambiguous send failures, at most one card per user-day, on %s', (kind) => {
  const { database, instance, teamsLawyer } = useSchedulingFirm(kind);

  /** The queue's redelivery of a job in another instance: processSend on the same ledger row. */
  const rerun = (tally: Instance, sendId: number) => processSend({ db: database.current.db, deliverer: tally.notifier, now: tally.clock.now, logger: quietLogger }, sendId);

  /** Every Slack DM holds at most one card (and each delivered row points at the message that landed). */
  async function expectOneCardPerUserDay(): Promise<void> {
    for (const dm of DMS) expect(fake.current.messagesIn(dm).length).toBeLessThanOrEqual(1);
    const landed = new Set(DMS.flatMap((dm) => fake.current.messagesIn(dm).map((m) => m.ts)));
    for (const send of (await listSends(database.current.db)).filter((s) => s.status === 'delivered')) expect(landed.has(send.messageId ?? '')).toBe(true);
  }

  it('a Slack post that lands but answers 500 is found again, not posted twice', async () => {
    await captureFixture(database.current.db, '2026-03-02');
    fake.current.failAfterPosting('http500', 1);
    const tally = await instance(MONDAY_EVENING, { slack: slackScheduledMessenger(fake.current) });
    await tally.tick();
    await tally.drain();
    expect(fake.current.messagesIn('D0ROBERT1')).toHaveLength(1);
    expect(fake.current.messagesIn('D0ALICE01')).toHaveLength(1);
    const sends = await listSends(database.current.db);
    expect(sends.map((s) => s.status).sort()).toEqual(['delivered', 'delivered', 'skipped']);
    // The ledger points at the message that landed, so later clicks update that one.
    const landed = new Set([...fake.current.messagesIn('D0ROBERT1'), ...fake.current.messagesIn('D0ALICE01')].map((m) => m.ts));
    for (const send of sends.filter((s) => s.status === 'delivered')) expect(landed.has(send.messageId ?? '')).toBe(true);
  });

  it('when Slack cannot be asked whether an ambiguous post landed, nothing is resent until it can', async () => {
    await captureFixture(database.current.db, '2026-03-02');
    fake.current.failAfterPosting('http500', 2);
    fake.current.fail('conversations.history', 'internal_error', 2);
    const tally = await instance(MONDAY_EVENING, { slack: slackScheduledMessenger(fake.current) });
    await tally.tick();
    await tally.drain();
    expect((await listSends(database.current.db)).map((s) => s.status).sort()).toEqual(['delivery_unknown', 'delivery_unknown', 'skipped']);
    expect(fake.current.callsTo('chat.postMessage')).toHaveLength(2);
    // The queue's retry of each job: the row is reconciled (history answers now) and found delivered.
    const deps = { db: database.current.db, deliverer: tally.notifier, now: tally.clock.now, logger: quietLogger };
    for (const send of await listSends(database.current.db, { status: 'delivery_unknown' })) expect(await processSend(deps, send.id)).toBe('delivered');
    expect(fake.current.callsTo('chat.postMessage')).toHaveLength(2);
    expect(fake.current.messagesIn('D0ROBERT1')).toHaveLength(1);
    expect(fake.current.messagesIn('D0ALICE01')).toHaveLength(1);
  });

  it.each<[string, AfterPostFailure]>([
    ['answers HTTP 500 after storing it', 'http500'],
    ['hangs past the client timeout', 'hang'],
    ['drops the connection after storing it', 'reset'],
  ])('a Slack post that %s is reconciled: one card each, and a second instance running the jobs later adds none', async (_name, mode) => {
    await captureFixture(database.current.db, '2026-03-02');
    fake.current.failAfterPosting(mode, 2);
    const tally = await instance(MONDAY_EVENING, { slack: slackScheduledMessenger(fake.current, { timeoutMs: 300 }) });
    await tally.tick();
    await tally.drain();
    const sends = await listSends(database.current.db);
    expect(sends.map((s) => s.status).sort()).toEqual(['delivered', 'delivered', 'skipped']);
    expect(fake.current.callsTo('chat.postMessage')).toHaveLength(2);
    for (const dm of DMS) expect(fake.current.messagesIn(dm)).toHaveLength(1);
    await expectOneCardPerUserDay();

    // Another instance, an hour later, with its own messenger: the jobs again, a tick and a drain.
    const later = await instance('2026-03-03T03:00:00Z', { slack: slackScheduledMessenger(fake.current) });
    for (const send of sends) expect(await rerun(later, send.id)).toBe(send.status);
    await later.tick();
    await later.drain();
    expect(fake.current.callsTo('chat.postMessage')).toHaveLength(2);
    for (const dm of DMS) expect(fake.current.messagesIn(dm)).toHaveLength(1);
    expect((await listSends(database.current.db)).map((s) => s.status).sort()).toEqual(['delivered', 'delivered', 'skipped']);
  });

  it('a worker that hangs mid-post while a second instance takes the stale job over: still one card', async () => {
    await captureFixture(database.current.db, '2026-03-02');
    fake.current.failAfterPosting('hang', 1);
    const first = await instance(MONDAY_EVENING, { slack: slackScheduledMessenger(fake.current, { timeoutMs: 1_500 }) });
    await first.tick();
    const draining = first.drain();
    // The hung post has landed (the fake stores it, then never answers): the row is still "sending".
    const hung = await vi.waitFor(async () => {
      expect(DMS.map((dm) => fake.current.messagesIn(dm).length)).toEqual([1, 1]);
      const sending = (await listSends(database.current.db)).filter((s) => s.status === 'sending');
      expect(sending).toHaveLength(1);
      expect((await listSends(database.current.db)).filter((s) => s.status === 'delivered')).toHaveLength(1);
      return sending[0];
    }, { timeout: 5_000 });

    // The queue hands the job to another instance once the first looks dead (past STALE_SENDING_MS).
    const second = await instance(new Date(Date.parse(MONDAY_EVENING) + STALE_SENDING_MS + 60_000).toISOString(), { slack: slackScheduledMessenger(fake.current) });
    expect(await rerun(second, hung?.id ?? 0)).toBe('delivered');
    await draining;

    expect(fake.current.callsTo('chat.postMessage')).toHaveLength(2);
    for (const dm of DMS) expect(fake.current.messagesIn(dm)).toHaveLength(1);
    expect((await listSends(database.current.db)).map((s) => s.status).sort()).toEqual(['delivered', 'delivered', 'skipped']);
    await expectOneCardPerUserDay();
  });

  it('a Teams send that may have landed (500) is never sent again: Teams cannot be asked', async () => {
    const { harness, userId } = await teamsLawyer();
    harness.connector.failSends(500, { times: 1, landed: true });
    const tally = await instance('2026-03-02T23:00:00Z', { teams: harness.edge.messenger });
    await tally.tick();
    await tally.drain();
    const tess = (await listSends(database.current.db)).find((s) => s.userId === userId);
    expect(tess).toMatchObject({ status: 'delivery_unknown' });
    // Later ticks, drains and a redelivered job change nothing.
    await tally.tick();
    await tally.drain();
    expect(await processSend({ db: database.current.db, deliverer: tally.notifier, now: tally.clock.now, logger: quietLogger }, tess?.id ?? 0)).toBe('delivery_unknown');
    const landed = harness.connector.calls.filter((c) => c.kind === 'send' && c.landed);
    expect(landed).toHaveLength(1);
    expect(harness.connector.calls.filter((c) => c.kind === 'send')).toHaveLength(1);
  });

  it('a Teams send that gets no answer (it landed) is given up as unknown, and no instance sends it again', async () => {
    const { harness, userId } = await teamsLawyer();
    harness.connector.hangSends({ times: 1, landed: true });
    const messenger = new TeamsMessenger({ adapter: harness.edge.adapter, appId: harness.config.appId, tenantId: harness.config.tenantId, db: database.current.db, logger: quietLogger, render: replyCard, serviceUrl: harness.connector.serviceUrl, sendTimeoutMs: 300 });
    const tally = await instance('2026-03-02T23:00:00Z', { teams: messenger });
    await tally.tick();
    await tally.drain();
    const tess = (await listSends(database.current.db)).find((s) => s.userId === userId);
    expect(tess).toMatchObject({ status: 'delivery_unknown', platform: 'teams' });

    const later = await instance('2026-03-03T01:00:00Z', { teams: harness.edge.messenger });
    expect(await rerun(later, tess?.id ?? 0)).toBe('delivery_unknown');
    await later.tick();
    await later.drain();
    const sends = harness.connector.calls.filter((c) => c.kind === 'send');
    expect(sends).toHaveLength(1);
    expect(sends.filter((c) => c.landed)).toHaveLength(1);
  });
});
