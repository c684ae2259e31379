import { describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../../../src/bots/cards/action-ids.js';
import { editInputId } from '../../../../src/bots/cards/teams-inputs.js';
import { findEntry } from '../../../../src/db/repositories/time-entry.repository.js';
import { teamsActivity, cardAction } from '../../../support/teams-harness.js';
import { databaseKinds } from '../../../support/test-database.js';
import { AAD, addDrafts, click, entryOn, executeIn, snapshot, summaryCard, userId, useTeamsRealCard } from './teams-real-state.js';

const CARD = 'application/vnd.microsoft.card.adaptive';
const MESSAGE = 'application/vnd.microsoft.activity.message';

describe.each(databaseKinds())('Teams daily card with the real core and renderer on %s', (kind) => {
  const fx = useTeamsRealCard(kind);
  const { db, post, approvals } = fx;

  it('approves from the rendered card: 200 with the refreshed card showing it done, approved in the database', async () => {
    const entry = await entryOn(db(), 'NW-001');
    const approve = executeIn(await summaryCard(fx.h, 'robert'), ACTION_IDS.approve, entry.id);
    const body = await post(click(fx.h, 'robert', approve));
    expect(body).toMatchObject({ statusCode: 200, type: CARD, value: { type: 'AdaptiveCard', version: '1.5' } });
    expect(JSON.stringify(body.value)).toContain('✓ NW-001');
    expect(() => executeIn(body.value, ACTION_IDS.approve, entry.id)).toThrow();
    expect(executeIn(body.value, ACTION_IDS.undo, entry.id)).toBeDefined();
    expect(await findEntry(db(), entry.id)).toMatchObject({ status: 'approved', version: entry.version + 1 });
    expect((await approvals(entry.id)).map((a) => a.actor)).toEqual([{ userId: await userId(db(), 'robert'), label: 'Robert Arnsley', via: 'teams' }]);
  });

  it('lets a delegate approve for the lawyer, audited with both names', async () => {
    const entry = await entryOn(db(), 'NW-001');
    const approve = executeIn(await summaryCard(fx.h, 'robert'), ACTION_IDS.approve, entry.id);
    const body = await post(click(fx.h, 'pat', approve));
    expect(body.type).toBe(CARD);
    expect(JSON.stringify(body.value)).toContain("Robert Arnsley's time");
    expect(await findEntry(db(), entry.id)).toMatchObject({ status: 'approved', approvedBy: await userId(db(), 'pat') });
    expect((await approvals(entry.id)).map((a) => a.actor)).toEqual([{ userId: await userId(db(), 'pat'), label: 'Pat Quinn for Robert Arnsley', via: 'teams' }]);
  });

  it.each([
    ['more than a day', 30, 'Hours: "30" — at most 24 hours in one entry.'],
    ['hours in words', 'a while', 'Hours: "a while" — use e.g. "1.5", "1h 30m" or "90m".'],
  ])('refuses an Edit with %s, naming hours and writing nothing', async (_case, hours, message) => {
    const entry = await entryOn(db(), 'NW-001');
    const save = executeIn(await summaryCard(fx.h, 'robert'), ACTION_IDS.edit, entry.id);
    const before = await snapshot(db());
    const body = await post(click(fx.h, 'robert', save, { [editInputId(entry.id, 'hours')]: hours, [editInputId(entry.id, 'narrative')]: entry.narrative }));
    expect(body).toMatchObject({ type: MESSAGE, value: message });
    expect(await snapshot(db())).toEqual(before);
  });

  it('saves an Edit from the inline form and answers the refreshed card', async () => {
    const entry = await entryOn(db(), 'NW-001');
    const save = executeIn(await summaryCard(fx.h, 'robert'), ACTION_IDS.edit, entry.id);
    const body = await post(click(fx.h, 'robert', save, { [editInputId(entry.id, 'hours')]: 1.5, [editInputId(entry.id, 'narrative')]: 'Arbitration call with client' }));
    expect(body.type).toBe(CARD);
    expect(JSON.stringify(body.value)).toContain('Arbitration call with client');
    expect(await findEntry(db(), entry.id)).toMatchObject({ narrative: 'Arbitration call with client', billedMinutes: 90, status: 'draft', version: entry.version + 1 });
  });

  it.each([
    ['Show all', ACTION_IDS.showAll],
    ['Approve all', ACTION_IDS.approveAll],
  ])('keeps a 30-entry day card under 28 KB as the invoke answer (%s)', async (_name, verb) => {
    const drafts = await addDrafts(db(), '2026-02-27', 30);
    const owner = await userId(db(), 'robert');
    const data = { action: { verb: verb === ACTION_IDS.showAll ? 'show_all' : 'approve_all', ownerId: owner, date: '2026-02-27' } };
    const body = await post(teamsActivity(fx.h, AAD.robert, cardAction(verb, data)));
    expect(body.type).toBe(CARD);
    expect(Buffer.byteLength(JSON.stringify(body.value), 'utf8')).toBeLessThan(28 * 1024);
    if (verb === ACTION_IDS.showAll) {
      // The day's card offers "Show all (30)"; its answer is drawn with showAll and offers it no more.
      expect(executeIn(await summaryCard(fx.h, 'robert', 'summary 2026-02-27'), ACTION_IDS.showAll)).toBeDefined();
      expect(() => executeIn(body.value, ACTION_IDS.showAll)).toThrow();
    }
    const decided = await Promise.all(drafts.map(async (d) => (await findEntry(db(), d.id))?.status));
    expect(new Set(decided)).toEqual(new Set([verb === ACTION_IDS.showAll ? 'draft' : 'approved']));
  });
});
