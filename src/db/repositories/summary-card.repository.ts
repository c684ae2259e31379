import type { ColumnType } from 'kysely';
import type { Db, Tx } from '../connection.js';

export type SummaryCardPlatform = 'slack' | 'teams';

/** Where one person's daily review card of one day was posted on one platform. */
export interface SummaryCard {
  readonly userId: number;
  /** YYYY-MM-DD, the card's day in the owner's timezone. */
  readonly workDate: string;
  readonly platform: SummaryCardPlatform;
  /** Slack DM channel id (D…) or Teams conversation id. */
  readonly conversationId: string;
  /** Slack message ts or Teams activity id. */
  readonly messageId: string;
}

/** The table of migration 0002, known only to this repository (schema.ts stays the first model's). */
interface SummaryCardsTable {
  user_id: number;
  work_date: string;
  platform: string;
  conversation_id: string;
  message_id: string;
  posted_at: ColumnType<Date, Date | undefined, Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

type WithCards = { summary_cards: SummaryCardsTable };

function cards(db: Db | Tx) {
  return db.withTables<WithCards>();
}

/**
 * Records where a card was posted; a later post for the same user, day and platform replaces the
 * row (the old message is no longer the one to update).
 */
export async function saveSummaryCard(db: Db | Tx, card: SummaryCard): Promise<void> {
  const at = { conversation_id: card.conversationId, message_id: card.messageId };
  await cards(db)
    .insertInto('summary_cards')
    .values({ user_id: card.userId, work_date: card.workDate, platform: card.platform, ...at })
    .onConflict((oc) => oc.columns(['user_id', 'work_date', 'platform']).doUpdateSet({ ...at, updated_at: new Date() }))
    .execute();
}

/** Where the card of that user, day and platform was posted, or null when none was. */
export async function findSummaryCard(db: Db | Tx, userId: number, workDate: string, platform: SummaryCardPlatform): Promise<SummaryCard | null> {
  const row = await cards(db)
    .selectFrom('summary_cards')
    .select(['user_id', 'work_date', 'platform', 'conversation_id', 'message_id'])
    .where('user_id', '=', userId)
    .where('work_date', '=', workDate)
    .where('platform', '=', platform)
    .executeTakeFirst();
  if (!row) return null;
  return { userId: row.user_id, workDate: row.work_date, platform: row.platform as SummaryCardPlatform, conversationId: row.conversation_id, messageId: row.message_id };
}

/** Forgets the cards of days before the cutoff (nothing updates them any more); returns how many went. */
export async function purgeSummaryCards(db: Db, beforeDate: string): Promise<number> {
  const result = await cards(db).deleteFrom('summary_cards').where('work_date', '<', beforeDate).executeTakeFirst();
  return Number(result.numDeletedRows);
}
