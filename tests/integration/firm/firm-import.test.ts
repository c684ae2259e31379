import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { listAudit } from '../../../src/db/repositories/audit.repository.js';
import { findClientByCode } from '../../../src/db/repositories/client.repository.js';
import { getFirm } from '../../../src/db/repositories/firm.repository.js';
import { findMatterByChannel, findMatterByCode } from '../../../src/db/repositories/matter.repository.js';
import { listRates } from '../../../src/db/repositories/rate.repository.js';
import { findUserByEmail } from '../../../src/db/repositories/user.repository.js';
import { DEMO_FIRM_FILE, seedDemoFirm } from '../../../src/firm/demo.service.js';
import { readFirmFile } from '../../../src/firm/firm-file.reader.js';
import { importFirm } from '../../../src/firm/firm-import.service.js';
import { aFirmFile, aMatter, aUser, TEST_ACTOR } from '../../support/builders.js';
import { countFirmRows, snapshotFirmTables } from '../../support/db-snapshot.js';
import { databaseKinds, useTestDatabase } from '../../support/test-database.js';

const unchanged = (n: number) => ({ created: 0, updated: 0, unchanged: n });

describe.each(databaseKinds())('firm import on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('imports the example firm with every person, client, matter and rate', async () => {
    const summary = await importFirm(t.current.db, await readFirmFile(DEMO_FIRM_FILE), TEST_ACTOR);
    expect(summary).toEqual({
      firm: 'created',
      users: { created: 7, updated: 0, unchanged: 0 },
      clients: { created: 4, updated: 0, unchanged: 0 },
      matters: { created: 7, updated: 0, unchanged: 0 },
      rates: { created: 7, updated: 0, unchanged: 0 },
    });
    const db = t.current.db;
    expect(await getFirm(db)).toMatchObject({ name: 'Arnsley & Beaster LLP', lawFirmId: '24-6437381', currency: 'USD', isDemo: false });
    const alice = await findUserByEmail(db, 'alice@arnsley.example');
    const robert = await findUserByEmail(db, 'robert@arnsley.example');
    const pat = await findUserByEmail(db, 'pat@arnsley.example');
    expect(alice).toMatchObject({ timezone: 'America/Chicago', summaryTime: '18:00', managerId: robert?.id, delegateIds: [pat?.id] });
    expect((await findUserByEmail(db, 'ben@arnsley.example'))?.sources).toEqual(['calendar', 'email', 'slack']);
    expect((await findClientByCode(db, 'acme'))?.guidelines).toMatchObject({ maxMinutesPerDay: 600, travelRatePercent: 50, requireTaskCodes: true, rateCaps: { PARTNR: 60000 } });
    expect((await findClientByCode(db, 'GLOBEX'))?.guidelines.rounding).toBe('down');
    expect((await findMatterByChannel(db, 'C0ACME001'))?.code).toBe('ACME-001');
    expect((await findMatterByCode(db, 'FIRM-ADMIN'))?.billable).toBe(false);
    const globex = await findMatterByCode(db, 'GLOBEX-001');
    expect((await listRates(db)).filter((r) => r.matterId === globex?.id)).toEqual([
      { userId: alice?.id, clientId: null, matterId: globex?.id, rateCents: 39500, effectiveFrom: null, effectiveTo: '2026-06-30' },
      { userId: alice?.id, clientId: null, matterId: globex?.id, rateCents: 42500, effectiveFrom: '2026-07-01', effectiveTo: null },
    ]);
  });

  it('leaves the same rows, and writes no audit rows, when the same file is imported twice', async () => {
    const raw = await readFirmFile(DEMO_FIRM_FILE);
    await importFirm(t.current.db, raw, TEST_ACTOR);
    const before = await snapshotFirmTables(t.current.db);
    const again = await importFirm(t.current.db, raw, TEST_ACTOR);
    expect(again).toEqual({ firm: 'unchanged', users: unchanged(7), clients: unchanged(4), matters: unchanged(7), rates: unchanged(7) });
    expect(await snapshotFirmTables(t.current.db)).toEqual(before);
  });

  it('writes nothing at all when any part of the file is wrong', async () => {
    const broken = aFirmFile({ matters: [aMatter({ code: 'M1', client: 'ACME' }), aMatter({ code: 'M2', client: 'ACMEE' })], users: [aUser({ email: 'x@test.example', manager: 'ghost@test.example' })] });
    const error = await importFirm(t.current.db, broken, TEST_ACTOR).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).problems.map((p) => p.path)).toEqual(['users[0].manager', 'matters[1].client']);
    expect(Object.values(await countFirmRows(t.current.db)).every((n) => n === 0)).toBe(true);
  });

  it('updates only what changed and audits it with the state before and after', async () => {
    await importFirm(t.current.db, aFirmFile(), TEST_ACTOR);
    const auditBefore = (await listAudit(t.current.db)).length;
    const file = aFirmFile();
    (file.users as Record<string, unknown>[])[1] = { ...(file.users as Record<string, unknown>[])[1], name: 'Max Rowe-Smith', delegates: [] };
    const summary = await importFirm(t.current.db, file, TEST_ACTOR);
    expect(summary.users).toEqual({ created: 0, updated: 1, unchanged: 2 });
    expect(summary.clients).toEqual(unchanged(2));
    const rows = (await listAudit(t.current.db)).slice(auditBefore);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'user.update',
      entityId: 'max@test.example',
      actor: TEST_ACTOR,
      before: { name: 'Max Rowe', delegateEmails: ['ann@test.example'] },
      after: { name: 'Max Rowe-Smith', delegateEmails: [] },
    });
    expect((await findUserByEmail(t.current.db, 'max@test.example'))?.delegateIds).toEqual([]);
  });

  it('accepts a later file that refers to clients and people imported before', async () => {
    await importFirm(t.current.db, aFirmFile(), TEST_ACTOR);
    const later = { firm: aFirmFile().firm, matters: [aMatter({ code: 'ACME-003', client: 'ACME', name: 'Acme lease', rates: { 'max@test.example': '320.00' } })] };
    const summary = await importFirm(t.current.db, later, TEST_ACTOR);
    expect(summary.matters).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect((await findMatterByCode(t.current.db, 'ACME-003'))?.clientId).toBe((await findClientByCode(t.current.db, 'ACME'))?.id);
    expect((await findUserByEmail(t.current.db, 'lee@test.example'))?.name).toBe('Lee Park');
  });

  it('removes a rate the file no longer gives for a matter it lists', async () => {
    await importFirm(t.current.db, aFirmFile(), TEST_ACTOR);
    const file = aFirmFile();
    (file.matters as Record<string, unknown>[])[0] = aMatter({ code: 'ACME-001', client: 'ACME', name: 'Acme v. Beta', slackChannels: ['C1'] });
    const summary = await importFirm(t.current.db, file, TEST_ACTOR);
    expect(summary.rates).toEqual({ created: 0, updated: 1, unchanged: 2 });
    const acme1 = await findMatterByCode(t.current.db, 'ACME-001');
    expect((await listRates(t.current.db)).filter((r) => r.matterId === acme1?.id)).toEqual([]);
    expect((await listAudit(t.current.db, { action: 'rate.update' }))[0]?.after).toEqual([]);
  });

  it('seeds the demo firm marked as demo, and refuses to seed over a real firm', async () => {
    await seedDemoFirm(t.current.db, TEST_ACTOR);
    expect((await getFirm(t.current.db))?.isDemo).toBe(true);
    await t.current.reset();
    await importFirm(t.current.db, aFirmFile(), TEST_ACTOR);
    const before = await snapshotFirmTables(t.current.db);
    await expect(seedDemoFirm(t.current.db, TEST_ACTOR)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await snapshotFirmTables(t.current.db)).toEqual(before);
  });
});
