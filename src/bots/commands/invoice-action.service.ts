import { fileLink, LINK_MINUTES } from '../../billing/file-links.service.js';
import { requireBilling } from '../../billing/invoice-compile.service.js';
import { loadInvoiceDocument } from '../../billing/invoice-document.service.js';
import { adjustDraft, finalizeInvoice, voidInvoice } from '../../billing/invoice-finalize.service.js';
import { renderInvoiceFile } from '../../billing/renderers/invoice-file.js';
import type { Actor } from '../../core/audit.js';
import { AppError } from '../../core/errors.js';
import type { InvoiceDocument } from '../../core/invoice.js';
import { parseMoney } from '../../core/money.js';
import type { Db } from '../../db/connection.js';
import type { InvoiceAction } from '../views/actions.js';
import type { Reply } from '../views/reply.js';
import { replyOrRefusal, requirePerson } from './command-reply.js';
import { periodLabelOf } from './pre-bill.view-builder.js';
import { preBillOf } from './pre-bill.loader.js';

export interface InvoiceActionRequest {
  readonly actor: Actor;
  /** The delivery's idempotency key: a repeated void or write-down changes nothing the second time. */
  readonly deliveryKey: string;
  readonly action: InvoiceAction;
  readonly now: Date;
  /** Where download links point and what signs them (PUBLIC_URL, TALLY_SECRET_KEY). */
  readonly files: { readonly publicUrl: string; readonly secretKey: string | null };
}

const SCOPE = 'invoice-action';
const FORMAT_NAMES = { pdf: 'PDF', ledes: 'LEDES 1998B', csv: 'CSV' } as const;

async function files(db: Db, doc: InvoiceDocument, request: InvoiceActionRequest): Promise<Reply> {
  const format = request.action.format;
  if (format === undefined || !(format in FORMAT_NAMES)) throw new AppError('INVALID_INPUT', 'choose PDF, LEDES or CSV');
  const period = { start: doc.periodStart, end: doc.periodEnd, label: periodLabelOf(doc.periodStart, doc.periodEnd) };
  const file = await renderInvoiceFile(format, { client: doc.client, period, invoices: [doc] });
  const url = await fileLink(db, { ...request.files, now: request.now }, doc.id, format);
  const base = doc.number ?? `prebill-${doc.matter.code}`;
  const name = `${base}.${file.extension}`.replace(/[^A-Za-z0-9._-]/g, '_');
  const what = doc.number ? `Invoice ${doc.number}` : `Pre-bill ${doc.matter.code}`;
  return { kind: 'files', text: `${what} — ${FORMAT_NAMES[format]}. The download link works for ${String(LINK_MINUTES)} minutes.`, files: [{ name, url, content: file.body }] };
}

/** Checks a write-down's input before anything is written, naming what is wrong. */
function checkWriteDown(doc: InvoiceDocument, action: InvoiceAction): { amount: string; reason: string; lineNo?: number } {
  const reason = action.reason?.trim() ?? '';
  if (reason === '') throw new AppError('INVALID_INPUT', 'a write-down or write-up needs a reason');
  const amount = action.amount?.trim() ?? '';
  parseMoney(amount, { allowNegative: true });
  if (doc.status !== 'draft') throw new AppError('CONFLICT', `invoice ${doc.number ?? ''} is ${doc.status}; only a pre-bill can be written down`);
  if (action.lineNo !== undefined && !doc.lines.some((l) => l.kind === 'fee' && l.lineNo === action.lineNo)) {
    throw new AppError('INVALID_INPUT', `this pre-bill has no time line ${String(action.lineNo)}`);
  }
  return { amount, reason, ...(action.lineNo !== undefined ? { lineNo: action.lineNo } : {}) };
}

/**
 * A click or form on the pre-bill card (billing or admin only, checked first): Finalize numbers the
 * invoice (already once-only), File renders PDF, LEDES or CSV with a signed expiring link, Void (with
 * a reason) and Write down change state once per delivery — a repeated delivery answers with the
 * current card. Answers with the refreshed pre-bill, or the files.
 */
export async function invoiceAction(db: Db, request: InvoiceActionRequest): Promise<Reply> {
  return replyOrRefusal(async () => {
    requirePerson(request.actor);
    await requireBilling(db, request.actor);
    const { action, actor, now } = request;
    const doc = await loadInvoiceDocument(db, action.invoiceId);
    switch (action.verb) {
      case 'finalize':
        await finalizeInvoice(db, doc.id, actor, now);
        break;
      case 'file':
        return files(db, doc, request);
      case 'void': {
        const reason = action.reason?.trim() ?? '';
        if (reason === '') throw new AppError('INVALID_INPUT', 'a reason is required to void an invoice');
        if (doc.number === null) throw new AppError('CONFLICT', `only an issued invoice can be voided; this one is ${doc.status}`);
        // A repeated delivery of the same click finds the invoice already void and changes nothing.
        if (doc.status === 'void') break;
        await voidInvoice(db, doc.number, reason, actor, now, { deliveryKey: `${SCOPE}:${request.deliveryKey}` });
        break;
      }
      case 'write_down': {
        const change = checkWriteDown(doc, action);
        await adjustDraft(db, doc.id, change, actor, { deliveryKey: `${SCOPE}:${request.deliveryKey}` });
        break;
      }
      default:
        throw new AppError('INVALID_INPUT', 'unknown invoice action');
    }
    return preBillOf(db, doc.id);
  });
}
