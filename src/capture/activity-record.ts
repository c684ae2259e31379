import { createHash } from 'node:crypto';
import type { Activity } from '../core/activity.js';
import { localDateOf } from '../core/dates.js';
import type { StoredActivity } from '../db/repositories/activity.repository.js';

/** A stable hash of what an activity says, so re-reading an unchanged item writes nothing. */
export function activityHash(activity: Activity): string {
  const stable = JSON.stringify([
    activity.source,
    activity.start.toISOString(),
    activity.end.toISOString(),
    activity.title,
    [...activity.participants].sort(),
    activity.ref,
    activity.meta,
  ]);
  return createHash('sha256').update(stable).digest('hex');
}

/**
 * The one conversion every source uses before storing: the owner's id, the local work date in
 * their timezone (from the start), and the content hash.
 */
export function toStoredActivity(activity: Activity, user: { readonly id: number; readonly timezone: string }): StoredActivity {
  return { ...activity, userId: user.id, workDate: localDateOf(activity.start, user.timezone), contentHash: activityHash(activity) };
}
