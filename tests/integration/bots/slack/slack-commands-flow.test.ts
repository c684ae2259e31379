import { describe, expect, it } from 'vitest';
import { createManualEntry } from '../../../../src/billing/manual-entry.service.js';
import { listMatters } from '../../../../src/db/repositories/matter.repository.js';
import { seedApprovedMarch } from '../../../support/billing-harness.js';
import { outboundCalls } from '../../../support/slack-harness.js';
import { aBlockAction, aSlashCommand, aViewSubmission } from '../../../support/slack-sign.js';
import { databaseKinds } from '../../../support/test-database.js';
import { userId } from '../review/review-harness.js';
import { blocksOf, buttonValue, deliver, DMS, SLACK_IDS, useSlackRealFlow } from './slack-flow.js';

describe.each(databaseKinds())('Slack commands on the real server and core (%s)', (kind) => {
  const fx = useSlackRealFlow(kind, { seed: seedApprovedMarch });
  const { slack, db } = fx;

  const command = (name: string, text: string, user: string) => aSlashCommand({ command: `/${name}`, text, user, responseUrl: slack.current.responseUrl(name) });

  it("gives billing the pre-bill through the response_url; its PDF button uploads into the requester's DM only", async () => {
    const response = await deliver(fx.tally, command('invoice', 'acme march', SLACK_IDS.dana));

    expect(JSON.parse(response.body)).toMatchObject({ response_type: 'ephemeral' });
    const [preBill] = slack.current.callsTo('respond');
    expect(JSON.parse(preBill?.raw ?? '{}')).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const blocks = blocksOf(preBill);
    expect(JSON.stringify(blocks)).toContain('ACME-001');
    const pdf = buttonValue(blocks, 'invoice.file.pdf');
    slack.current.resetCalls();

    const ephemeralCard = { type: 'message', message_ts: '1772470800.000321', channel_id: 'C0SOMEWHERE', is_ephemeral: true };
    await deliver(fx.tally, aBlockAction({ user: SLACK_IDS.dana, actionId: 'invoice.file.pdf', value: pdf, responseUrl: slack.current.responseUrl('pdf'), container: ephemeralCard }));

    expect(slack.current.callsTo('files.getUploadURLExternal')).toHaveLength(1);
    expect(slack.current.callsTo('upload')).toEqual([expect.objectContaining({ raw: expect.stringContaining('%PDF-') })]);
    const complete = slack.current.callsTo('files.completeUploadExternal');
    expect(complete.map((c) => c.params.channel_id)).toEqual([DMS.dana]);
    expect(slack.current.calls.filter((c) => c.params.channel !== undefined || c.params.channel_id !== undefined).every((c) => (c.params.channel ?? c.params.channel_id) === DMS.dana)).toBe(true);
    expect(slack.current.callsTo('chat.postMessage')).toEqual([]);
    expect(slack.current.responses()).toEqual([expect.objectContaining({ response_type: 'ephemeral', text: expect.stringContaining('direct messages') })]);
  });

  it('Write down… opens its modal first (views.open); a submission writes one adjustment once, replaces the ephemeral pre-bill, and a bad amount names the field', async () => {
    await deliver(fx.tally, command('invoice', 'acme march', SLACK_IDS.dana));
    const value = buttonValue(blocksOf(slack.current.callsTo('respond')[0]), 'invoice.write_down');
    const { invoiceId } = JSON.parse(value) as { invoiceId: string };
    slack.current.resetCalls();

    const ephemeralCard = { type: 'message', message_ts: '1772470800.000322', channel_id: 'C0SOMEWHERE', is_ephemeral: true };
    const responseUrl = slack.current.responseUrl('write-down');
    await deliver(fx.tally, aBlockAction({ user: SLACK_IDS.dana, actionId: 'invoice.write_down', value, responseUrl, container: ephemeralCard, triggerId: 'trig-wd-1' }));

    expect(outboundCalls(slack.current)).toEqual(['views.open']);
    expect(slack.current.callsTo('views.open')[0]?.params.trigger_id).toBe('trig-wd-1');
    const form = JSON.parse(slack.current.callsTo('views.open')[0]?.params.view ?? '{}') as { callback_id: string; private_metadata: string };
    expect(form.callback_id).toBe('invoice.write_down_submit');
    expect(JSON.parse(form.private_metadata)).toEqual({ invoiceId, responseUrl });
    const adjustments = () => db().selectFrom('invoice_lines').select(['adjustment_cents', 'amount_cents', 'adjustment_reason']).where('invoice_id', '=', invoiceId).where('kind', '=', 'adjustment').execute();
    const submit = (user: string, amount: string) => aViewSubmission({ user, callbackId: form.callback_id, privateMetadata: form.private_metadata, viewId: 'V0WD00001', values: { amount, reason: 'Duplicate research' } });

    const bad = await deliver(fx.tally, submit(SLACK_IDS.dana, 'abc'));
    expect(JSON.parse(bad.body)).toEqual({ response_action: 'errors', errors: { amount: expect.stringContaining('abc') } });
    const refused = await deliver(fx.tally, submit(SLACK_IDS.alice, '-120.00'));
    expect(JSON.parse(refused.body)).toMatchObject({ response_action: 'errors', errors: { amount: expect.stringMatching(/billing/i) } });
    expect(await adjustments()).toEqual([]);

    const accepted = await deliver(fx.tally, submit(SLACK_IDS.dana, '-120.00'));
    const again = await deliver(fx.tally, submit(SLACK_IDS.dana, '-120.00'));
    expect([accepted.status, accepted.body, again.status, again.body]).toEqual([200, '', 200, '']);
    const lines = await adjustments();
    expect(lines).toEqual([expect.objectContaining({ amount_cents: -12000 })]);
    const replaced = slack.current.callsTo('respond');
    expect(replaced.map((c) => c.params.id)).toEqual(['write-down', 'write-down']);
    expect(slack.current.responses()).toEqual(Array(2).fill(expect.objectContaining({ response_type: 'ephemeral', replace_original: true })));
    expect(JSON.stringify(blocksOf(replaced[0]))).toMatch(/ACME-001/);
    expect(slack.current.callsTo('chat.postMessage')).toEqual([]);
  });

  it('renders a 30-entry day within 50 blocks in the posted card', async () => {
    const alice = await userId(db(), 'alice');
    const matters = (await listMatters(db())).filter((m) => m.status === 'open');
    for (let i = 0; i < 30; i++) {
      const matter = matters[i % matters.length];
      await createManualEntry(db(), { ownerId: alice, matterId: matter?.id ?? 0, workDate: '2026-03-16', minutes: 12 + i, narrative: `Reviewed exhibit ${String(i + 1)} for the hearing binder`, actor: { userId: alice, label: 'Alice Harlow', via: 'slack' }, now: new Date('2026-03-16T20:00:00Z') });
    }
    await deliver(fx.tally, command('tally', 'summary 2026-03-16', SLACK_IDS.alice));

    const [posted] = slack.current.callsTo('chat.postMessage');
    expect(posted?.params.channel).toBe(DMS.alice);
    const blocks = blocksOf(posted);
    expect(blocks.length).toBeGreaterThan(10);
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(blocks)).toMatch(/Show all \(30\)/);
  });
});
