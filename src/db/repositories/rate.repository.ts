import type { Rate } from '../../core/firm.js';
import type { Db, Tx } from '../connection.js';

function toRate(row: { user_id: number | null; client_id: number | null; matter_id: number | null; rate_cents: number; effective_from: string | null; effective_to: string | null }): Rate {
  return {
    userId: row.user_id,
    clientId: row.client_id,
    matterId: row.matter_id,
    rateCents: row.rate_cents,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
  };
}

/** Every rate row; the billing engine picks the most specific one in force on a date. */
export async function listRates(db: Db): Promise<Rate[]> {
  const rows = await db
    .selectFrom('rates')
    .selectAll()
    .orderBy('matter_id')
    .orderBy('client_id')
    .orderBy('user_id')
    .orderBy('effective_from', (ob) => ob.asc().nullsFirst())
    .execute();
  return rows.map(toRate);
}

export interface RateScope {
  readonly userId: number | null;
  readonly clientId: number | null;
  readonly matterId: number | null;
}

/** Replaces all rates of one scope (e.g. one timekeeper on one matter) with the given ones. */
export async function replaceRates(tx: Tx, scope: RateScope, rates: readonly Omit<Rate, keyof RateScope>[]): Promise<void> {
  let del = tx.deleteFrom('rates');
  del = scope.userId === null ? del.where('user_id', 'is', null) : del.where('user_id', '=', scope.userId);
  del = scope.clientId === null ? del.where('client_id', 'is', null) : del.where('client_id', '=', scope.clientId);
  del = scope.matterId === null ? del.where('matter_id', 'is', null) : del.where('matter_id', '=', scope.matterId);
  await del.execute();
  if (rates.length === 0) return;
  await tx
    .insertInto('rates')
    .values(
      rates.map((rate) => ({
        user_id: scope.userId,
        client_id: scope.clientId,
        matter_id: scope.matterId,
        rate_cents: rate.rateCents,
        effective_from: rate.effectiveFrom,
        effective_to: rate.effectiveTo,
      })),
    )
    .execute();
}
