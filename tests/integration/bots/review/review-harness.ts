import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { reviewAction } from '../../../../src/bots/review/review-actions.service.js';
import type { ReviewAction } from '../../../../src/bots/views/actions.js';
import type { DailyReviewView } from '../../../../src/bots/views/review.view.js';
import type { TimeEntry } from '../../../../src/core/time-entry.js';
import type { Db } from '../../../../src/db/connection.js';
import { listMatters } from '../../../../src/db/repositories/matter.repository.js';
import { listEntries } from '../../../../src/db/repositories/time-entry.repository.js';
import { findUserByEmail } from '../../../../src/db/repositories/user.repository.js';
import { captureFixture, seedExampleFirm } from '../../../support/capture-harness.js';

export const DAY = '2026-03-02';
export const NOW = new Date('2026-03-02T23:30:00Z');

/** The example firm with the fixture's 2 March captured: Robert has five drafts, one without a matter. */
export async function seedDay(db: Db): Promise<void> {
  await seedExampleFirm(db);
  await captureFixture(db, DAY);
}

export async function userId(db: Db, name: string): Promise<number> {
  const user = await findUserByEmail(db, `${name}@arnsley.example`);
  if (!user) throw new Error(`no user ${name}`);
  return user.id;
}

/** A person's entries of the day keyed by matter code ("none" when unassigned; the first of a code wins). */
export async function entriesOf(db: Db, name: string): Promise<{ byCode: (code: string | null) => TimeEntry; all: TimeEntry[] }> {
  const [all, matters] = await Promise.all([listEntries(db, { userId: await userId(db, name), from: DAY, to: DAY }), listMatters(db)]);
  const codeOf = new Map(matters.map((m) => [m.id, m.code]));
  return {
    all,
    byCode: (code) => {
      const found = all.filter((e) => (e.matterId === null ? null : codeOf.get(e.matterId)) === code).sort((a, b) => b.actualMinutes - a.actualMinutes)[0];
      if (!found) throw new Error(`no entry for ${String(code)}`);
      return found;
    },
  };
}

/** Runs a card action as a firm person through Slack; `key` repeats a delivery. */
export async function act(db: Db, name: string, action: Omit<ReviewAction, 'date'> & { date?: string }, key: string = randomUUID()): Promise<DailyReviewView> {
  return reviewAction(db, { actor: { userId: await userId(db, name), label: 'from the payload, ignored', via: 'slack' }, deliveryKey: key, action: { date: DAY, ...action }, now: NOW });
}

/** Every row of the tables a card action may write, for "nothing changed" checks. */
export async function snapshot(db: Db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of ['time_entries', 'audit_log', 'idempotency_keys']) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    out[table] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}
