import type { CompileResult } from '../billing/invoice-compile.service.js';
import { formatHours } from '../core/duration.js';
import type { InvoiceDocument } from '../core/invoice.js';
import { formatMoney } from '../core/money.js';

function invoiceBlock(doc: InvoiceDocument): string[] {
  const hours = doc.lines.reduce((sum, l) => sum + (l.minutes ?? 0), 0);
  const state = doc.number ? `invoice ${doc.number}` : 'pre-bill';
  const out = [`${doc.matter.code} ${doc.matter.name}: ${formatHours(hours)} h, ${formatMoney(doc.totalCents, doc.currency)} (${state})`];
  for (const t of doc.timekeepers) {
    out.push(`  ${t.timekeeper.name.padEnd(22)} ${(t.timekeeper.classification ?? '').padEnd(7)} ${formatHours(t.minutes).padStart(6)} h  ${(t.rateCents === null ? 'various' : formatMoney(t.rateCents, doc.currency)).padStart(11)}  ${formatMoney(t.amountCents, doc.currency).padStart(12)}`);
  }
  if (doc.adjustmentCents !== 0) out.push(`  adjustments ${formatMoney(doc.adjustmentCents, doc.currency)}`);
  for (const w of doc.warnings) out.push(`  ! ${w.message}`);
  if (doc.awaiting.count > 0) out.push(`  ${doc.awaiting.count} draft(s) (${formatHours(doc.awaiting.minutes)} h) in this period still awaiting approval${doc.awaiting.people.length ? ` from ${doc.awaiting.people.join(', ')}` : ''}`);
  return out;
}

/** The pre-bill as text: per matter hours, fees by timekeeper, warnings and what still awaits approval. */
export function formatPrebill(result: CompileResult): string {
  const lines = [`${result.client.name} — ${result.period.label} — ${result.invoices.some((d) => d.number) ? 'invoices' : 'pre-bill'}`];
  for (const doc of result.invoices) lines.push(...invoiceBlock(doc));
  for (const a of result.awaitingOnly) lines.push(`${a.matter}: nothing approved yet; ${a.count} draft(s) (${formatHours(a.minutes)} h) awaiting approval`);
  if (result.invoices.length === 0 && result.awaitingOnly.length === 0) lines.push(`nothing to invoice: no approved, unbilled time for ${result.client.name} in ${result.period.label}`);
  return `${lines.join('\n')}\n`;
}
