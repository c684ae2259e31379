import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findConversationReference } from '../../../../src/db/repositories/conversation.repository.js';
import { findUserById } from '../../../../src/db/repositories/user.repository.js';
import type { Reply } from '../../../../src/bots/views/reply.js';
import { cardAction, recordingCore, seedTeamsUser, startTeamsHarness, teamsActivity, type TeamsHarness } from '../../../support/teams-harness.js';
import { databaseKinds, useTestDatabase } from '../../../support/test-database.js';

const AAD = '0a11ce00-0000-4000-8000-0000000000b1';
const ENTRY = { ownerId: 1, date: '2026-03-02', entryId: 'e1', version: 1 };
const REVIEW: Reply = { kind: 'daily-review', ownerId: 1, ownerName: 'Lee', date: '2026-03-02', title: 't', subtitle: 's', pending: [], done: [], approveAll: null, complete: null, recentMatters: [], note: null };

describe.each(databaseKinds())('Teams turns on %s', (kind) => {
  const t = useTestDatabase(kind);
  let answer: Reply = { kind: 'text', text: 'done' };
  const recorder = recordingCore(() => answer);
  let h: TeamsHarness;
  let userId: number;
  beforeAll(async () => {
    h = await startTeamsHarness({ db: t.current.db, core: recorder.core });
  });
  afterAll(async () => h.close());
  beforeEach(async () => {
    recorder.calls.length = 0;
    h.connector.calls.length = 0;
    answer = { kind: 'text', text: 'done' };
    userId = await seedTeamsUser(t.current.db, 'lee@test.example', AAD);
  });

  it.each([
    ['time 1.5 acme-001 drafted motion to compel', 'time', '1.5 acme-001 drafted motion to compel'],
    ['/invoice acme march', 'invoice', 'acme march'],
    ['help', 'tally', 'help'],
    ['summary yesterday', 'tally', 'summary yesterday'],
    ['<p>tally summary</p>', 'tally', 'summary'],
    ['', 'tally', 'help'],
  ])('runs %j in a 1:1 chat as the %s command and replies in that chat', async (text, name, rest) => {
    const activity = teamsActivity(h, AAD, { type: 'message', text });
    expect((await h.signedPost(activity)).status).toBe(200);
    expect(recorder.calls).toEqual([{ method: 'command', name, text: rest, ctx: expect.objectContaining({ platform: 'teams', platformUserId: AAD, deliveryKey: `teams:${String(activity.id)}` }) }]);
    const [sent] = h.connector.messagesIn(`a:dm-${AAD}`);
    expect(sent?.body).toMatchObject({ type: 'message', text: 'done' });
    expect(await findConversationReference(t.current.db, userId, 'teams')).toMatchObject({ serviceUrl: h.connector.serviceUrl, conversation: { id: `a:dm-${AAD}`, conversationType: 'personal' } });
  });

  it('sends a card reply as one Adaptive Card attachment', async () => {
    answer = REVIEW;
    await h.signedPost(teamsActivity(h, AAD, { type: 'message', text: 'summary' }));
    const [sent] = h.connector.messagesIn(`a:dm-${AAD}`);
    expect(sent?.body.attachments).toEqual([{ contentType: 'application/vnd.microsoft.card.adaptive', content: expect.objectContaining({ type: 'AdaptiveCard' }) }]);
  });

  it.each(['groupChat', 'channel'] as const)('refuses a message in a %s without echoing it or running anything', async (type) => {
    const activity = teamsActivity(h, AAD, { type: 'message', text: 'time 2 acme-001 secret strategy memo' }, type);
    expect((await h.signedPost(activity)).status).toBe(200);
    expect(recorder.calls).toHaveLength(0);
    const sent = h.connector.messagesIn('19:group@thread.v2');
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0]?.body)).not.toContain('secret');
    expect(await findConversationReference(t.current.db, userId, 'teams')).toBeNull();
  });

  it('answers an approve click with the refreshed card in the invoke response (Universal Actions)', async () => {
    answer = REVIEW;
    const data = { action: { verb: 'approve', ownerId: 1, date: '2026-03-02', entryId: 'e1', version: 3 } };
    const { status, body } = await h.signedPost(teamsActivity(h, AAD, cardAction('review.approve', data)));
    expect(status).toBe(200);
    expect(body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: expect.objectContaining({ type: 'AdaptiveCard' }) });
    expect(recorder.calls).toEqual([expect.objectContaining({ method: 'review', action: { verb: 'approve', ownerId: 1, date: '2026-03-02', entryId: 'e1', version: 3 } })]);
    expect(h.connector.calls).toHaveLength(0);
  });

  it.each([
    ['an edit form', 'review.edit', { action: { verb: 'edit', ...ENTRY }, 'edit.e1.narrative': 'Drafted motion', 'edit.e1.hours': 1.5, 'edit.e1.taskCode': 'L120' }, { method: 'review', action: { verb: 'edit', ...ENTRY, edit: { narrative: 'Drafted motion', hours: '1.5', taskCode: 'L120' } } }],
    ['a matter choice', 'review.change_matter', { action: { verb: 'change_matter', ...ENTRY }, 'change.e1.matter': 'ACME-002' }, { method: 'review', action: { verb: 'change_matter', ...ENTRY, matter: 'ACME-002' } }],
    ['show all', 'review.show_all', { action: { verb: 'show_all', ownerId: 1, date: '2026-03-02' } }, { method: 'review', action: { verb: 'show_all', ownerId: 1, date: '2026-03-02' } }],
    ['a choice', 'reply.choose', { value: 'invoice ACME march' }, { method: 'command', name: 'invoice', text: 'ACME march' }],
    ['the Add time form', 'review.add_time', { day: { ownerId: 1, date: '2026-03-02' }, 'addtime.hours': 1.5, 'addtime.matter': 'ACME-001', 'addtime.narrative': 'Drafted motion' }, { method: 'command', name: 'time', text: '2026-03-02 1.5 ACME-001 Drafted motion' }],
  ])('passes %s to the core', async (_name, verb, data, call) => {
    await h.signedPost(teamsActivity(h, AAD, cardAction(verb, data)));
    expect(recorder.calls).toEqual([expect.objectContaining(call)]);
  });

  it('puts the command in front of each choice, so a click runs the same command', async () => {
    answer = { kind: 'choices', text: 'Which client?', choices: [{ label: 'ACME — Acme Corp', value: 'ACME march' }] };
    await h.signedPost(teamsActivity(h, AAD, { type: 'message', text: 'invoice ac march' }));
    const [sent] = h.connector.messagesIn(`a:dm-${AAD}`);
    expect(JSON.stringify(sent?.body)).toContain('"verb":"reply.choose","data":{"value":"invoice ACME march"}');
  });

  it('answers an Add time form without a matter with a message and runs nothing', async () => {
    const { body } = await h.signedPost(teamsActivity(h, AAD, cardAction('review.add_time', { day: { ownerId: 1, date: '2026-03-02' }, 'addtime.hours': 1 })));
    expect(body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: 'Choose a matter for the time you add.' });
    expect(recorder.calls).toHaveLength(0);
  });

  it('routes pre-bill buttons to the invoice action', async () => {
    await h.signedPost(teamsActivity(h, AAD, cardAction('invoice.file.ledes', { action: { verb: 'file', invoiceId: 'inv1', format: 'ledes' } })));
    expect(recorder.calls).toEqual([expect.objectContaining({ method: 'invoice', action: { verb: 'file', invoiceId: 'inv1', format: 'ledes' } })]);
  });

  it.each([
    ['an unknown verb', 'review.delete_everything', { action: { verb: 'approve', ...ENTRY } }],
    ['hours smuggled into a button', 'review.approve', { action: { verb: 'approve', ...ENTRY, billedMinutes: 600 } }],
    ['a key beside the button no card renders', 'review.approve', { action: { verb: 'approve', ...ENTRY }, billedMinutes: 600 }],
    ['a data verb that disagrees with the action', 'review.approve', { action: { verb: 'undo', ...ENTRY } }],
    ['an entry verb without its entry', 'review.approve', { action: { verb: 'approve', ownerId: 1, date: '2026-03-02' } }],
    ['the old flat payload', 'review.approve', { verb: 'approve', ...ENTRY }],
    ['an over-long edit narrative', 'review.edit', { action: { verb: 'edit', ...ENTRY }, 'edit.e1.narrative': 'x'.repeat(10_001) }],
    ['a choice with more than its value', 'reply.choose', { value: 'invoice acme march', ownerId: 2 }],
    ['a choice under another verb', 'review.add_time', { value: 'invoice acme march' }],
  ])('answers %s with a message and runs nothing', async (_name, verb, data) => {
    const { status, body } = await h.signedPost(teamsActivity(h, AAD, cardAction(verb, data)));
    expect(status).toBe(200);
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(recorder.calls).toHaveLength(0);
  });

  it('saves the 1:1 chat on install and clears a previous block', async () => {
    await t.current.db.updateTable('users').set({ unreachable_at: new Date() }).where('id', '=', userId).execute();
    const { status } = await h.signedPost(teamsActivity(h, AAD, { type: 'conversationUpdate', membersAdded: [{ id: `28:${h.config.appId}` }] }));
    expect(status).toBe(200);
    expect(await findConversationReference(t.current.db, userId, 'teams')).toMatchObject({ conversation: { conversationType: 'personal' } });
    expect((await findUserById(t.current.db, userId))?.unreachableAt).toBeNull();
    expect(h.connector.calls).toHaveLength(0);
  });
});
