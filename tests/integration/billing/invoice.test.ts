import { describe, expect, it } from 'vitest';
import { compileInvoices } from '../../../src/billing/invoice-compile.service.js';
import { loadInvoiceDocument } from '../../../src/billing/invoice-document.service.js';
import { adjustDraft, finalizeInvoice, voidInvoice } from '../../../src/billing/invoice-finalize.service.js';
import { parsePeriod } from '../../../src/core/period.js';
import { listAudit } from '../../../src/db/repositories/audit.repository.js';
import { listEntries } from '../../../src/db/repositories/time-entry.repository.js';
import { actorOf, NOW, SHELL, seedApprovedMarch } from '../../support/billing-harness.js';
import { databaseKinds, useTestDatabase } from '../../support/test-database.js';

const MARCH = parsePeriod('march 2026', '2026-04-02');

describe.each(databaseKinds())('invoicing on %s', (kind) => {
  const t = useTestDatabase(kind);
  const compile = (client = 'acme', actor = SHELL) => compileInvoices(t.current.db, { client, period: MARCH, actor });

  it('compiles one pre-bill per matter from approved time, at the most specific rate, capped by the client', async () => {
    await seedApprovedMarch(t.current.db);
    const { invoices, awaitingOnly } = await compile();
    expect(invoices.map((d) => d.matter.code)).toEqual(['ACME-001']);
    expect(awaitingOnly).toEqual([]);
    const doc = invoices[0];
    // Robert: 60 + 12 min at his ACME-001 rate $675 capped to Acme's PARTNR cap $600; Carla: 18 + 6 + 24 min at her $195.
    const lines = doc?.lines.map((l) => [l.workDate, l.timekeeper?.name, l.minutes, l.rateCents, l.amountCents]) ?? [];
    expect(lines.slice(0, 2).map(String).sort()).toEqual([['2026-03-02', 'Robert Arnsley', 12, 60000, 12000], ['2026-03-02', 'Robert Arnsley', 60, 60000, 60000]].map(String).sort());
    expect(lines.slice(2).map(String).sort()).toEqual([['2026-03-03', 'Carla Mendes', 18, 19500, 5850], ['2026-03-03', 'Carla Mendes', 24, 19500, 7800], ['2026-03-03', 'Carla Mendes', 6, 19500, 1950]].map(String).sort());
    expect(doc).toMatchObject({ status: 'draft', number: null, feesCents: 87600, adjustmentCents: 0, totalCents: 87600 });
    expect(doc?.timekeepers.map((s) => [s.timekeeper.name, s.minutes, s.rateCents, s.amountCents])).toEqual([['Carla Mendes', 48, 19500, 15600], ['Robert Arnsley', 72, 60000, 72000]]);
    expect(doc?.warnings.map((w) => w.code)).toContain('rate_capped');
    expect(doc?.lines.filter((l) => l.rateNote?.includes('capped at $600.00/h'))).toHaveLength(2);
  });

  it('replaces the draft when compiled again, keeping write-downs, and counts drafts still awaiting approval', async () => {
    await seedApprovedMarch(t.current.db);
    const first = (await compile('globex')).invoices[0];
    if (!first) throw new Error('no Globex pre-bill');
    await adjustDraft(t.current.db, first.id, { lineNo: 1, amount: '-50.00', reason: 'Courtesy discount on strategy call' }, SHELL);
    await adjustDraft(t.current.db, first.id, { amount: '-100', reason: 'First-invoice discount' }, SHELL);
    const adjusted = await loadInvoiceDocument(t.current.db, first.id);
    expect(adjusted.adjustmentCents).toBe(-15000);
    expect(adjusted.totalCents).toBe(adjusted.feesCents - 15000);
    const again = (await compile('globex')).invoices[0];
    expect(again?.id).not.toBe(first.id);
    expect(again).toMatchObject({ feesCents: adjusted.feesCents, adjustmentCents: -15000, totalCents: adjusted.totalCents });
    expect(again?.lines.find((l) => l.kind === 'adjustment')).toMatchObject({ amountCents: -10000, description: 'First-invoice discount' });
    expect(await loadInvoiceDocument(t.current.db, first.id).catch((e: unknown) => (e as { code: string }).code)).toBe('NOT_FOUND');
    const globex = await compile('globex');
    expect(globex.invoices[0]?.awaiting).toEqual({ count: 0, minutes: 0, people: [] });
  });

  it('finalizes exactly once: a gapless number, entries billed with their rate, audited; a second compile finds nothing', async () => {
    await seedApprovedMarch(t.current.db);
    const doc = (await compile()).invoices[0];
    if (!doc) throw new Error('no pre-bill');
    const done = await finalizeInvoice(t.current.db, doc.id, SHELL, NOW);
    expect(done).toEqual({ invoiceId: doc.id, number: '2026-0001', entries: 5 });
    expect(await finalizeInvoice(t.current.db, doc.id, SHELL, NOW)).toMatchObject({ number: '2026-0001', entries: 0 });
    const billed = await listEntries(t.current.db, { status: 'billed' });
    expect(billed).toHaveLength(5);
    expect(billed.every((e) => e.invoiceId === doc.id && e.billedRateCents !== null)).toBe(true);
    expect((await listAudit(t.current.db, { action: 'entry.billed' })).length).toBe(5);
    expect((await listAudit(t.current.db, { action: 'invoice.finalize' })).map((a) => a.after)).toEqual([{ status: 'issued', number: '2026-0001', issueDate: '2026-04-02' }]);
    expect((await compile()).invoices).toEqual([]);
  });

  it('rolls a finalize back whole when an entry changed since the pre-bill, and the number is not used up', async () => {
    await seedApprovedMarch(t.current.db);
    const doc = (await compile()).invoices[0];
    const entryId = doc?.lines[0]?.entryId ?? '';
    await t.current.db.updateTable('time_entries').set({ status: 'draft', version: 99 }).where('id', '=', entryId).execute();
    await expect(finalizeInvoice(t.current.db, doc?.id ?? '', SHELL, NOW)).rejects.toMatchObject({ code: 'CONFLICT', message: '1 of 5 entries were billed or changed since this pre-bill was compiled; compile it again' });
    expect(await listEntries(t.current.db, { status: 'billed' })).toEqual([]);
    expect((await loadInvoiceDocument(t.current.db, doc?.id ?? '')).status).toBe('draft');
    const fresh = (await compile()).invoices[0];
    expect((await finalizeInvoice(t.current.db, fresh?.id ?? '', SHELL, NOW)).number).toBe('2026-0001');
  });

  it('voids an issued invoice: entries approved again, the number never reused, audited', async () => {
    await seedApprovedMarch(t.current.db);
    const doc = (await compile()).invoices[0];
    await finalizeInvoice(t.current.db, doc?.id ?? '', SHELL, NOW);
    await expect(voidInvoice(t.current.db, '2026-0001', '  ', SHELL, NOW)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await voidInvoice(t.current.db, '2026-0001', 'Wrong client matter id', SHELL, NOW)).toEqual({ number: '2026-0001', entries: 5 });
    expect(await listEntries(t.current.db, { status: 'billed' })).toEqual([]);
    expect((await listAudit(t.current.db, { action: 'invoice.void' }))[0]?.after).toEqual({ status: 'void', reason: 'Wrong client matter id' });
    const again = (await compile()).invoices[0];
    expect((await finalizeInvoice(t.current.db, again?.id ?? '', SHELL, NOW)).number).toBe('2026-0002');
    await expect(voidInvoice(t.current.db, '2026-0001', 'twice', SHELL, NOW)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses people without the billing or admin role before looking anything up', async () => {
    await seedApprovedMarch(t.current.db);
    const lawyer = await actorOf(t.current.db, 'alice@arnsley.example');
    const billing = await actorOf(t.current.db, 'dana@arnsley.example');
    for (const client of ['acme', 'no-such-client']) {
      await expect(compile(client, lawyer)).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'preparing invoices needs the billing or admin role' });
    }
    await expect(compile('acmee', billing)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'unknown client "acmee" — did you mean ACME (Acme Corp)?' });
    expect((await compile('Acme Corp', billing)).invoices).toHaveLength(1);
  });
});
