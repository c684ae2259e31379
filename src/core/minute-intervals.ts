const MINUTE_MS = 60_000;

/** A half-open span [start, end) in whole minutes since 1970-01-01T00:00Z. */
export interface MinuteInterval {
  readonly start: number;
  readonly end: number;
}

/** The first whole minute at or before an instant. */
export function minuteFloor(at: Date): number {
  return Math.floor(at.getTime() / MINUTE_MS);
}

/** The first whole minute at or after an instant. */
export function minuteCeil(at: Date): number {
  return Math.ceil(at.getTime() / MINUTE_MS);
}

/** The minutes an instant span touches: start floored, end ceiled; empty when end is not after start. */
export function minuteSpan(start: Date, end: Date): MinuteInterval {
  const from = minuteFloor(start);
  return { start: from, end: Math.max(from, minuteCeil(end)) };
}

/** The instant a whole minute begins. */
export function minuteToDate(minute: number): Date {
  return new Date(minute * MINUTE_MS);
}

/** Sorted, non-overlapping, non-empty intervals covering exactly the same minutes; touching ones join. */
export function mergeIntervals(intervals: readonly MinuteInterval[]): MinuteInterval[] {
  const sorted = intervals.filter((interval) => interval.end > interval.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: MinuteInterval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && interval.start <= last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, interval.end) };
    else merged.push(interval);
  }
  return merged;
}

/** The minutes of `from` not covered by `remove`, merged and sorted. */
export function subtractIntervals(from: readonly MinuteInterval[], remove: readonly MinuteInterval[]): MinuteInterval[] {
  const cuts = mergeIntervals(remove);
  const out: MinuteInterval[] = [];
  for (const interval of mergeIntervals(from)) {
    let cursor = interval.start;
    for (const cut of cuts) {
      if (cut.end <= cursor) continue;
      if (cut.start >= interval.end) break;
      if (cut.start > cursor) out.push({ start: cursor, end: cut.start });
      cursor = Math.max(cursor, cut.end);
      if (cursor >= interval.end) break;
    }
    if (cursor < interval.end) out.push({ start: cursor, end: interval.end });
  }
  return out;
}

/** Whole minutes covered by the intervals, each minute once. */
export function totalMinutes(intervals: readonly MinuteInterval[]): number {
  return mergeIntervals(intervals).reduce((sum, interval) => sum + interval.end - interval.start, 0);
}
