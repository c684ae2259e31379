import type { LocalDate } from './dates.js';
import {
  addToAging, ageInDays, agingBucket, basisPoints, emptyAging, isWithin, medianOf, minutesBetween,
  weekdaysWithoutTime, type AgingAmount, type ClientFigures, type DigestFigures, type DigestMeasures, type DigestWeek, type ReportFigures,
} from './digest.js';
import type { Client, Matter, Rate } from './firm.js';
import type { Timekeeper } from './invoice.js';
import { compileInvoice, type BillableEntry } from './invoice-compile.js';
import { resolveRate } from './rates.js';

/** A report's draft or approved-unbilled entry with work date ≤ the as-of date. */
export interface OpenEntryFact extends BillableEntry {
  readonly status: 'draft' | 'approved';
  readonly matterId: number | null;
  readonly clientId: number | null;
}

/** An entry approved in the measured weeks (any report of the firm). */
export interface ApprovalFact {
  readonly approvedAt: Date;
  /** The latest end of its source activities still stored; null when it has none. */
  readonly activityEnd: Date | null;
  readonly edited: boolean;
  readonly origin: 'capture' | 'manual';
}

/** An entry on an issued invoice finalized in the measured weeks. */
export interface InvoicedEntryFact {
  readonly approvedAt: Date;
  readonly finalizedAt: Date;
}

/** An issued invoice finalized in the measured weeks: its fees and its write-downs as a positive amount. */
export interface FinalizedInvoiceFact {
  readonly finalizedAt: Date;
  readonly feesCents: number;
  readonly writtenDownCents: number;
}

/** What pricing work in progress needs: the same inputs as the invoice compile. */
export interface PricingContext {
  readonly currency: string;
  readonly rates: readonly Rate[];
  readonly clients: ReadonlyMap<number, Client>;
  readonly matters: ReadonlyMap<number, Matter>;
  readonly timekeepers: ReadonlyMap<number, Timekeeper & { readonly email: string }>;
}

/** One WIP entry's price: the compiled amount, and whether no rate was in force (then 0 cents). */
export interface WipPrice {
  readonly cents: number;
  readonly noRate: boolean;
}

/**
 * Prices approved, unbilled entries exactly as the invoice compile would (per matter, through
 * {@link compileInvoice}: rate caps, travel rate, half up per entry, no write-downs). An entry
 * without a matter, or with no rate in force ({@link resolveRate}), is 0 cents and `noRate`.
 */
export function priceWorkInProgress(entries: readonly OpenEntryFact[], ctx: PricingContext): Map<string, WipPrice> {
  const prices = new Map<string, WipPrice>();
  const byMatter = new Map<number, OpenEntryFact[]>();
  for (const e of entries) {
    if (e.status !== 'approved') continue;
    if (e.matterId === null) prices.set(e.id, { cents: 0, noRate: true });
    else {
      const group = byMatter.get(e.matterId) ?? [];
      group.push(e);
      byMatter.set(e.matterId, group);
    }
  }
  for (const [matterId, group] of byMatter) {
    const matter = ctx.matters.get(matterId);
    const client = matter ? ctx.clients.get(matter.clientId) : undefined;
    if (!matter || !client) {
      for (const e of group) prices.set(e.id, { cents: 0, noRate: true });
      continue;
    }
    const compiled = compileInvoice({ client, matter, currency: ctx.currency, rates: ctx.rates, timekeepers: ctx.timekeepers, entries: group, lineAdjustments: new Map(), invoiceAdjustments: [] });
    const amounts = new Map(compiled.lines.map((l) => [l.entryId, l.amountCents]));
    for (const e of group) {
      const noRate = resolveRate(ctx.rates, { userId: e.userId, matterId, clientId: client.id }, e.workDate) === null;
      prices.set(e.id, { cents: noRate ? 0 : (amounts.get(e.id) ?? 0), noRate });
    }
  }
  return prices;
}

/** The firm's measures for one week's instants (see {@link DigestMeasures}). */
export function measuresFor(range: { readonly from: Date; readonly to: Date }, approvals: readonly ApprovalFact[], invoiced: readonly InvoicedEntryFact[], invoices: readonly FinalizedInvoiceFact[]): DigestMeasures {
  const approved = approvals.filter((a) => isWithin(a.approvedAt, range));
  const lags = approved.flatMap((a) => (a.activityEnd === null ? [] : [minutesBetween(a.activityEnd, a.approvedAt)]));
  const waits = invoiced.filter((e) => isWithin(e.finalizedAt, range)).map((e) => minutesBetween(e.approvedAt, e.finalizedAt));
  const captured = approved.filter((a) => a.origin === 'capture');
  const issued = invoices.filter((i) => isWithin(i.finalizedAt, range));
  return {
    activityToApprovalMinutes: medianOf(lags),
    approvalToInvoiceMinutes: medianOf(waits),
    editedShareBp: basisPoints(captured.filter((a) => a.edited).length, captured.length),
    writeDownBp: basisPoints(issued.reduce((s, i) => s + i.writtenDownCents, 0), issued.reduce((s, i) => s + i.feesCents, 0)),
  };
}

