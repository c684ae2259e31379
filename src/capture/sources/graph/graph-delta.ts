import { z } from 'zod';
import type { Activity, ActivitySource } from '../../../core/activity.js';
import { AppError } from '../../../core/errors.js';
import type { Logger } from '../../../core/logger.js';
import type { CaptureUser, SyncStore } from '../source.js';
import { isGraphApiError, mailboxLabel, type GraphApi } from './graph-api.js';

/** One page of a Graph collection or delta query. */
export interface GraphPage {
  readonly value?: readonly unknown[];
  readonly '@odata.nextLink'?: string;
  readonly '@odata.deltaLink'?: string;
}

/** A delta item: Graph's JSON object, possibly `{ id, "@removed": { reason } }`. */
export type GraphItem = Readonly<Record<string, unknown>>;

/** Pages followed in one read at most: far beyond any mailbox, short of an endless loop. */
const MAX_PAGES = 10_000;

export interface PagedRead {
  readonly items: GraphItem[];
  /** The final page's `@odata.deltaLink`; null for a plain collection. */
  readonly deltaLink: string | null;
}

/** Follows `@odata.nextLink` from `url` to the last page; collects every item in order. */
export async function readAllPages(api: GraphApi, url: string, headers: Readonly<Record<string, string>> | undefined, mailbox: string): Promise<PagedRead> {
  const items: GraphItem[] = [];
  let next: string | null = url;
  const seen = new Set<string>();
  for (let pages = 0; next !== null; pages++) {
    if (pages >= MAX_PAGES || seen.has(next)) throw new AppError('UNAVAILABLE', `Microsoft Graph paging did not end for ${mailboxLabel(mailbox)}`);
    seen.add(next);
    const page: GraphPage = await api.get<GraphPage>(next, headers ? { headers } : {});
    for (const item of page.value ?? []) {
      if (typeof item === 'object' && item !== null && !Array.isArray(item)) items.push(item as GraphItem);
    }
    const nextLink = page['@odata.nextLink'];
    if (typeof nextLink === 'string' && nextLink !== '') {
      next = nextLink;
      continue;
    }
    const deltaLink = page['@odata.deltaLink'];
    return { items, deltaLink: typeof deltaLink === 'string' && deltaLink !== '' ? deltaLink : null };
  }
  return { items, deltaLink: null };
}

/** True for `{ "@removed": … }` delta entries. */
export function isRemoved(item: GraphItem): boolean {
  return item['@removed'] !== undefined && item['@removed'] !== null;
}

const storedActivity = z.object({
  id: z.string().min(1),
  source: z.enum(['calendar', 'email', 'document', 'call', 'slack', 'manual']),
  user: z.string(),
  start: z.iso.datetime(),
  end: z.iso.datetime(),
  title: z.string(),
  participants: z.array(z.string()),
  ref: z.string().nullable(),
  meta: z.record(z.string(), z.unknown()),
});
const snapshotSchema = z.object({ v: z.literal(1), activities: z.array(storedActivity) });

/** The activities a delta read left behind, as kept in the SyncStore next to the delta link. */
export function serializeSnapshot(activities: Iterable<Activity>): string {
  const list = [...activities].map((a) => ({ ...a, start: a.start.toISOString(), end: a.end.toISOString() }));
  return JSON.stringify({ v: 1, activities: list });
}

