import { describe, expect, it } from 'vitest';
import { approveDay } from '../../../src/billing/approval.service.js';
import { listAudit } from '../../../src/db/repositories/audit.repository.js';
import { actorOf, NOW, SHELL } from '../../support/billing-harness.js';
import { captureFixture, entryRows, seedExampleFirm } from '../../support/capture-harness.js';
import { databaseKinds, useTestDatabase } from '../../support/test-database.js';

describe.each(databaseKinds())('approving a day from the CLI on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('approves drafts with a matter, leaves unassigned ones and (unless asked) those with warnings, audited per entry', async () => {
    await seedExampleFirm(t.current.db);
    await captureFixture(t.current.db, '2026-03-02');
    const result = await approveDay(t.current.db, { ownerEmail: 'alice@arnsley.example', date: '2026-03-02', actor: SHELL }, NOW);
    expect(result).toEqual({ approved: 4, unassigned: 1, withWarnings: 0 });
    const rows = (await entryRows(t.current.db, '2026-03-02')).filter((r) => r.user === 'alice@arnsley.example');
    expect(rows.map((r) => [r.matter, r.status]).sort()).toEqual([['GLOBEX-001', 'approved'], ['GLOBEX-001', 'approved'], ['GLOBEX-001', 'approved'], ['GLOBEX-001', 'approved'], [null, 'draft']].sort());
    const audits = await listAudit(t.current.db, { action: 'entry.approved' });
    expect(audits).toHaveLength(4);
    expect(audits.every((a) => a.actor.via === 'cli' && a.actor.label === 'test-shell')).toBe(true);
    expect(await approveDay(t.current.db, { ownerEmail: 'alice@arnsley.example', date: '2026-03-02', actor: SHELL }, NOW)).toEqual({ approved: 0, unassigned: 1, withWarnings: 0 });
  });

  it('approves drafts with guideline warnings only when asked to', async () => {
    await seedExampleFirm(t.current.db);
    await captureFixture(t.current.db, '2026-03-04');
    expect(await approveDay(t.current.db, { ownerEmail: 'alice@arnsley.example', date: '2026-03-04', actor: SHELL }, NOW)).toEqual({ approved: 0, unassigned: 0, withWarnings: 4 });
    expect(await approveDay(t.current.db, { ownerEmail: 'alice@arnsley.example', date: '2026-03-04', actor: SHELL, includeWarnings: true }, NOW)).toEqual({ approved: 4, unassigned: 0, withWarnings: 0 });
  });

  it.each([
    ['the owner', 'robert@arnsley.example', true],
    ['their delegate', 'pat@arnsley.example', true],
    ['billing staff', 'dana@arnsley.example', true],
    ['an admin', 'sam@arnsley.example', true],
    ['another lawyer', 'alice@arnsley.example', false],
    ['a paralegal who is nobody\'s delegate', 'carla@arnsley.example', false],
  ])('lets %s approve (or not)', async (_name, email, allowed) => {
    await seedExampleFirm(t.current.db);
    await captureFixture(t.current.db, '2026-03-02');
    const run = approveDay(t.current.db, { ownerEmail: 'robert@arnsley.example', date: '2026-03-02', actor: await actorOf(t.current.db, email) }, NOW);
    if (allowed) expect((await run).approved).toBeGreaterThan(0);
    else {
      await expect(run).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect((await entryRows(t.current.db, '2026-03-02')).every((r) => r.status === 'draft')).toBe(true);
    }
  });
});
