import { describe, expect, it } from 'vitest';
import { findSummaryCard, purgeSummaryCards, saveSummaryCard, type SummaryCard } from '../../../src/db/repositories/summary-card.repository.js';
import { findUserByEmail } from '../../../src/db/repositories/user.repository.js';
import { importFirm } from '../../../src/firm/firm-import.service.js';
import { aFirmFile, TEST_ACTOR } from '../../support/builders.js';
import { databaseKinds, useTestDatabase, type TestDatabase } from '../../support/test-database.js';

async function seed(db: TestDatabase): Promise<{ lee: number; max: number }> {
  await importFirm(db.db, aFirmFile(), TEST_ACTOR);
  const lee = await findUserByEmail(db.db, 'lee@test.example');
  const max = await findUserByEmail(db.db, 'max@test.example');
  return { lee: lee?.id ?? -1, max: max?.id ?? -1 };
}

describe.each(databaseKinds())('summary cards (%s)', (kind) => {
  const t = useTestDatabase(kind);

  it('finds nothing before a card is saved, then exactly where it was posted', async () => {
    const { lee } = await seed(t.current);
    expect(await findSummaryCard(t.current.db, lee, '2026-03-02', 'slack')).toBeNull();

    const card: SummaryCard = { userId: lee, workDate: '2026-03-02', platform: 'slack', conversationId: 'D0LEE', messageId: '1772470800.000100' };
    await saveSummaryCard(t.current.db, card);

    expect(await findSummaryCard(t.current.db, lee, '2026-03-02', 'slack')).toEqual(card);
  });

  it('keeps one row per user, day and platform: saving again replaces where the card is', async () => {
    const { lee, max } = await seed(t.current);
    const base = { userId: lee, workDate: '2026-03-02', conversationId: 'D0LEE' } as const;
    await saveSummaryCard(t.current.db, { ...base, platform: 'slack', messageId: '1.000100' });
    await saveSummaryCard(t.current.db, { ...base, platform: 'slack', messageId: '2.000200' });
    await saveSummaryCard(t.current.db, { ...base, platform: 'teams', conversationId: 'a:1x', messageId: 'act-1' });
    await saveSummaryCard(t.current.db, { ...base, workDate: '2026-03-03', platform: 'slack', messageId: '3.000300' });
    await saveSummaryCard(t.current.db, { ...base, userId: max, platform: 'slack', conversationId: 'D0MAX', messageId: '4.000400' });

    const cases: [number, string, 'slack' | 'teams', string | undefined][] = [
      [lee, '2026-03-02', 'slack', '2.000200'],
      [lee, '2026-03-02', 'teams', 'act-1'],
      [lee, '2026-03-03', 'slack', '3.000300'],
      [max, '2026-03-02', 'slack', '4.000400'],
      [max, '2026-03-03', 'slack', undefined],
    ];
    for (const [userId, date, platform, messageId] of cases) {
      expect((await findSummaryCard(t.current.db, userId, date, platform))?.messageId).toBe(messageId);
    }
    const rows = await t.current.db.withTables<{ summary_cards: { user_id: number } }>().selectFrom('summary_cards').select('user_id').execute();
    expect(rows).toHaveLength(4);
  });

  it.each([
    ['an empty conversation id', { conversationId: '' }],
    ['an empty message id', { messageId: '' }],
    ['an unknown platform', { platform: 'email' }],
    ['an unknown user', { userId: 999 }],
  ])('refuses %s', async (_name, override) => {
    const { lee } = await seed(t.current);
    const card = { userId: lee, workDate: '2026-03-02', platform: 'slack', conversationId: 'D0LEE', messageId: '1.000100', ...override } as SummaryCard;
    await expect(saveSummaryCard(t.current.db, card)).rejects.toThrow();
  });

  it('purges the cards of days before a cutoff only', async () => {
    const { lee } = await seed(t.current);
    for (const workDate of ['2026-02-27', '2026-03-01', '2026-03-02']) {
      await saveSummaryCard(t.current.db, { userId: lee, workDate, platform: 'slack', conversationId: 'D0LEE', messageId: `${workDate}.1` });
    }
    expect(await purgeSummaryCards(t.current.db, '2026-03-02')).toBe(2);
    expect(await findSummaryCard(t.current.db, lee, '2026-03-01', 'slack')).toBeNull();
    expect(await findSummaryCard(t.current.db, lee, '2026-03-02', 'slack')).not.toBeNull();
  });
});
