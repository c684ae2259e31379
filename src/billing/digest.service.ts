import { localDateOf, parseLocalDate } from '../core/dates.js';
import { digestWeeks, weekInstants, type DigestFigures } from '../core/digest.js';
import { assembleDigest, priceWorkInProgress } from '../core/digest-figures.js';
import { AppError } from '../core/errors.js';
import { hasRole, type User } from '../core/firm.js';
import type { Db } from '../db/connection.js';
import { listClientsByIds } from '../db/repositories/client.repository.js';
import {
  billedMinutesByUser, listApprovals, listFinalizedInvoices, listInvoicedEntries, listOpenEntries, listRecordedDays,
} from '../db/repositories/digest.repository.js';
import { getFirm } from '../db/repositories/firm.repository.js';
import { listMattersByIds } from '../db/repositories/matter.repository.js';
import { listRates } from '../db/repositories/rate.repository.js';
import { findUserByEmail, findUserById, listUsers } from '../db/repositories/user.repository.js';

/** Whose digest, as of which date (default: today in the manager's timezone), and the clock. */
export type DigestRequest = ({ readonly managerEmail: string } | { readonly managerId: number }) & {
  readonly asOf?: string | undefined;
  readonly now: () => Date;
};

/**
 * The manager the digest is for: NOT_FOUND naming the email (or id) when unknown, FORBIDDEN when
 * inactive or without the manager role — digests go only to a manager about their own reports.
 */
export async function requireManager(db: Db, request: DigestRequest): Promise<User> {
  const user = 'managerEmail' in request ? await findUserByEmail(db, request.managerEmail) : await findUserById(db, request.managerId);
  const named = 'managerEmail' in request ? `"${request.managerEmail.trim()}"` : `with id ${String(request.managerId)}`;
  if (!user) throw new AppError('NOT_FOUND', `unknown user ${named}`);
  if (!user.active) throw new AppError('FORBIDDEN', `${user.email} is not an active user; digests go only to active managers`);
  if (!hasRole(user, 'manager')) throw new AppError('FORBIDDEN', `${user.email} does not have the manager role; digests go only to managers`);
  return user;
}

/**
 * The weekly digest's figures for one manager's direct reports (contract: {@link DigestFigures}).
 * A dozen queries whatever the team's size; WIP is priced by the invoice compile itself.
 */
export async function buildDigest(db: Db, request: DigestRequest): Promise<DigestFigures> {
  const manager = await requireManager(db, request);
  const asOf = request.asOf !== undefined ? parseLocalDate(request.asOf) : localDateOf(request.now(), manager.timezone);
  const [firm, users] = await Promise.all([getFirm(db), listUsers(db)]);
  const timeZone = firm?.timezone ?? 'UTC';
  const currency = firm?.currency ?? 'USD';
  const { week, previousWeek } = digestWeeks(asOf);
  const weekRange = weekInstants(week, timeZone);
  const previousRange = weekInstants(previousWeek, timeZone);
  const bothWeeks = { from: previousRange.from, to: weekRange.to };
  const reports = users.filter((u) => u.active && u.managerId === manager.id && u.id !== manager.id).sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
  const ids = reports.map((r) => r.id);
  const [open, recordedDays, billedMinutes, approvals, invoiced, invoices, rates] = await Promise.all([
    listOpenEntries(db, ids, asOf),
    listRecordedDays(db, ids, week.start, week.end),
    billedMinutesByUser(db, ids, weekRange),
    listApprovals(db, bothWeeks),
    listInvoicedEntries(db, bothWeeks),
    listFinalizedInvoices(db, bothWeeks),
    listRates(db),
  ]);
  const clientIds = open.flatMap((e) => (e.clientId === null ? [] : [e.clientId]));
  const matterIds = open.flatMap((e) => (e.status === 'approved' && e.matterId !== null ? [e.matterId] : []));
  const [clients, matters] = await Promise.all([listClientsByIds(db, [...new Set(clientIds)]), listMattersByIds(db, [...new Set(matterIds)])]);
  const timekeepers = new Map(users.map((u) => [u.id, { userId: u.id, name: u.name, timekeeperId: u.timekeeperId, classification: u.classification, email: u.email }]));
  const prices = priceWorkInProgress(open, { currency, rates, timekeepers, clients: new Map(clients.map((c) => [c.id, c])), matters: new Map(matters.map((m) => [m.id, m])) });
  return assembleDigest({
    manager: { id: manager.id, email: manager.email, name: manager.name },
    asOf, week, previousWeek, currency,
    reports: reports.map((r) => ({ id: r.id, email: r.email, name: r.name })),
    open, prices,
    clients: new Map(clients.map((c) => [c.id, { code: c.code, name: c.name }])),
    recordedDays, billedMinutes, weekRange, previousRange, approvals, invoiced, invoices,
  });
}
