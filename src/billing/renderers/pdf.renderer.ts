import { AppError } from '../../core/errors.js';
import type { InvoiceDocument } from '../../core/invoice.js';
import { pdfmakeEngine, type PdfEngine } from './pdf-engine.js';
import { invoicePdfDefinition } from './pdf-layout.js';

export { LARGE_INVOICE_LINES, classificationLabel, invoicePdfDefinition } from './pdf-layout.js';
export type { PdfEngine } from './pdf-engine.js';

/** Options of {@link renderPdf}. */
export interface PdfOptions {
  /** The PDF's creation date in its metadata; default the current time. Same input and `now`, same bytes. */
  readonly now?: Date;
  /** The PDF library; default pdfmake. Tests may pass a fake to inspect the definition. */
  readonly engine?: PdfEngine;
}

/**
 * One PDF holding every invoice, each starting on a new page with its own "Page N of M" numbering:
 * the firm and invoice header, a summary (totals, fees by timekeeper), the fee lines with any write-down
 * or write-up and its reason, adjustment lines and the totals. A draft without a number is labelled
 * "PRE-BILL — DRAFT". Text from people prints as text, whatever it contains.
 */
export async function renderPdf(docs: readonly InvoiceDocument[], options: PdfOptions = {}): Promise<Buffer> {
  if (docs.length === 0) throw new AppError('INVALID_INPUT', 'no invoices to render as PDF');
  const definition = invoicePdfDefinition(docs, { now: options.now ?? new Date() });
  return (options.engine ?? pdfmakeEngine).render(definition);
}
