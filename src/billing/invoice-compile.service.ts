import type { Actor } from '../core/audit.js';
import { AppError } from '../core/errors.js';
import type { Client, Matter } from '../core/firm.js';
import { hasRole } from '../core/firm.js';
import type { InvoiceDocument } from '../core/invoice.js';
import { compileInvoice, dayCapWarning, type Adjustment, type BillableEntry } from '../core/invoice-compile.js';
import type { Period } from '../core/period.js';
import type { TimeEntry } from '../core/time-entry.js';
import { transaction, type Db } from '../db/connection.js';
import { getFirm } from '../db/repositories/firm.repository.js';
import { discardDraft, findDraft, listInvoiceLines, saveDraftInvoice } from '../db/repositories/invoice.repository.js';
import { listMatters } from '../db/repositories/matter.repository.js';
import { listRates } from '../db/repositories/rate.repository.js';
import { listEntries } from '../db/repositories/time-entry.repository.js';
import { findUserById } from '../db/repositories/user.repository.js';
import { findClientByWord } from './client-lookup.js';
import { loadInvoiceDocument, timekeepersById } from './invoice-document.service.js';

export interface CompileRequest {
  readonly client: string;
  readonly period: Period;
  readonly matter?: string;
  readonly actor: Actor;
}

/** A matter with drafts still unapproved in the period but nothing approved to bill yet. */
export interface AwaitingOnly {
  readonly matter: string;
  readonly count: number;
  readonly minutes: number;
}

export interface CompileResult {
  readonly client: Client;
  readonly period: Period;
  readonly invoices: readonly InvoiceDocument[];
  readonly awaitingOnly: readonly AwaitingOnly[];
}

/**
 * Only billing staff and admins prepare invoices. Checked before anything is looked up, so the
 * refusal says nothing about whether a client or matter exists. A CLI actor without a user (the
 * shell's owner) is trusted as an administrator.
 */
export async function requireBilling(db: Db, actor: Actor): Promise<void> {
  if (actor.userId === null) return;
  const user = await findUserById(db, actor.userId);
  if (!user || !user.active || !hasRole(user, 'billing', 'admin')) throw new AppError('FORBIDDEN', 'preparing invoices needs the billing or admin role');
}

function billable(entry: TimeEntry): BillableEntry {
  return { id: entry.id, version: entry.version, userId: entry.userId, workDate: entry.workDate, billedMinutes: entry.billedMinutes, narrative: entry.narrative, taskCode: entry.taskCode, activityCode: entry.activityCode, warnings: entry.warnings };
}

async function carriedAdjustments(db: Db, matterId: number, period: Period) {
  const old = await findDraft(db, matterId, period.start, period.end);
  const lines = old ? await listInvoiceLines(db, old.id) : [];
  const lineAdjustments = new Map<string, Adjustment>(lines.filter((l) => l.kind === 'fee' && l.entryId && l.adjustmentReason).map((l) => [l.entryId as string, { amountCents: l.adjustmentCents, reason: l.adjustmentReason as string }]));
  const invoiceAdjustments = lines.filter((l) => l.kind === 'adjustment').map((l) => ({ amountCents: l.amountCents, reason: l.description }));
  return { lineAdjustments, invoiceAdjustments };
}

/**
 * Compiles the pre-bill of a client for a period (optionally one matter): one draft invoice per
 * matter from its approved, unbilled entries, replacing earlier drafts of the same period and
 * keeping their write-downs. Drafts still unapproved in the period are counted, never billed.
 */
export async function compileInvoices(db: Db, request: CompileRequest): Promise<CompileResult> {
  await requireBilling(db, request.actor);
  const client = await findClientByWord(db, request.client);
  const firm = await getFirm(db);
  let matters: Matter[] = (await listMatters(db, client.id)).filter((m) => m.billable);
  if (request.matter !== undefined) {
    const code = request.matter.trim().toUpperCase();
    matters = matters.filter((m) => m.code === code);
    if (matters.length === 0) throw new AppError('NOT_FOUND', `${client.name} has no billable matter "${request.matter.trim()}"`);
  }
  const [rates, timekeepers] = await Promise.all([listRates(db), timekeepersById(db)]);
  const range = { from: request.period.start, to: request.period.end };
  const perMatter = await Promise.all(matters.map(async (matter) => ({
    matter,
    approved: (await listEntries(db, { ...range, matterId: matter.id, status: 'approved' })).map(billable),
    drafts: await listEntries(db, { ...range, matterId: matter.id, status: 'draft' }),
    carried: await carriedAdjustments(db, matter.id, request.period),
  })));
  const cap = dayCapWarning(perMatter.flatMap((m) => m.approved), client);
  const ids = await transaction(db, async (tx) => {
    const saved: string[] = [];
    for (const { matter, approved, drafts, carried } of perMatter) {
      if (approved.length === 0) {
        await discardDraft(tx, matter.id, request.period.start, request.period.end, request.actor);
        continue;
      }
      const compiled = compileInvoice({ client, matter, currency: firm?.currency ?? 'USD', rates, timekeepers, entries: approved, ...carried });
      const warnings = cap ? [...compiled.warnings, cap] : compiled.warnings;
      saved.push(await saveDraftInvoice(tx, {
        clientId: client.id, matterId: matter.id, periodStart: request.period.start, periodEnd: request.period.end, currency: firm?.currency ?? 'USD',
        feesCents: compiled.feesCents, adjustmentCents: compiled.adjustmentCents, totalCents: compiled.totalCents,
        awaitingCount: drafts.length, awaitingMinutes: drafts.reduce((sum, d) => sum + d.billedMinutes, 0), warnings, lines: compiled.lines,
      }, request.actor));
    }
    return saved;
  });
  const invoices = await Promise.all(ids.map((id) => loadInvoiceDocument(db, id)));
  const awaitingOnly = perMatter.filter((m) => m.approved.length === 0 && m.drafts.length > 0).map((m) => ({ matter: m.matter.code, count: m.drafts.length, minutes: m.drafts.reduce((s, d) => s + d.billedMinutes, 0) }));
  return { client, period: request.period, invoices, awaitingOnly };
}