/** Null when absent or unreadable (the caller then reads everything again). */
export function parseSnapshot(text: string | null): Map<string, Activity> | null {
  if (text === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = snapshotSchema.safeParse(json);
  if (!parsed.success) return null;
  return new Map(parsed.data.activities.map((a) => [a.id, { ...a, source: a.source as ActivitySource, start: new Date(a.start), end: new Date(a.end) }]));
}

/**
 * How a delta feed folds into the kept activities:
 * - `mirror` (calendar): the snapshot is the current state of the window; a changed item replaces
 *   its activity, a removed (or no longer kept) one drops out, a full read starts from nothing.
 * - `accumulate` (sent mail, documents): activities are evidence that work happened and stay
 *   when the item later moves, is deleted or is changed by someone else; a full read adds to them.
 */
export type DeltaMode = 'mirror' | 'accumulate';

export interface DeltaPlan {
  readonly user: CaptureUser;
  readonly mailbox: string;
  /** SyncStore key of the delta link, e.g. `calendar:2026-03-02`; the snapshot goes under `<key>:items`. */
  readonly key: string;
  /** The first request of a full read. */
  readonly startUrl: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly mode: DeltaMode;
  /** The activity a delta item stands for, or null when it is not kept. */
  toActivity(item: GraphItem): Activity | null;
  /** Mirror mode: the activity id of a Graph item id (to drop it). */
  activityIdOf?(graphId: string): string;
  /** Whether a kept activity stays in the snapshot (accumulate mode prunes old ones). */
  retain?(activity: Activity): boolean;
}

/**
 * Reads a delta feed with its place kept in a SyncStore: the link under `plan.key`, the kept
 * activities under `<key>:items` (written first, so a crash between the two writes only replays
 * changes, which is harmless). A stored link is followed from where it stopped; a link Graph no
 * longer knows (410, syncStateNotFound, resyncRequired) is forgotten and everything is read again
 * — activity ids are stable, so nothing doubles. Returns every kept activity.
 */
export class DeltaSync {
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(
    private readonly api: GraphApi,
    private readonly store: SyncStore,
    private readonly logger: Logger,
  ) {}

  /** Runs reads of the same user and key one after another (they share one link). */
  async read(plan: DeltaPlan): Promise<Activity[]> {
    const lock = `${plan.user.id}\u0000${plan.key}`;
    const before = this.running.get(lock) ?? Promise.resolve();
    const run = before.catch(() => undefined).then(() => this.readNow(plan));
    this.running.set(lock, run);
    try {
      return await run;
    } finally {
      if (this.running.get(lock) === run) this.running.delete(lock);
    }
  }

  private async readNow(plan: DeltaPlan): Promise<Activity[]> {
    const itemsKey = `${plan.key}:items`;
    const userId = plan.user.id;
    const link = await this.store.get(userId, plan.key);
    const saved = parseSnapshot(await this.store.get(userId, itemsKey));
    const log = { userId, mailbox: plan.mailbox, key: plan.key };

    let base: Map<string, Activity>;
    let read: PagedRead;
    if (link !== null && saved !== null) {
      base = saved;
      try {
        read = await readAllPages(this.api, link, plan.headers, plan.mailbox);
      } catch (error) {
        if (!isGraphApiError(error) || !error.needsResync) throw error;
        this.logger.info({ ...log, status: error.status, code: error.graphCode }, 'Graph delta link no longer valid; reading everything again');
        await this.store.save(userId, plan.key, null);
        if (plan.mode === 'mirror') base = new Map();
        read = await this.fullRead(plan);
      }
    } else {
      if (link !== null) this.logger.info(log, 'Graph delta state incomplete; reading everything again');
      base = plan.mode === 'mirror' ? new Map() : (saved ?? new Map());
      read = await this.fullRead(plan);
    }

    const next = new Map(base);
    for (const item of read.items) this.apply(plan, next, item);
    for (const [id, activity] of next) if (plan.retain !== undefined && !plan.retain(activity)) next.delete(id);

    await this.store.save(userId, itemsKey, serializeSnapshot(next.values()));
    await this.store.save(userId, plan.key, read.deltaLink);
    this.logger.debug({ ...log, changes: read.items.length, kept: next.size, fromLink: link !== null }, 'Graph delta read');
    return [...next.values()];
  }

  /** A full read; a resync answer in the middle of it starts it over once. */
  private async fullRead(plan: DeltaPlan): Promise<PagedRead> {
    try {
      return await readAllPages(this.api, plan.startUrl, plan.headers, plan.mailbox);
    } catch (error) {
      if (!isGraphApiError(error) || !error.needsResync) throw error;
      this.logger.info({ userId: plan.user.id, mailbox: plan.mailbox, key: plan.key, status: error.status }, 'Graph delta restarted during a full read');
      return readAllPages(this.api, plan.startUrl, plan.headers, plan.mailbox);
    }
  }

  private apply(plan: DeltaPlan, into: Map<string, Activity>, item: GraphItem): void {
    const graphId = typeof item.id === 'string' ? item.id : null;
    const activity = isRemoved(item) ? null : plan.toActivity(item);
    if (activity !== null) {
      into.set(activity.id, activity);
    } else if (plan.mode === 'mirror' && graphId !== null && plan.activityIdOf !== undefined) {
      into.delete(plan.activityIdOf(graphId));
    }
  }
}
