import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../../src/db/repositories/audit.repository.js';
import { findSummaryCard } from '../../../../src/db/repositories/summary-card.repository.js';
import { findEntry, listEntries } from '../../../../src/db/repositories/time-entry.repository.js';
import { outboundCalls } from '../../../support/slack-harness.js';
import { aBlockAction, aViewSubmission } from '../../../support/slack-sign.js';
import { databaseKinds } from '../../../support/test-database.js';
import { DAY, snapshot, userId } from '../review/review-harness.js';
import { blocksOf, buttonValue, deliver, DMS, formValues, SLACK_IDS, useSlackRealFlow } from './slack-flow.js';

describe.each(databaseKinds())('the daily card in Slack, on the real server and core (%s)', (kind) => {
  const fx = useSlackRealFlow(kind);
  const { slack, db, summary, postAliceCard } = fx;
  const click = (user: string, actionId: string, value: string, container: Record<string, unknown>, extra: { actionTs?: string; triggerId?: string } = {}) =>
    aBlockAction({ user, actionId, value, responseUrl: slack.current.responseUrl(actionId), container, ...extra });
  const entryAudits = async (id: string) => (await listAudit(db(), { entityType: 'time_entry', entityId: id })).filter((a) => a.action !== 'entry.create');

  it('/tally summary posts one card per user-day in the DM and updates it in place the second time', async () => {
    await deliver(fx.tally, summary());
    await deliver(fx.tally, summary());

    const [posted, ...more] = slack.current.callsTo('chat.postMessage');
    expect(more).toEqual([]);
    expect(posted?.params.channel).toBe(DMS.alice);
    expect(posted?.params.ts).toBeUndefined();
    const updated = slack.current.callsTo('chat.update');
    const saved = await findSummaryCard(db(), await userId(db(), 'alice'), DAY, 'slack');
    expect(saved).toMatchObject({ conversationId: DMS.alice });
    expect(updated.map((c) => [c.params.channel, c.params.ts])).toEqual([[DMS.alice, saved?.messageId]]);
    expect(blocksOf(posted)[0]).toMatchObject({ type: 'header', text: { text: expect.stringMatching(/^Your time for Mon 2 Mar/) } });
    expect(slack.current.responses()).toEqual([expect.objectContaining({ response_type: 'ephemeral' }), expect.objectContaining({ response_type: 'ephemeral' })]);
  });

  it('Approve all approves every assigned, warning-free draft and leaves the rest as drafts', async () => {
    const { blocks, container } = await postAliceCard();
    const alice = await userId(db(), 'alice');
    const drafts = await listEntries(db(), { userId: alice, from: DAY, to: DAY, status: 'draft' });
    const ready = drafts.filter((e) => e.matterId !== null && e.warnings.length === 0).map((e) => e.id).sort();
    expect(ready.length).toBeGreaterThan(0);

    await deliver(fx.tally, click(SLACK_IDS.alice, 'review.approve_all', buttonValue(blocks, 'review.approve_all'), container));

    const after = await listEntries(db(), { userId: alice, from: DAY, to: DAY });
    expect(after.filter((e) => e.status === 'approved').map((e) => e.id).sort()).toEqual(ready);
    expect(after.filter((e) => e.status === 'draft').map((e) => e.id).sort()).toEqual(drafts.map((e) => e.id).filter((id) => !ready.includes(id)).sort());
    expect(await listAudit(db(), { action: 'entry.approved' })).toHaveLength(ready.length);
    expect(slack.current.callsTo('chat.update').map((c) => c.params.ts)).toEqual([container.message_ts]);
  });

  it('Edit opens the modal first (views.open), then a valid submission edits the entry; bad hours name the field and write nothing', async () => {
    const { blocks, container } = await postAliceCard();
    const value = buttonValue(blocks, 'review.edit');
    const { entryId } = JSON.parse(value) as { entryId: string };
    await deliver(fx.tally, click(SLACK_IDS.alice, 'review.edit', value, container, { triggerId: 'trig-edit-1' }));

    expect(outboundCalls(slack.current)[0]).toBe('views.open');
    expect(slack.current.callsTo('views.open')[0]?.params.trigger_id).toBe('trig-edit-1');
    const form = JSON.parse(slack.current.callsTo('views.update')[0]?.params.view ?? '{}') as { callback_id: string; private_metadata: string; blocks: [] };
    expect(form.callback_id).toBe('review.edit_submit');
    const submit = (narrative: string, hours: string) => aViewSubmission({ user: SLACK_IDS.alice, callbackId: form.callback_id, privateMetadata: form.private_metadata, viewId: 'V0EDIT001', values: { ...formValues(form), narrative, hours } });
    const before = await snapshot(db());

    const refused = await deliver(fx.tally, submit('Drafted claim construction chart', 'a while'));
    expect(refused.status).toBe(200);
    expect(JSON.parse(refused.body)).toEqual({ response_action: 'errors', errors: { hours: expect.stringContaining('a while') } });
    expect(await snapshot(db())).toEqual(before);

    const accepted = await deliver(fx.tally, submit('Drafted claim construction chart', '2h'));
    expect([accepted.status, accepted.body]).toEqual([200, '']);
    const afterEdit = await snapshot(db());
    const again = await deliver(fx.tally, submit('Drafted claim construction chart', '2h'));
    expect([again.status, again.body]).toEqual([200, '']);
    expect(await snapshot(db())).toEqual(afterEdit);
    expect(await findEntry(db(), entryId)).toMatchObject({ narrative: 'Drafted claim construction chart', billedMinutes: 120, edited: true });
    expect((await entryAudits(entryId)).map((a) => a.action)).toEqual(['entry.edit']);
    expect(slack.current.callsTo('chat.update').map((c) => [c.params.channel, c.params.ts])).toEqual(Array(2).fill([DMS.alice, container.message_ts]));
  });

  it('lets a delegate approve for the lawyer from their own DM, audited with both names', async () => {
    const robert = await userId(db(), 'robert');
    const [entry] = (await listEntries(db(), { userId: robert, from: DAY, to: DAY, status: 'draft' })).filter((e) => e.matterId !== null);
    const patCard = { type: 'message', message_ts: '1772470800.000555', channel_id: DMS.pat, is_ephemeral: false };
    const value = JSON.stringify({ verb: 'approve', ownerId: robert, date: DAY, entryId: entry?.id, version: entry?.version });

    await deliver(fx.tally, click(SLACK_IDS.pat, 'review.approve', value, patCard));

    expect(await findEntry(db(), entry?.id ?? '')).toMatchObject({ status: 'approved', approvedBy: await userId(db(), 'pat') });
    expect((await entryAudits(entry?.id ?? '')).map((a) => a.actor.label)).toEqual(['Pat Quinn for Robert Arnsley']);
    const [update] = slack.current.callsTo('chat.update');
    expect([update?.params.channel, update?.params.ts]).toEqual([DMS.pat, patCard.message_ts]);
    expect(blocksOf(update)[0]?.text?.text).toMatch(/^Robert Arnsley's time/);
    expect(await findSummaryCard(db(), robert, DAY, 'slack')).toBeNull();
  });
});
