import type { Actor } from '../core/audit.js';
import type { Matter, Rate, User } from '../core/firm.js';
import type { Tx } from '../db/connection.js';
import { recordAudit } from '../db/repositories/audit.repository.js';
import { upsertClient } from '../db/repositories/client.repository.js';
import { upsertMatter } from '../db/repositories/matter.repository.js';
import { listRates, replaceRates, type RateScope } from '../db/repositories/rate.repository.js';
import { setUserLinks, upsertUser } from '../db/repositories/user.repository.js';
import type { ExistingFirm } from './firm-references.js';
import type { FirmPlan, PlannedRates } from './firm-plan.js';

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** JSON with sorted keys, so two equal values compare equal whatever order their keys came in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/**
 * Writes one entity if it is new or differs from what is stored, with its audit row; counts the
 * outcome. Unchanged entities are not touched, so re-importing the same file writes nothing.
 */
async function sync<T>(tx: Tx, actor: Actor, kind: string, id: string, before: T | null, after: T, write: () => Promise<unknown>, counts: ImportCounts): Promise<void> {
  if (before !== null && canonical(before) === canonical(after)) {
    counts.unchanged++;
    return;
  }
  await write();
  await recordAudit(tx, { actor, action: `${kind}.${before === null ? 'create' : 'update'}`, entityType: kind, entityId: id, before, after });
  counts[before === null ? 'created' : 'updated']++;
}

const newCounts = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0 });

function userSnapshot(u: Omit<User, 'id' | 'managerId' | 'delegateIds' | 'unreachableAt'>, managerEmail: string | null, delegateEmails: readonly string[]) {
  const { email, name, timekeeperId, classification, roles, timezone, summaryTime, summaryDays, slackUserId, aadObjectId, sources, reminders, active } = u;
  return { email, name, timekeeperId, classification, roles: [...roles].sort(), timezone, summaryTime, summaryDays, slackUserId, aadObjectId, sources: [...sources].sort(), reminders, active, managerEmail, delegateEmails: [...delegateEmails].sort() };
}

function matterSnapshot(m: Omit<Matter, 'id' | 'clientId'>, clientCode: string) {
  const { code, name, clientMatterId, status, keywords, slackChannels, defaultTaskCode, billable } = m;
  return { code, clientCode, name, clientMatterId, status, keywords, slackChannels: [...slackChannels].sort(), defaultTaskCode, billable };
}

/** Applies a validated plan inside the caller's transaction; returns counts per kind. */
export async function applyPlan(tx: Tx, plan: FirmPlan, existing: ExistingFirm, actor: Actor) {
  const counts = { users: newCounts(), clients: newCounts(), matters: newCounts(), rates: newCounts() };
  const emailOf = new Map(existing.users.map((u) => [u.id, u.email]));

  const clientIds = new Map(existing.clients.map((c) => [c.code, c.id]));
  for (const { rates: _rates, ...client } of plan.clients) {
    const old = existing.clients.find((c) => c.code === client.code);
    const before = old ? { ...old, id: undefined } : null;
    await sync(tx, actor, 'client', client.code, before, { ...client, id: undefined }, async () => clientIds.set(client.code, await upsertClient(tx, client)), counts.clients);
  }

  const userIds = new Map(existing.users.map((u) => [u.email, u.id]));
  for (const user of plan.users) {
    const { managerEmail: _m, delegateEmails: _d, standardRate: _r, ...fields } = user;
    if (!userIds.has(user.email)) userIds.set(user.email, await upsertUser(tx, fields));
  }
  for (const user of plan.users) {
    const { managerEmail, delegateEmails, standardRate: _r, ...fields } = user;
    const old = existing.users.find((u) => u.email === user.email);
    const before = old ? userSnapshot(old, old.managerId === null ? null : (emailOf.get(old.managerId) ?? null), old.delegateIds.map((id) => emailOf.get(id) ?? String(id))) : null;
    const write = async () => {
      const id = await upsertUser(tx, fields);
      const idOf = (email: string) => userIds.get(email) as number;
      await setUserLinks(tx, id, managerEmail ? idOf(managerEmail) : null, delegateEmails.map(idOf));
    };
    await sync(tx, actor, 'user', user.email, before, userSnapshot(fields, managerEmail, delegateEmails), write, counts.users);
  }

  const matterIds = new Map(existing.matters.map((m) => [m.code, m.id]));
  for (const { rates: _rates, clientCode, ...matter } of plan.matters) {
    const clientId = clientIds.get(clientCode) as number;
    const old = existing.matters.find((m) => m.code === matter.code);
    const before = old ? matterSnapshot(old, existing.clients.find((c) => c.id === old.clientId)?.code ?? '') : null;
    const write = async () => matterIds.set(matter.code, await upsertMatter(tx, { ...matter, clientId }));
    await sync(tx, actor, 'matter', matter.code, before, matterSnapshot(matter, clientCode), write, counts.matters);
  }

  await applyRates(tx, plan, { userIds, clientIds, matterIds }, actor, counts.rates);
  return counts;
}

