import type { Actor } from '../core/audit.js';
import type { LocalDate } from '../core/dates.js';
import type { User } from '../core/firm.js';
import type { Tx } from '../db/connection.js';
import { deleteUntouchedDrafts, insertEntries, refreshDraft, type NewEntry } from '../db/repositories/time-entry.repository.js';
import type { DayPlan, PlannedDraft } from './day-plan.js';

export interface ApplyResult {
  readonly created: number;
  readonly refreshed: number;
  readonly deleted: number;
  readonly unchanged: number;
}

function toNewEntry(user: User, date: LocalDate, d: PlannedDraft): NewEntry {
  return {
    userId: user.id,
    matterId: d.matterId,
    workDate: date,
    actualMinutes: d.actualMinutes,
    billedMinutes: d.billedMinutes,
    narrative: d.narrative,
    taskCode: d.taskCode,
    activityCode: d.activityCode,
    confidence: d.confidence,
    matchReasons: d.reasons,
    evidence: d.evidence,
    warnings: d.warnings,
    sourceActivityIds: d.activities.map((a) => a.id),
    origin: 'capture',
    captureKey: d.key,
  };
}

/**
 * Writes every planned day in the caller's transaction: superseded untouched drafts go, changed
 * ones are refreshed (unless a person got there first), new ones are inserted in bulk.
 */
export async function applyDayPlans(tx: Tx, plans: readonly { user: User; date: LocalDate; plan: DayPlan }[], actor: Actor, at: Date): Promise<ApplyResult> {
  let deleted = 0;
  let refreshed = 0;
  let unchanged = 0;
  const inserts: NewEntry[] = [];
  for (const { user, date, plan } of plans) {
    deleted += (await deleteUntouchedDrafts(tx, plan.deletes, actor, at)).length;
    for (const { entry, draft } of plan.refreshes) {
      const { userId: _u, workDate: _w, origin: _o, captureKey: _k, ...fields } = toNewEntry(user, date, draft);
      if (await refreshDraft(tx, entry.id, entry.version, fields, actor, at)) refreshed++;
    }
    unchanged += plan.unchanged;
    inserts.push(...plan.inserts.map((d) => toNewEntry(user, date, d)));
  }
  const created = (await insertEntries(tx, inserts, actor, at)).length;
  return { created, refreshed, deleted, unchanged };
}
