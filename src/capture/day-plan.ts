import type { CheckedDraft, Draft, MatchContext, MatchedActivity } from '../core/capture-types.js';
import type { Client, Matter, User } from '../core/firm.js';
import type { Evidence, TimeEntry } from '../core/time-entry.js';
import type { StoredActivity } from '../db/repositories/activity.repository.js';

/** What the pure drafting core offers the planner; passed in so the plan stays testable. */
export interface DraftingCore {
  match(activity: StoredActivity, ctx: MatchContext): MatchedActivity['match'];
  draft(items: readonly MatchedActivity[], options: { keyPrefix: string; blocked: readonly { start: Date; end: Date }[] }): Draft[];
  /** Rounds, codes, writes the template narrative and checks the client's guidelines. */
  finish(drafts: readonly Draft[], context: FinishContext): CheckedDraft[];
  /** Checks guidelines again (e.g. after a narrator rewrote narratives), for the whole day. */
  check(drafts: readonly CheckedDraft[], context: FinishContext): CheckedDraft[];
}

export interface FinishContext {
  readonly user: User;
  readonly clients: readonly Client[];
  readonly matters: readonly Matter[];
  readonly matterById: ReadonlyMap<number, Matter>;
  readonly people: readonly { readonly email: string; readonly name: string }[];
  readonly firmDomains: readonly string[];
  /** Billed minutes per client already on this person's day in entries capture does not touch. */
  readonly lockedMinutesByClient: ReadonlyMap<number, number>;
}

/** A draft ready to store, with the evidence the card shows. */
export interface PlannedDraft extends CheckedDraft {
  readonly evidence: readonly Evidence[];
}

/** Attaches the card's evidence (activity id, source, title) to checked drafts. */
export function withEvidence(drafts: readonly CheckedDraft[]): PlannedDraft[] {
  return drafts.map((d) => ({ ...d, evidence: d.activities.map((a) => ({ activityId: a.id, source: a.source, title: a.title })) }));
}

/** What capture will do to one person's day. */
export interface DayPlan {
  /** Every draft of the day as planned (inserted, refreshed or unchanged), for day-level checks. */
  readonly drafts: readonly PlannedDraft[];
  readonly context: FinishContext;
  readonly inserts: readonly PlannedDraft[];
  readonly refreshes: readonly { readonly entry: TimeEntry; readonly draft: PlannedDraft }[];
  readonly deletes: readonly TimeEntry[];
  readonly unchanged: number;
}

/** Entries capture must never change: touched by a person, beyond draft, or typed by hand. */
export function isLocked(entry: TimeEntry): boolean {
  return entry.status !== 'draft' || entry.edited || entry.origin === 'manual';
}

function sameDraft(entry: TimeEntry, draft: PlannedDraft): boolean {
  return (
    entry.matterId === draft.matterId &&
    entry.actualMinutes === draft.actualMinutes &&
    entry.billedMinutes === draft.billedMinutes &&
    // A code the rules leave empty may have been filled by the narrator: that is not a change.
    (draft.taskCode === null || entry.taskCode === draft.taskCode) &&
    (draft.activityCode === null || entry.activityCode === draft.activityCode) &&
    JSON.stringify(entry.warnings.map((w) => w.code)) === JSON.stringify(draft.warnings.map((w) => w.code)) &&
    JSON.stringify([...entry.sourceActivityIds].sort()) === JSON.stringify(draft.activities.map((a) => a.id).sort())
  );
}

/**
 * Plans one person's day idempotently: activities already used by locked entries are left out
 * (and their time blocks overlaps), unchanged drafts are kept as they are, changed groups refresh
 * their draft, new groups insert, and untouched drafts no longer produced are deleted.
 */
export function planDay(
  core: DraftingCore,
  input: { readonly user: User; readonly date: string; readonly activities: readonly StoredActivity[]; readonly entries: readonly TimeEntry[]; readonly matchContext: MatchContext; readonly finish: Omit<FinishContext, 'lockedMinutesByClient'> },
): DayPlan {
  const locked = input.entries.filter(isLocked);
  const consumed = new Set(locked.flatMap((e) => e.sourceActivityIds));
  const byId = new Map(input.activities.map((a) => [a.id, a]));
  const blocked = locked.flatMap((e) => e.sourceActivityIds.map((id) => byId.get(id)).filter((a): a is StoredActivity => a !== undefined && a.end > a.start).map((a) => ({ start: a.start, end: a.end })));
  const lockedMinutesByClient = new Map<number, number>();
  for (const entry of locked) {
    if (entry.status === 'non_billable' || entry.matterId === null) continue;
    const clientId = input.finish.matterById.get(entry.matterId)?.clientId;
    if (clientId !== undefined) lockedMinutesByClient.set(clientId, (lockedMinutesByClient.get(clientId) ?? 0) + entry.billedMinutes);
  }
  const free = input.activities.filter((a) => !consumed.has(a.id));
  const matched = free.map((activity) => ({ activity, match: core.match(activity, input.matchContext) }));
  const drafts = core.draft(matched, { keyPrefix: `${input.user.id}:${input.date}`, blocked });
  const context: FinishContext = { ...input.finish, lockedMinutesByClient };
  const checked = core.finish(drafts, context);
  const planned = withEvidence(checked);

  const existing = new Map(input.entries.filter((e) => !isLocked(e) && e.captureKey !== null).map((e) => [e.captureKey as string, e]));
  const inserts: PlannedDraft[] = [];
  const refreshes: { entry: TimeEntry; draft: PlannedDraft }[] = [];
  let unchanged = 0;
  for (const draft of planned) {
    const entry = existing.get(draft.key);
    existing.delete(draft.key);
    if (!entry) inserts.push(draft);
    else if (sameDraft(entry, draft)) unchanged++;
    else refreshes.push({ entry, draft });
  }
  return { drafts: planned, context, inserts, refreshes, deletes: [...existing.values()], unchanged };
}
