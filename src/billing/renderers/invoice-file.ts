import type { InvoiceDocument } from '../../core/invoice.js';
import { renderCsv } from './csv.renderer.js';
import { renderLedes } from './ledes.renderer.js';
import { renderPdf } from './pdf.renderer.js';

export const INVOICE_FORMATS = ['pdf', 'ledes', 'csv', 'json'] as const;
export type InvoiceFormat = (typeof INVOICE_FORMATS)[number];

export interface InvoiceFile {
  readonly body: string | Buffer;
  readonly contentType: string;
  readonly extension: string;
}

/** The JSON form of a pre-bill: its period as ISO dates, the invoices with lines and totals. */
export function prebillJson(result: { client: { code: string; name: string }; period: { start: string; end: string; label: string }; invoices: readonly InvoiceDocument[] }): string {
  return `${JSON.stringify({ client: { code: result.client.code, name: result.client.name }, period: result.period, invoices: result.invoices }, null, 2)}\n`;
}

/** Renders invoices in one of the formats billing staff download (one file, several invoices). */
export async function renderInvoiceFile(format: InvoiceFormat, result: Parameters<typeof prebillJson>[0]): Promise<InvoiceFile> {
  switch (format) {
    case 'pdf':
      return { body: await renderPdf(result.invoices), contentType: 'application/pdf', extension: 'pdf' };
    case 'ledes':
      return { body: renderLedes(result.invoices), contentType: 'text/plain; charset=us-ascii', extension: 'txt' };
    case 'csv':
      return { body: renderCsv(result.invoices), contentType: 'text/csv; charset=utf-8', extension: 'csv' };
    case 'json':
      return { body: prebillJson(result), contentType: 'application/json', extension: 'json' };
  }
}
