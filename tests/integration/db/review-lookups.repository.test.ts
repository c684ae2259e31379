import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/core/audit.js';
import { DEFAULT_GUIDELINES } from '../../../src/core/guidelines.js';
import { transaction, type Db } from '../../../src/db/connection.js';
import { upsertClient } from '../../../src/db/repositories/client.repository.js';
import { upsertMatter } from '../../../src/db/repositories/matter.repository.js';
import { listRecentMatters } from '../../../src/db/repositories/matter.repository.js';
import { insertEntries, type NewEntry } from '../../../src/db/repositories/time-entry.repository.js';
import { findUserByAadObjectId, findUserBySlackId, upsertUser } from '../../../src/db/repositories/user.repository.js';
import { databaseKinds, useTestDatabase } from '../../support/test-database.js';

const ACTOR: Actor = { userId: null, label: 'test', via: 'cli' };
const AAD = '6F1C2B0E-9A4D-4C6B-8E1F-0A2B3C4D5E6F';

async function seed(db: Db) {
  return transaction(db, async (tx) => {
    const person = { name: 'Someone', timekeeperId: null, classification: null, roles: ['lawyer'] as const, timezone: 'America/New_York', summaryTime: '17:30', summaryDays: [1, 2, 3, 4, 5], sources: ['calendar'] as const, reminders: true, active: true };
    const lee = await upsertUser(tx, { ...person, email: 'lee@test.example', slackUserId: 'U0LEE', aadObjectId: AAD });
    const max = await upsertUser(tx, { ...person, email: 'max@test.example', slackUserId: null, aadObjectId: null });
    const clientId = await upsertClient(tx, { code: 'ACME', name: 'Acme', domains: [], aliases: [], ledesClientId: null, guidelines: DEFAULT_GUIDELINES });
    const matter = { clientId, clientMatterId: null, keywords: [], slackChannels: [], defaultTaskCode: null, billable: true };
    const ids: Record<string, number> = {};
    for (const [code, status] of [['ACME-001', 'open'], ['ACME-002', 'open'], ['ACME-003', 'closed'], ['ACME-004', 'open'], ['ACME-005', 'open']] as const) {
      ids[code] = await upsertMatter(tx, { ...matter, code, name: `Matter ${code}`, status });
    }
    const entry = (userId: number, code: string, workDate: string, key: string): NewEntry => ({
      userId, matterId: ids[code] ?? null, workDate, actualMinutes: 30, billedMinutes: 30, narrative: 'n', taskCode: null, activityCode: null,
      confidence: 'high', evidence: [], warnings: [], sourceActivityIds: [], origin: 'capture', captureKey: key,
    });
    await insertEntries(tx, [
      entry(lee, 'ACME-001', '2026-03-01', 'k1'),
      entry(lee, 'ACME-002', '2026-03-10', 'k2'),
      entry(lee, 'ACME-001', '2026-03-12', 'k3'),
      entry(lee, 'ACME-003', '2026-03-12', 'k4'),
      entry(lee, 'ACME-004', '2026-01-05', 'k5'),
      entry(lee, 'none', '2026-03-12', 'k6'),
      entry(max, 'ACME-005', '2026-03-12', 'k7'),
    ], ACTOR);
    return { lee, max };
  });
}

describe.each(databaseKinds())('chat look-ups on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('finds a user by Slack id and by AAD object id in any case', async () => {
    const { lee } = await seed(t.current.db);
    expect((await findUserBySlackId(t.current.db, 'U0LEE'))?.id).toBe(lee);
    expect(await findUserBySlackId(t.current.db, 'U0NOPE')).toBeNull();
    expect((await findUserByAadObjectId(t.current.db, AAD.toLowerCase()))?.id).toBe(lee);
    expect((await findUserByAadObjectId(t.current.db, AAD))?.email).toBe('lee@test.example');
    expect(await findUserByAadObjectId(t.current.db, '00000000-0000-0000-0000-000000000000')).toBeNull();
  });

  it("lists a person's recently used open matters, most recent first, within the window and the limit", async () => {
    const { lee, max } = await seed(t.current.db);
    expect((await listRecentMatters(t.current.db, lee, '2026-02-01', 10)).map((m) => m.code)).toEqual(['ACME-001', 'ACME-002']);
    expect(await listRecentMatters(t.current.db, lee, '2026-01-01', 10)).toEqual([
      { id: expect.any(Number), code: 'ACME-001', name: 'Matter ACME-001' },
      { id: expect.any(Number), code: 'ACME-002', name: 'Matter ACME-002' },
      { id: expect.any(Number), code: 'ACME-004', name: 'Matter ACME-004' },
    ]);
    expect((await listRecentMatters(t.current.db, lee, '2026-01-01', 1)).map((m) => m.code)).toEqual(['ACME-001']);
    expect((await listRecentMatters(t.current.db, max, '2026-01-01', 10)).map((m) => m.code)).toEqual(['ACME-005']);
  });
});
