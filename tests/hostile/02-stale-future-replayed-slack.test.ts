// Hostile 2 — "stale, future and replayed Slack requests → 401 or exactly one effect": a request
// signed more than 300 s ago or ahead is an empty 401 with no effect; a correctly signed request
// sent again inside the window (the very same bytes, or Slack's retry with X-Slack-Retry-Num) is
// answered every time and has exactly one effect, through the delivery's idempotency key.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChatCore } from '../../src/bots/chat/chat-core.service.js';
import type { SlackRefusal } from '../../src/bots/slack/slack-request-guard.js';
import { listAudit } from '../../src/db/repositories/audit.repository.js';
import { findSummaryCard } from '../../src/db/repositories/summary-card.repository.js';
import { findEntry, listEntries } from '../../src/db/repositories/time-entry.repository.js';
import { quietLogger } from '../support/capture-harness.js';
import { snapshotEveryTable } from '../support/db-snapshot.js';
import { aMessageEnvelope, postSlackEvent, slackTs, type PostedResponse } from '../support/fakes/fake-slack-events.js';
import { useFakeSlack } from '../support/fakes/fake-slack-hooks.js';
import { outboundCalls, ScriptedCore, SECRET, startTally, type RunningTally } from '../support/slack-harness.js';
import { aBlockAction, aSlashCommand, postSlackForm, type SignedFormOptions } from '../support/slack-sign.js';
import { databaseKinds, useTestDatabase } from '../support/test-database.js';
import { DAY, seedDay, snapshot, userId } from '../integration/bots/review/review-harness.js';
import { blocksOf, buttonValue, DMS, SLACK_IDS, useSlackRealFlow } from '../integration/bots/slack/slack-flow.js';

const nowSeconds = () => Math.floor(Date.now() / 1000);

// Correctly signed, each of these would have an effect: a draft, an approval, an activity.
const command = () => aSlashCommand({ command: '/time', text: '1.5 acme-002 2026-03-09 drafted the pricing schedule', user: SLACK_IDS.alice, responseUrl: 'http://x' });
const click = () => aBlockAction({ user: SLACK_IDS.alice, actionId: 'review.approve_all', value: JSON.stringify({ verb: 'approve_all', ownerId: 2, date: DAY }), responseUrl: 'http://x' });
const aliceMessage = () => aMessageEnvelope({ channel: 'C0ACME001', user: SLACK_IDS.alice, ts: slackTs('2026-03-02T15:00:00Z'), text: 'replayed' });

type Case = [name: string, send: (url: string) => Promise<PostedResponse>, reason: SlackRefusal];
const form = (body: () => string, options: () => SignedFormOptions) => (url: string) => postSlackForm(url, SECRET, body(), options());
const CASES: Case[] = [
  ['a command with a stale timestamp (301 s old)', form(command, () => ({ timestamp: nowSeconds() - 301 })), 'stale'],
  ['a command with a future timestamp (301 s ahead)', form(command, () => ({ timestamp: nowSeconds() + 301 })), 'future'],
  ['a card click captured and replayed 10 minutes later, its signature intact', form(click, () => ({ timestamp: nowSeconds() - 600 })), 'stale'],
  ['a card click signed an hour ahead', form(click, () => ({ timestamp: nowSeconds() + 3600 })), 'future'],
  ['an event with a stale timestamp (301 s old)', (url) => postSlackEvent(url, SECRET, aliceMessage(), { timestamp: nowSeconds() - 301 }), 'stale'],
  ['an event with a future timestamp (301 s ahead)', (url) => postSlackEvent(url, SECRET, aliceMessage(), { timestamp: nowSeconds() + 301 }), 'future'],
  ['an event with a future timestamp (an hour ahead)', (url) => postSlackEvent(url, SECRET, aliceMessage(), { timestamp: nowSeconds() + 3600 }), 'future'],
  ['a stale event redelivered as a Slack retry', (url) => postSlackEvent(url, SECRET, aliceMessage(), { timestamp: nowSeconds() - 301, retryNum: 1 }), 'stale'],
];

describe.each(databaseKinds())('hostile 02: Slack requests outside the 300 s window (%s)', (kind) => {
  const database = useTestDatabase(kind);
  const slack = useFakeSlack();
  let core: ScriptedCore;
  let tally: RunningTally;

  beforeEach(async () => {
    await seedDay(database.current.db);
    // The real chat core, recorded: a refused request must reach no handler at all.
    core = new ScriptedCore(createChatCore({ db: database.current.db, logger: quietLogger, files: { publicUrl: 'https://tally.test.example', secretKey: null } }));
    tally = await startTally(database.current, slack.current, { core });
  });
  afterEach(async () => {
    await tally.close();
  });

  it.each(CASES)('refuses %s with 401 and an empty body: no handler runs, nothing is written or sent', async (_name, send, reason) => {
    const before = await snapshotEveryTable(database.current.db);
    const response = await send(tally.url);
    await tally.background.idle();

    expect([response.status, response.body]).toEqual([401, '']);
    expect(core.calls).toEqual([]);
    expect(outboundCalls(slack.current)).toEqual([]);
    expect(await snapshotEveryTable(database.current.db)).toEqual(before);
    expect(tally.logs.filter((e) => e.message === 'slack request refused').map((e) => e.fields)).toEqual([{ reason }]);
  });
});

