import { formatHours } from '../../core/duration.js';
import type { TimeEntry } from '../../core/time-entry.js';
import type { EntryView, MatterChoice } from '../views/review.view.js';
import { evidenceLine } from './evidence-line.js';
import { actualNote, codesLabel } from './review-words.js';

/** What the card needs to know about an entry's matter and its client's rules. */
export interface EntryContext {
  readonly matter: MatterChoice | null;
  readonly maxNarrativeLength: number;
}

/** Words one entry for the card; nothing is left for a renderer to look up. */
export function toEntryView(entry: TimeEntry, context: EntryContext): EntryView {
  return {
    id: entry.id,
    version: entry.version,
    status: entry.status,
    matter: entry.matterId === null ? null : context.matter,
    hours: formatHours(entry.billedMinutes),
    actualNote: actualNote(entry.actualMinutes, entry.billedMinutes),
    narrative: entry.narrative,
    codes: codesLabel(entry.taskCode, entry.activityCode),
    taskCode: entry.taskCode,
    activityCode: entry.activityCode,
    evidence: entry.origin === 'manual' && entry.evidence.length === 0 ? 'Added by hand' : evidenceLine(entry.evidence),
    warnings: entry.warnings.map((w) => w.message),
    offerChangeMatter: entry.matterId === null || entry.confidence === 'low',
    maxNarrativeLength: context.maxNarrativeLength,
  };
}

/**
 * The card's order: newest entry first (a capture's batch shares one creation time, so then by
 * matter code, unassigned last, then id) — stable across actions, so blocks never jump about.
 */
export function cardOrder(a: { entry: TimeEntry; code: string | null }, b: { entry: TimeEntry; code: string | null }): number {
  const byTime = b.entry.createdAt.getTime() - a.entry.createdAt.getTime();
  if (byTime !== 0) return byTime;
  if (a.code !== b.code) {
    if (a.code === null) return 1;
    if (b.code === null) return -1;
    return a.code.localeCompare(b.code);
  }
  return a.entry.id.localeCompare(b.entry.id);
}
