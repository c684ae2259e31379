import { fileURLToPath } from 'node:url';
import { captureDay, type CaptureDeps, type CaptureSummary } from '../../src/capture/capture.service.js';
import { draftingCore } from '../../src/capture/drafting-core.js';
import { templateNarrator, type Narrator } from '../../src/capture/narrative/narrator.js';
import { readActivityFile } from '../../src/capture/sources/jsonl-file.js';
import type { Activity } from '../../src/core/activity.js';
import type { Logger } from '../../src/core/logger.js';
import type { Db } from '../../src/db/connection.js';
import { listMatters } from '../../src/db/repositories/matter.repository.js';
import { listEntries } from '../../src/db/repositories/time-entry.repository.js';
import { listUsers } from '../../src/db/repositories/user.repository.js';
import { DEMO_FIRM_FILE } from '../../src/firm/demo.service.js';
import { readFirmFile } from '../../src/firm/firm-file.reader.js';
import { importFirm } from '../../src/firm/firm-import.service.js';
import { TEST_ACTOR } from './builders.js';

export const LAWYER_DAYS = fileURLToPath(new URL('../fixtures/activities/lawyer-days.jsonl', import.meta.url));

export const quietLogger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => quietLogger };

/** Imports the example firm (Arnsley & Beaster: 4 lawyers, 4 clients, 7 matters). */
export async function seedExampleFirm(db: Db): Promise<void> {
  await importFirm(db, await readFirmFile(DEMO_FIRM_FILE), TEST_ACTOR);
}

export function captureDeps(db: Db, narrator: Narrator = templateNarrator): CaptureDeps {
  return { db, core: draftingCore, readers: [], narrator, logger: quietLogger, now: () => new Date('2026-03-05T12:00:00Z') };
}

export async function captureFixture(db: Db, date: string, activities?: readonly Activity[], narrator?: Narrator): Promise<CaptureSummary> {
  return captureDay(captureDeps(db, narrator), { date, activities: activities ?? (await readActivityFile(LAWYER_DAYS)) });
}

export interface EntryRow {
  readonly id: string;
  readonly user: string;
  readonly matter: string | null;
  readonly actual: number;
  readonly billed: number;
  readonly status: string;
  readonly narrative: string;
  readonly warnings: readonly string[];
  readonly activityIds: readonly string[];
  readonly version: number;
}

/** Entries of a day with emails and codes, sorted by user then first activity id, for assertions. */
export async function entryRows(db: Db, date: string): Promise<EntryRow[]> {
  const [entries, users, matters] = await Promise.all([listEntries(db, { from: date, to: date }), listUsers(db), listMatters(db)]);
  const email = new Map(users.map((u) => [u.id, u.email]));
  const code = new Map(matters.map((m) => [m.id, m.code]));
  return entries
    .map((e) => ({
      id: e.id,
      user: email.get(e.userId) ?? '?',
      matter: e.matterId === null ? null : (code.get(e.matterId) ?? '?'),
      actual: e.actualMinutes,
      billed: e.billedMinutes,
      status: e.status,
      narrative: e.narrative,
      warnings: e.warnings.map((w) => w.code),
      activityIds: [...e.sourceActivityIds].sort(),
      version: e.version,
    }))
    .sort((a, b) => `${a.user} ${a.activityIds[0] ?? ''}`.localeCompare(`${b.user} ${b.activityIds[0] ?? ''}`));
}

/** Sums minutes per person and matter: "alice@…|GLOBEX-001" → [actual, billed]. */
export function minutesByMatter(rows: readonly EntryRow[]): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const r of rows) {
    const key = `${r.user.split('@')[0]}|${r.matter ?? 'unassigned'}`;
    const [a, b] = out[key] ?? [0, 0];
    out[key] = [a + r.actual, b + r.billed];
  }
  return out;
}
