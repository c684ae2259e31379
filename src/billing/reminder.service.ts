import type { LocalDate } from '../core/dates.js';
import { hasRole, type User } from '../core/firm.js';
import { DEFAULT_WORKDAYS, workingDayCutoff } from '../core/working-days.js';
import type { Db } from '../db/connection.js';
import { listDraftDays } from '../db/repositories/reminder.repository.js';

/** A draft is worth a nudge once it is more than this many of its owner's working days old. */
export const REMINDER_AGE_WORKING_DAYS = 2;

/** What a nudge about old drafts says: figures and days only, never a narrative or matter. */
export interface Reminder {
  readonly userId: number;
  /** The owner's local date the reminder is for. */
  readonly today: LocalDate;
  /** Drafts older than the threshold, across all their days. */
  readonly count: number;
  /** Billed minutes of those drafts. */
  readonly minutes: number;
  readonly oldestDate: LocalDate;
  /** Each day with such drafts, oldest first. */
  readonly dates: readonly LocalDate[];
}

/** The days a person works: their card days, or Monday to Friday when none are set. */
function workdaysOf(user: User): readonly number[] {
  return user.summaryDays.length > 0 ? user.summaryDays : DEFAULT_WORKDAYS;
}

/**
 * Whether `user` is due a reminder on `today` (their local date), and about what: every draft dated
 * more than {@link REMINDER_AGE_WORKING_DAYS} of their working days before today. Null when they
 * turned reminders off, are inactive, are no lawyer, or have no draft that old. Says nothing about
 * when or how often to send: the scheduler keeps it to one a day.
 */
export async function findReminder(db: Db, user: User, today: LocalDate): Promise<Reminder | null> {
  if (!user.reminders || !user.active || !hasRole(user, 'lawyer')) return null;
  const cutoff = workingDayCutoff(today, REMINDER_AGE_WORKING_DAYS + 1, workdaysOf(user));
  if (cutoff === null) return null;
  const days = await listDraftDays(db, user.id, cutoff);
  const oldest = days[0];
  if (oldest === undefined) return null;
  return {
    userId: user.id,
    today,
    count: days.reduce((sum, d) => sum + d.count, 0),
    minutes: days.reduce((sum, d) => sum + d.billedMinutes, 0),
    oldestDate: oldest.workDate,
    dates: days.map((d) => d.workDate),
  };
}
