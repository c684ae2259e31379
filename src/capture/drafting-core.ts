import type { CheckedDraft } from '../core/capture-types.js';
import { draftDay } from '../core/drafter.js';
import { checkDay, draftMatterAndClient } from '../core/finish-draft.js';
import { checkGuidelines } from '../core/guideline-rules.js';
import { matchActivity } from '../core/matcher.js';
import type { Warning } from '../core/time-entry.js';
import type { DraftingCore } from './day-plan.js';

/**
 * The pure drafting functions of core, as the capture planner uses them. After a narrator rewrote
 * narratives, `check` runs the client's rules again on the new text with the same day totals.
 */
export const draftingCore: DraftingCore = {
  match: matchActivity,
  draft: (items, options) => draftDay(items, options),
  finish: (drafts, ctx) => checkDay(drafts, { ...ctx, storedMinutesByClient: ctx.lockedMinutesByClient }).map(withSuggestions),
  check: (drafts, ctx) => {
    const totals = new Map(ctx.lockedMinutesByClient);
    const clients = drafts.map((d) => draftMatterAndClient(d, ctx).client);
    drafts.forEach((d, i) => {
      const client = clients[i];
      if (client) totals.set(client.id, (totals.get(client.id) ?? 0) + d.billedMinutes);
    });
    return drafts.map((d, i) => {
      const client = clients[i];
      if (!client) return d;
      const warnings = checkGuidelines({ narrative: d.narrative, billedMinutes: d.billedMinutes, taskCode: d.taskCode, activityCode: d.activityCode, kind: d.kind }, client, totals.get(client.id) ?? d.billedMinutes);
      return withSuggestions({ ...d, warnings });
    });
  },
};

/** Firm-only work gets a visible suggestion; the person decides (billing judgment stays human). */
const INTERNAL: Warning = { code: 'suggested_non_billable', message: 'Only firm people took part: suggested not billable' };

function withSuggestions(draft: CheckedDraft): CheckedDraft {
  if (draft.category !== 'internal' || draft.warnings.some((w) => w.code === INTERNAL.code)) return draft;
  return { ...draft, warnings: [...draft.warnings, INTERNAL] };
}
