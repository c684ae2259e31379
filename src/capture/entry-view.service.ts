import type { TimeEntry } from '../core/time-entry.js';
import type { Db } from '../db/connection.js';
import { listMatters } from '../db/repositories/matter.repository.js';
import { listEntries, type EntryFilter } from '../db/repositories/time-entry.repository.js';
import { listUsers } from '../db/repositories/user.repository.js';

/** An entry as `tally entries --json` shows it (DESIGN.md contract). */
export type EntryView = Pick<
  TimeEntry,
  'id' | 'actualMinutes' | 'billedMinutes' | 'status' | 'narrative' | 'taskCode' | 'activityCode' | 'confidence' | 'evidence' | 'warnings'
> & {
  readonly date: string;
  /** The owner's email. */
  readonly user: string;
  /** The matter code, or null while unassigned. */
  readonly matter: string | null;
};

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
