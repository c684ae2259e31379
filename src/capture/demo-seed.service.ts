import type { Actor } from '../core/audit.js';
import { addDays, localDateOf, type LocalDate } from '../core/dates.js';
import type { Db } from '../db/connection.js';
import { getFirm } from '../db/repositories/firm.repository.js';
import { listUsers } from '../db/repositories/user.repository.js';
import { seedDemoFirm } from '../firm/demo.service.js';
import { storeActivities } from './activity-store.service.js';
import { captureDay, type CaptureDeps } from './capture.service.js';
import { draftingCore } from './drafting-core.js';
import { templateNarrator } from './narrative/narrator.js';
import { demoActivities, demoWeek } from './demo-activity.js';

export interface DemoActivityResult {
  readonly days: readonly LocalDate[];
  readonly activities: number;
  readonly stored: number;
}

/**
 * Stores a week of demo activity ending today in the firm's timezone (or at asOf). Idempotent:
 * the ids are stable, so seeding again stores nothing new.
 */
export async function seedDemoActivity(db: Db, now: Date, asOf?: LocalDate): Promise<DemoActivityResult> {
  const firm = await getFirm(db);
  const users = await listUsers(db);
  const today = asOf ?? localDateOf(now, firm?.timezone ?? 'UTC');
  const zones = new Map(users.map((u) => [u.email, u.timezone]));
  const activities = demoActivities(today, (email) => zones.get(email) ?? firm?.timezone ?? 'UTC').filter((a) => zones.has(a.user));
  const { stored } = await storeActivities(db, activities, users);
  return { days: demoWeek(today), activities: activities.length, stored };
}

export interface DemoWorkspaceResult {
  /** True when this call created the demo firm (the first start). */
  readonly seededFirm: boolean;
  /** The days seeded: the week ending today and the week before it (so Monday's digest has a week to show). */
  readonly days: readonly LocalDate[];
  readonly activities: number;
  /** Drafts written by capturing the days now (0 when they were already captured). */
  readonly drafted: number;
}

/**
 * What `npm start` does in console mode so a newcomer sees real drafts at once: the demo firm on
 * an empty database, two weeks of its activity ending today, and those days captured — all
 * idempotent, so a restart changes nothing a person approved or edited. A real firm is left alone.
 */
export async function ensureDemoWorkspace(deps: Pick<CaptureDeps, 'db' | 'logger' | 'now'>, actor: Actor): Promise<DemoWorkspaceResult | null> {
  const firm = await getFirm(deps.db);
  if (firm && !firm.isDemo) return null;
  if (!firm) await seedDemoFirm(deps.db, actor);
  const thisWeek = await seedDemoActivity(deps.db, deps.now());
  const lastWeek = await seedDemoActivity(deps.db, deps.now(), addDays(thisWeek.days[0] ?? localDateOf(deps.now(), 'UTC'), -1));
  const days = [...lastWeek.days, ...thisWeek.days];
  let drafted = 0;
  for (const date of days) {
    const summary = await captureDay({ ...deps, core: draftingCore, readers: [], narrator: templateNarrator, actor }, { date });
    drafted += summary.created;
  }
  return { seededFirm: !firm, days, activities: thisWeek.activities + lastWeek.activities, drafted };
}
