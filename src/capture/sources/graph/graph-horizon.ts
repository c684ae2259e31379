import type { Activity } from '../../../core/activity.js';
import type { CaptureWindow } from '../source.js';
import type { GraphApi } from './graph-api.js';
import { readAllPages, type DeltaPlan, type DeltaSync } from './graph-delta.js';
import { byStart, inWindow } from './graph-values.js';

const DAY_MS = 86_400_000;

/**
 * For feeds whose delta link is not tied to one day (sent mail, documents): the activities kept
 * next to the link cover the last `horizonDays`, so any day inside that is answered from them
 * after following the link — a message sent early on a day that an earlier run already passed
 * is still found. A day older than the horizon gets a one-off full read that leaves the stored
 * link and activities alone.
 */
export async function readThroughHorizon(
  api: GraphApi,
  delta: DeltaSync,
  plan: Omit<DeltaPlan, 'retain'>,
  window: CaptureWindow,
  now: Date,
  horizonDays: number,
): Promise<Activity[]> {
  const horizonStart = now.getTime() - horizonDays * DAY_MS;
  let activities: Activity[];
  if (window.start.getTime() < horizonStart) {
    const { items } = await readAllPages(api, plan.startUrl, plan.headers, plan.mailbox);
    const found = new Map<string, Activity>();
    for (const item of items) {
      const activity = plan.toActivity(item);
      if (activity !== null) found.set(activity.id, activity);
    }
    activities = [...found.values()];
  } else {
    activities = await delta.read({ ...plan, retain: (a) => a.start.getTime() >= horizonStart });
  }
  return activities.filter((a) => inWindow(a.start, window)).sort(byStart);
}
