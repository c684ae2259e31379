import type { Client, Matter } from './firm.js';
import type { InvoiceLine, Timekeeper, TimekeeperSummary } from './invoice.js';
import { feeForMinutes, formatMoney, scaleCents, sumCents } from './money.js';
import { resolveRate } from './rates.js';
import type { Rate } from './firm.js';
import type { Warning } from './time-entry.js';

/** An approved, unbilled entry as compiling sees it. */
export interface BillableEntry {
  readonly id: string;
  readonly version: number;
  readonly userId: number;
  readonly workDate: string;
  readonly billedMinutes: number;
  readonly narrative: string;
  readonly taskCode: string | null;
  readonly activityCode: string | null;
  readonly warnings: readonly Warning[];
}

/** A billing person's write-down (negative) or write-up (positive), with the reason they gave. */
export interface Adjustment {
  readonly amountCents: number;
  readonly reason: string;
}

export interface CompileInput {
  readonly client: Client;
  readonly matter: Matter;
  readonly currency: string;
  readonly rates: readonly Rate[];
  readonly timekeepers: ReadonlyMap<number, Timekeeper & { readonly email: string }>;
  readonly entries: readonly BillableEntry[];
  /** Write-downs kept from the draft this compile replaces: per entry, and invoice-level. */
  readonly lineAdjustments: ReadonlyMap<string, Adjustment>;
  readonly invoiceAdjustments: readonly Adjustment[];
}

export interface CompiledInvoice {
  readonly lines: readonly InvoiceLine[];
  readonly feesCents: number;
  readonly adjustmentCents: number;
  readonly totalCents: number;
  readonly timekeepers: readonly TimekeeperSummary[];
  readonly warnings: readonly Warning[];
}

const TRAVEL = /\b(?:non-working\s+)?travel(?:l?ing|l?ed)?\b/i;

/** Rate and amount of one entry under the client's guidelines: caps lower the rate, travel scales the amount. */
function priced(input: CompileInput, entry: BillableEntry, tk: (Timekeeper & { email: string }) | undefined) {
  const resolved = resolveRate(input.rates, { userId: entry.userId, matterId: input.matter.id, clientId: input.client.id }, entry.workDate);
  if (!resolved) return { rateCents: 0, amountCents: 0, note: 'No rate in force for this timekeeper on this date', missing: true };
  const g = input.client.guidelines;
  const cap = g.rateCaps[tk?.email ?? ''] ?? (tk?.classification ? g.rateCaps[tk.classification] : undefined);
  const notes: string[] = [];
  let rateCents = resolved.rateCents;
  if (cap !== undefined && rateCents > cap) {
    notes.push(`Rate ${formatMoney(rateCents, input.currency)}/h capped at ${formatMoney(cap, input.currency)}/h by ${input.client.name}'s guidelines`);
    rateCents = cap;
  }
  let amountCents = feeForMinutes(rateCents, entry.billedMinutes);
  if (g.travelRatePercent < 100 && TRAVEL.test(entry.narrative)) {
    amountCents = scaleCents(amountCents, g.travelRatePercent);
    notes.push(`Non-working travel billed at ${g.travelRatePercent}% under ${input.client.name}'s guidelines`);
  }
  return { rateCents, amountCents, note: notes.length > 0 ? notes.join('; ') : null, missing: false };
}

/** Per timekeeper: minutes, the rate if every line shared one, and the amount (before write-downs). */
export function summarizeTimekeepers(lines: readonly InvoiceLine[]): TimekeeperSummary[] {
  const by = new Map<number, { timekeeper: Timekeeper; minutes: number; rates: Set<number>; amounts: number[] }>();
  for (const line of lines) {
    if (line.kind !== 'fee' || !line.timekeeper) continue;
    const row = by.get(line.timekeeper.userId) ?? { timekeeper: line.timekeeper, minutes: 0, rates: new Set<number>(), amounts: [] };
    row.minutes += line.minutes ?? 0;
    row.rates.add(line.rateCents ?? 0);
    row.amounts.push(line.amountCents);
    by.set(line.timekeeper.userId, row);
  }
  return [...by.values()]
    .map((r) => ({ timekeeper: r.timekeeper, minutes: r.minutes, rateCents: r.rates.size === 1 ? ([...r.rates][0] ?? null) : null, amountCents: sumCents(r.amounts) }))
    .sort((a, b) => a.timekeeper.name.localeCompare(b.timekeeper.name));
}

/** Totals of a set of lines: fees, adjustments (line write-downs and adjustment lines) and the total. */
export function invoiceTotals(lines: readonly InvoiceLine[]): { feesCents: number; adjustmentCents: number; totalCents: number } {
  const feesCents = sumCents(lines.filter((l) => l.kind === 'fee').map((l) => l.amountCents));
  const adjustmentCents = sumCents(lines.map((l) => (l.kind === 'fee' ? l.adjustmentCents : l.amountCents)));
  return { feesCents, adjustmentCents, totalCents: feesCents + adjustmentCents };
}

