import type { Activity, ActivitySource } from './activity.js';
import type { MatchedActivity, WorkKind } from './capture-types.js';
import { minuteCeil, minuteFloor, minuteSpan, type MinuteInterval } from './minute-intervals.js';
import { emailDomain } from './text-match.js';

/** Edits of one document, or messages in one channel, closer than this form one working session. */
export const SESSION_GAP_MINUTES = 15;
/** An email, a lone edit or a short session counts this long. */
export const MIN_WORK_MINUTES = 6;
/** Emails on one matter within this of the group's previous email join the group. */
export const EMAIL_GROUP_MINUTES = 60;

const MINUTE_MS = 60_000;

/** Which kind of work each source records. */
export const KIND_OF_SOURCE: Readonly<Record<ActivitySource, WorkKind>> = {
  calendar: 'meeting',
  call: 'call',
  document: 'document',
  email: 'email',
  slack: 'slack',
  manual: 'manual',
};

/** Activities that become one draft, and the minutes they cover before overlaps are removed. */
export interface WorkGroup {
  readonly kind: WorkKind;
  readonly user: string;
  /** Sorted by start, then id. */
  readonly items: readonly MatchedActivity[];
  readonly spans: readonly MinuteInterval[];
}

interface OpenGroup {
  readonly kind: WorkKind;
  readonly items: MatchedActivity[];
  lastMs: number;
}

function metaText(activity: Activity, key: string): string | null {
  const value = activity.meta[key];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

// A declined or cancelled meeting did not happen for this person; counting it would invent time.
function skipped(activity: Activity): boolean {
  if (activity.source !== 'calendar') return false;
  return metaText(activity, 'responseStatus')?.toLowerCase() === 'declined' || activity.meta['isCancelled'] === true;
}

/** What must be equal for two items to share a group (null: never shared). */
function groupingKey(item: MatchedActivity, kind: WorkKind): string | null {
  const { activity, match } = item;
  if (kind === 'document') return `doc\n${metaText(activity, 'documentId') ?? activity.ref ?? activity.title}`;
  if (kind === 'slack') {
    const channel = metaText(activity, 'channel');
    return channel === null ? null : `slack\n${channel}`;
  }
  if (kind !== 'email') return null;
  if (match.matterId !== null) return `email\nmatter ${String(match.matterId)}`;
  const domains = [...new Set(activity.participants.map((email) => emailDomain(email) ?? ''))].sort();
  return `email\n${match.category}\n${domains.join(' ')}`;
}

function joins(kind: WorkKind, group: OpenGroup, activity: Activity): boolean {
  const gapMs = activity.start.getTime() - group.lastMs;
  return kind === 'email' ? gapMs <= EMAIL_GROUP_MINUTES * MINUTE_MS : gapMs < SESSION_GAP_MINUTES * MINUTE_MS;
}

function spansOf(kind: WorkKind, items: readonly MatchedActivity[]): MinuteInterval[] {
  if (kind === 'email') {
    return items.map(({ activity }) => {
      const sent = minuteCeil(activity.start);
      return { start: sent - MIN_WORK_MINUTES, end: sent };
    });
  }
  if (kind === 'document' || kind === 'slack') {
    const start = Math.min(...items.map(({ activity }) => minuteFloor(activity.start)));
    const end = Math.max(...items.map(({ activity }) => minuteCeil(activity.end)), ...items.map(({ activity }) => minuteCeil(activity.start)));
    return [{ start: Math.min(start, end - MIN_WORK_MINUTES), end }];
  }
  return items.map(({ activity }) => minuteSpan(activity.start, activity.end));
}

/**
 * Splits one or more people's activities into work groups: each meeting, call and manual item alone;
 * edits of one document and messages in one channel closer than 15 minutes as one session; emails on
 * one matter (unassigned: same category and participant domains) within an hour of the previous one.
 * Personal items and declined or cancelled meetings are left out. The input order does not matter.
 */
export function groupWork(items: readonly MatchedActivity[]): WorkGroup[] {
  const sorted = items
    .filter((item) => item.match.category !== 'personal' && !skipped(item.activity))
    .sort((a, b) => a.activity.start.getTime() - b.activity.start.getTime() || (a.activity.id < b.activity.id ? -1 : a.activity.id > b.activity.id ? 1 : 0));
  const closed: { user: string; group: OpenGroup }[] = [];
  const open = new Map<string, { user: string; group: OpenGroup }>();
  for (const item of sorted) {
    const { activity } = item;
    const kind = KIND_OF_SOURCE[activity.source];
    const key = groupingKey(item, kind);
    const fullKey = key === null ? null : `${activity.user.toLowerCase()}\n${key}`;
    const current = fullKey === null ? undefined : open.get(fullKey);
    if (current !== undefined && joins(kind, current.group, activity)) {
      current.group.items.push(item);
      current.group.lastMs = Math.max(current.group.lastMs, activity.end.getTime(), activity.start.getTime());
      continue;
    }
    const entry = { user: activity.user, group: { kind, items: [item], lastMs: Math.max(activity.end.getTime(), activity.start.getTime()) } };
    closed.push(entry);
    if (fullKey !== null) open.set(fullKey, entry);
  }
  return closed.map(({ user, group }) => ({ kind: group.kind, user, items: group.items, spans: spansOf(group.kind, group.items) }));
}