describe.each(databaseKinds())('hostile 02: Slack requests replayed inside the window, on the real server and core (%s)', (kind) => {
  const fx = useSlackRealFlow(kind);
  const { slack, db } = fx;

  /** Posts a signed body and waits for the work done after the ack. */
  const deliver = async (body: string, options: SignedFormOptions = {}) => {
    const response = await postSlackForm(fx.tally.url, SECRET, body, options);
    await fx.tally.background.idle();
    return response;
  };
  const entryAudits = async (id: string) => (await listAudit(db(), { entityType: 'time_entry', entityId: id })).filter((a) => a.action !== 'entry.create');

  it('/time adds a manual draft once, however often it is delivered: the same signed bytes again, then a Slack retry', async () => {
    const alice = await userId(db(), 'alice');
    const body = aSlashCommand({ command: '/time', text: '1.5 acme-002 2026-03-09 drafted the pricing schedule', user: SLACK_IDS.alice, responseUrl: slack.current.responseUrl('time') });
    const signedAt = nowSeconds();
    const response = await deliver(body, { timestamp: signedAt });
    const afterFirst = await snapshot(db());
    const replayed = await deliver(body, { timestamp: signedAt });
    const retried = await deliver(body, { retryNum: 1 });

    expect([response.status, response.body]).toEqual([200, '']);
    expect([replayed.status, retried.status]).toEqual([200, 200]);
    const entries = await listEntries(db(), { userId: alice, from: '2026-03-09', to: '2026-03-09' });
    expect(entries).toEqual([expect.objectContaining({ origin: 'manual', status: 'draft', actualMinutes: 90, billedMinutes: 90 })]);
    expect(entries[0]?.narrative).toMatch(/drafted the pricing schedule/i);
    expect(await snapshot(db())).toEqual(afterFirst);
    expect(slack.current.responses()[0]).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Added 1.5 h to ACME-002') });
    expect(slack.current.callsTo('chat.postMessage')).toEqual([]);
    expect(JSON.stringify(fx.tally.logs)).not.toMatch(/pricing schedule/);
  });

  it('approves from the DM card once: the same signed click again and a Slack retry are one change and one audit row', async () => {
    await deliver(aSlashCommand({ command: '/tally', text: `summary ${DAY}`, user: SLACK_IDS.alice, responseUrl: slack.current.responseUrl('summary') }));
    const posted = slack.current.callsTo('chat.postMessage').at(-1);
    const saved = await findSummaryCard(db(), await userId(db(), 'alice'), DAY, 'slack');
    const container = { type: 'message', message_ts: saved?.messageId ?? '', channel_id: DMS.alice, is_ephemeral: false };
    const value = buttonValue(blocksOf(posted), 'review.approve');
    const { entryId, version } = JSON.parse(value) as { entryId: string; version: number };
    slack.current.resetCalls();
    const body = aBlockAction({ user: SLACK_IDS.alice, actionId: 'review.approve', value, responseUrl: slack.current.responseUrl('review.approve'), container });

    const signedAt = nowSeconds();
    await deliver(body, { timestamp: signedAt });
    const afterFirst = await snapshot(db());
    await deliver(body, { retryNum: 1 });
    await deliver(body, { timestamp: signedAt });

    expect(await findEntry(db(), entryId)).toMatchObject({ status: 'approved', version: version + 1, approvedBy: await userId(db(), 'alice') });
    expect((await entryAudits(entryId)).map((a) => [a.action, a.actor.label, a.actor.via])).toEqual([['entry.approved', 'Alice Harlow', 'slack']]);
    expect(await snapshot(db())).toEqual(afterFirst);
    const updates = slack.current.callsTo('chat.update');
    expect(updates.map((c) => [c.params.channel, c.params.ts])).toEqual(Array(3).fill([DMS.alice, container.message_ts]));
    const refreshed = blocksOf(updates[0]);
    expect(() => buttonValue(refreshed, 'review.approve', (v) => v.entryId === entryId)).toThrow();
    expect(buttonValue(refreshed, 'review.undo', (v) => v.entryId === entryId)).toContain(entryId);
  });

  it('stores a message event once when the same signed delivery is replayed and then retried', async () => {
    const envelope = aliceMessage();
    const signedAt = nowSeconds();
    const responses: PostedResponse[] = [];
    for (const options of [{ timestamp: signedAt }, { timestamp: signedAt }, { retryNum: 1 }]) responses.push(await postSlackEvent(fx.tally.url, SECRET, envelope, options));
    await fx.tally.background.idle();

    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    // The fixture's captured day holds no Slack activity: every slack: row is this message's.
    const activities = await db().selectFrom('activities').select('id').where('id', 'like', 'slack:%').execute();
    expect(activities.map((a) => a.id)).toEqual([`slack:C0ACME001:${String((envelope.event as { ts: string }).ts)}`]);
    const keys = await db().selectFrom('idempotency_keys').select('key').where('key', 'like', 'slack:%').execute();
    expect(keys.map((k) => k.key)).toEqual([`slack:event:${String(envelope.event_id)}`]);
  });
});
