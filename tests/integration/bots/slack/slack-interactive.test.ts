import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDailyReview } from '../../../../src/bots/review/daily-review.service.js';
import type { Reply } from '../../../../src/bots/views/reply.js';
import type { DailyReviewView } from '../../../../src/bots/views/review.view.js';
import { findSummaryCard } from '../../../../src/db/repositories/summary-card.repository.js';
import { findUserByEmail } from '../../../../src/db/repositories/user.repository.js';
import { captureFixture, seedExampleFirm } from '../../../support/capture-harness.js';
import { useFakeSlack } from '../../../support/fakes/fake-slack-hooks.js';
import { outboundCalls, ScriptedCore, SECRET, startTally, type RunningTally } from '../../../support/slack-harness.js';
import { aBlockAction, aSlashCommand, aViewSubmission, postSlackForm } from '../../../support/slack-sign.js';
import { databaseKinds, useTestDatabase } from '../../../support/test-database.js';

const ALICE = 'U0ALICE01';
const ALICE_DM = 'D0ALICE01';
const DAY = '2026-03-02';

describe.each(databaseKinds())('the Slack interactive edge (%s)', (kind) => {
  const database = useTestDatabase(kind);
  const slack = useFakeSlack();
  let core: ScriptedCore;
  let tally: RunningTally;
  let card: DailyReviewView;

  beforeEach(async () => {
    await seedExampleFirm(database.current.db);
    await captureFixture(database.current.db, DAY);
    const alice = await findUserByEmail(database.current.db, 'alice@arnsley.example');
    card = await buildDailyReview(database.current.db, { ownerId: alice?.id ?? -1, date: DAY, viewerId: alice?.id ?? -1 });
    slack.current.setDm(ALICE, { id: ALICE_DM, isIm: true });
    core = new ScriptedCore();
    core.answer = () => card;
    tally = await startTally(database.current, slack.current, { core });
  });
  afterEach(async () => {
    await tally.close();
  });

  const post = async (body: string, retryNum?: number) => {
    const response = await postSlackForm(tally.url, SECRET, body, retryNum === undefined ? {} : { retryNum });
    await tally.background.idle();
    return response;
  };
  const summary = (triggerId?: string) => aSlashCommand({ command: '/tally', text: 'summary', user: ALICE, responseUrl: slack.current.responseUrl('cmd'), ...(triggerId ? { triggerId } : {}) });
  const entry = () => card.pending[0] ?? card.done[0];
  const approve = (container: Record<string, unknown>, actionTs?: string) => {
    const e = entry();
    return aBlockAction({ user: ALICE, actionId: 'review.approve', value: JSON.stringify({ verb: 'approve', ownerId: card.ownerId, date: DAY, entryId: e?.id, version: e?.version }), responseUrl: slack.current.responseUrl('act'), container, ...(actionTs ? { actionTs } : {}) });
  };
  const dmCard = { type: 'message', message_ts: '1772470800.000777', channel_id: ALICE_DM, is_ephemeral: false };

  it('/tally summary acks at once, then posts the day’s card in the DM and updates that same message the next time', async () => {
    const first = await post(summary('trig-1'));
    const second = await post(summary('trig-2'));

    expect([first.status, first.body, second.status]).toEqual([200, '', 200]);
    expect(core.calls.map((c) => c.method === 'command' && [c.name, c.text, c.ctx.platformUserId, c.ctx.deliveryKey])).toEqual([
      ['tally', 'summary', ALICE, 'slack:cmd:trig-1'],
      ['tally', 'summary', ALICE, 'slack:cmd:trig-2'],
    ]);
    expect(outboundCalls(slack.current)).toEqual(['conversations.open', 'chat.postMessage', 'respond', 'chat.update', 'respond']);
    const [posted] = slack.current.callsTo('chat.postMessage');
    const [updated] = slack.current.callsTo('chat.update');
    expect(posted?.params.channel).toBe(ALICE_DM);
    expect(updated?.params).toMatchObject({ channel: ALICE_DM });
    const saved = await findSummaryCard(database.current.db, card.ownerId, DAY, 'slack');
    expect(saved).toMatchObject({ conversationId: ALICE_DM });
    expect(updated?.params.ts).toBe(saved?.messageId);
    expect(JSON.parse(posted?.params.blocks ?? '[]')[0]).toMatchObject({ type: 'header' });
    expect(slack.current.responses().every((r) => r.response_type === 'ephemeral')).toBe(true);
  });

  it('gives a redelivered command (X-Slack-Retry-Num) the same delivery key, so the core can make it one effect', async () => {
    const body = summary();
    await post(body);
    await post(body, 1);

    const keys = core.calls.map((c) => c.ctx.deliveryKey);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(1);
  });

  it('answers /invoice with "Working on it…" in the ack and the card ephemerally after, never in_channel', async () => {
    core.answer = (): Reply => ({ kind: 'text', text: 'Acme Corp has nothing to bill in March 2026.' });
    const response = await post(aSlashCommand({ command: '/invoice', text: 'acme march', user: ALICE, responseUrl: slack.current.responseUrl('inv') }));

    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ response_type: 'ephemeral', text: 'Working on it…' });
    expect(slack.current.responses()).toEqual([expect.objectContaining({ response_type: 'ephemeral', replace_original: false, text: 'Acme Corp has nothing to bill in March 2026.' })]);
  });

  it('turns a click on the DM card into the core action and updates that message in place; a redelivery has the same key', async () => {
    const body = approve(dmCard, '1772470900.000100');
    await post(body);
    await post(body, 1);

    const e = entry();
    expect(core.calls[0]).toMatchObject({ method: 'review', action: { verb: 'approve', ownerId: card.ownerId, date: DAY, entryId: e?.id, version: e?.version } });
    expect(core.calls.map((c) => c.ctx.deliveryKey)).toEqual(['slack:act:1772470800.000777:1772470900.000100', 'slack:act:1772470800.000777:1772470900.000100']);
    expect(slack.current.callsTo('chat.update').map((c) => [c.params.channel, c.params.ts])).toEqual([[ALICE_DM, '1772470800.000777'], [ALICE_DM, '1772470800.000777']]);
    expect(await findSummaryCard(database.current.db, card.ownerId, DAY, 'slack')).toMatchObject({ conversationId: ALICE_DM, messageId: '1772470800.000777' });
  });

  it('replaces an ephemeral card through response_url (replace_original), not chat.update', async () => {
    await post(approve({ type: 'message', message_ts: '1772470800.000888', channel_id: 'C0ACME001', is_ephemeral: true }));

    expect(outboundCalls(slack.current)).toEqual(['respond']);
    expect(slack.current.responses()[0]).toMatchObject({ response_type: 'ephemeral', replace_original: true });
  });

  it('refuses to update a card that is not in the actor’s DM, answering ephemerally instead', async () => {
    await post(approve({ type: 'message', message_ts: '1772470800.000999', channel_id: 'C0ACME001', is_ephemeral: false }));

    expect(slack.current.callsTo('chat.update')).toEqual([]);
    expect(slack.current.responses()).toEqual([expect.objectContaining({ response_type: 'ephemeral', replace_original: false })]);
  });

  it('never posts into a conversation Slack does not call an IM', async () => {
    slack.current.setDm(ALICE, { id: 'C0GROUP01', isIm: false });
    await post(summary());

    expect(slack.current.callsTo('chat.postMessage')).toEqual([]);
    expect(slack.current.responses()).toHaveLength(1);
    expect(await findSummaryCard(database.current.db, card.ownerId, DAY, 'slack')).toBeNull();
  });

  it('opens the Edit modal with views.open as the first call after the click, then fills it in with views.update', async () => {
    const e = entry();
    await post(aBlockAction({ user: ALICE, actionId: 'review.edit', value: JSON.stringify({ verb: 'edit', ownerId: card.ownerId, date: DAY, entryId: e?.id, version: e?.version }), responseUrl: slack.current.responseUrl('edit'), container: dmCard, triggerId: 'trig-edit' }));

    expect(outboundCalls(slack.current)).toEqual(['views.open', 'views.update']);
    const [opened] = slack.current.callsTo('views.open');
    expect(opened?.params.trigger_id).toBe('trig-edit');
    const form = JSON.parse(slack.current.callsTo('views.update')[0]?.params.view ?? '{}') as { callback_id: string; private_metadata: string };
    expect(form.callback_id).toBe('review.edit_submit');
    expect(JSON.parse(form.private_metadata)).toEqual({ ownerId: card.ownerId, date: DAY, entryId: e?.id, version: e?.version, channel: ALICE_DM, ts: '1772470800.000777' });
    expect(core.calls).toEqual([]);
  });

  it('keeps the Edit modal open with the error on the field the core names, and closes it and updates the DM card when valid', async () => {
    const e = entry();
    const metadata = JSON.stringify({ ownerId: card.ownerId, date: DAY, entryId: e?.id, version: e?.version, channel: ALICE_DM, ts: '1772470800.000777' });
    const submit = (hours: string) => aViewSubmission({ user: ALICE, callbackId: 'review.edit_submit', privateMetadata: metadata, values: { narrative: 'Drafted the claim chart', hours, task_code: '', activity_code: 'A103' } });
    core.answer = (call): Reply => (call.method === 'review' && call.action.edit?.hours === 'abc' ? { kind: 'text', text: 'Hours: "abc" is not a duration — try 1.5, 1h30m or 90m; narrative: at most 80 characters.' } : card);

    const refused = await post(submit('abc'));
    const accepted = await post(submit('1.5'));

    expect(refused.status).toBe(200);
    expect(JSON.parse(refused.body)).toEqual({ response_action: 'errors', errors: { hours: '"abc" is not a duration — try 1.5, 1h30m or 90m', narrative: 'at most 80 characters' } });
    expect([accepted.status, accepted.body]).toEqual([200, '']);
    expect(core.calls[1]).toMatchObject({ method: 'review', action: { verb: 'edit', entryId: e?.id, edit: { narrative: 'Drafted the claim chart', hours: '1.5', taskCode: '', activityCode: 'A103' } } });
    expect(core.calls[0]?.ctx.deliveryKey).not.toBe(core.calls[1]?.ctx.deliveryKey);
    expect(slack.current.callsTo('chat.update').map((c) => [c.params.channel, c.params.ts])).toEqual([[ALICE_DM, '1772470800.000777']]);
  });

  it('uploads invoice files into the requester’s DM through the external upload, and says so ephemerally', async () => {
    core.answer = (): Reply => ({ kind: 'files', text: 'Invoice 2026-0001.', files: [{ name: '2026-0001.pdf', url: 'http://localhost/files/t', content: Buffer.from('%PDF-1.7 fake') }, { name: '2026-0001.txt', url: 'http://localhost/files/u', content: 'LEDES1998B[]' }] });
    await post(aBlockAction({ user: ALICE, actionId: 'invoice.file.pdf', value: JSON.stringify({ verb: 'file', invoiceId: 'inv-1', format: 'pdf' }), responseUrl: slack.current.responseUrl('file') }));

    expect(core.calls[0]).toMatchObject({ method: 'invoice', action: { verb: 'file', invoiceId: 'inv-1', format: 'pdf' } });
    expect(slack.current.callsTo('files.getUploadURLExternal').map((c) => c.params.filename).sort()).toEqual(['2026-0001.pdf', '2026-0001.txt']);
    expect(slack.current.callsTo('upload').map((c) => c.raw).join('')).toContain('%PDF-1.7 fake');
    const [complete] = slack.current.callsTo('files.completeUploadExternal');
    expect(complete?.params.channel_id).toBe(ALICE_DM);
    expect(JSON.parse(complete?.params.files ?? '[]')).toHaveLength(2);
    expect(slack.current.responses()[0]).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('direct messages') });
  });
});
