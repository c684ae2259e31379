import { describe, expect, it } from 'vitest';
import { findReminder, REMINDER_AGE_WORKING_DAYS } from '../../../src/billing/reminder.service.js';
import { DEFAULT_GUIDELINES } from '../../../src/core/guidelines.js';
import type { EntryStatus } from '../../../src/core/time-entry.js';
import type { Role, User } from '../../../src/core/firm.js';
import { transaction, type Db } from '../../../src/db/connection.js';
import { upsertClient } from '../../../src/db/repositories/client.repository.js';
import { upsertMatter } from '../../../src/db/repositories/matter.repository.js';
import { listDraftDays } from '../../../src/db/repositories/reminder.repository.js';
import { insertEntries, type NewEntry } from '../../../src/db/repositories/time-entry.repository.js';
import { findUserById, upsertUser, type UserFields } from '../../../src/db/repositories/user.repository.js';
import { TEST_ACTOR } from '../../support/builders.js';
import { databaseKinds, useTestDatabase } from '../../support/test-database.js';

const LAWYER: UserFields = {
  email: 'max@test.example', name: 'Max Rowe', timekeeperId: null, classification: null, roles: ['lawyer'],
  timezone: 'America/New_York', summaryTime: '17:30', summaryDays: [1, 2, 3, 4, 5], slackUserId: null, aadObjectId: null,
  sources: ['calendar'], reminders: true, active: true,
};

async function aUser(db: Db, overrides: Partial<UserFields> = {}): Promise<User> {
  const id = await transaction(db, (tx) => upsertUser(tx, { ...LAWYER, ...overrides }));
  const user = await findUserById(db, id);
  if (!user) throw new Error('user not stored');
  return user;
}

let keys = 0;

/** One entry per [date, billed minutes, status?]; narratives are made up and never read back. */
async function entries(db: Db, userId: number, rows: readonly (readonly [string, number, EntryStatus?])[]): Promise<void> {
  const news: NewEntry[] = rows.map(([workDate, minutes, status]) => ({
    userId, matterId: null, workDate, actualMinutes: minutes, billedMinutes: minutes, narrative: 'Drafted a letter',
    taskCode: null, activityCode: null, confidence: null, evidence: [], warnings: [], sourceActivityIds: [],
    origin: 'manual', captureKey: `reminder-test-${String(++keys)}`, ...(status ? { status } : {}),
  }));
  await transaction(db, async (tx) => {
    // Approved entries need a matter; every entry gets the same one.
    const clientId = await upsertClient(tx, { code: 'ACME', name: 'Acme', domains: [], aliases: [], ledesClientId: null, guidelines: DEFAULT_GUIDELINES });
    const matterId = await upsertMatter(tx, { code: 'ACME-001', clientId, name: 'Acme v. Beta', clientMatterId: null, status: 'open', keywords: [], slackChannels: [], defaultTaskCode: null, billable: true });
    await insertEntries(tx, news.map((e) => ({ ...e, matterId })), TEST_ACTOR);
  });
}

// March 2026: Mon 2, Tue 3, Wed 4, Thu 5, Fri 6, Sat 7, Sun 8, Mon 9.
describe.each(databaseKinds())('reminders about old drafts on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('waits for more than two working days', () => {
    expect(REMINDER_AGE_WORKING_DAYS).toBe(2);
  });

  it('finds every draft older than two working days, with counts, minutes and days', async () => {
    const db = t.current.db;
    const user = await aUser(db);
    await entries(db, user.id, [['2026-02-27', 60], ['2026-03-02', 90], ['2026-03-02', 36], ['2026-03-03', 30], ['2026-03-05', 12]]);
    expect(await findReminder(db, user, '2026-03-05')).toEqual({
      userId: user.id, today: '2026-03-05', count: 3, minutes: 186, oldestDate: '2026-02-27', dates: ['2026-02-27', '2026-03-02'],
    });
  });

  it.each([
    ['a Tue draft on Thu (2 working days)', [['2026-03-03', 30]], '2026-03-05'],
    ['a Thu draft on the next Mon, across the weekend', [['2026-03-05', 30]], '2026-03-09'],
    ['today\'s draft', [['2026-03-09', 30]], '2026-03-09'],
    ['no entries at all', [], '2026-03-09'],
  ] as const)('is null for %s', async (_name, rows, today) => {
    const db = t.current.db;
    const user = await aUser(db);
    await entries(db, user.id, rows);
    expect(await findReminder(db, user, today)).toBeNull();
  });

  it('counts working days across a weekend: a Wed draft is due on the next Mon', async () => {
    const db = t.current.db;
    const user = await aUser(db);
    await entries(db, user.id, [['2026-03-04', 60], ['2026-03-05', 30], ['2026-03-07', 30]]);
    expect(await findReminder(db, user, '2026-03-09')).toMatchObject({ count: 1, minutes: 60, dates: ['2026-03-04'] });
  });

  it('uses the person\'s own working days (Mon–Thu: a Wed draft is not due on Mon, but is on Tue)', async () => {
    const db = t.current.db;
    const user = await aUser(db, { summaryDays: [1, 2, 3, 4] });
    await entries(db, user.id, [['2026-03-04', 60]]);
    expect(await findReminder(db, user, '2026-03-09')).toBeNull();
    expect(await findReminder(db, user, '2026-03-10')).toMatchObject({ count: 1, dates: ['2026-03-04'] });
  });

  it('ignores approved, not billable entries and other people\'s drafts', async () => {
    const db = t.current.db;
    const user = await aUser(db);
    const other = await aUser(db, { email: 'lee@test.example', name: 'Lee Park' });
    await entries(db, user.id, [['2026-03-02', 60, 'approved'], ['2026-03-02', 30, 'non_billable'], ['2026-03-03', 30, 'approved']]);
    await entries(db, other.id, [['2026-03-02', 45]]);
    expect(await findReminder(db, user, '2026-03-09')).toBeNull();
    expect(await findReminder(db, other, '2026-03-09')).toMatchObject({ userId: other.id, count: 1, minutes: 45 });
  });

  it.each([
    ['reminders turned off', { reminders: false }],
    ['an inactive lawyer', { active: false }],
    ['someone who is no lawyer', { roles: ['assistant', 'billing'] as Role[] }],
  ])('is null for %s', async (_name, overrides) => {
    const db = t.current.db;
    const user = await aUser(db, overrides);
    await entries(db, user.id, [['2026-03-02', 60]]);
    expect(await findReminder(db, user, '2026-03-09')).toBeNull();
  });

  it('reminds a lawyer who is also a manager', async () => {
    const db = t.current.db;
    const user = await aUser(db, { roles: ['lawyer', 'manager'] });
    await entries(db, user.id, [['2026-03-02', 60]]);
    expect(await findReminder(db, user, '2026-03-09')).toMatchObject({ count: 1 });
  });

  it('lists draft days on or before the cutoff, oldest first', async () => {
    const db = t.current.db;
    const user = await aUser(db);
    await entries(db, user.id, [['2026-03-03', 30], ['2026-03-02', 6], ['2026-03-02', 12], ['2026-03-04', 60], ['2026-03-01', 6, 'approved']]);
    expect(await listDraftDays(db, user.id, '2026-03-03')).toEqual([
      { workDate: '2026-03-02', count: 2, billedMinutes: 18 },
      { workDate: '2026-03-03', count: 1, billedMinutes: 30 },
    ]);
  });
});
