import type { Activity } from '../core/activity.js';
import { SYSTEM_ACTOR, type Actor } from '../core/audit.js';
import type { MatchContext } from '../core/capture-types.js';
import { addDays, zonedDateTimeToInstant, type LocalDate } from '../core/dates.js';
import type { Client, Matter, User } from '../core/firm.js';
import { hasRole } from '../core/firm.js';
import type { Logger } from '../core/logger.js';
import type { TimeEntry } from '../core/time-entry.js';
import { transaction, type Db } from '../db/connection.js';
import { listActivitiesForDate, listApprovalHistories, type StoredActivity } from '../db/repositories/activity.repository.js';
import { listClients } from '../db/repositories/client.repository.js';
import { listMatters } from '../db/repositories/matter.repository.js';
import { listEntries } from '../db/repositories/time-entry.repository.js';
import { listUsers } from '../db/repositories/user.repository.js';
import { allowedFor, prepareActivities, savePrepared } from './activity-store.service.js';
import { applyDayPlans, type ApplyResult } from './apply-plan.js';
import { planDay, type DayPlan, type DraftingCore } from './day-plan.js';
import { narratePlans } from './narrate-plan.js';
import type { Narrator } from './narrative/narrator.js';
import type { ActivityReader, CaptureUser } from './sources/source.js';

export interface CaptureDeps {
  readonly db: Db;
  readonly core: DraftingCore;
  readonly readers: readonly ActivityReader[];
  readonly narrator: Narrator;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly actor?: Actor;
}

export interface CaptureRequest {
  readonly date: LocalDate;
  /** Only this person (else every active timekeeper). */
  readonly userEmail?: string;
  /** Activities from a file: stored first; sources are not read when given. */
  readonly activities?: readonly Activity[];
  readonly onProgress?: (done: number, total: number) => void;
  /** Called with each phase's duration (store, load, plan, narrate, write), for benchmarks and logs. */
  readonly onPhase?: (phase: CapturePhase, ms: number) => void;
}

export type CapturePhase = 'read' | 'prepare' | 'store' | 'load' | 'plan' | 'narrate' | 'write';

export interface CaptureSummary extends ApplyResult {
  readonly date: LocalDate;
  readonly users: number;
  readonly activitiesStored: number;
  readonly notAllowed: number;
  readonly sourceErrors: readonly { readonly user: string; readonly source: string; readonly message: string }[];
}

