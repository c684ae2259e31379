import { describe, expect, it } from 'vitest';
import { ensureDemoWorkspace } from '../../../src/capture/demo-seed.service.js';
import { getFirm } from '../../../src/db/repositories/firm.repository.js';
import { listEntries } from '../../../src/db/repositories/time-entry.repository.js';
import { importFirm } from '../../../src/firm/firm-import.service.js';
import { aFirmFile, TEST_ACTOR } from '../../support/builders.js';
import { quietLogger } from '../../support/capture-harness.js';
import { databaseKinds, useTestDatabase } from '../../support/test-database.js';

/** Sunday 29 Nov 2026, 15:00 UTC: the demo weeks are Mon 16 – Fri 20 and Mon 23 – Fri 27 Nov (New York). */
const NOW = () => new Date('2026-11-29T15:00:00Z');

describe.each(databaseKinds())('the demo workspace of npm start in console mode, on %s', (kind) => {
  const database = useTestDatabase(kind);
  const deps = () => ({ db: database.current.db, logger: quietLogger, now: NOW });

  it('seeds the demo firm and two captured weeks on the first start, and changes nothing on the next', async () => {
    const first = await ensureDemoWorkspace(deps(), TEST_ACTOR);
    expect(first).toMatchObject({ seededFirm: true, days: ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'] });
    expect((await getFirm(database.current.db))?.isDemo).toBe(true);
    const drafts = await listEntries(database.current.db, { from: '2026-11-16', to: '2026-11-29' });
    expect(first?.drafted).toBe(drafts.length);
    expect([...new Set(drafts.map((e) => e.workDate))].sort()).toEqual(first?.days);

    const again = await ensureDemoWorkspace(deps(), TEST_ACTOR);
    expect(again).toMatchObject({ seededFirm: false, drafted: 0 });
    expect(await listEntries(database.current.db, { from: '2026-11-16', to: '2026-11-29' })).toHaveLength(drafts.length);
  });

  it('leaves a real firm alone', async () => {
    await importFirm(database.current.db, aFirmFile(), TEST_ACTOR);
    expect(await ensureDemoWorkspace(deps(), TEST_ACTOR)).toBeNull();
    expect(await listEntries(database.current.db, {})).toEqual([]);
  });
});
