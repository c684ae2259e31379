import { addDays, localDateOf } from '../core/dates.js';
import type { Db } from '../db/connection.js';
import { purgeBilledActivities } from '../db/repositories/activity.repository.js';
import { purgeDailySyncState } from '../db/repositories/sync-state.repository.js';

export interface PurgeResult {
  readonly activities: number;
  readonly syncStates: number;
  readonly cutoff: string;
}

/**
 * Retention: raw activities whose entries were all billed more than `days` ago are deleted, and
 * per-day sync snapshots older than `days` with them. Entries keep their own evidence lines.
 */
export async function purgeRawActivity(db: Db, now: Date, days: number): Promise<PurgeResult> {
  const cutoffInstant = new Date(now.getTime() - days * 86_400_000);
  const cutoff = addDays(localDateOf(now, 'UTC'), -days);
  const activities = await purgeBilledActivities(db, cutoffInstant);
  const syncStates = await purgeDailySyncState(db, cutoff);
  return { activities, syncStates, cutoff };
}
