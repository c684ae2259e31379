import { AppError } from '../core/errors.js';
import type { InvoiceDocument, Timekeeper } from '../core/invoice.js';
import { summarizeTimekeepers } from '../core/invoice-compile.js';
import type { Db } from '../db/connection.js';
import { findClientById } from '../db/repositories/client.repository.js';
import { getFirm } from '../db/repositories/firm.repository.js';
import { findInvoice, listInvoiceLines } from '../db/repositories/invoice.repository.js';
import { findMatterById } from '../db/repositories/matter.repository.js';
import { listEntries } from '../db/repositories/time-entry.repository.js';
import { listUsers } from '../db/repositories/user.repository.js';

/** The people of the firm as invoices name them, by user id. */
export async function timekeepersById(db: Db): Promise<Map<number, Timekeeper & { email: string }>> {
  const users = await listUsers(db);
  return new Map(users.map((u) => [u.id, { userId: u.id, name: u.name, timekeeperId: u.timekeeperId, classification: u.classification, email: u.email }]));
}

/** Everything a renderer needs about one invoice, read in one place. */
export async function loadInvoiceDocument(db: Db, invoiceId: string): Promise<InvoiceDocument> {
  const invoice = await findInvoice(db, invoiceId);
  if (!invoice) throw new AppError('NOT_FOUND', 'invoice not found');
  const [firm, client, matter, stored, people] = await Promise.all([getFirm(db), findClientById(db, invoice.clientId), findMatterById(db, invoice.matterId), listInvoiceLines(db, invoice.id), timekeepersById(db)]);
  if (!firm || !client || !matter) throw new AppError('INTERNAL', 'invoice refers to a missing firm, client or matter');
  const lines = stored.map(({ userId, ...line }) => {
    const person = userId === null ? undefined : people.get(userId);
    const timekeeper = person ? { userId: person.userId, name: person.name, timekeeperId: person.timekeeperId, classification: person.classification } : null;
    return { ...line, timekeeper };
  });
  const awaitingPeople = invoice.awaitingCount === 0 ? [] : await awaitingNames(db, invoice.matterId, invoice.periodStart, invoice.periodEnd, people);
  return {
    id: invoice.id,
    number: invoice.number,
    status: invoice.status,
    issueDate: invoice.issueDate,
    periodStart: invoice.periodStart,
    periodEnd: invoice.periodEnd,
    currency: invoice.currency,
    firm: { name: firm.name, lawFirmId: firm.lawFirmId },
    client: { code: client.code, name: client.name, ledesClientId: client.ledesClientId },
    matter: { code: matter.code, name: matter.name, clientMatterId: matter.clientMatterId },
    lines,
    feesCents: invoice.feesCents,
    adjustmentCents: invoice.adjustmentCents,
    totalCents: invoice.totalCents,
    timekeepers: summarizeTimekeepers(lines),
    warnings: invoice.warnings,
    awaiting: { count: invoice.awaitingCount, minutes: invoice.awaitingMinutes, people: awaitingPeople },
  };
}

async function awaitingNames(db: Db, matterId: number, from: string, to: string, people: ReadonlyMap<number, { name: string }>): Promise<string[]> {
  const drafts = await listEntries(db, { matterId, from, to, status: 'draft' });
  return [...new Set(drafts.map((d) => people.get(d.userId)?.name ?? ''))].filter(Boolean).sort();
}