/**
 * One matter's invoice lines from its approved entries: the most specific rate in force, the
 * client's rate caps and travel rate, write-downs carried over from the replaced draft, the
 * timekeeper summary, totals in integer cents, and warnings for what billing staff must see.
 */
export function compileInvoice(input: CompileInput): CompiledInvoice {
  const name = (e: BillableEntry) => input.timekeepers.get(e.userId)?.name ?? '';
  // Date, timekeeper, then content: the same entries always give the same line order.
  const sorted = [...input.entries].sort((a, b) => a.workDate.localeCompare(b.workDate) || name(a).localeCompare(name(b)) || a.narrative.localeCompare(b.narrative) || b.billedMinutes - a.billedMinutes || a.id.localeCompare(b.id));
  const warnings: Warning[] = [];
  let capped = 0;
  let flagged = 0;
  const lines: InvoiceLine[] = sorted.map((entry, i) => {
    const tk = input.timekeepers.get(entry.userId);
    const price = priced(input, entry, tk);
    if (price.missing) warnings.push({ code: 'no_rate', message: `No rate in force for ${tk?.name ?? `user ${entry.userId}`} on ${entry.workDate}: add one before finalizing` });
    if (price.note?.includes('capped')) capped++;
    if (entry.warnings.length > 0) flagged++;
    const adjustment = input.lineAdjustments.get(entry.id);
    return {
      lineNo: i + 1,
      kind: 'fee',
      entryId: entry.id,
      entryVersion: entry.version,
      workDate: entry.workDate,
      timekeeper: tk ? { userId: tk.userId, name: tk.name, timekeeperId: tk.timekeeperId, classification: tk.classification } : null,
      description: entry.narrative,
      minutes: entry.billedMinutes,
      rateCents: price.rateCents,
      amountCents: price.amountCents,
      adjustmentCents: adjustment?.amountCents ?? 0,
      adjustmentReason: adjustment?.reason ?? null,
      rateNote: price.note,
      taskCode: entry.taskCode,
      activityCode: entry.activityCode,
    };
  });
  input.invoiceAdjustments.forEach((a) => {
    lines.push({ lineNo: lines.length + 1, kind: 'adjustment', entryId: null, entryVersion: null, workDate: null, timekeeper: null, description: a.reason, minutes: null, rateCents: null, amountCents: a.amountCents, adjustmentCents: 0, adjustmentReason: null, rateNote: null, taskCode: null, activityCode: null });
  });
  if (capped > 0) warnings.push({ code: 'rate_capped', message: `${capped} line(s) reduced to ${input.client.name}'s rate caps` });
  // E-billing platforms reject LEDES files missing these; say so on the pre-bill, not after upload.
  const incomplete = [...new Set(lines.filter((l) => l.timekeeper && (!l.timekeeper.timekeeperId || !l.timekeeper.classification)).map((l) => l.timekeeper?.name ?? ''))];
  if (incomplete.length > 0) warnings.push({ code: 'ledes_timekeeper', message: `LEDES needs a timekeeper id and classification for ${incomplete.join(', ')}` });
  if (!input.matter.clientMatterId) warnings.push({ code: 'ledes_client_matter_id', message: `${input.matter.code} has no client matter id; some e-billing platforms reject LEDES files without it` });
  if (flagged > 0) warnings.push({ code: 'entry_warnings', message: `${flagged} line(s) carry guideline warnings from their entries` });
  return { lines, ...invoiceTotals(lines), timekeepers: summarizeTimekeepers(lines), warnings };
}

/**
 * The client's per-day cap across all its matters in the period: one warning naming how many
 * timekeeper-days go over it ("2 timekeeper-days over Globex Corporation's 8.0 h/day cap").
 */
export function dayCapWarning(entries: readonly Pick<BillableEntry, 'userId' | 'workDate' | 'billedMinutes'>[], client: Client): Warning | null {
  const days = new Map<string, number>();
  for (const e of entries) days.set(`${e.userId}|${e.workDate}`, (days.get(`${e.userId}|${e.workDate}`) ?? 0) + e.billedMinutes);
  const over = [...days.values()].filter((minutes) => minutes > client.guidelines.maxMinutesPerDay).length;
  if (over === 0) return null;
  const hours = `${Math.floor(client.guidelines.maxMinutesPerDay / 60)}.${Math.floor((client.guidelines.maxMinutesPerDay % 60) / 6)}`;
  return { code: 'max_hours_per_day', message: `${over} timekeeper-day(s) over ${client.name}'s ${hours} h/day cap` };
}
