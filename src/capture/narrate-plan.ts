import type { Client, Matter } from '../core/firm.js';
import type { Logger } from '../core/logger.js';
import type { Warning } from '../core/time-entry.js';
import { withEvidence, type DayPlan, type DraftingCore, type PlannedDraft } from './day-plan.js';
import type { NarrativeRequest, Narrator } from './narrative/narrator.js';

function request(draft: PlannedDraft, matters: ReadonlyMap<number, Matter>, clients: ReadonlyMap<number, Client>): NarrativeRequest {
  const matter = draft.matterId === null ? undefined : matters.get(draft.matterId);
  const client = matter ? clients.get(matter.clientId) : undefined;
  return {
    id: draft.key,
    kind: draft.kind,
    titles: [...new Set(draft.activities.map((a) => a.title))],
    participants: [...new Set(draft.activities.flatMap((a) => a.participants))],
    clientName: client?.name ?? null,
    matterName: matter?.name ?? null,
    templateNarrative: draft.narrative,
    maxLength: client?.guidelines.maxDescriptionLength ?? 1000,
    bannedPhrases: client?.guidelines.bannedPhrases ?? [],
  };
}

/**
 * Asks the narrator once per person-day for the drafts being written (new or refreshed), takes its
 * narratives and fills codes the rules left empty, then checks the day's guidelines again. Minutes,
 * matter and status are never taken from a narrator.
 */
export async function narratePlans(
  narrator: Narrator,
  core: DraftingCore,
  plans: { plan: DayPlan }[],
  lookup: { clients: readonly Client[]; matters: readonly Matter[] },
  logger: Logger,
): Promise<void> {
  const matters = new Map(lookup.matters.map((m) => [m.id, m]));
  const clients = new Map(lookup.clients.map((c) => [c.id, c]));
  for (const item of plans) {
    const { plan } = item;
    const writing = [...plan.inserts, ...plan.refreshes.map((r) => r.draft)];
    if (writing.length === 0) continue;
    const result = await narrator.narrate(writing.map((d) => request(d, matters, clients)));
    if (result.suggestions.size === 0 && result.warnings.size === 0) continue;
    const rewritten = plan.drafts.map((d) => {
      const s = result.suggestions.get(d.key);
      return s ? { ...d, narrative: s.narrative, taskCode: d.taskCode ?? s.taskCode, activityCode: d.activityCode ?? s.activityCode } : d;
    });
    const extra = new Map<string, readonly Warning[]>(result.warnings);
    const checked = withEvidence(core.check(rewritten, plan.context)).map((d) => ({ ...d, warnings: [...d.warnings, ...(extra.get(d.key) ?? [])] }));
    const byKey = new Map(checked.map((d) => [d.key, d]));
    const pick = (d: PlannedDraft) => byKey.get(d.key) ?? d;
    item.plan = {
      ...plan,
      drafts: checked,
      inserts: plan.inserts.map(pick),
      refreshes: plan.refreshes.map((r) => ({ entry: r.entry, draft: pick(r.draft) })),
    };
    logger.debug({ drafts: writing.length, narrated: result.suggestions.size, narrator: narrator.name }, 'narratives');
  }
}
