// Hostile 7 — "tampered card payloads (other lawyer's entry, changed hours, old version) → refused,
// database unchanged": through the signed Teams invoke and the signed Slack block_actions edges,
// a payload naming someone else's entry, carrying hours outside the Edit form, or drawn from an
// older version of the entry is refused (or answered with the current card) and no row changes.
import { describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/bots/cards/action-ids.js';
import { editInputId } from '../../src/bots/cards/teams-inputs.js';
import { STALE_NOTE } from '../../src/bots/review/entry-actions.js';
import { findEntry, listEntries } from '../../src/db/repositories/time-entry.repository.js';
import { snapshotEveryTable } from '../support/db-snapshot.js';
import { aBlockAction, aViewSubmission } from '../support/slack-sign.js';
import { databaseKinds } from '../support/test-database.js';
import { act, DAY, snapshot as reviewSnapshot, userId } from '../integration/bots/review/review-harness.js';
import { blocksOf, buttonValue, deliver, DMS, SLACK_IDS, useSlackRealFlow } from '../integration/bots/slack/slack-flow.js';
import { click, entryOn, executeIn, snapshot, summaryCard, useTeamsRealCard } from '../integration/bots/teams/teams-real-state.js';

const CARD = 'application/vnd.microsoft.card.adaptive';
const MESSAGE = 'application/vnd.microsoft.activity.message';
const TEAMS_UNREADABLE = 'That button could not be read. Type summary for a fresh card.';
const SLACK_UNREADABLE = 'That button could not be read; type /tally summary for a fresh card.';
// Teams refreshes the sender's 1:1 chat reference on every verified turn; that is not a state change.
const TEAMS_EXCEPT = { except: ['conversation_references'] };
// A stale click is still a delivery: its key is recorded (so a redelivery stays a no-op); no entry or audit row changes.
const TEAMS_STALE_EXCEPT = { except: ['conversation_references', 'idempotency_keys'] };

type Json = Record<string, unknown>;
/** A button's data with its action payload changed. */
const withAction = (button: { verb: string; data: Json }, change: Json) => ({ ...button, data: { ...button.data, action: { ...(button.data.action as Json), ...change } } });

describe.each(databaseKinds())('hostile 07: tampered Teams card invokes on %s', (kind) => {
  const fx = useTeamsRealCard(kind);
  const { db, post, approvals } = fx;

  it("refuses another lawyer's entry id in the payload with text, changing nothing", async () => {
    const entry = await entryOn(db(), 'NW-001');
    const approve = executeIn(await summaryCard(fx.h, 'robert'), ACTION_IDS.approve, entry.id);
    const before = await snapshot(db());
    const everything = await snapshotEveryTable(db(), TEAMS_EXCEPT);
    const body = await post(click(fx.h, 'alice', approve));
    expect(body).toMatchObject({ statusCode: 200, type: MESSAGE, value: expect.stringMatching(/only on your own time/) });
    expect(await snapshot(db())).toEqual(before);
    expect(await snapshotEveryTable(db(), TEAMS_EXCEPT)).toEqual(everything);
    expect(await approvals(entry.id)).toHaveLength(0);
  });

  it("refuses Robert's entry id on Alice's own card (her owner id, his entry), changing nothing", async () => {
    const theirs = await entryOn(db(), 'NW-001');
    const approve = executeIn(await summaryCard(fx.h, 'robert'), ACTION_IDS.approve, theirs.id);
    const before = await snapshotEveryTable(db(), TEAMS_EXCEPT);
    const body = await post(click(fx.h, 'alice', withAction(approve, { ownerId: await userId(db(), 'alice') })));
    expect(body).toMatchObject({ type: MESSAGE, value: expect.stringMatching(/only on your own time/) });
    expect(await snapshotEveryTable(db(), TEAMS_EXCEPT)).toEqual(before);
  });

  it.each<[string, (approve: { verb: string; data: Json }, entryId: string) => { verb: string; data: Json }, Json?]>([
    ['hours inside the button payload', (approve) => withAction(approve, { hours: 9 })],
    ['billed minutes beside the button payload', (approve) => ({ ...approve, data: { ...approve.data, billedMinutes: 540 } })],
    ['an Edit hours input longer than the form allows', (approve) => ({ ...approve, verb: ACTION_IDS.edit, data: { action: { ...(approve.data.action as Json), verb: 'edit' } } }), { hours: '9'.repeat(17) }],
    ['an Approve verb over an Edit payload carrying hours', (approve) => withAction(approve, { verb: 'edit', hours: '9' })],
  ])('refuses %s as unreadable, changing nothing', async (_case, tamper, inputs) => {
    const entry = await entryOn(db(), 'NW-001');
    const approve = executeIn(await summaryCard(fx.h, 'robert'), ACTION_IDS.approve, entry.id);
    const before = await snapshotEveryTable(db(), TEAMS_EXCEPT);
    const extra = Object.fromEntries(Object.entries(inputs ?? {}).map(([field, v]) => [editInputId(entry.id, field as 'hours'), v]));
    const body = await post(click(fx.h, 'robert', tamper(approve, entry.id), extra));
    expect(body).toMatchObject({ type: MESSAGE, value: TEAMS_UNREADABLE });
    expect(await snapshotEveryTable(db(), TEAMS_EXCEPT)).toEqual(before);
    expect(await findEntry(db(), entry.id)).toEqual(entry);
  });

  it('answers a stale card with the fresh card and the note, changing nothing', async () => {
    const entry = await entryOn(db(), 'NW-001');
    const card = await summaryCard(fx.h, 'robert');
    await post(click(fx.h, 'robert', executeIn(card, ACTION_IDS.edit, entry.id), { [editInputId(entry.id, 'narrative')]: 'Arbitration call with client' }));
    const before = await snapshot(db());
    const everything = await snapshotEveryTable(db(), TEAMS_STALE_EXCEPT);
    const body = await post(click(fx.h, 'robert', executeIn(card, ACTION_IDS.approve, entry.id)));
    expect(body.type).toBe(CARD);
    expect(JSON.stringify(body.value)).toContain(STALE_NOTE);
    expect(await snapshot(db())).toEqual(before);
    expect(await snapshotEveryTable(db(), TEAMS_STALE_EXCEPT)).toEqual(everything);
    expect((await findEntry(db(), entry.id))?.status).toBe('draft');
  });

  it('answers an Edit from an old card (hours changed since) with the note, keeping the newer hours', async () => {
    const entry = await entryOn(db(), 'NW-001');
    const card = await summaryCard(fx.h, 'robert');
    const save = executeIn(card, ACTION_IDS.edit, entry.id);
    await post(click(fx.h, 'robert', save, { [editInputId(entry.id, 'hours')]: 1.5 }));
    const edited = await findEntry(db(), entry.id);
    const before = await snapshotEveryTable(db(), TEAMS_STALE_EXCEPT);
    const body = await post(click(fx.h, 'robert', save, { [editInputId(entry.id, 'hours')]: 9 }));
    expect(body.type).toBe(CARD);
    expect(JSON.stringify(body.value)).toContain(STALE_NOTE);
    expect(await snapshotEveryTable(db(), TEAMS_STALE_EXCEPT)).toEqual(before);
    expect(await findEntry(db(), entry.id)).toMatchObject({ billedMinutes: 90, version: edited?.version });
  });
});

describe.each(databaseKinds())('hostile 07: tampered Slack card clicks on the real server and core (%s)', (kind) => {
  const fx = useSlackRealFlow(kind);
  const { slack, db, postAliceCard } = fx;
  const click = (user: string, actionId: string, value: string, container: Record<string, unknown>) =>
    aBlockAction({ user, actionId, value, responseUrl: slack.current.responseUrl(actionId), container });

  it("refuses another lawyer's entry id ephemerally: nothing changes, no audit row, no card touched", async () => {
    const { container } = await postAliceCard();
    const robert = await userId(db(), 'robert');
    const [theirs] = await listEntries(db(), { userId: robert, from: DAY, to: DAY, status: 'draft' });
    const before = await reviewSnapshot(db());
    const everything = await snapshotEveryTable(db());
    for (const ownerId of [robert, await userId(db(), 'alice')]) {
      const value = JSON.stringify({ verb: 'approve', ownerId, date: DAY, entryId: theirs?.id, version: theirs?.version });
      await deliver(fx.tally, click(SLACK_IDS.alice, 'review.approve', value, container));
    }

    const metadata = JSON.stringify({ ownerId: robert, date: DAY, entryId: theirs?.id, version: theirs?.version, channel: DMS.alice, ts: container.message_ts });
    const forged = await deliver(fx.tally, aViewSubmission({ user: SLACK_IDS.alice, callbackId: 'review.edit_submit', privateMetadata: metadata, values: { narrative: 'mine now', hours: '9' } }));

    expect(JSON.parse(forged.body)).toMatchObject({ response_action: 'errors' });
    expect(await reviewSnapshot(db())).toEqual(before);
    expect(await snapshotEveryTable(db())).toEqual(everything);
    expect(slack.current.callsTo('chat.update')).toEqual([]);
    expect(slack.current.callsTo('chat.postMessage')).toEqual([]);
    expect(slack.current.responses()).toEqual(Array(2).fill(expect.objectContaining({ response_type: 'ephemeral', replace_original: false, text: expect.stringMatching(/only on your own time/) })));
  });

  it.each<[string, (value: Json) => { actionId: string; value: string }]>([
    ['hours inside an Approve button value', (v) => ({ actionId: 'review.approve', value: JSON.stringify({ ...v, hours: 9 }) })],
    ['billed minutes inside an Approve button value', (v) => ({ actionId: 'review.approve', value: JSON.stringify({ ...v, billedMinutes: 540 }) })],
    ['an Approve button whose value was turned into an Edit carrying hours', (v) => ({ actionId: 'review.approve', value: JSON.stringify({ ...v, verb: 'edit', hours: '9' }) })],
    ['a Not billable button value under the Approve action id', (v) => ({ actionId: 'review.approve', value: JSON.stringify({ ...v, verb: 'not_billable' }) })],
  ])('refuses %s ephemerally as unreadable, changing nothing and touching no card', async (_case, tamper) => {
    const { blocks, container } = await postAliceCard();
    const original = JSON.parse(buttonValue(blocks, 'review.approve')) as Json;
    const before = await snapshotEveryTable(db());
    const { actionId, value } = tamper(original);

    const response = await deliver(fx.tally, click(SLACK_IDS.alice, actionId, value, container));

    expect(response.status).toBe(200);
    expect(await snapshotEveryTable(db())).toEqual(before);
    expect(slack.current.callsTo('chat.update')).toEqual([]);
    expect(slack.current.responses()).toEqual([expect.objectContaining({ response_type: 'ephemeral', replace_original: false, text: SLACK_UNREADABLE })]);
  });

  it('answers a click from an old version of the card with the current card and the note, changing no entry', async () => {
    const { blocks, container } = await postAliceCard();
    const value = buttonValue(blocks, 'review.approve');
    const { entryId, version } = JSON.parse(value) as { entryId: string; version: number };
    await act(db(), 'alice', { verb: 'edit', ownerId: await userId(db(), 'alice'), entryId, version, edit: { narrative: 'Drafted claim construction chart' } });
    const changed = await findEntry(db(), entryId);
    // Bookkeeping the delivery may touch: its key, and where the refreshed card sits. No entry or audit row may change.
    const except = { except: ['idempotency_keys', 'summary_cards'] };
    const before = await snapshotEveryTable(db(), except);

    await deliver(fx.tally, click(SLACK_IDS.alice, 'review.approve', value, container));

    expect(await snapshotEveryTable(db(), except)).toEqual(before);
    expect(await findEntry(db(), entryId)).toEqual(changed);
    const [update, ...more] = slack.current.callsTo('chat.update');
    expect(more).toEqual([]);
    expect([update?.params.channel, update?.params.ts]).toEqual([DMS.alice, container.message_ts]);
    expect(JSON.stringify(blocksOf(update))).toContain(STALE_NOTE);
  });
});
