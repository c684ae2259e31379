import { localDateOf, type LocalDate } from '../core/dates.js';
import type { Db } from '../db/connection.js';
import { getFirm } from '../db/repositories/firm.repository.js';
import { listUsers } from '../db/repositories/user.repository.js';
import { storeActivities } from './activity-store.service.js';
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