interface Ids {
  readonly userIds: ReadonlyMap<string, number>;
  readonly clientIds: ReadonlyMap<string, number>;
  readonly matterIds: ReadonlyMap<string, number>;
}

const scopeKey = (s: RateScope) => `${s.userId ?? '*'}|${s.clientId ?? '*'}|${s.matterId ?? '*'}`;

/**
 * The file is the truth for the rates of every user, client and matter it lists: scopes it gives
 * are replaced, scopes those entities had before but the file no longer gives are removed.
 */
async function applyRates(tx: Tx, plan: FirmPlan, ids: Ids, actor: Actor, counts: ImportCounts): Promise<void> {
  const desired = new Map<string, { scope: RateScope; rates: PlannedRates['rates'] }>();
  const add = (scope: RateScope, rates: PlannedRates['rates']) => desired.set(scopeKey(scope), { scope, rates });
  const userId = (email: string | null) => (email === null ? null : (ids.userIds.get(email) ?? null));
  for (const u of plan.users) if (u.standardRate) add({ userId: userId(u.email), clientId: null, matterId: null }, u.standardRate.rates);
  for (const c of plan.clients) for (const r of c.rates) add({ userId: userId(r.userEmail), clientId: ids.clientIds.get(c.code) ?? null, matterId: null }, r.rates);
  for (const m of plan.matters) for (const r of m.rates) add({ userId: userId(r.userEmail), clientId: null, matterId: ids.matterIds.get(m.code) ?? null }, r.rates);

  const owned = {
    users: new Set(plan.users.map((u) => ids.userIds.get(u.email))),
    clients: new Set(plan.clients.map((c) => ids.clientIds.get(c.code))),
    matters: new Set(plan.matters.map((m) => ids.matterIds.get(m.code))),
  };
  const current = new Map<string, { scope: RateScope; rates: Rate[] }>();
  for (const rate of await listRates(tx)) {
    const scope = { userId: rate.userId, clientId: rate.clientId, matterId: rate.matterId };
    const isOwned = rate.matterId !== null ? owned.matters.has(rate.matterId) : rate.clientId !== null ? owned.clients.has(rate.clientId) : owned.users.has(rate.userId ?? undefined);
    if (!isOwned) continue;
    const entry = current.get(scopeKey(scope)) ?? { scope, rates: [] };
    entry.rates.push(rate);
    current.set(scopeKey(scope), entry);
  }
  const amounts = (rates: readonly { rateCents: number; effectiveFrom: string | null; effectiveTo: string | null }[]) =>
    rates.map(({ rateCents, effectiveFrom, effectiveTo }) => ({ rateCents, effectiveFrom, effectiveTo })).sort((a, b) => (a.effectiveFrom ?? '').localeCompare(b.effectiveFrom ?? ''));

  for (const key of new Set([...desired.keys(), ...current.keys()])) {
    const want = desired.get(key);
    const have = current.get(key);
    const scope = (want ?? have)?.scope as RateScope;
    const before = have ? amounts(have.rates) : null;
    const after = want ? amounts(want.rates) : [];
    await sync(tx, actor, 'rate', key, before, after, () => replaceRates(tx, scope, after), counts);
  }
}
