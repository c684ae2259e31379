import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findConversationReference, saveConversationReference } from '../../../../src/db/repositories/conversation.repository.js';
import { findUserById } from '../../../../src/db/repositories/user.repository.js';
import type { User } from '../../../../src/core/firm.js';
import { recordingCore, seedTeamsUser, startTeamsHarness, teamsActivity, type TeamsHarness } from '../../../support/teams-harness.js';
import { databaseKinds, useTestDatabase } from '../../../support/test-database.js';

const AAD = '0a11ce00-0000-4000-8000-0000000000c1';

describe.each(databaseKinds())('Teams proactive DMs on %s', (kind) => {
  const t = useTestDatabase(kind);
  let h: TeamsHarness;
  let user: User;
  beforeAll(async () => {
    h = await startTeamsHarness({ db: t.current.db, core: recordingCore().core });
  });
  afterAll(async () => h.close());
  beforeEach(async () => {
    h.connector.calls.length = 0;
    const id = await seedTeamsUser(t.current.db, 'max@test.example', AAD);
    user = (await findUserById(t.current.db, id)) as User;
  });

  it('opens the 1:1 chat with createConversation when none is saved, posts into it and saves it', async () => {
    const posted = await h.edge.messenger.postToDm(user, { kind: 'text', text: 'Your card' });
    const [create, send] = h.connector.calls;
    expect(create).toMatchObject({ kind: 'createConversation', token: h.connector.token, body: { isGroup: false, members: [{ id: AAD }], tenantId: h.config.tenantId } });
    expect(send).toMatchObject({ kind: 'send', conversationId: posted.conversationId, body: { type: 'message', text: 'Your card' } });
    expect(posted).toEqual({ platform: 'teams', conversationId: 'a:conv-1', messageId: expect.stringMatching(/^activity-/) });
    expect(await findConversationReference(t.current.db, user.id, 'teams')).toMatchObject({ conversation: { id: 'a:conv-1', conversationType: 'personal' } });

    await h.edge.messenger.postToDm(user, { kind: 'text', text: 'Again' });
    expect(h.connector.calls.map((c) => c.kind)).toEqual(['createConversation', 'send', 'send']);
  });

  it('continues the chat saved on install, then updates the card in place', async () => {
    await h.signedPost(teamsActivity(h, AAD, { type: 'installationUpdate', action: 'add' }));
    const posted = await h.edge.messenger.postToDm(user, { kind: 'text', text: 'Daily card' });
    expect(posted.conversationId).toBe(`a:dm-${AAD}`);
    await h.edge.messenger.updateInDm(user, posted, { kind: 'text', text: 'Updated' });
    expect(h.connector.calls.map((c) => [c.kind, c.conversationId])).toEqual([['send', `a:dm-${AAD}`], ['update', `a:dm-${AAD}`]]);
    expect(h.connector.calls[1]).toMatchObject({ activityId: posted.messageId, body: { text: 'Updated' } });
  });

  it('never uses a saved group conversation: it opens the 1:1 chat instead', async () => {
    await saveConversationReference(t.current.db, user.id, 'teams', { serviceUrl: h.connector.serviceUrl, channelId: 'msteams', conversation: { id: '19:group@thread.v2', conversationType: 'groupChat' } });
    await h.edge.messenger.postToDm(user, { kind: 'text', text: 'Private' });
    expect(h.connector.calls.map((c) => c.kind)).toEqual(['createConversation', 'send']);
    expect(h.connector.calls.some((c) => c.conversationId === '19:group@thread.v2')).toBe(false);
    await expect(h.edge.messenger.updateInDm(user, { platform: 'teams', conversationId: '19:group@thread.v2', messageId: 'm1' }, { kind: 'text', text: 'x' })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('marks a person who blocked Tally unreachable, throws UNAVAILABLE and stops sending', async () => {
    h.connector.blockUser(AAD);
    await expect(h.edge.messenger.postToDm(user, { kind: 'text', text: 'Card' })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    const blocked = (await findUserById(t.current.db, user.id)) as User;
    expect(blocked.unreachableAt).toBeInstanceOf(Date);
    const calls = h.connector.calls.length;
    await expect(h.edge.messenger.postToDm(blocked, { kind: 'text', text: 'Card' })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(h.connector.calls).toHaveLength(calls);
  });

  it('refuses someone with no Microsoft account linked, without calling out', async () => {
    const id = await seedTeamsUser(t.current.db, 'nobody@test.example', null);
    await expect(h.edge.messenger.postToDm((await findUserById(t.current.db, id)) as User, { kind: 'text', text: 'x' })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(h.connector.calls).toHaveLength(0);
  });
});
