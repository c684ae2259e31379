import { describe, expect, it } from 'vitest';
import { invoiceAction, type InvoiceActionRequest } from '../../../../src/bots/commands/invoice-action.service.js';
import { invoiceCommand } from '../../../../src/bots/commands/invoice-command.service.js';
import type { InvoiceAction } from '../../../../src/bots/views/actions.js';
import type { PreBillView } from '../../../../src/bots/views/pre-bill.view.js';
import type { Reply } from '../../../../src/bots/views/reply.js';
import type { Actor } from '../../../../src/core/audit.js';
import type { Db } from '../../../../src/db/connection.js';
import { listAudit } from '../../../../src/db/repositories/audit.repository.js';
import { listEntries } from '../../../../src/db/repositories/time-entry.repository.js';
import { findUserByEmail } from '../../../../src/db/repositories/user.repository.js';
import { NOW, seedApprovedMarch } from '../../../support/billing-harness.js';
import { databaseKinds, useTestDatabase } from '../../../support/test-database.js';

const FILES = { publicUrl: 'https://tally.test', secretKey: 'a-test-secret-key-of-at-least-32-characters' };

async function chatActor(db: Db, email: string): Promise<Actor> {
  const user = await findUserByEmail(db, email);
  if (!user) throw new Error(`no user ${email}`);
  return { userId: user.id, label: email, via: 'teams' };
}

function preBill(reply: Reply): PreBillView {
  if (reply.kind !== 'pre-bill') throw new Error(`expected a pre-bill, got ${JSON.stringify(reply)}`);
  return reply;
}

