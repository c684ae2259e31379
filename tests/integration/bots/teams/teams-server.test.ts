import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { mountTeams } from '../../../../src/bots/teams/teams-app.js';
import type { Reply } from '../../../../src/bots/views/reply.js';
import { loadConfig } from '../../../../src/config.js';
import { createApp } from '../../../../src/server.js';
import { quietLogger } from '../../../support/capture-harness.js';
import { cardAction, recordingCore, seedTeamsUser, startTeamsHarness, teamsActivity, testRender } from '../../../support/teams-harness.js';
import { databaseKinds, useTestDatabase } from '../../../support/test-database.js';

const AAD = '0a11ce00-0000-4000-8000-0000000000d1';
const TEAMS_ENV = { MICROSOFT_APP_ID: 'app-id', MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TENANT_ID: 'tenant-id', LOG_LEVEL: 'silent' };

describe.each(databaseKinds())('mounting Teams on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('refuses an empty app id', () => {
    const core = recordingCore().core;
    expect(() => mountTeams(express(), { config: { appId: ' ', appPassword: 'pw', tenantId: 't', appType: 'SingleTenant' }, core, db: t.current.db, logger: quietLogger, render: testRender })).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
  });

  it('serves POST /api/messages from createApp with its own chat core when Teams is configured, refusing an unsigned request', async () => {
    const server = createApp({ config: loadConfig(TEAMS_ENV), database: t.current.handle, logger: quietLogger }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const res = await fetch(`http://127.0.0.1:${String((server.address() as AddressInfo).port)}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"message"}' });
    expect(res.status).toBe(401);
    server.close();
  });

  it('answers "working…" to an invoke past its deadline, then updates the card in place', async () => {
    let release: (reply: Reply) => void = () => undefined;
    const slow = new Promise<Reply>((resolve) => (release = resolve));
    const h = await startTeamsHarness({ db: t.current.db, core: recordingCore(() => slow).core, invokeDeadlineMs: 50 });
    try {
      await seedTeamsUser(t.current.db, 'lee@test.example', AAD);
      const { status, body } = await h.signedPost(teamsActivity(h, AAD, cardAction('review.approve_all', { action: { verb: 'approve_all', ownerId: 1, date: '2026-03-02' } }, 'card-9')));
      expect(status).toBe(200);
      expect(body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: expect.stringMatching(/^Working/) });
      release({ kind: 'text', text: 'All approved' });
      await h.background.idle();
      expect(h.connector.calls).toEqual([expect.objectContaining({ kind: 'update', conversationId: `a:dm-${AAD}`, activityId: 'card-9', body: expect.objectContaining({ text: 'All approved' }) })]);
    } finally {
      await h.close();
    }
  });
});
