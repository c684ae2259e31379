import { loadInvoiceDocument } from '../../billing/invoice-document.service.js';
import type { Db } from '../../db/connection.js';
import { findClientByCode } from '../../db/repositories/client.repository.js';
import { findDraft } from '../../db/repositories/invoice.repository.js';
import { listMatters } from '../../db/repositories/matter.repository.js';
import type { PreBillView } from '../views/pre-bill.view.js';
import { buildPreBillView, periodLabelOf } from './pre-bill.view-builder.js';

/**
 * The pre-bill card again after an action on one of its invoices: that invoice as it is now, with
 * the client's other matters' pre-bills (drafts) of the same period, by matter code.
 */
export async function preBillOf(db: Db, invoiceId: string): Promise<PreBillView> {
  const doc = await loadInvoiceDocument(db, invoiceId);
  const client = await findClientByCode(db, doc.client.code);
  const others = client === null ? [] : (await listMatters(db, client.id)).filter((m) => m.code !== doc.matter.code);
  const siblings = await Promise.all(others.map((m) => findDraft(db, m.id, doc.periodStart, doc.periodEnd)));
  const docs = [doc, ...(await Promise.all(siblings.flatMap((s) => (s === null ? [] : [loadInvoiceDocument(db, s.id)]))))];
  docs.sort((a, b) => a.matter.code.localeCompare(b.matter.code));
  return buildPreBillView({ clientName: doc.client.name, periodLabel: periodLabelOf(doc.periodStart, doc.periodEnd), invoices: docs, awaitingOnly: [], currency: doc.currency, canVoid: true });
}
