import type { Actor } from '../core/audit.js';
import { localDateOf, type LocalDate } from '../core/dates.js';
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
  readonly week: DemoActivityResult;
  /** Drafts written by capturing the week now (0 when it was already captured). */
  readonly drafted: number;
}

/**
 * What `npm start` does in console mode so a newcomer sees real drafts at once: the demo firm on
 * an empty database, a week of its activity ending today, and that week captured — all
 * idempotent, so a restart changes nothing a person approved or edited. A real firm is left alone.
 */
export async function ensureDemoWorkspace(deps: Pick<CaptureDeps, 'db' | 'logger' | 'now'>, actor: Actor): Promise<DemoWorkspaceResult | null> {
  const firm = await getFirm(deps.db);
  if (firm && !firm.isDemo) return null;
  if (!firm) await seedDemoFirm(deps.db, actor);
  const week = await seedDemoActivity(deps.db, deps.now());
  let drafted = 0;
  for (const date of week.days) {
    const summary = await captureDay({ ...deps, core: draftingCore, readers: [], narrator: templateNarrator, actor }, { date });
    drafted += summary.created;
  }
  return { seededFirm: !firm, week, drafted };
}
