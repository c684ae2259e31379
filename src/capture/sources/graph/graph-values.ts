import type { Logger } from '../../../core/logger.js';
import { isValidTimeZone, wallTimeToInstantMs } from '../../../core/zoned-time.js';
import type { CaptureUser, CaptureWindow } from '../source.js';

/** The mailbox Graph is asked about: the person's Entra object id, else their email. */
export function mailboxIdOf(user: CaptureUser): string {
  return user.aadObjectId ?? user.email;
}

/** `/users/{id}` for the person, the id URL-encoded. */
export function userPath(user: CaptureUser): string {
  return `/users/${encodeURIComponent(mailboxIdOf(user))}`;
}

/** An instant as Graph takes it in a query: `2026-03-02T05:00:00Z` (milliseconds only when set). */
export function graphInstant(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

/** True when `at` is inside the window [start, end). */
export function inWindow(at: Date, window: CaptureWindow): boolean {
  return at.getTime() >= window.start.getTime() && at.getTime() < window.end.getTime();
}

/** An ISO instant with an offset or Z (`2026-03-02T14:00:00Z`); null when not one. */
export function parseInstant(value: unknown): Date | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

const UTC_NAMES: ReadonlySet<string> = new Set(['utc', 'etc/utc', 'coordinated universal time', 'tzone://microsoft/utc', 'gmt', 'etc/gmt', 'z']);

/**
 * A Graph `dateTimeTimeZone` ({ dateTime: "2026-03-02T14:00:00.0000000", timeZone: "UTC" }) as an
 * instant. Tally asks for UTC (`Prefer: outlook.timezone="UTC"`); an IANA zone is converted too.
 * Null for anything else (e.g. a Windows zone name): the caller skips the item.
 */
export function parseGraphDateTime(value: unknown): Date | null {
  if (typeof value !== 'object' || value === null) return null;
  const { dateTime, timeZone } = value as { dateTime?: unknown; timeZone?: unknown };
  if (typeof dateTime !== 'string' || typeof timeZone !== 'string') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/.exec(dateTime);
  if (match === null) return parseInstant(dateTime);
  const [, y, mo, d, h, mi, s, frac] = match;
  const wallMs = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), Number((frac ?? '').padEnd(3, '0').slice(0, 3)));
  if (Number.isNaN(wallMs)) return null;
  if (UTC_NAMES.has(timeZone.trim().toLowerCase())) return new Date(wallMs);
  if (isValidTimeZone(timeZone)) return new Date(wallTimeToInstantMs(wallMs, timeZone));
  return null;
}

/** The lower-case address of a Graph `recipient` / `emailAddress` holder; null when none. */
export function addressOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const email = (value as { emailAddress?: { address?: unknown } }).emailAddress?.address;
  if (typeof email !== 'string') return null;
  const address = email.trim().toLowerCase();
  return address === '' ? null : address;
}

/** Distinct lower-case addresses of a recipient list, without the person's own. */
export function addressesOf(lists: readonly unknown[], own: string): string[] {
  const out = new Set<string>();
  const self = own.toLowerCase();
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const address = addressOf(entry);
      if (address !== null && address !== self) out.add(address);
    }
  }
  return [...out];
}

export function stringOr<T>(value: unknown, fallback: T): string | T {
  return typeof value === 'string' ? value : fallback;
}

/** Oldest first, then by id: the order every Graph reader returns. */
export function byStart(a: { start: Date; id: string }, b: { start: Date; id: string }): number {
  return a.start.getTime() - b.start.getTime() || a.id.localeCompare(b.id);
}

/** Options every Graph reader takes besides its GraphApi and SyncStore. */
export interface GraphReaderOptions {
  readonly logger?: Logger;
  /** The current time; sent mail and documents keep about `horizonDays` of activity in the SyncStore. */
  readonly now?: () => Date;
  /**
   * Days of sent mail and document activity kept next to their delta links (default 14). Reading
   * a day older than that does a one-off full read instead of using the delta link.
   */
  readonly horizonDays?: number;
}

export const DEFAULT_HORIZON_DAYS = 14;
