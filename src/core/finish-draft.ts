import type { CheckedDraft, Draft } from './capture-types.js';
import { roundMinutes } from './duration.js';
import type { Client, Matter } from './firm.js';
import { checkGuidelines } from './guideline-rules.js';
import { templateNarrative, type NarrativeContext } from './narrative-template.js';
import { capLength } from './sanitize-title.js';
import { activityCodeFor, taskCodeFor } from './utbms-rules.js';

/** What {@link finishDraft} needs besides the draft. */
export interface FinishContext extends NarrativeContext {
  /**
   * Per client id: this person's billed minutes that day on the client's matters, this draft included
   * (see {@link checkDay}). A client missing from the map counts this draft alone.
   */
  readonly dayBilledMinutes?: ReadonlyMap<number, number>;
}

/** The draft's matter and that matter's client, when both are configured. */
export function draftMatterAndClient(
  draft: Pick<Draft, 'matterId'>,
  ctx: Pick<NarrativeContext, 'matters' | 'clients'>,
): { matter: Matter | null; client: Client | null } {
  const matter = ctx.matters.find((candidate) => candidate.id === draft.matterId) ?? null;
  const client = matter === null ? null : (ctx.clients.find((candidate) => candidate.id === matter.clientId) ?? null);
  return { matter, client };
}

/** Billed minutes by the client's increment, rounding and minimum; without a client, 6-minute steps rounded up. */
export function billedMinutesFor(actualMinutes: number, client: Client | null): number {
  if (client === null) return roundMinutes(actualMinutes, 6, 'up', 6);
  const rules = client.guidelines;
  return roundMinutes(actualMinutes, rules.incrementMinutes, rules.rounding, rules.minimumMinutes);
}

/**
 * Completes a draft for storing: billed minutes, UTBMS codes, the template narrative (cut at a word
 * to the client's maximum length) and the client's guideline warnings. Drafts without a matter get
 * no warnings: they have no client whose rules apply yet.
 */
export function finishDraft(draft: Draft, ctx: FinishContext): CheckedDraft {
  const { matter, client } = draftMatterAndClient(draft, ctx);
  const billedMinutes = billedMinutesFor(draft.actualMinutes, client);
  const taskCode = taskCodeFor(draft, matter);
  const activityCode = activityCodeFor(draft, ctx.firmDomains, client);
  const template = templateNarrative(draft, ctx);
  const narrative = client === null ? template : capLength(template, client.guidelines.maxDescriptionLength);
  const dayTotal = client === null ? billedMinutes : (ctx.dayBilledMinutes?.get(client.id) ?? billedMinutes);
  const warnings =
    client === null ? [] : checkGuidelines({ narrative, billedMinutes, taskCode, activityCode, kind: draft.kind }, client, dayTotal);
  return { ...draft, billedMinutes, taskCode, activityCode, narrative, warnings };
}

/**
 * Finishes one person's drafts for a day with day totals per client: each draft's billed minutes are
 * added to `storedMinutesByClient` (the billed minutes of entries already stored for that person and
 * day that these drafts do not replace, by client id), so the daily cap sees the whole day.
 */
export function checkDay(
  drafts: readonly Draft[],
  ctx: NarrativeContext & { readonly storedMinutesByClient?: ReadonlyMap<number, number> },
): CheckedDraft[] {
  const totals = new Map<number, number>(ctx.storedMinutesByClient ?? []);
  for (const draft of drafts) {
    const { client } = draftMatterAndClient(draft, ctx);
    if (client !== null) totals.set(client.id, (totals.get(client.id) ?? 0) + billedMinutesFor(draft.actualMinutes, client));
  }
  return drafts.map((draft) => finishDraft(draft, { ...ctx, dayBilledMinutes: totals }));
}
