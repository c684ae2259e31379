import { describe, expect, it } from 'vitest';
import { purgeRawActivity } from '../../../src/capture/purge.service.js';
import { listActivitiesForDate } from '../../../src/db/repositories/activity.repository.js';
import { findMatterByCode } from '../../../src/db/repositories/matter.repository.js';
import { getSyncState, saveSyncState } from '../../../src/db/repositories/sync-state.repository.js';
import { findUserByEmail } from '../../../src/db/repositories/user.repository.js';
import { captureFixture, entryRows, seedExampleFirm } from '../../support/capture-harness.js';
import { databaseKinds, useTestDatabase } from '../../support/test-database.js';

const NOW = new Date('2026-09-01T12:00:00Z');
const DAY_MS = 86_400_000;

describe.each(databaseKinds())('retention purge on %s', (kind) => {
  const t = useTestDatabase(kind);

  /** Bills one entry on an invoice issued `daysAgo` days before NOW (invoicing itself is another module). */
  async function bill(entryId: string, number: string, daysAgo: number) {
    const db = t.current.db;
    const matter = await findMatterByCode(db, 'GLOBEX-001');
    const invoice = await db
      .insertInto('invoices')
      .values({ number, client_id: matter?.clientId ?? 0, matter_id: matter?.id ?? 0, status: 'issued', period_start: '2026-03-01', period_end: '2026-03-31', currency: 'USD', fees_cents: 0, adjustment_cents: 0, total_cents: 0, awaiting_approval_count: 0, awaiting_approval_minutes: 0, warnings: '[]', finalized_at: new Date(NOW.getTime() - daysAgo * DAY_MS) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.updateTable('time_entries').set({ status: 'billed', invoice_id: invoice.id }).where('id', '=', entryId).execute();
  }

  it('deletes the raw activity of work billed before the retention period and keeps everything else', async () => {
    await seedExampleFirm(t.current.db);
    await captureFixture(t.current.db, '2026-03-02');
    const rows = await entryRows(t.current.db, '2026-03-02');
    const old = rows.find((r) => r.activityIds.includes('fx:alice:0302:1'));
    const recent = rows.find((r) => r.activityIds.includes('fx:alice:0302:3'));
    if (!old || !recent) throw new Error('fixture entries missing');
    await bill(old.id, '2026-0001', 120);
    await bill(recent.id, '2026-0002', 10);
    const alice = await findUserByEmail(t.current.db, 'alice@arnsley.example');
    await saveSyncState(t.current.db, alice?.id ?? 0, 'calendar:2026-03-02:items', { cursor: '[…subjects…]', lastSyncedAt: NOW });
    await saveSyncState(t.current.db, alice?.id ?? 0, 'calendar:2026-08-30', { cursor: 'delta', lastSyncedAt: NOW });
    await saveSyncState(t.current.db, alice?.id ?? 0, 'email', { cursor: 'delta', lastSyncedAt: NOW });

    const before = (await listActivitiesForDate(t.current.db, '2026-03-02')).map((a) => a.id);
    const result = await purgeRawActivity(t.current.db, NOW, 90);

    const after = (await listActivitiesForDate(t.current.db, '2026-03-02')).map((a) => a.id);
    expect(result).toEqual({ activities: old.activityIds.length, syncStates: 1, cutoff: '2026-06-03' });
    expect(after).toEqual(before.filter((id) => !old.activityIds.includes(id)));
    expect(after).toEqual(expect.arrayContaining([...recent.activityIds]));
    expect((await entryRows(t.current.db, '2026-03-02')).find((r) => r.id === old.id)?.status).toBe('billed');
    expect(await getSyncState(t.current.db, alice?.id ?? 0, 'calendar:2026-03-02:items')).toBeNull();
    expect(await getSyncState(t.current.db, alice?.id ?? 0, 'calendar:2026-08-30')).not.toBeNull();
    expect(await getSyncState(t.current.db, alice?.id ?? 0, 'email')).not.toBeNull();
  });
});
