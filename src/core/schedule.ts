import { dayOfWeek, localDateOf, zonedDateTimeToInstant, type LocalDate } from './dates.js';
import type { User } from './firm.js';

/** What Tally sends on its own: the daily review card, the manager's weekly digest, a reminder. */
export type SendKind = 'daily_review' | 'digest' | 'reminder';
export const SEND_KINDS: readonly SendKind[] = ['daily_review', 'digest', 'reminder'];

/** A local wall time on some ISO weekdays (1 = Monday … 7 = Sunday), in the person's timezone. */
export interface ScheduleRule {
  /** 'HH:MM', 24-hour. */
  readonly time: string;
  readonly days: readonly number[];
}

/** One send that has come due: who, what, for which local day, and the instant it fell due. */
export interface DueSend {
  readonly kind: SendKind;
  readonly userId: number;
  readonly localDate: LocalDate;
  readonly dueAt: Date;
}

/**
 * The person's local date whose send is due at `now`, with the instant it fell due, or null.
 * Due from the rule's wall time until the local day ends, so an instance that starts (or a tick
 * that runs) after the time still sends that day's. Daylight saving: a time skipped by
 * spring-forward falls due when the gap ends; an ambiguous fall-back time at its first occurrence
 * (the caller's key per user and date keeps the second from sending again).
 */
export function dueDate(rule: ScheduleRule, timeZone: string, now: Date): { readonly localDate: LocalDate; readonly dueAt: Date } | null {
  const localDate = localDateOf(now, timeZone);
  if (!rule.days.includes(dayOfWeek(localDate))) return null;
  const dueAt = zonedDateTimeToInstant(localDate, rule.time, timeZone);
  return now.getTime() >= dueAt.getTime() ? { localDate, dueAt } : null;
}

/** A key that names one send for good: the platform message carries it, so a retry can find it. */
export function sendKey(send: Pick<DueSend, 'kind' | 'userId' | 'localDate'>): string {
  return `${send.kind}:${String(send.userId)}:${send.localDate}`;
}

/**
 * Where a send stands: queued (waiting for a worker), sending (a worker has it), delivered,
 * delivery_unknown (may have landed; reconciled before any resend), failed (refused; reason
 * says why), unreachable (the person blocked Tally or has no DM), skipped (nothing to send).
 */
export type SendStatus = 'queued' | 'sending' | 'delivered' | 'delivery_unknown' | 'failed' | 'unreachable' | 'skipped';
export const SEND_STATUSES: readonly SendStatus[] = ['queued', 'sending', 'delivered', 'delivery_unknown', 'failed', 'unreachable', 'skipped'];

/** One row of the send ledger. */
export interface ScheduledSend extends DueSend {
  readonly id: number;
  readonly status: SendStatus;
  readonly attempts: number;
  readonly reason: string | null;
  readonly platform: 'slack' | 'teams' | null;
  readonly conversationId: string | null;
  readonly messageId: string | null;
  readonly queuedAt: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
}

/**
 * How a delivery attempt ended, as the ledger records it. `recheck` on delivery_unknown: the
 * platform can say whether it landed but could not be asked yet — the job runs again later.
 */
export type SendOutcome =
  | { readonly status: 'delivered'; readonly platform: 'slack' | 'teams'; readonly conversationId: string; readonly messageId: string }
  | { readonly status: 'delivery_unknown' | 'failed' | 'unreachable' | 'skipped'; readonly reason: string; readonly platform?: 'slack' | 'teams' | null; readonly recheck?: boolean };

/** When the firm's scheduled sends go out (the daily card's time is each person's own). */
export interface ScheduleSettings {
  /** The manager's weekly digest: ISO weekday and local time (Monday 08:00 by default). */
  readonly digest: { readonly day: number; readonly time: string };
  /** The daily reminder of old drafts (local time on the person's working days), or null when off. */
  readonly reminder: { readonly time: string } | null;
}

export const DEFAULT_SCHEDULE: ScheduleSettings = Object.freeze({ digest: Object.freeze({ day: 1, time: '08:00' }), reminder: Object.freeze({ time: '09:00' }) });

/** The parts of a person the schedule reads. */
export type ScheduledPerson = Pick<User, 'id' | 'roles' | 'timezone' | 'summaryTime' | 'summaryDays' | 'reminders' | 'unreachableAt' | 'active'>;

/**
 * Every send due at `now`: a lawyer's daily review card at their summary time on their days, a
 * manager's digest at the firm's digest time, a lawyer's reminder at the reminder time (when they
 * have not turned reminders off). Nobody inactive or unreachable (blocked Tally) is due anything.
 */
export function dueSends(people: readonly ScheduledPerson[], now: Date, settings: ScheduleSettings): DueSend[] {
  const due: DueSend[] = [];
  const add = (kind: SendKind, person: ScheduledPerson, rule: ScheduleRule) => {
    const at = dueDate(rule, person.timezone, now);
    if (at) due.push({ kind, userId: person.id, localDate: at.localDate, dueAt: at.dueAt });
  };
  for (const person of people) {
    if (!person.active || person.unreachableAt) continue;
    if (person.roles.includes('lawyer')) {
      add('daily_review', person, { time: person.summaryTime, days: person.summaryDays });
      if (settings.reminder && person.reminders) add('reminder', person, { time: settings.reminder.time, days: person.summaryDays });
    }
    if (person.roles.includes('manager')) add('digest', person, { time: settings.digest.time, days: [settings.digest.day] });
  }
  return due;
}
