import { describe, expect, it } from 'vitest';
import { resolveChatUser } from '../../../../src/bots/review/chat-user.service.js';
import { buildDailyReview } from '../../../../src/bots/review/daily-review.service.js';
import { databaseKinds, useTestDatabase } from '../../../support/test-database.js';
import { act, DAY, entriesOf, seedDay, userId } from './review-harness.js';

describe.each(databaseKinds())('the daily review card on %s', (kind) => {
  const t = useTestDatabase(kind);

  it("shows the owner's drafts with hours, evidence, warnings, limits and recent matters", async () => {
    await seedDay(t.current.db);
    const robert = await userId(t.current.db, 'robert');
    const card = await buildDailyReview(t.current.db, { ownerId: robert, date: DAY, viewerId: robert });
    expect(card).toMatchObject({
      kind: 'daily-review', ownerId: robert, ownerName: 'Robert Arnsley', date: DAY,
      title: 'Your time for Mon 2 Mar — 2.3 h drafted across 3 matters and 1 entry without a matter',
      subtitle: '0.0 h approved', done: [], approveAll: { count: 4, hours: '1.8' }, complete: null, note: null,
    });
    expect(card.pending).toHaveLength(5);
    expect(card.pending.map((e) => e.matter?.code ?? null)).toEqual(['ACME-001', 'ACME-001', 'GLOBEX-001', 'NW-001', null]);
    const slack = card.pending.find((e) => e.evidence.startsWith('Slack'));
    expect(slack).toMatchObject({ hours: '0.2', actualNote: 'actual 10 min', codes: 'L330 · A105', maxNarrativeLength: 1000 });
    expect(slack?.evidence).toBe("Slack message 'Please circulate the Beta deposition outline' +1 more");
    expect(card.pending.find((e) => e.matter?.code === 'GLOBEX-001')?.maxNarrativeLength).toBe(500);
    expect(card.pending.find((e) => e.matter === null)).toMatchObject({ offerChangeMatter: true, hours: '0.5' });
    expect(card.recentMatters.map((m) => m.code)).toEqual(['ACME-001', 'GLOBEX-001', 'NW-001', 'ACME-002', 'FIRM-ADMIN', 'NW-002']);
  });

  it('names the owner for a delegate, and shows warnings by their message', async () => {
    await seedDay(t.current.db);
    const [alice, pat] = [await userId(t.current.db, 'alice'), await userId(t.current.db, 'pat')];
    const card = await buildDailyReview(t.current.db, { ownerId: alice, date: DAY, viewerId: pat });
    expect(card.title).toMatch(/^Alice Harlow's time for Mon 2 Mar — /);
    expect(card.pending.find((e) => e.matter === null)?.warnings).toEqual(['Only firm people took part: suggested not billable']);
  });

  it('says the day is complete once everything is decided, and keeps the decided entries', async () => {
    await seedDay(t.current.db);
    const robert = await userId(t.current.db, 'robert');
    await act(t.current.db, 'robert', { verb: 'approve_all', ownerId: robert });
    const unassigned = (await entriesOf(t.current.db, 'robert')).byCode(null);
    const card = await act(t.current.db, 'robert', { verb: 'not_billable', ownerId: robert, entryId: unassigned.id, version: unassigned.version });
    expect(card).toMatchObject({ pending: [], approveAll: null, subtitle: '1.8 h approved', complete: 'Day complete — 1.8 h approved' });
    expect(card.title).toBe('Your time for Mon 2 Mar — 1.8 h drafted across 3 matters');
    expect(card.done.map((e) => e.status).sort()).toEqual(['approved', 'approved', 'approved', 'approved', 'non_billable']);
  });

  it('shows an empty day plainly', async () => {
    await seedDay(t.current.db);
    const pat = await userId(t.current.db, 'pat');
    const card = await buildDailyReview(t.current.db, { ownerId: pat, date: DAY, viewerId: pat });
    expect(card).toMatchObject({ title: 'Your time for Mon 2 Mar — nothing drafted', pending: [], done: [], approveAll: null, complete: null });
  });

  it.each([
    ['another lawyer', 'alice'],
    ['billing staff', 'dana'],
    ['an admin', 'sam'],
  ])('refuses %s the card, naming nothing', async (_who, viewer) => {
    await seedDay(t.current.db);
    const run = buildDailyReview(t.current.db, { ownerId: await userId(t.current.db, 'robert'), date: DAY, viewerId: await userId(t.current.db, viewer) });
    await expect(run).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'you can act only on your own time, or on the time of someone you are a delegate for' });
  });

  it('refuses an invalid date and an unknown owner', async () => {
    await seedDay(t.current.db);
    const robert = await userId(t.current.db, 'robert');
    await expect(buildDailyReview(t.current.db, { ownerId: robert, date: '2026-02-30', viewerId: robert })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(buildDailyReview(t.current.db, { ownerId: 9999, date: DAY, viewerId: robert })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('resolves chat users from the firm import, active ones only', async () => {
    await seedDay(t.current.db);
    expect((await resolveChatUser(t.current.db, 'slack', 'U0ROBERT1'))?.email).toBe('robert@arnsley.example');
    expect(await resolveChatUser(t.current.db, 'slack', 'U0NOBODY1')).toBeNull();
    expect(await resolveChatUser(t.current.db, 'teams', 'U0ROBERT1')).toBeNull();
    expect(await resolveChatUser(t.current.db, 'slack', ' ')).toBeNull();
    await t.current.db.updateTable('users').set({ active: false }).where('slack_user_id', '=', 'U0ROBERT1').execute();
    expect(await resolveChatUser(t.current.db, 'slack', 'U0ROBERT1')).toBeNull();
  });
});
