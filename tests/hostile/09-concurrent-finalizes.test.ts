// Hostile 9 — "five concurrent finalizes → one invoice, entries billed once" (and invoice numbers
// stay gapless when fifty run at once with one failing).
import { describe, expect, it } from 'vitest';
import { invoiceAction } from '../../src/bots/commands/invoice-action.service.js';
import { invoiceCommand } from '../../src/bots/commands/invoice-command.service.js';
import { compileInvoices } from '../../src/billing/invoice-compile.service.js';
import { finalizeInvoice } from '../../src/billing/invoice-finalize.service.js';
import { isAppError } from '../../src/core/errors.js';
import { parsePeriod } from '../../src/core/period.js';
import { transaction } from '../../src/db/connection.js';
import { listAudit } from '../../src/db/repositories/audit.repository.js';
import { listMatters } from '../../src/db/repositories/matter.repository.js';
import { insertEntry, listEntries } from '../../src/db/repositories/time-entry.repository.js';
import { findUserByEmail } from '../../src/db/repositories/user.repository.js';
import { importFirm } from '../../src/firm/firm-import.service.js';
import { aFirmFile, aMatter } from '../support/builders.js';
import { actorOf, NOW, SHELL, seedApprovedMarch } from '../support/billing-harness.js';
import { databaseKinds, useTestDatabase } from '../support/test-database.js';

const MARCH = parsePeriod('march 2026', '2026-04-02');

describe.each(databaseKinds())('hostile 09: concurrent finalizes on %s', (kind) => {
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
    expect(await listAudit(t.current.db, { action: 'invoice.finalize' })).toHaveLength(1);
  });

  it('five Finalize clicks at once from billing and an admin (five deliveries) answer one number and bill every entry once', async () => {
    await seedApprovedMarch(t.current.db);
    const [dana, sam] = [await actorOf(t.current.db, 'dana@arnsley.example'), await actorOf(t.current.db, 'sam@arnsley.example')];
    const preBill = await invoiceCommand(t.current.db, { actor: dana, text: 'acme march', now: NOW });
    const invoiceId = preBill.kind === 'pre-bill' ? (preBill.matters[0]?.invoiceId ?? '') : '';
    expect(invoiceId).not.toBe('');
    const files = { publicUrl: 'https://tally.test', secretKey: 'a-test-secret-key-of-at-least-32-characters' };
    const replies = await Promise.all(Array.from({ length: 5 }, (_, i) =>
      invoiceAction(t.current.db, { actor: i % 2 === 0 ? dana : sam, deliveryKey: `hostile-09:click:${String(i)}`, action: { verb: 'finalize', invoiceId }, now: NOW, files })));

    const numbers = replies.map((r) => (r.kind === 'pre-bill' ? r.matters.map((m) => [m.status, m.number]) : r));
    expect(numbers).toEqual(Array(5).fill([['issued', '2026-0001']]));
    expect(await t.current.db.selectFrom('invoices').select('number').where('status', '=', 'issued').execute()).toEqual([{ number: '2026-0001' }]);
    const billed = await listEntries(t.current.db, { status: 'billed' });
    expect(billed).toHaveLength(5);
    expect(new Set(billed.map((e) => e.invoiceId))).toEqual(new Set([invoiceId]));
    expect(await listAudit(t.current.db, { action: 'entry.billed' })).toHaveLength(5);
    expect(await listAudit(t.current.db, { action: 'invoice.finalize' })).toHaveLength(1);
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
