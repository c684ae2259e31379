import type { Draft, MatchedActivity, MatchResult, WorkKind } from './capture-types.js';
import {
  mergeIntervals,
  minuteSpan,
  minuteToDate,
  subtractIntervals,
  totalMinutes,
  type MinuteInterval,
} from './minute-intervals.js';
import { stableKey } from './string-hash.js';
import type { Confidence } from './time-entry.js';
import { groupWork, type WorkGroup } from './work-groups.js';

/** Options of {@link draftDay}. */
export interface DraftDayOptions {
  /** Scopes the keys, e.g. `user@firm.example:2026-03-02`. */
  readonly keyPrefix: string;
  /** Time already in entries a person approved or edited: never counted again. */
  readonly blocked?: readonly { readonly start: Date; readonly end: Date }[];
}

/** Lower wins an overlap: a meeting or call beats manual time, which beats a session, which beats an email. */
const PRECEDENCE: Readonly<Record<WorkKind, number>> = { meeting: 0, call: 0, manual: 1, document: 2, slack: 2, email: 3 };
const CONFIDENCE_RANK: Readonly<Record<Confidence, number>> = { high: 3, medium: 2, low: 1 };

function rank(match: MatchResult): number {
  return match.confidence === null ? 0 : CONFIDENCE_RANK[match.confidence];
}

/** The group's match: its most confident member's (the earliest on a tie), with the reasons of all members that agree. */
function leadMatch(items: readonly MatchedActivity[]): MatchResult {
  let lead = items[0]?.match ?? { matterId: null, confidence: null, reasons: [], category: 'unknown' };
  for (const item of items) if (rank(item.match) > rank(lead)) lead = item.match;
  const agreeing = items.filter((item) => item.match.matterId === lead.matterId && item.match.category === lead.category);
  return { ...lead, reasons: [...new Set(agreeing.flatMap((item) => item.match.reasons))] };
}

interface Candidate {
  readonly group: WorkGroup;
  readonly key: string;
  readonly span: MinuteInterval;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Turns one person's matched activities for a day into draft entries. Personal items are dropped;
 * each group (see {@link groupWork}) becomes one draft whose minutes are its own time with every minute
 * already claimed removed: by `options.blocked`, then by groups of higher precedence (meeting/call >
 * manual > document/Slack session > email), then within a precedence by the earlier start. Drafts left
 * with no minute are dropped. Keys hash the group's activity ids, so re-drafting finds the same keys.
 * The result is sorted by start and does not depend on the input order.
 */
export function draftDay(items: readonly MatchedActivity[], options: DraftDayOptions): Draft[] {
  const blocked = (options.blocked ?? []).map((interval) => minuteSpan(interval.start, interval.end));
  const candidates: Candidate[] = groupWork(items).map((group) => {
    const merged = mergeIntervals(group.spans);
    const span = { start: merged[0]?.start ?? 0, end: merged[merged.length - 1]?.end ?? 0 };
    return { group, span, key: stableKey(options.keyPrefix, group.items.map((item) => item.activity.id)) };
  });
  candidates.sort(
    (a, b) => PRECEDENCE[a.group.kind] - PRECEDENCE[b.group.kind] || a.span.start - b.span.start || compareKeys(a.key, b.key),
  );

  const claimed = new Map<string, MinuteInterval[]>();
  const drafts: Draft[] = [];
  for (const { group, key, span } of candidates) {
    const person = group.user.toLowerCase();
    const taken = claimed.get(person) ?? blocked;
    const counted = subtractIntervals(group.spans, taken);
    claimed.set(person, mergeIntervals([...taken, ...counted]));
    const actualMinutes = totalMinutes(counted);
    if (actualMinutes === 0) continue;
    const match = leadMatch(group.items);
    drafts.push({
      key,
      kind: group.kind,
      matterId: match.matterId,
      confidence: match.confidence,
      reasons: match.reasons,
      category: match.category,
      activities: group.items.map((item) => item.activity),
      start: minuteToDate(span.start),
      end: minuteToDate(span.end),
      actualMinutes,
    });
  }
  return drafts.sort((a, b) => a.start.getTime() - b.start.getTime() || compareKeys(a.key, b.key));
}
