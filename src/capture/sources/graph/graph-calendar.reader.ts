import type { Activity } from '../../../core/activity.js';
import type { Logger } from '../../../core/logger.js';
import type { ActivityReader, CaptureUser, CaptureWindow, SyncStore } from '../source.js';
import { silentLogger, type GraphApi } from './graph-api.js';
import { DeltaSync, type GraphItem } from './graph-delta.js';
import { addressOf, addressesOf, byStart, graphInstant, mailboxIdOf, parseGraphDateTime, stringOr, userPath, type GraphReaderOptions } from './graph-values.js';

/** Events are asked for in UTC, 50 to a page (Graph's default for calendarView delta is 10). */
export const CALENDAR_HEADERS: Readonly<Record<string, string>> = { Prefer: 'outlook.timezone="UTC", odata.maxpagesize=50' };

export function calendarActivityId(eventId: string): string {
  return `graph:event:${eventId}`;
}

/** The person's part in an event, or null when Tally does not count it as their meeting. */
function attendance(event: GraphItem): 'organizer' | 'accepted' | null {
  const response = (event.responseStatus as { response?: unknown } | undefined)?.response;
  if (response === 'organizer') return 'organizer';
  if (response === 'accepted') return 'accepted';
  // Graph reports "none" for events the mailbox created itself.
  if ((response === 'none' || response === undefined) && event.isOrganizer === true) return 'organizer';
  return null;
}

/**
 * Converts a calendarView event to an Activity, or null when it is not time the person spent in
 * a meeting: declined, tentative or unanswered, cancelled, all-day, or shown as free.
 */
export function eventToActivity(event: GraphItem, user: CaptureUser, logger: Logger = silentLogger): Activity | null {
  if (typeof event.id !== 'string' || event.id === '') return null;
  if (event.isCancelled === true || event.isAllDay === true || event.showAs === 'free') return null;
  const part = attendance(event);
  if (part === null) return null;
  const start = parseGraphDateTime(event.start);
  const end = parseGraphDateTime(event.end);
  if (start === null || end === null || end < start) {
    logger.warn({ eventId: event.id }, 'calendar event skipped: unreadable start or end');
    return null;
  }
  return {
    id: calendarActivityId(event.id),
    source: 'calendar',
    user: user.email,
    start,
    end,
    title: stringOr(event.subject, ''),
    participants: addressesOf([event.attendees], user.email),
    ref: stringOr(event.webLink, null),
    meta: {
      responseStatus: part,
      showAs: stringOr(event.showAs, null),
      sensitivity: stringOr(event.sensitivity, null),
      isOnlineMeeting: event.isOnlineMeeting === true,
      organizer: addressOf(event.organizer),
    },
  };
}

/**
 * The person's meetings of one day from `calendarView/delta` over the window. The delta link
 * and the day's kept events are stored under `calendar:<date>`; the next read of the same day
 * follows the link and folds the changes in (updated events replace, removed ones drop out).
 */
export class GraphCalendarReader implements ActivityReader {
  readonly name = 'graph-calendar';
  readonly kind = 'calendar' as const;
  private readonly delta: DeltaSync;
  private readonly logger: Logger;

  constructor(api: GraphApi, store: SyncStore, options: GraphReaderOptions = {}) {
    this.logger = options.logger ?? silentLogger;
    this.delta = new DeltaSync(api, store, this.logger);
  }

  async read(user: CaptureUser, window: CaptureWindow): Promise<Activity[]> {
    if (!user.sources.includes(this.kind)) return [];
    const query = `startDateTime=${graphInstant(window.start)}&endDateTime=${graphInstant(window.end)}`;
    const activities = await this.delta.read({
      user,
      mailbox: mailboxIdOf(user),
      key: `calendar:${window.date}`,
      startUrl: `${userPath(user)}/calendarView/delta?${query}`,
      headers: CALENDAR_HEADERS,
      mode: 'mirror',
      toActivity: (item) => eventToActivity(item, user, this.logger),
      activityIdOf: calendarActivityId,
    });
    return activities.sort(byStart);
  }
}
