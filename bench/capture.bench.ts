import { sql } from 'kysely';
import { toStoredActivity } from '../src/capture/activity-record.js';
import { captureDay, type CapturePhase } from '../src/capture/capture.service.js';
import { draftingCore } from '../src/capture/drafting-core.js';
import { templateNarrator } from '../src/capture/narrative/narrator.js';
import { SYSTEM_ACTOR } from '../src/core/audit.js';
import type { Logger } from '../src/core/logger.js';
import type { Db } from '../src/db/connection.js';
import { listUsers } from '../src/db/repositories/user.repository.js';
import type { ActivitiesTable, TimeEntriesTable } from '../src/db/schema.js';
import { importFirm } from '../src/firm/firm-import.service.js';
import { openBenchDatabase } from './bench-db.js';
import type { BenchResult } from './bench-result.js';
import { syntheticDay, syntheticFirm } from './synthetic-firm.js';

const LAWYERS = Number(process.env.BENCH_LAWYERS ?? 2000);
const CLIENTS = 200;
const PER_LAWYER = 60;
const DATE = '2026-03-02';
const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => silent };

async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

type Bare = { bare_activities: ActivitiesTable; bare_entries: TimeEntriesTable };

/** The baseline: the same activity and entry rows inserted with plain multi-row INSERTs into twin tables. */
async function bareInsert(db: Db, activities: ReturnType<typeof syntheticDay>, zones: Map<string, { id: number; timezone: string }>): Promise<{ activitiesMs: number; entriesMs: number }> {
  await sql`create table bare_activities (like activities including all)`.execute(db);
  await sql`create table bare_entries (like time_entries including all)`.execute(db);
  const bare = db.withTables<Bare>();
  const rows = activities.map((a) => {
    const s = toStoredActivity(a, zones.get(a.user) as { id: number; timezone: string });
    return { id: s.id, user_id: s.userId, source: s.source, start_at: s.start, end_at: s.end, work_date: s.workDate, title: s.title, participants: [...s.participants], ref: s.ref, meta: JSON.stringify(s.meta), content_hash: s.contentHash };
  });
  const [, activitiesMs] = await time(async () => {
    await bare.transaction().execute(async (tx) => {
      for (let i = 0; i < rows.length; i += 2000) await tx.insertInto('bare_activities').values(rows.slice(i, i + 2000)).execute();
    });
  });
  const entries = await db.selectFrom('time_entries').selectAll().where('work_date', '=', DATE).execute();
  const entryRows = entries.map((e) => ({ ...e, evidence: JSON.stringify(e.evidence), warnings: JSON.stringify(e.warnings) }));
  const [, entriesMs] = await time(async () => {
    await bare.transaction().execute(async (tx) => {
      for (let i = 0; i < entryRows.length; i += 1000) await tx.insertInto('bare_entries').values(entryRows.slice(i, i + 1000)).execute();
    });
  });
  return { activitiesMs, entriesMs };
}

/** 2,000 lawyers' day (~120k activities) captured and drafted, against a bare insert of the same rows. */
export async function benchCapture(options: { pglite: boolean }): Promise<BenchResult> {
  const database = await openBenchDatabase(options.pglite);
  try {
    const db = database.handle.db;
    const [, setupMs] = await time(() => importFirm(db, syntheticFirm(LAWYERS, CLIENTS), { ...SYSTEM_ACTOR, label: 'bench' }));
    const activities = syntheticDay(DATE, LAWYERS, CLIENTS, PER_LAWYER);
    const phases: Partial<Record<CapturePhase, number>> = {};
    const deps = { db, core: draftingCore, readers: [], narrator: templateNarrator, logger: silent, now: () => new Date(`${DATE}T23:00:00Z`) };
    const [summary, captureMs] = await time(() => captureDay(deps, { date: DATE, activities, onPhase: (phase, ms) => (phases[phase] = ms) }));
    const users = await listUsers(db);
    const zones = new Map(users.map((u) => [u.email, { id: u.id, timezone: u.timezone }]));
    const bare = await bareInsert(db, activities, zones);
    const writeMs = (phases.store ?? 0) + (phases.write ?? 0);
    const bareMs = bare.activitiesMs + bare.entriesMs;
    const perSecond = Math.round(activities.length / (captureMs / 1000));
    return {
      name: 'capture',
      database: database.label,
      figures: {
        lawyers: LAWYERS,
        activities: activities.length,
        drafts: summary.created,
        setup_ms: Math.round(setupMs),
        capture_ms: Math.round(captureMs),
        activities_per_second: perSecond,
        ...Object.fromEntries(Object.entries(phases).map(([k, v]) => [`${k}_ms`, Math.round(v)])),
        capture_write_ms: Math.round(writeMs),
        bare_insert_ms: Math.round(bareMs),
        bare_activities_ms: Math.round(bare.activitiesMs),
        bare_entries_ms: Math.round(bare.entriesMs),
      },
      goals: [
        { name: `capture of ${activities.length} activities`, value: captureMs / 1000, unit: 's', goal: 10, better: 'lower' },
        { name: 'database write ÷ bare multi-row insert', value: writeMs / bareMs, unit: '×', goal: 1.5, better: 'lower' },
      ],
    };
  } finally {
    await database.close();
  }
}
