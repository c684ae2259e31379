import { describe, expect, it } from 'vitest';
import { compileInvoices } from '../../../src/billing/invoice-compile.service.js';
import { finalizeInvoice } from '../../../src/billing/invoice-finalize.service.js';
import { isAppError } from '../../../src/core/errors.js';
import { parsePeriod } from '../../../src/core/period.js';
import { transaction } from '../../../src/db/connection.js';
import { listAudit } from '../../../src/db/repositories/audit.repository.js';
import { listMatters } from '../../../src/db/repositories/matter.repository.js';
import { insertEntry, listEntries } from '../../../src/db/repositories/time-entry.repository.js';
import { findUserByEmail } from '../../../src/db/repositories/user.repository.js';
import { importFirm } from '../../../src/firm/firm-import.service.js';
import { aFirmFile, aMatter } from '../../support/builders.js';
import { NOW, SHELL, seedApprovedMarch } from '../../support/billing-harness.js';
import { databaseKinds, useTestDatabase } from '../../support/test-database.js';

const MARCH = parsePeriod('march 2026', '2026-04-02');

describe.each(databaseKinds())('finalizing under concurrency on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('five concurrent finalizes of one pre-bill issue one invoice and bill every entry once', async () => {
    await seedApprovedMarch(t.current.db);
    const doc = (await compileInvoices(t.current.db, { client: 'acme', period: MARCH, actor: SHELL })).invoices[0];
    const results = await Promise.all(Array.from({ length: 5 }, () => finalizeInvoice(t.current.db, doc?.id ?? '', SHELL, NOW)));
    expect(new Set(results.map((r) => r.number))).toEqual(new Set(['2026-0001']));
    expect(results.map((r) => r.entries).sort()).toEqual([0, 0, 0, 0, 5]);
    expect(await t.current.db.selectFrom('invoices').select(['number', 'status']).where('status', '=', 'issued').execute()).toEqual([{ number: '2026-0001', status: 'issued' }]);
    expect(await listEntries(t.current.db, { status: 'billed' })).toHaveLength(5);
    expect(await listAudit(t.current.db, { action: 'entry.billed' })).toHaveLength(5);
  });

  it('five concurrent compile-and-finalize runs of the same client and period bill the work once', async () => {
    await seedApprovedMarch(t.current.db);
    const runs = await Promise.allSettled(Array.from({ length: 5 }, async () => {
      const { invoices } = await compileInvoices(t.current.db, { client: 'acme', period: MARCH, actor: SHELL });
      return Promise.all(invoices.map((d) => finalizeInvoice(t.current.db, d.id, SHELL, NOW)));
    }));
    for (const run of runs) if (run.status === 'rejected') expect(isAppError(run.reason) && run.reason.isUserError, String(run.reason)).toBe(true);
    expect(runs.some((r) => r.status === 'fulfilled' && r.value.some((f) => f.entries === 5))).toBe(true);
    expect(await t.current.db.selectFrom('invoices').select('number').where('status', '=', 'issued').execute()).toEqual([{ number: '2026-0001' }]);
    const billed = await listEntries(t.current.db, { status: 'billed' });
    expect(billed).toHaveLength(5);
    expect(new Set(billed.map((e) => e.invoiceId)).size).toBe(1);
  });

  it('fifty finalizes at once, one failing in the middle, leave gapless numbers', async () => {
    const matters = Array.from({ length: 50 }, (_, i) => aMatter({ code: `ACME-${String(i + 100)}`, client: 'ACME', name: `Matter ${i}` }));
    await importFirm(t.current.db, aFirmFile({ matters }), SHELL);
    const lee = await findUserByEmail(t.current.db, 'lee@test.example');
    const stored = (await listMatters(t.current.db)).filter((m) => m.code.startsWith('ACME-1'));
    await transaction(t.current.db, async (tx) => {
      for (const m of stored) {
        await insertEntry(tx, { userId: lee?.id ?? 0, matterId: m.id, workDate: '2026-03-10', actualMinutes: 30, billedMinutes: 30, narrative: `Work on ${m.code}`, taskCode: null, activityCode: null, confidence: null, evidence: [], warnings: [], sourceActivityIds: [], origin: 'manual', captureKey: null, status: 'approved' }, SHELL);
      }
    });
    const { invoices } = await compileInvoices(t.current.db, { client: 'acme', period: MARCH, actor: SHELL });
    expect(invoices).toHaveLength(50);
    const broken = invoices[25]?.lines[0]?.entryId ?? '';
    await t.current.db.updateTable('time_entries').set({ status: 'draft' }).where('id', '=', broken).execute();
    const outcomes = await Promise.allSettled(invoices.map((d) => finalizeInvoice(t.current.db, d.id, SHELL, NOW)));
    const failed = outcomes.filter((o) => o.status === 'rejected');
    expect(failed).toHaveLength(1);
    expect((failed[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    const numbers = (await t.current.db.selectFrom('invoices').select('number').where('status', '=', 'issued').execute()).map((r) => r.number).sort();
    expect(numbers).toEqual(Array.from({ length: 49 }, (_, i) => `2026-${String(i + 1).padStart(4, '0')}`));
  });
});