/** Everything the digest is assembled from, as the service read it. */
export interface DigestFacts {
  readonly manager: DigestFigures['manager'];
  readonly asOf: LocalDate;
  readonly week: DigestWeek;
  readonly previousWeek: DigestWeek;
  readonly currency: string;
  /** Direct reports, in the order the digest lists them. */
  readonly reports: readonly { readonly id: number; readonly email: string; readonly name: string }[];
  readonly open: readonly OpenEntryFact[];
  readonly prices: ReadonlyMap<string, WipPrice>;
  readonly clients: ReadonlyMap<number, { readonly code: string; readonly name: string }>;
  /** (report, date) pairs of the week with at least one entry of any status. */
  readonly recordedDays: readonly { readonly userId: number; readonly workDate: LocalDate }[];
  readonly billedMinutes: ReadonlyMap<number, number>;
  readonly weekRange: { readonly from: Date; readonly to: Date };
  readonly previousRange: { readonly from: Date; readonly to: Date };
  readonly approvals: readonly ApprovalFact[];
  readonly invoiced: readonly InvoicedEntryFact[];
  readonly invoices: readonly FinalizedInvoiceFact[];
}

function reportFigures(facts: DigestFacts, report: DigestFacts['reports'][number]): ReportFigures {
  const mine = facts.open.filter((e) => e.userId === report.id);
  const drafts = mine.filter((e) => e.status === 'draft');
  let aging: AgingAmount[] = emptyAging();
  let noRate = false;
  for (const e of mine.filter((x) => x.status === 'approved')) {
    const price = facts.prices.get(e.id) ?? { cents: 0, noRate: true };
    noRate ||= price.noRate;
    aging = addToAging(aging, agingBucket(ageInDays(e.workDate, facts.asOf)), e.billedMinutes, price.cents);
  }
  const recorded = new Set(facts.recordedDays.filter((d) => d.userId === report.id).map((d) => d.workDate));
  return {
    userId: report.id,
    email: report.email,
    name: report.name,
    awaiting: { count: drafts.length, minutes: drafts.reduce((s, e) => s + e.billedMinutes, 0) },
    wip: { minutes: aging.reduce((s, a) => s + a.minutes, 0), cents: aging.reduce((s, a) => s + a.cents, 0), aging },
    noRate,
    billedLastWeekMinutes: facts.billedMinutes.get(report.id) ?? 0,
    daysWithoutTime: weekdaysWithoutTime(facts.week, recorded),
  };
}

function clientFigures(facts: DigestFacts): ClientFigures[] {
  const rows = new Map<number | null, { awaitingMinutes: number; wipMinutes: number; wipCents: number }>();
  for (const e of facts.open) {
    const row = rows.get(e.clientId) ?? { awaitingMinutes: 0, wipMinutes: 0, wipCents: 0 };
    if (e.status === 'draft') row.awaitingMinutes += e.billedMinutes;
    else {
      row.wipMinutes += e.billedMinutes;
      row.wipCents += facts.prices.get(e.id)?.cents ?? 0;
    }
    rows.set(e.clientId, row);
  }
  return [...rows.entries()]
    .map(([clientId, row]) => {
      const client = clientId === null ? undefined : facts.clients.get(clientId);
      return { clientId, code: client?.code ?? null, name: client?.name ?? null, ...row };
    })
    .sort((a, b) => (a.code === null ? 1 : b.code === null ? -1 : a.code.localeCompare(b.code)));
}

/** Assembles the digest's figures from what the service read (pure; see {@link DigestFigures}). */
export function assembleDigest(facts: DigestFacts): DigestFigures {
  const reports = facts.reports.map((r) => reportFigures(facts, r));
  const teamAging = reports.reduce<AgingAmount[]>((acc, r) => r.wip.aging.reduce((a, b) => addToAging(a, b.bucket, b.minutes, b.cents), acc), emptyAging());
  const sum = (pick: (r: ReportFigures) => number) => reports.reduce((s, r) => s + pick(r), 0);
  return {
    manager: facts.manager,
    asOf: facts.asOf,
    week: facts.week,
    previousWeek: facts.previousWeek,
    currency: facts.currency,
    reports,
    clients: clientFigures(facts),
    team: {
      awaitingCount: sum((r) => r.awaiting.count),
      awaitingMinutes: sum((r) => r.awaiting.minutes),
      wipMinutes: sum((r) => r.wip.minutes),
      wipCents: sum((r) => r.wip.cents),
      aging: teamAging,
      billedLastWeekMinutes: sum((r) => r.billedLastWeekMinutes),
    },
    measures: {
      week: measuresFor(facts.weekRange, facts.approvals, facts.invoiced, facts.invoices),
      previousWeek: measuresFor(facts.previousRange, facts.approvals, facts.invoiced, facts.invoices),
    },
  };
}
