import { describe, expect, it } from 'vitest';
import { buildCapture } from '../../../src/capture/capture-wiring.js';
import { captureDay } from '../../../src/capture/capture.service.js';
import { listAudit } from '../../../src/db/repositories/audit.repository.js';
import { getSyncState } from '../../../src/db/repositories/sync-state.repository.js';
import { listEntries } from '../../../src/db/repositories/time-entry.repository.js';
import { findUserByEmail } from '../../../src/db/repositories/user.repository.js';
import { entryRows, minutesByMatter, quietLogger, seedExampleFirm } from '../../support/capture-harness.js';
import { useFakeGraph } from '../../support/fakes/fake-graph-context.js';
import { FakeOpenAiServer, sentEntries, type FakeChatRequest } from '../../support/fakes/fake-openai-server.js';
import { databaseKinds, useTestDatabase } from '../../support/test-database.js';

const ALICE = 'alice@arnsley.example';
const BEN = 'ben@arnsley.example';
const DAY = '2026-03-02';
const now = () => new Date('2026-03-03T12:00:00Z');

describe.each(databaseKinds())('capture end to end through Microsoft Graph on %s', (kind) => {
  const t = useTestDatabase(kind);
  const fake = useFakeGraph();

  function seedMailboxes() {
    // Alice is in Chicago (UTC-6): her 2 March runs 06:00Z to 06:00Z next day.
    fake.current.mailbox(ALICE)
      .putEvent({ id: 'ev-1', subject: "Globex '882 — claim construction strategy", start: '2026-03-02T15:00:00Z', end: '2026-03-02T16:00:00Z', response: 'accepted', attendees: ['ip@globex.com', ALICE] })
      .putEvent({ id: 'ev-2', subject: 'Declined lunch', start: '2026-03-02T18:00:00Z', end: '2026-03-02T19:00:00Z', response: 'declined' })
      .putSentMessage({ id: 'm-1', subject: 'RE: claim construction schedule', sentDateTime: '2026-03-02T15:20:00Z', to: ['ip@globex.com'], body: 'privileged body that must never be requested' })
      .putSentMessage({ id: 'm-2', subject: 'Expert declaration comments', sentDateTime: '2026-03-02T16:30:00Z', to: ['ip@globex.com'] })
      .putDriveItem({ id: 'd-1', name: 'Globex_Markman_Brief_v2.docx', lastModifiedDateTime: '2026-03-02T19:30:00Z', lastModifiedBy: { email: ALICE } });
    // Ben (London) has not allowed documents: his drive must never be read.
    fake.current.mailbox(BEN)
      .putEvent({ id: 'ev-b', subject: 'USPTO office action — Northwind trademark', start: '2026-03-02T09:00:00Z', end: '2026-03-02T09:45:00Z', response: 'accepted', attendees: ['brand@northwind.com'] })
      .putDriveItem({ id: 'd-b', name: 'Office_Action_Response.docx', lastModifiedDateTime: '2026-03-02T10:00:00Z', lastModifiedBy: { email: BEN } });
  }

  async function capture(narratorUrl?: string) {
    const config = { graph: fake.current.graphConfig(), slack: null, openai: narratorUrl ? { apiKey: 'test-key', baseUrl: narratorUrl, model: 'test-model' } : null };
    const deps = await buildCapture(t.current.db, config, { now, logger: quietLogger });
    return captureDay(deps, { date: DAY });
  }

  it('reads each person\'s allowed sources through the real SDK, drafts them, and changes nothing the second time', async () => {
    await seedExampleFirm(t.current.db);
    seedMailboxes();
    fake.current.failNext(1, { status: 429, retryAfter: '1' });
    const first = await capture();
    expect(first.sourceErrors).toEqual([]);
    expect(minutesByMatter(await entryRows(t.current.db, DAY))).toEqual({
      'alice|GLOBEX-001': [60 + 6 + 6, 60 + 6 + 6], // meeting (the 15:20 email falls inside it), the 16:30 email, one document edit
      'ben|NW-002': [45, 45],
    });
    expect(fake.current.requestsTo(`/users/${BEN}/drive`)).toEqual([]);
    expect(fake.current.requestsTo('messages/delta').every((r) => !/body/i.test(r.query.$select ?? 'body'))).toBe(true);
    const alice = await findUserByEmail(t.current.db, ALICE);
    expect((await getSyncState(t.current.db, alice?.id ?? 0, `calendar:${DAY}`))?.cursor).toMatch(/deltatoken|delta/i);

    const audits = (await listAudit(t.current.db)).length;
    const second = await capture();
    expect(second).toMatchObject({ created: 0, refreshed: 0, deleted: 0, activitiesStored: 0 });
    expect((await listAudit(t.current.db)).length).toBe(audits);
  });

  it('resyncs after the delta links expire (410) without duplicating anything', async () => {
    await seedExampleFirm(t.current.db);
    seedMailboxes();
    await capture();
    const before = await entryRows(t.current.db, DAY);
    fake.current.expireDeltaLinks();
    const again = await capture();
    expect(again).toMatchObject({ created: 0, refreshed: 0, deleted: 0 });
    expect(await entryRows(t.current.db, DAY)).toEqual(before);
  });

  it('takes narratives from the language model but never its minutes or matter; a failure keeps the template with a warning', async () => {
    await seedExampleFirm(t.current.db);
    seedMailboxes();
    const llm = await FakeOpenAiServer.start();
    try {
      llm.reply({
        kind: 'answer',
        build: (request: FakeChatRequest) => ({
          entries: sentEntries(request).map((e) => ({ id: e.id, narrative: 'Confer with client re claim construction positions', taskCode: 'L110', activityCode: 'A106' })),
        }),
      });
      await capture(llm.baseUrl);
      const rows = await entryRows(t.current.db, DAY);
      expect(minutesByMatter(rows)).toEqual({ 'alice|GLOBEX-001': [72, 72], 'ben|NW-002': [45, 45] });
      expect(rows.every((r) => r.narrative === 'Confer with client re claim construction positions' && r.warnings.length === 0)).toBe(true);
      expect(llm.requests).toHaveLength(2); // one call per person-day
      expect(llm.requests.every((r) => r.body.store === false)).toBe(true);
      expect(JSON.stringify(llm.requests.map((r) => r.body))).not.toContain('privileged body');
      // Capturing the same day again asks the model nothing and changes nothing (the codes it filled included).
      const versions = await listEntries(t.current.db, { from: DAY, to: DAY });
      await capture(llm.baseUrl);
      expect(llm.requests).toHaveLength(2);
      expect(await listEntries(t.current.db, { from: DAY, to: DAY })).toEqual(versions);

      await t.current.reset();
      await seedExampleFirm(t.current.db);
      llm.reply({ kind: 'error', status: 500 });
      await capture(llm.baseUrl);
      const fallback = await entryRows(t.current.db, DAY);
      expect(minutesByMatter(fallback)).toEqual({ 'alice|GLOBEX-001': [72, 72], 'ben|NW-002': [45, 45] });
      expect(fallback.every((r) => r.warnings.includes('narrative_fallback'))).toBe(true);
      expect(fallback.every((r) => r.narrative.length > 0 && r.narrative !== 'Confer with client re claim construction positions')).toBe(true);
    } finally {
      await llm.close();
    }
  });
});
