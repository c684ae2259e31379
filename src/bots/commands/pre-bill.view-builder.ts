import { dateParts, type LocalDate } from '../../core/dates.js';
import { formatHours } from '../../core/duration.js';
import type { InvoiceDocument, InvoiceLine } from '../../core/invoice.js';
import { formatMoney } from '../../core/money.js';
import { dayRange, monthPeriod, quarterOf, quarterPeriod, yearPeriod } from '../../core/period-spans.js';
import { shortName } from '../../core/person-name.js';
import type { PreBillMatterView, PreBillView } from '../views/pre-bill.view.js';

/** What the pre-bill card is built from: the compiled (or re-read) invoices of one client and period. */
export interface PreBillInput {
  readonly clientName: string;
  readonly periodLabel: string;
  readonly invoices: readonly InvoiceDocument[];
  /** Matters with drafts in the period but nothing approved: matter code, drafts and their billed minutes. */
  readonly awaitingOnly: readonly { readonly matter: string; readonly count: number; readonly minutes: number }[];
  /** The firm's currency, for totals when there is no invoice to take it from. */
  readonly currency: string;
  readonly canVoid: boolean;
}

function plural(count: number, word: string): string {
  return `${String(count)} ${word}${count === 1 ? '' : 's'}`;
}

/** "−$120.00" or "+$50.00": the true minus sign, so a write-down never reads as a dash. */
function signedMoney(cents: number, currency: string): string {
  return `${cents < 0 ? '−' : '+'}${formatMoney(Math.abs(cents), currency)}`;
}

function adjustmentText(line: InvoiceLine, currency: string): string | null {
  const cents = line.kind === 'fee' ? line.adjustmentCents : line.amountCents;
  if (cents === 0) return null;
  const what = `${cents < 0 ? 'Write-down' : 'Write-up'} ${signedMoney(cents, currency)}`;
  return line.kind === 'fee' ? `${what} on line ${String(line.lineNo)}: ${line.adjustmentReason ?? ''}` : `${what}: ${line.description}`;
}

function awaitingText(doc: InvoiceDocument): string | null {
  const { count, minutes, people } = doc.awaiting;
  if (count === 0) return null;
  const from = people.length > 0 ? ` from ${people.map(shortName).join(', ')}` : '';
  return `${plural(count, 'draft')} (${formatHours(minutes)} h) in this period still awaiting approval${from}`;
}

function matterView(doc: InvoiceDocument): PreBillMatterView {
  const money = (cents: number): string => formatMoney(cents, doc.currency);
  return {
    invoiceId: doc.id,
    status: doc.status,
    number: doc.number,
    matter: { code: doc.matter.code, name: doc.matter.name },
    hours: formatHours(doc.lines.reduce((sum, l) => sum + (l.kind === 'fee' ? (l.minutes ?? 0) : 0), 0)),
    fees: money(doc.feesCents),
    total: money(doc.totalCents),
    timekeepers: doc.timekeepers.map((t) => ({ name: t.timekeeper.name, hours: formatHours(t.minutes), rate: t.rateCents === null ? 'various' : money(t.rateCents), amount: money(t.amountCents) })),
    adjustments: doc.lines.map((l) => adjustmentText(l, doc.currency)).filter((t): t is string => t !== null),
    warnings: doc.warnings.map((w) => w.message),
    awaiting: awaitingText(doc),
  };
}

/**
 * The pre-bill card (cards.md "Pre-bill") of a client and period: one section per invoice, the
 * matters with only unapproved drafts, and the drafts' combined total for Finalize's confirmation.
 * Titled "… — invoices" once no invoice is still a draft.
 */
export function buildPreBillView(input: PreBillInput): PreBillView {
  const drafts = input.invoices.filter((d) => d.status === 'draft');
  const currency = input.invoices[0]?.currency ?? input.currency;
  const issuedAll = input.invoices.length > 0 && drafts.length === 0;
  return {
    kind: 'pre-bill',
    title: `${input.clientName} — ${input.periodLabel} — ${issuedAll ? 'invoices' : 'pre-bill'}`,
    matters: input.invoices.map(matterView),
    awaitingOnly: input.awaitingOnly.map((a) => `${a.matter}: ${plural(a.count, 'draft')} (${formatHours(a.minutes)} h) awaiting approval`),
    total: formatMoney(drafts.reduce((sum, d) => sum + d.totalCents, 0), currency),
    canVoid: input.canVoid,
  };
}

/** The label a period parser would give these dates: "March 2026", "Q1 2026", "2026", else "1 – 15 Mar 2026". */
export function periodLabelOf(start: LocalDate, end: LocalDate): string {
  const { year, month } = dateParts(start);
  const candidates = [monthPeriod(year, month), quarterPeriod(year, quarterOf(month)), yearPeriod(year)];
  return (candidates.find((p) => p.start === start && p.end === end) ?? dayRange(start, end)).label;
}
