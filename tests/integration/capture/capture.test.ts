import { describe, expect, it } from 'vitest';
import { captureDay } from '../../../src/capture/capture.service.js';
import { readActivityFile } from '../../../src/capture/sources/jsonl-file.js';
import type { Activity } from '../../../src/core/activity.js';
import { SYSTEM_ACTOR } from '../../../src/core/audit.js';
import { transaction } from '../../../src/db/connection.js';
import { listAudit } from '../../../src/db/repositories/audit.repository.js';
import { changeEntryStatus, editEntry } from '../../../src/db/repositories/time-entry.repository.js';
import { captureDeps, captureFixture, entryRows, LAWYER_DAYS, minutesByMatter, seedExampleFirm } from '../../support/capture-harness.js';
import { databaseKinds, useTestDatabase } from '../../support/test-database.js';

const lawyer = { actor: { ...SYSTEM_ACTOR, label: 'test-lawyer', via: 'cli' as const } };

describe.each(databaseKinds())('capture and drafting on %s', (kind) => {
  const t = useTestDatabase(kind);

  it.each([
    ['2026-03-02', {
      'alice|GLOBEX-001': [98, 96], // 60 meeting (its email absorbed) + 2 emails 12 + document session 20→18 (Globex rounds down) + injection email 6
      'alice|unassigned': [30, 30], // internal team sync
      'robert|ACME-001': [70, 72], // deposition prep 60 + Slack session 10→12
      'robert|NW-001': [30, 30], // the overlapping Northwind call keeps only its last 30 minutes
      'robert|GLOBEX-001': [6, 6], // "bill 10 hours" email: still 6 minutes
      'robert|unassigned': [30, 30], // Acme has two open matters and the title names neither
    }],
    ['2026-03-03', {
      'ben|NW-002': [57, 60], // Northwind rounds to the nearest 15 with a 15-minute minimum
      'ben|FIRM-ADMIN': [30, 30],
      'carla|ACME-001': [40, 48], // privilege-log sessions 14→18 and 6→6, call 20→24
      'carla|unassigned': [66, 66],
    }],
    ['2026-03-04', { 'alice|GLOBEX-001': [516, 516] }],
  ])('drafts %s from timestamps only: minutes per person and matter', async (date, expected) => {
    await seedExampleFirm(t.current.db);
    await captureFixture(t.current.db, date);
    expect(minutesByMatter(await entryRows(t.current.db, date))).toEqual(expected);
  });

  it('drops personal items, absorbs an email sent during a meeting and skips sources a person has not allowed', async () => {
    await seedExampleFirm(t.current.db);
    const summary = await captureFixture(t.current.db, '2026-03-03');
    expect(summary.notAllowed).toBe(1); // Ben does not allow documents
    const rows = await entryRows(t.current.db, '2026-03-03');
    const used = rows.flatMap((r) => r.activityIds);
    expect(used).not.toContain('fx:ben:0303:5'); // "Lunch with Sarah"
    expect(used).not.toContain('fx:ben:0303:2'); // Ben's document
    await captureFixture(t.current.db, '2026-03-02');
    const monday = (await entryRows(t.current.db, '2026-03-02')).flatMap((r) => r.activityIds);
    expect(monday).not.toContain('fx:robert:0302:3'); // email during the meeting
    expect(monday).not.toContain('fx:robert:0302:6'); // dentist
  });

  it('carries guideline warnings and the internal-only suggestion', async () => {
    await seedExampleFirm(t.current.db);
    await captureFixture(t.current.db, '2026-03-04');
    const rows = await entryRows(t.current.db, '2026-03-04');
    expect(rows.every((r) => r.warnings.includes('max_hours_per_day'))).toBe(true);
    expect(rows.find((r) => r.activityIds.includes('fx:alice:0304:1'))?.warnings).toEqual(['banned_phrase', 'max_hours_per_day']);
    await captureFixture(t.current.db, '2026-03-03');
    expect((await entryRows(t.current.db, '2026-03-03')).find((r) => r.matter === 'FIRM-ADMIN')?.warnings).toEqual(['suggested_non_billable']);
  });

  it('lets prompt-injection titles change nothing: minutes from timestamps, the domain decides the matter, drafts stay drafts', async () => {
    await seedExampleFirm(t.current.db);
    await captureFixture(t.current.db, '2026-03-02');
    const rows = await entryRows(t.current.db, '2026-03-02');
    const injected = rows.filter((r) => r.activityIds.some((id) => ['fx:robert:0302:7', 'fx:alice:0302:7', 'fx:robert:0302:8'].includes(id)));
    expect(injected.map((r) => [r.matter, r.actual, r.status])).toEqual([
      ['GLOBEX-001', 6, 'draft'],
      ['GLOBEX-001', 6, 'draft'],
      [null, 30, 'draft'],
    ]);
    expect(injected.every((r) => !/10 hours/.test(r.narrative))).toBe(true);
    expect(rows.every((r) => r.status === 'draft')).toBe(true);
  });

  it('changes nothing when the same day is captured again, and writes no audit rows', async () => {
    await seedExampleFirm(t.current.db);
    const first = await captureFixture(t.current.db, '2026-03-02');
    expect(first).toMatchObject({ created: 10, refreshed: 0, deleted: 0, unchanged: 0 });
    const before = await entryRows(t.current.db, '2026-03-02');
    const audits = (await listAudit(t.current.db)).length;
    const again = await captureFixture(t.current.db, '2026-03-02');
    expect(again).toMatchObject({ activitiesStored: 0, created: 0, refreshed: 0, deleted: 0, unchanged: 10 });
    expect(await entryRows(t.current.db, '2026-03-02')).toEqual(before);
    expect((await listAudit(t.current.db)).length).toBe(audits);
  });

  it('never touches an entry a person approved or edited, even when its activities change; a later activity makes a new draft', async () => {
    await seedExampleFirm(t.current.db);
    await captureFixture(t.current.db, '2026-03-02');
    const rows = await entryRows(t.current.db, '2026-03-02');
    const meeting = rows.find((r) => r.activityIds.includes('fx:robert:0302:1'));
    const call = rows.find((r) => r.activityIds.includes('fx:robert:0302:2'));
    const brief = rows.find((r) => r.activityIds.includes('fx:alice:0302:doc0'));
    if (!meeting || !call || !brief) throw new Error('fixture entries missing');
    await transaction(t.current.db, async (tx) => {
      await changeEntryStatus(tx, { id: meeting.id, expectedVersion: meeting.version, to: 'approved', actor: lawyer.actor });
      await editEntry(tx, brief.id, brief.version, { narrative: 'Draft and revise Markman brief section III' }, lawyer.actor);
    });

    const all = await readActivityFile(LAWYER_DAYS);
    const moved = (a: Activity): Activity =>
      a.id === 'fx:robert:0302:1' ? { ...a, start: new Date('2026-03-02T13:00:00Z') } // the approved meeting now "started" an hour earlier
        : a.id === 'fx:alice:0302:doc2' ? { ...a, start: new Date('2026-03-02T19:55:00Z'), end: new Date('2026-03-02T19:55:00Z') } // the edited session grew
          : a.id === 'fx:robert:0302:2' ? { ...a, end: new Date('2026-03-02T15:45:00Z') } // the untouched call ran longer
            : a;
    const later: Activity = { id: 'fx:robert:0302:late', source: 'email', user: 'robert@arnsley.example', start: new Date('2026-03-02T22:00:00Z'), end: new Date('2026-03-02T22:00:00Z'), title: 'Beta deposition notice', participants: ['jdoe@acme.com'], ref: null, meta: {} };
    const summary = await captureDay(captureDeps(t.current.db), { date: '2026-03-02', activities: [...all.map(moved), later] });
    expect(summary).toMatchObject({ created: 1, refreshed: 1, deleted: 0 });

    const after = await entryRows(t.current.db, '2026-03-02');
    expect(after.find((r) => r.id === meeting.id)).toMatchObject({ status: 'approved', actual: 60 });
    expect(after.find((r) => r.id === brief.id)).toMatchObject({ actual: 20, narrative: 'Draft and revise Markman brief section III' });
    expect(after.find((r) => r.id === call.id)).toMatchObject({ actual: 45, status: 'draft' }); // 15:00–15:45 outside the approved meeting
    expect(after.find((r) => r.activityIds.includes('fx:robert:0302:late'))).toMatchObject({ matter: 'ACME-001', actual: 6 });
    expect(after.filter((r) => r.activityIds.includes('fx:robert:0302:1'))).toHaveLength(1);
  });

  it('learns from what a person approved: the same client contact goes to the same matter next time', async () => {
    await seedExampleFirm(t.current.db);
    await captureFixture(t.current.db, '2026-03-03');
    const email = (await entryRows(t.current.db, '2026-03-03')).find((r) => r.activityIds.includes('fx:carla:0303:1'));
    expect(email?.matter).toBeNull(); // Acme has two open matters and "Document production volume 3" names neither
    const acme1 = (await entryRows(t.current.db, '2026-03-03')).find((r) => r.matter === 'ACME-001');
    const matterId = await t.current.db.selectFrom('time_entries').select('matter_id').where('id', '=', acme1?.id ?? '').executeTakeFirstOrThrow();
    await transaction(t.current.db, async (tx) => {
      const edited = await editEntry(tx, email?.id ?? '', email?.version ?? 0, { matterId: matterId.matter_id }, lawyer.actor);
      await changeEntryStatus(tx, { id: edited.id, expectedVersion: edited.version, to: 'approved', actor: lawyer.actor });
    });
    const next: Activity = { id: 'fx:carla:0305:1', source: 'email', user: 'carla@arnsley.example', start: new Date('2026-03-05T18:00:00Z'), end: new Date('2026-03-05T18:00:00Z'), title: 'Production status', participants: ['jdoe@acme.com'], ref: null, meta: {} };
    await captureDay(captureDeps(t.current.db), { date: '2026-03-05', activities: [next] });
    expect((await entryRows(t.current.db, '2026-03-05')).map((r) => r.matter)).toEqual(['ACME-001']);
  });

  it('never drafts the same group twice when two captures of one day run at once', async () => {
    await seedExampleFirm(t.current.db);
    const activities = await readActivityFile(LAWYER_DAYS);
    await Promise.all([captureFixture(t.current.db, '2026-03-02', activities), captureFixture(t.current.db, '2026-03-02', activities)]);
    const rows = await entryRows(t.current.db, '2026-03-02');
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map((r) => r.activityIds.join()))).toHaveProperty('size', 10);
  });
});
