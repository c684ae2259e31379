import type { Activity, ActivitySource } from '../core/activity.js';
import { AppError } from '../core/errors.js';
import type { SourceKind, User } from '../core/firm.js';
import { closestMatch } from '../core/suggest.js';
import { transaction, type Db } from '../db/connection.js';
import { saveActivities, type StoredActivity } from '../db/repositories/activity.repository.js';
import { toStoredActivity } from './activity-record.js';

/** The permission in a person's `sources` list that an activity of each kind needs. */
const PERMISSION: Readonly<Record<ActivitySource, SourceKind | null>> = {
  calendar: 'calendar',
  email: 'email',
  document: 'documents',
  call: 'calls',
  slack: 'slack',
  manual: null,
};

/** True when the person allows Tally to read this kind of activity for them. */
export function allowedFor(user: Pick<User, 'sources'>, source: ActivitySource): boolean {
  const needed = PERMISSION[source];
  return needed === null || user.sources.includes(needed);
}

export interface StoreResult {
  /** Activities new or changed in the database. */
  readonly stored: number;
  /** Activities of a kind their owner has not allowed: dropped, never stored. */
  readonly notAllowed: number;
}

/** Activities ready to store: owned by known people, of kinds they allow. */
export interface PreparedActivities {
  readonly records: readonly StoredActivity[];
  /** Activities of a kind their owner has not allowed: dropped, never stored. */
  readonly notAllowed: number;
}

/**
 * Checks owners and permissions and computes each record (owner id, local work date, hash). An
 * activity for an unknown person is a user error naming the email: then nothing is stored.
 */
export function prepareActivities(activities: readonly Activity[], users: readonly User[]): PreparedActivities {
  const byEmail = new Map(users.map((u) => [u.email, u]));
  const unknown = [...new Set(activities.map((a) => a.user.toLowerCase()).filter((e) => !byEmail.has(e)))];
  if (unknown.length > 0) {
    const emails = [...byEmail.keys()];
    const problems = unknown.map((email) => {
      const guess = closestMatch(email, emails);
      return { path: 'user', message: `unknown user "${email}"${guess ? ` (did you mean ${guess}?)` : ''}` };
    });
    throw new AppError('INVALID_INPUT', `activities name ${unknown.length} unknown user(s); nothing was captured`, { problems });
  }
  let notAllowed = 0;
  const records: StoredActivity[] = [];
  for (const activity of activities) {
    const user = byEmail.get(activity.user.toLowerCase()) as User;
    if (!allowedFor(user, activity.source)) {
      notAllowed++;
      continue;
    }
    records.push(toStoredActivity({ ...activity, user: user.email }, user));
  }
  return { records, notAllowed };
}

/** Stores prepared activities in one transaction; returns how many were new or changed. */
export function savePrepared(db: Db, prepared: PreparedActivities): Promise<number> {
  return transaction(db, (tx) => saveActivities(tx, prepared.records));
}

/** Prepares and stores activities (from a file or a source) for known people, all or nothing. */
export async function storeActivities(db: Db, activities: readonly Activity[], users: readonly User[]): Promise<StoreResult> {
  const prepared = prepareActivities(activities, users);
  return { stored: await savePrepared(db, prepared), notAllowed: prepared.notAllowed };
}
