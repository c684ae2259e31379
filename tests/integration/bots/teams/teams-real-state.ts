import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { createChatCore } from '../../../../src/bots/chat/chat-core.service.js';
import type { TimeEntry } from '../../../../src/core/time-entry.js';
import { transaction, type Db } from '../../../../src/db/connection.js';
import { listMatters } from '../../../../src/db/repositories/matter.repository.js';
import { insertEntries, listEntries, type NewEntry } from '../../../../src/db/repositories/time-entry.repository.js';
import { findUserByEmail } from '../../../../src/db/repositories/user.repository.js';
import { TEST_ACTOR } from '../../../support/builders.js';
import { captureFixture, quietLogger, seedExampleFirm } from '../../../support/capture-harness.js';
import { cardAction, startTeamsHarness, teamsActivity, type TeamsHarness } from '../../../support/teams-harness.js';
import { useTestDatabase, type DatabaseKind } from '../../../support/test-database.js';
import { listAudit } from '../../../../src/db/repositories/audit.repository.js';

/** The example firm's people with a Microsoft account each (the firm file names none). */
export const AAD = {
  robert: '0a11ce00-0000-4000-8000-00000000a001',
  alice: '0a11ce00-0000-4000-8000-00000000a002',
  pat: '0a11ce00-0000-4000-8000-00000000a005',
  dana: '0a11ce00-0000-4000-8000-00000000a006',
} as const;
export type Person = keyof typeof AAD;
export const DAY = '2026-03-02';
/** Monday 2 March, 18:30 in New York: "summary" is Robert's 2 March card. */
export const DAY_NOW = new Date('2026-03-02T23:30:00Z');

/** The real chat core, as createApp builds it. */
export const realCore = (db: Db) => createChatCore({ db, logger: quietLogger, files: { publicUrl: 'https://tally.test', secretKey: 'a-test-secret-key-of-at-least-32-characters' } });

/** Links the example firm's people to their Microsoft accounts. */
export async function linkTeams(db: Db): Promise<void> {
  for (const [name, aad] of Object.entries(AAD)) await db.updateTable('users').set({ aad_object_id: aad }).where('email', '=', `${name}@arnsley.example`).execute();
}

/** The example firm with 2 March captured (Robert: five drafts, one without a matter), linked to Teams. */
export async function seedTeamsDay(db: Db): Promise<void> {
  await seedExampleFirm(db);
  await captureFixture(db, DAY);
  await linkTeams(db);
}

export async function userId(db: Db, name: Person): Promise<number> {
  const user = await findUserByEmail(db, `${name}@arnsley.example`);
  if (!user) throw new Error(`no user ${name}`);
  return user.id;
}

/** Robert's 2 March entry on a matter (the longest when several). */
export async function entryOn(db: Db, code: string): Promise<TimeEntry> {
  const [entries, matters] = await Promise.all([listEntries(db, { userId: await userId(db, 'robert'), from: DAY, to: DAY }), listMatters(db)]);
  const matter = matters.find((m) => m.code === code);
  const found = entries.filter((e) => e.matterId === matter?.id).sort((a, b) => b.actualMinutes - a.actualMinutes)[0];
  if (!found) throw new Error(`no entry on ${code}`);
  return found;
}

/** Adds `count` drafts with long narratives for Robert on one day. */
export async function addDrafts(db: Db, date: string, count: number): Promise<TimeEntry[]> {
  const owner = await userId(db, 'robert');
  const matters = (await listMatters(db)).filter((m) => m.status === 'open');
  const entries: NewEntry[] = Array.from({ length: count }, (_, i) => ({
    userId: owner, matterId: matters[i % matters.length]?.id ?? null, workDate: date, actualMinutes: 30 + i, billedMinutes: 36, taskCode: 'L120', activityCode: 'A106',
    narrative: `Reviewed and revised draft ${String(i)} of the settlement agreement, with notes on indemnity, escrow and closing conditions for the client`.padEnd(240, '.'),
    confidence: 'high', evidence: [], warnings: [], sourceActivityIds: [], origin: 'capture', captureKey: `teams-test-${date}-${String(i)}`,
  }));
  return transaction(db, (tx) => insertEntries(tx, entries, TEST_ACTOR));
}