/** The day's activities as they will be once stored: what was there, updated by what came in. */
function mergeDay(earlier: readonly StoredActivity[], incoming: readonly StoredActivity[], date: LocalDate, userIds: ReadonlySet<number>): StoredActivity[] {
  const byId = new Map(earlier.map((a) => [a.id, a]));
  for (const a of incoming) {
    if (a.workDate === date && userIds.has(a.userId)) byId.set(a.id, a);
    else byId.delete(a.id);
  }
  return [...byId.values()].sort((a, b) => a.userId - b.userId || a.start.getTime() - b.start.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Timekeepers: people who bill time (lawyers, or anyone with a timekeeper id), still active. */
function timekeepers(users: readonly User[], email?: string): User[] {
  const wanted = email?.trim().toLowerCase();
  return users.filter((u) => u.active && (wanted ? u.email === wanted : hasRole(u, 'lawyer') || u.timekeeperId !== null));
}

/** The firm's own email domains: a participant there is a colleague, not a client. */
export function firmDomainsOf(users: readonly User[]): string[] {
  return [...new Set(users.map((u) => u.email.split('@')[1] ?? '').filter(Boolean))];
}

async function readSources(deps: CaptureDeps, users: readonly User[], date: LocalDate) {
  const activities: Activity[] = [];
  const errors: { user: string; source: string; message: string }[] = [];
  for (const user of users) {
    const window = { date, start: zonedDateTimeToInstant(date, '00:00', user.timezone), end: zonedDateTimeToInstant(addDays(date, 1), '00:00', user.timezone) };
    const captureUser: CaptureUser = { id: user.id, email: user.email, aadObjectId: user.aadObjectId, slackUserId: user.slackUserId, timezone: user.timezone, sources: user.sources };
    for (const reader of deps.readers.filter((r) => user.sources.includes(r.kind))) {
      try {
        activities.push(...(await reader.read(captureUser, window)).filter((a) => allowedFor(user, a.source)));
      } catch (error) {
        // One failing source must not lose the others' time; the failure is reported, never silent.
        const message = error instanceof Error ? error.message : String(error);
        errors.push({ user: user.email, source: reader.name, message });
        deps.logger.warn({ userId: user.id, source: reader.name, err: message }, 'capture source failed');
      }
    }
  }
  return { activities, errors };
}

/**
 * Captures and drafts one day: stores activities (from a file, or read from each person's allowed
 * sources) while it plans every person's day, then writes the changes in one transaction. Running it
 * again for the same day changes nothing; entries a person changed are never touched.
 */
export async function captureDay(deps: CaptureDeps, request: CaptureRequest): Promise<CaptureSummary> {
  const timed = async <T>(phase: CapturePhase, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    request.onPhase?.(phase, performance.now() - started);
    return result;
  };
  const [allUsers, clients, matters] = await Promise.all([listUsers(deps.db), listClients(deps.db), listMatters(deps.db)]);
  const users = timekeepers(allUsers, request.userEmail);
  const read = request.activities ? { activities: [...request.activities], errors: [] } : await timed('read', () => readSources(deps, users, request.date));
  const prepared = await timed('prepare', async () => prepareActivities(read.activities, allUsers));

  const ids = users.map((u) => u.id);
  const [earlier, dayEntries] = await timed('load', () => Promise.all([listActivitiesForDate(deps.db, request.date, ids), listEntries(deps.db, { from: request.date, to: request.date })]));
  const dayActivities = mergeDay(earlier, prepared.records, request.date, new Set(ids));
  // Storing the activities (the database's work) and planning the day (Node's) need nothing of each
  // other: they run side by side, on the two sides of the connection. Drafts are written after both.
  // Both settle before anything is decided, so a failure of one never leaves the other running unwatched.
  const [storing, planning] = await Promise.allSettled([
    timed('store', () => savePrepared(deps.db, prepared)),
    timed('plan', () => planAll(deps, { users, allUsers, clients, matters, date: request.date, dayActivities, dayEntries, onProgress: request.onProgress })),
  ]);
  if (storing.status === 'rejected') throw storing.reason;
  if (planning.status === 'rejected') throw planning.reason;
  const stored = storing.value;
  const plans = planning.value;
  const notAllowed = prepared.notAllowed;
  await timed('narrate', () => narratePlans(deps.narrator, deps.core, plans, { clients, matters }, deps.logger));
  const applied = await timed('write', () => transaction(deps.db, (tx) => applyDayPlans(tx, plans, deps.actor ?? { ...SYSTEM_ACTOR, label: 'capture' }, deps.now())));
  return { date: request.date, users: users.length, activitiesStored: stored, notAllowed, sourceErrors: read.errors, ...applied };
}

interface PlanInput {
  readonly users: readonly User[];
  readonly allUsers: readonly User[];
  readonly clients: readonly Client[];
  readonly matters: readonly Matter[];
  readonly date: LocalDate;
  readonly dayActivities: readonly StoredActivity[];
  readonly dayEntries: readonly TimeEntry[];
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
}

/** People planned between two turns of the event loop. */
const PLAN_SLICE = 10;

/** How far back a person's approvals teach the matcher. */
const HISTORY_DAYS = 180;

async function planAll(deps: CaptureDeps, input: PlanInput): Promise<{ user: User; date: LocalDate; plan: DayPlan }[]> {
  const firmDomains = firmDomainsOf(input.allUsers);
  const people = input.allUsers.map((u) => ({ email: u.email, name: u.name }));
  const finish = { clients: input.clients, matters: input.matters, matterById: new Map(input.matters.map((m) => [m.id, m])), people, firmDomains };
  const activitiesBy = groupBy(input.dayActivities, (a) => a.userId);
  const histories = await listApprovalHistories(deps.db, input.users.map((u) => u.id), addDays(input.date, -HISTORY_DAYS));
  const entriesBy = groupBy(input.dayEntries, (e) => e.userId);
  const plans: { user: User; date: LocalDate; plan: DayPlan }[] = [];
  for (const [i, user] of input.users.entries()) {
    const activities = activitiesBy.get(user.id) ?? [];
    const entries = entriesBy.get(user.id) ?? [];
    if (activities.length === 0 && entries.length === 0) {
      input.onProgress?.(i + 1, input.users.length);
      continue;
    }
    const matchContext: MatchContext = { clients: input.clients, matters: input.matters, firmDomains, history: histories.get(user.id) ?? [] };
    plans.push({ user, date: input.date, plan: planDay(deps.core, { user, date: input.date, activities, entries, matchContext, finish: { ...finish, user } }) });
    input.onProgress?.(i + 1, input.users.length);
    // Let the activity store, running beside this loop, send its next rows.
    if (i % PLAN_SLICE === PLAN_SLICE - 1) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return plans;
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const item of items) {
    const list = map.get(key(item));
    if (list) list.push(item);
    else map.set(key(item), [item]);
  }
  return map;
}
