// Hostile 6 — "duplicate Teams invoke, sequential and concurrent → one state change, one audit row":
// the same `adaptiveCard/action` activity (same activity id) delivered again, or twice at once,
// is answered with the card each time and changes the entry once, with one audit row.
import { describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/bots/cards/action-ids.js';
import { STALE_NOTE } from '../../src/bots/review/entry-actions.js';
import { listAudit } from '../../src/db/repositories/audit.repository.js';
import { findEntry, listEntries } from '../../src/db/repositories/time-entry.repository.js';
import { snapshotEveryTable } from '../support/db-snapshot.js';
import { cardAction, teamsActivity } from '../support/teams-harness.js';
import { databaseKinds, useTestDatabase } from '../support/test-database.js';
import { act, entriesOf, seedDay, snapshot as reviewSnapshot } from '../integration/bots/review/review-harness.js';
import { AAD, click, DAY, entryOn, executeIn, snapshot, summaryCard, userId, useTeamsRealCard } from '../integration/bots/teams/teams-real-state.js';

const CARD = 'application/vnd.microsoft.card.adaptive';
// Teams refreshes the sender's 1:1 chat reference on every verified turn; that is not a state change.
const EXCEPT = { except: ['conversation_references'] };

describe.each(databaseKinds())('hostile 06: duplicate Teams invokes with the real core and renderer on %s', (kind) => {
  const fx = useTeamsRealCard(kind);
  const { db, post, approvals } = fx;

  it('changes once when the same invoke is delivered twice (same activity id), answering the card both times', async () => {
    const entry = await entryOn(db(), 'NW-001');
    const activity = click(fx.h, 'robert', executeIn(await summaryCard(fx.h, 'robert'), ACTION_IDS.approve, entry.id));
    const first = await post(activity);
    const after = await snapshot(db());
    const second = await post(activity);
    expect([first.type, second.type]).toEqual([CARD, CARD]);
    expect(JSON.stringify(second.value)).toContain('✓ NW-001');
    expect(await snapshot(db())).toEqual(after);
    expect(await approvals(entry.id)).toHaveLength(1);
    expect((await findEntry(db(), entry.id))?.version).toBe(entry.version + 1);
  });

  it('changes once when the same invoke arrives twice at once, answering the card both times', async () => {
    const entry = await entryOn(db(), 'NW-001');
    const activity = click(fx.h, 'robert', executeIn(await summaryCard(fx.h, 'robert'), ACTION_IDS.approve, entry.id));
    const before = await snapshotEveryTable(db(), EXCEPT);

    const answers = await Promise.all([post(activity), post(activity)]);

    expect(answers.map((a) => a.type)).toEqual([CARD, CARD]);
    for (const answer of answers) expect(JSON.stringify(answer.value)).toContain('✓ NW-001');
    expect(await findEntry(db(), entry.id)).toMatchObject({ status: 'approved', version: entry.version + 1, approvedBy: await userId(db(), 'robert') });
    expect((await approvals(entry.id)).map((a) => a.actor)).toEqual([{ userId: await userId(db(), 'robert'), label: 'Robert Arnsley', via: 'teams' }]);
    const after = await snapshotEveryTable(db(), EXCEPT);
    // One state change: one entry row changed, one audit row and one idempotency key added, nothing else.
    expect(after.audit_log).toHaveLength((before.audit_log ?? []).length + 1);
    expect(after.idempotency_keys).toHaveLength((before.idempotency_keys ?? []).length + 1);
    expect((after.time_entries ?? []).filter((row) => !(before.time_entries ?? []).includes(row))).toHaveLength(1);
    const unchanged = (s: Record<string, string[]>) => Object.fromEntries(Object.entries(s).filter(([table]) => !['audit_log', 'idempotency_keys', 'time_entries'].includes(table)));
    expect(unchanged(after)).toEqual(unchanged(before));
  });

  it('approves all once when the same Approve all invoke arrives three times at once', async () => {
    const owner = await userId(db(), 'robert');
    const activity = teamsActivity(fx.h, AAD.robert, cardAction(ACTION_IDS.approveAll, { action: { verb: 'approve_all', ownerId: owner, date: DAY } }));
    const drafts = await listEntries(db(), { userId: owner, from: DAY, to: DAY, status: 'draft' });
    const ready = drafts.filter((e) => e.matterId !== null && e.warnings.length === 0);
    expect(ready.length).toBeGreaterThan(0);

    const answers = await Promise.all([post(activity), post(activity), post(activity)]);

    expect(answers.map((a) => a.type)).toEqual([CARD, CARD, CARD]);
    const approved = await listEntries(db(), { userId: owner, from: DAY, to: DAY, status: 'approved' });
    expect(approved.map((e) => [e.id, e.version])).toEqual(expect.arrayContaining(ready.map((e) => [e.id, e.version + 1])));
    expect(approved).toHaveLength(ready.length);
    expect(await listAudit(db(), { action: 'entry.approved' })).toHaveLength(ready.length);
  });
});

describe.each(databaseKinds())('hostile 06: a repeated delivery at the review service on %s', (kind) => {
  const t = useTestDatabase(kind);
  const db = () => t.current.db;
  const entryAudits = async (id: string) => (await listAudit(db(), { entityType: 'time_entry', entityId: id })).filter((a) => a.action !== 'entry.create');

  it.each(['approve', 'approve_all'] as const)('a repeated %s delivery changes nothing and writes one audit row', async (verb) => {
    await seedDay(db());
    const entry = (await entriesOf(db(), 'robert')).byCode('NW-001');
    const action = { verb, ownerId: entry.userId, entryId: entry.id, version: entry.version };
    const first = await act(db(), 'robert', action, 'slack:action:A1');
    const before = await reviewSnapshot(db());
    const again = await act(db(), 'robert', action, 'slack:action:A1');
    expect(await reviewSnapshot(db())).toEqual(before);
    expect(again.note).toBeNull();
    expect(again.done).toEqual(first.done);
    expect((await entryAudits(entry.id)).map((a) => a.action)).toEqual(['entry.approved']);
  });

  it.each(['approve', 'approve_all'] as const)('the same %s delivery run twice at once writes one audit row', async (verb) => {
    await seedDay(db());
    const entry = (await entriesOf(db(), 'robert')).byCode('NW-001');
    const action = { verb, ownerId: entry.userId, entryId: entry.id, version: entry.version };
    const cards = await Promise.all([act(db(), 'robert', action, 'teams:act-dup'), act(db(), 'robert', action, 'teams:act-dup')]);
    // One ran it, the other saw the key taken: neither reads as a stale card.
    expect(cards.map((c) => c.note === STALE_NOTE)).toEqual([false, false]);
    expect(await findEntry(db(), entry.id)).toMatchObject({ status: 'approved', version: entry.version + 1 });
    expect((await entryAudits(entry.id)).map((a) => a.action)).toEqual(['entry.approved']);
  });
});