/** Every row of the tables a card action writes, for "nothing changed" checks. */
export async function snapshot(db: Db): Promise<{ entries: string[]; audits: string[] }> {
  const rows = async (table: string) => (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows.map((r) => JSON.stringify(r)).sort();
  return { entries: await rows('time_entries'), audits: await rows('audit_log') };
}

type Json = Record<string, unknown>;
/** Every object in a JSON tree. */
function objectsIn(tree: unknown): Json[] {
  if (Array.isArray(tree)) return tree.flatMap(objectsIn);
  if (tree === null || typeof tree !== 'object') return [];
  return [tree as Json, ...Object.values(tree).flatMap(objectsIn)];
}

/** The Action.Execute of a card with this verb (and entry, for entry buttons). */
export function executeIn(card: unknown, verb: string, entryId?: string): { verb: string; data: Json } {
  const found = objectsIn(card).find((o) => o.type === 'Action.Execute' && o.verb === verb && (entryId === undefined || (o.data as { action?: { entryId?: unknown } }).action?.entryId === entryId));
  if (!found) throw new Error(`no ${verb} on the card`);
  return found as { verb: string; data: Json };
}

/** A person's "summary" (or `text`) in their 1:1 chat; the Adaptive Card Tally answered with. */
export async function summaryCard(h: TeamsHarness, person: Person, text = 'summary'): Promise<Json> {
  const before = h.connector.messagesIn(`a:dm-${AAD[person]}`).length;
  await h.signedPost(teamsActivity(h, AAD[person], { type: 'message', text }));
  const sent = h.connector.messagesIn(`a:dm-${AAD[person]}`).slice(before);
  const content = (sent[0]?.body.attachments as { content: Json }[] | undefined)?.[0]?.content;
  if (!content) throw new Error(`no card: ${JSON.stringify(sent[0]?.body)}`);
  return content;
}

/** The invoke activity of clicking a card's Action.Execute (with form inputs), sent by `person`. */
export function click(h: TeamsHarness, person: Person, action: { verb: string; data: Json }, inputs: Json = {}): Json {
  return teamsActivity(h, AAD[person], cardAction(action.verb, { ...action.data, ...inputs }));
}

/** The body of an invoke answer. */
export type InvokeBody = { statusCode: number; type: string; value: unknown };

/**
 * Hooks for tests of the daily card through the real Teams edge, core and renderer: one database
 * of the kind, one harness for the block, Robert's team's day seeded before each test. `post` sends
 * a signed activity and expects 200; `approvals` lists an entry's approval audit rows.
 */
export function useTeamsRealCard(kind: DatabaseKind) {
  const t = useTestDatabase(kind);
  const db = () => t.current.db;
  let harness: TeamsHarness | undefined;
  beforeAll(async () => {
    harness = await startTeamsHarness({ db: db(), core: realCore(db()), now: () => DAY_NOW });
  });
  afterAll(async () => harness?.close());
  beforeEach(async () => {
    await seedTeamsDay(db());
  });
  const fixture = {
    t,
    db,
    get h(): TeamsHarness {
      if (!harness) throw new Error('the Teams harness starts in beforeAll');
      return harness;
    },
    post: async (activity: Json): Promise<InvokeBody> => {
      const { status, body } = await fixture.h.signedPost(activity);
      expect(status).toBe(200);
      return body as InvokeBody;
    },
    approvals: (entryId: string) => listAudit(db(), { entityType: 'time_entry', entityId: entryId, action: 'entry.approved' }),
  };
  return fixture;
}

/** What Tally answered in the person's 1:1 chat to a message they typed (exactly one reply is expected). */
export async function sayInTeams(h: TeamsHarness, person: Person, text: string): Promise<Record<string, unknown>> {
  const before = h.connector.messagesIn(`a:dm-${AAD[person]}`).length;
  expect((await h.signedPost(teamsActivity(h, AAD[person], { type: 'message', text }))).status).toBe(200);
  const sent = h.connector.messagesIn(`a:dm-${AAD[person]}`).slice(before);
  expect(sent).toHaveLength(1);
  return sent[0]?.body ?? {};
}
