import type { Confidence, EntryStatus, Evidence, Warning } from '../core/time-entry.js';
import type { Db } from '../db/connection.js';
import { listMatters } from '../db/repositories/matter.repository.js';
import { listEntries, type EntryFilter } from '../db/repositories/time-entry.repository.js';
import { listUsers } from '../db/repositories/user.repository.js';

/** An entry as `tally entries --json` shows it (DESIGN.md contract). */
export interface EntryView {
  readonly id: string;
  readonly date: string;
  readonly user: string;
  readonly matter: string | null;
  readonly actualMinutes: number;
  readonly billedMinutes: number;
  readonly status: EntryStatus;
  readonly narrative: string;
  readonly taskCode: string | null;
  readonly activityCode: string | null;
  readonly confidence: Confidence | null;
  readonly evidence: readonly Evidence[];
  readonly warnings: readonly Warning[];
}

/** Entries matching the filter with emails and matter codes instead of ids. */
export async function listEntryViews(db: Db, filter: EntryFilter): Promise<EntryView[]> {
  const [entries, users, matters] = await Promise.all([listEntries(db, filter), listUsers(db), listMatters(db)]);
  const emails = new Map(users.map((u) => [u.id, u.email]));
  const codes = new Map(matters.map((m) => [m.id, m.code]));
  return entries.map((e) => ({
    id: e.id,
    date: e.workDate,
    user: emails.get(e.userId) ?? String(e.userId),
    matter: e.matterId === null ? null : (codes.get(e.matterId) ?? null),
    actualMinutes: e.actualMinutes,
    billedMinutes: e.billedMinutes,
    status: e.status,
    narrative: e.narrative,
    taskCode: e.taskCode,
    activityCode: e.activityCode,
    confidence: e.confidence,
    evidence: e.evidence,
    warnings: e.warnings,
  }));
}
