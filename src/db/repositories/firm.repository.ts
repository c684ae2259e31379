import type { Firm } from '../../core/firm.js';
import type { Db, Tx } from '../connection.js';

/** The firm's settings, or null before the first import. */
export async function getFirm(db: Db): Promise<Firm | null> {
  const row = await db.selectFrom('firm').selectAll().executeTakeFirst();
  if (!row) return null;
  return {
    name: row.name,
    lawFirmId: row.law_firm_id,
    timezone: row.timezone,
    currency: row.currency.trim(),
    invoiceNumberFormat: row.invoice_number_format,
    isDemo: row.is_demo,
  };
}

/** Creates or replaces the single firm row. */
export async function saveFirm(tx: Tx, firm: Firm): Promise<void> {
  const values = {
    name: firm.name,
    law_firm_id: firm.lawFirmId,
    timezone: firm.timezone,
    currency: firm.currency,
    invoice_number_format: firm.invoiceNumberFormat,
    is_demo: firm.isDemo,
  };
  await tx
    .insertInto('firm')
    .values({ id: 1, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet({ ...values, updated_at: new Date() }))
    .execute();
}