describe.each(databaseKinds())('/invoice on %s', (kind) => {
  const t = useTestDatabase(kind);
  const invoice = async (text: string, email = 'dana@arnsley.example') => invoiceCommand(t.current.db, { actor: await chatActor(t.current.db, email), text, now: NOW });
  const act = async (action: InvoiceAction, deliveryKey: string, email = 'dana@arnsley.example') => {
    const request: InvoiceActionRequest = { actor: await chatActor(t.current.db, email), deliveryKey, action, now: NOW, files: FILES };
    return invoiceAction(t.current.db, request);
  };
  const firstInvoice = async (text = 'acme march') => {
    const id = preBill(await invoice(text)).matters[0]?.invoiceId;
    if (!id) throw new Error('no pre-bill');
    return id;
  };

  it('gives billing staff the pre-bill card from the billing engine', async () => {
    await seedApprovedMarch(t.current.db);
    const view = preBill(await invoice('acme march'));
    expect(view).toMatchObject({ kind: 'pre-bill', title: 'Acme Corp — March 2026 — pre-bill', total: '$876.00', canVoid: true, awaitingOnly: [] });
    expect(view.matters.map((m) => [m.matter.code, m.status, m.number, m.hours, m.fees, m.total])).toEqual([['ACME-001', 'draft', null, '2.0', '$876.00', '$876.00']]);
    expect(view.matters[0]?.timekeepers).toEqual([
      { name: 'Carla Mendes', hours: '0.8', rate: '$195.00', amount: '$156.00' },
      { name: 'Robert Arnsley', hours: '1.2', rate: '$600.00', amount: '$720.00' },
    ]);
    expect(preBill(await invoice('Acme Corp march 2026')).title).toBe('Acme Corp — March 2026 — pre-bill');
    expect(preBill(await invoice('globex q1 2026', 'sam@arnsley.example')).title).toBe('Globex Corporation — Q1 2026 — pre-bill');
  });

  it('offers a choice when several clients match, each value the same command with the client code', async () => {
    await seedApprovedMarch(t.current.db);
    expect(await invoice('corp last month')).toEqual({
      kind: 'choices',
      text: '"corp" matches 2 clients — which one?',
      choices: [
        { label: 'ACME — Acme Corp', value: 'ACME last month' },
        { label: 'GLOBEX — Globex Corporation', value: 'GLOBEX last month' },
      ],
    });
    expect(preBill(await invoice('GLOBEX last month')).title).toBe('Globex Corporation — March 2026 — pre-bill');
  });

  it.each([
    ['acmee march', 'Unknown client "acmee" — did you mean ACME (Acme Corp)?'],
    ['zzz march', 'Unknown client "zzz".'],
    ['', 'Usage: /invoice CLIENT PERIOD — e.g. /invoice acme march (periods: march, q1 2026, last month, ytd, 2026-03-01..2026-03-15)'],
    ['acme', 'Which period? e.g. /invoice acme march or /invoice acme last month'],
    ['acme marhc', 'Unknown period "marhc" — did you mean "march"?'],
    ['nw january', 'Nothing to invoice for Northwind Traders in January 2026: no approved, unbilled time.'],
  ])('"%s" → %s', async (text, reply) => {
    await seedApprovedMarch(t.current.db);
    expect(await invoice(text)).toEqual({ kind: 'text', text: reply });
  });

  it('finalizes once: clicking twice, or the same delivery twice, gives one number', async () => {
    await seedApprovedMarch(t.current.db);
    const id = await firstInvoice();
    const first = preBill(await act({ verb: 'finalize', invoiceId: id }, 'teams:a1'));
    expect(first.title).toBe('Acme Corp — March 2026 — invoices');
    expect(first.matters.map((m) => [m.status, m.number])).toEqual([['issued', '2026-0001']]);
    expect(await act({ verb: 'finalize', invoiceId: id }, 'teams:a1')).toEqual(first);
    expect(await act({ verb: 'finalize', invoiceId: id }, 'teams:a2')).toEqual(first);
    expect((await listAudit(t.current.db, { action: 'invoice.finalize' })).map((a) => a.after)).toEqual([{ status: 'issued', number: '2026-0001', issueDate: '2026-04-02' }]);
    expect(await listEntries(t.current.db, { status: 'billed' })).toHaveLength(5);
  });

  it('writes down once per delivery: a repeated delivery answers with the same card and adds nothing', async () => {
    await seedApprovedMarch(t.current.db);
    const id = await firstInvoice();
    const writeDown: InvoiceAction = { verb: 'write_down', invoiceId: id, amount: '-50.00', reason: 'Duplicate research' };
    const first = preBill(await act(writeDown, 'slack:wd:1'));
    expect(first.matters[0]).toMatchObject({ total: '$826.00', adjustments: ['Write-down −$50.00: Duplicate research'] });
    expect(first.total).toBe('$826.00');
    expect(await act(writeDown, 'slack:wd:1')).toEqual(first);
    const line = preBill(await act({ ...writeDown, lineNo: 1, amount: '-10', reason: 'Trim' }, 'slack:wd:2'));
    expect(line.matters[0]?.adjustments).toEqual(['Write-down −$10.00 on line 1: Trim', 'Write-down −$50.00: Duplicate research']);
    expect(await act({ ...writeDown, reason: ' ' }, 'slack:wd:3')).toEqual({ kind: 'text', text: 'A write-down or write-up needs a reason.' });
    expect(await act({ ...writeDown, amount: 'lots' }, 'slack:wd:4')).toMatchObject({ kind: 'text' });
    expect(await act({ ...writeDown, lineNo: 99 }, 'slack:wd:5')).toEqual({ kind: 'text', text: 'This pre-bill has no time line 99.' });
    expect(preBill(await act({ verb: 'finalize', invoiceId: id }, 'slack:fin')).matters[0]?.total).toBe('$816.00');
  });

  it('voids an issued invoice once, with a reason; a repeated delivery changes nothing', async () => {
    await seedApprovedMarch(t.current.db);
    const id = await firstInvoice();
    await act({ verb: 'finalize', invoiceId: id }, 'v:0');
    expect(await act({ verb: 'void', invoiceId: id }, 'v:1')).toEqual({ kind: 'text', text: 'A reason is required to void an invoice.' });
    const voided = preBill(await act({ verb: 'void', invoiceId: id, reason: 'Wrong client matter id' }, 'v:2'));
    expect(voided.matters.map((m) => [m.status, m.number])).toEqual([['void', '2026-0001']]);
    expect(await act({ verb: 'void', invoiceId: id, reason: 'Wrong client matter id' }, 'v:2')).toEqual(voided);
    expect(await listAudit(t.current.db, { action: 'invoice.void' })).toHaveLength(1);
    expect(await listEntries(t.current.db, { status: 'billed' })).toEqual([]);
  });

  it.each([
    ['pdf', 'PDF', /\.pdf$/],
    ['ledes', 'LEDES 1998B', /\.txt$/],
    ['csv', 'CSV', /\.csv$/],
  ] as const)('delivers the %s with a signed download link', async (format, label, name) => {
    await seedApprovedMarch(t.current.db);
    const id = await firstInvoice();
    const reply = await act({ verb: 'file', invoiceId: id, format }, `f:${format}`);
    if (reply.kind !== 'files') throw new Error(`expected files, got ${reply.kind}`);
    expect(reply.text).toBe(`Pre-bill ACME-001 — ${label}. The download link works for 30 minutes.`);
    const [file, ...more] = reply.files;
    expect(more).toEqual([]);
    expect(file?.name).toMatch(name);
    expect(file?.url).toMatch(/^https:\/\/tally\.test\/files\/\S+$/);
    const text = Buffer.isBuffer(file?.content) ? file.content.subarray(0, 8).toString('latin1') : String(file?.content);
    expect(text).toMatch(format === 'pdf' ? /^%PDF/ : format === 'ledes' ? /^LEDES1998B/ : /ACME-001|423-987/);
  });

  it('refuses invoice actions to a non-billing person, changing nothing', async () => {
    await seedApprovedMarch(t.current.db);
    const id = await firstInvoice();
    for (const action of [{ verb: 'finalize', invoiceId: id }, { verb: 'write_down', invoiceId: id, amount: '-5', reason: 'x' }, { verb: 'file', invoiceId: id, format: 'pdf' }] as const) {
      expect(await act(action, `x:${action.verb}`, 'robert@arnsley.example')).toEqual({ kind: 'text', text: 'Preparing invoices needs the billing or admin role.' });
    }
    expect(await listAudit(t.current.db, { action: 'invoice.finalize' })).toEqual([]);
    expect(preBill(await act({ verb: 'finalize', invoiceId: id }, 'x:ok')).matters[0]?.total).toBe('$876.00');
  });
});
