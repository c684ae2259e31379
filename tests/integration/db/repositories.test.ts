import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/core/audit.js';
import type { Firm } from '../../../src/core/firm.js';
import { DEFAULT_GUIDELINES, type Guidelines } from '../../../src/core/guidelines.js';
import { transaction, type Db, type Tx } from '../../../src/db/connection.js';
import { listActivities, saveActivities, type StoredActivity } from '../../../src/db/repositories/activity.repository.js';
import { listAudit, recordAudit, type AuditFilter } from '../../../src/db/repositories/audit.repository.js';
import { findClientByCode, findClientById, listClients, upsertClient, type ClientFields } from '../../../src/db/repositories/client.repository.js';
import { findConversationReference, saveConversationReference } from '../../../src/db/repositories/conversation.repository.js';
import { getFirm, saveFirm } from '../../../src/db/repositories/firm.repository.js';
import { claimKey } from '../../../src/db/repositories/idempotency.repository.js';
import { findMatterByChannel, findMatterByCode, findMatterById, listMatters, upsertMatter, type MatterFields } from '../../../src/db/repositories/matter.repository.js';
import { listRates, replaceRates } from '../../../src/db/repositories/rate.repository.js';
import { getSyncState, saveSyncState } from '../../../src/db/repositories/sync-state.repository.js';
import { findUserByEmail, findUserById, listUsers, setUnreachable, setUserLinks, upsertUser, type UserFields } from '../../../src/db/repositories/user.repository.js';
import { TEST_ACTOR } from '../../support/builders.js';
import { databaseKinds, useTestDatabase } from '../../support/test-database.js';

function aUser(overrides: Partial<UserFields> = {}): UserFields {
  return {
    email: 'lee@test.example',
    name: 'Lee Park',
    timekeeperId: null,
    classification: null,
    roles: ['lawyer'],
    timezone: 'America/New_York',
    summaryTime: '17:30',
    summaryDays: [1, 2, 3, 4, 5],
    slackUserId: null,
    aadObjectId: null,
    sources: ['calendar', 'email'],
    reminders: true,
    active: true,
    ...overrides,
  };
}

function aClient(overrides: Partial<ClientFields> = {}): ClientFields {
  return { code: 'ACME', name: 'Acme Corp', domains: ['acme.com'], aliases: ['Acme'], ledesClientId: null, guidelines: DEFAULT_GUIDELINES, ...overrides };
}

function aMatter(clientId: number, overrides: Partial<MatterFields> = {}): MatterFields {
  return { code: 'ACME-001', clientId, name: 'Acme v. Beta', clientMatterId: null, status: 'open', keywords: [], slackChannels: [], defaultTaskCode: null, billable: true, ...overrides };
}

function anActivity(userId: number, id: string, start: string, overrides: Partial<StoredActivity> = {}): StoredActivity {
  const begin = new Date(start);
  return {
    id,
    source: 'calendar',
    user: 'lee@test.example',
    userId,
    start: begin,
    end: new Date(begin.getTime() + 30 * 60_000),
    workDate: start.slice(0, 10),
    title: `Meeting ${id}`,
    participants: ['counsel@acme.com'],
    ref: `https://calendar.example/${id}`,
    meta: { organizer: 'counsel@acme.com', attendees: 3 },
    contentHash: `hash-${id}`,
    ...overrides,
  };
}

const FIRM: Firm = { name: 'Test & Partners LLP', lawFirmId: '12-3456789', timezone: 'America/New_York', currency: 'USD', invoiceNumberFormat: '{YYYY}-{seq:4}', isDemo: false };

describe.each(databaseKinds())('repositories on %s', (kind) => {
  const t = useTestDatabase(kind);
  const db = (): Db => t.current.db;
  const inTx = <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => transaction(db(), fn);

  describe('users', () => {
    it('round-trips every field of a user', async () => {
      const fields = aUser({
        timekeeperId: 'T1',
        classification: 'PARTNR',
        roles: ['lawyer', 'manager', 'billing'],
        timezone: 'Europe/London',
        summaryTime: '08:05',
        summaryDays: [1, 3, 7],
        slackUserId: 'U123',
        aadObjectId: '7c1e0a55-8f5e-4c55-9b7a-2f3e6c8d9a10',
        sources: ['documents', 'calls', 'slack'],
        reminders: false,
        active: false,
      });
      const id = await inTx((tx) => upsertUser(tx, fields));
      expect(await findUserById(db(), id)).toEqual({ id, ...fields, managerId: null, delegateIds: [], unreachableAt: null });
    });

    it('links a manager and delegates, and replaces the links on the next call', async () => {
      const [lee, rob, pat, ann] = await inTx(async (tx) => [
        await upsertUser(tx, aUser({ email: 'lee@test.example' })),
        await upsertUser(tx, aUser({ email: 'rob@test.example' })),
        await upsertUser(tx, aUser({ email: 'pat@test.example' })),
        await upsertUser(tx, aUser({ email: 'ann@test.example' })),
      ] as const);
      await inTx((tx) => setUserLinks(tx, lee, rob, [ann, pat]));
      expect(await findUserById(db(), lee)).toMatchObject({ managerId: rob, delegateIds: [pat, ann].sort((a, b) => a - b) });
      expect(await findUserById(db(), rob)).toMatchObject({ managerId: null, delegateIds: [] });

      await inTx((tx) => setUserLinks(tx, lee, null, [ann]));
      expect(await findUserById(db(), lee)).toMatchObject({ managerId: null, delegateIds: [ann] });
      await inTx((tx) => setUserLinks(tx, lee, pat, []));
      expect(await findUserById(db(), lee)).toMatchObject({ managerId: pat, delegateIds: [] });
    });

    it.each(['lee@test.example', 'LEE@Test.Example', '  Lee@test.example  '])('finds the user by email %j', async (email) => {
      const id = await inTx((tx) => upsertUser(tx, aUser({ email: 'lee@test.example' })));
      expect((await findUserByEmail(db(), email))?.id).toBe(id);
    });

    it('returns null for an unknown email or id', async () => {
      await inTx((tx) => upsertUser(tx, aUser()));
      expect(await findUserByEmail(db(), 'nobody@test.example')).toBeNull();
      expect(await findUserById(db(), 999)).toBeNull();
    });

    it('updates a user in place when upserted again by email, keeping the id and links', async () => {
      const [id, rob] = await inTx(async (tx) => [await upsertUser(tx, aUser()), await upsertUser(tx, aUser({ email: 'rob@test.example', name: 'Rob' }))] as const);
      await inTx((tx) => setUserLinks(tx, id, rob, [rob]));
      const changed = aUser({ name: 'Lee Park-Smith', roles: ['admin'], summaryTime: '18:00', summaryDays: [5], sources: ['email'], timekeeperId: 'T9' });
      const again = await inTx((tx) => upsertUser(tx, changed));
      expect(again).toBe(id);
      expect(await findUserById(db(), id)).toEqual({ id, ...changed, managerId: rob, delegateIds: [rob], unreachableAt: null });
      expect((await listUsers(db())).map((u) => u.email)).toEqual(['lee@test.example', 'rob@test.example']);
    });

    it.each<[keyof Pick<UserFields, 'timekeeperId' | 'slackUserId' | 'aadObjectId'>, string]>([
      ['timekeeperId', 'T7'],
      ['slackUserId', 'U7'],
      ['aadObjectId', '0b5c3c1e-2d7a-4a8e-9f10-1c2d3e4f5a6b'],
    ])('moves %s from another user to the user upserted with it (a firm file that reassigns it)', async (field, value) => {
      const [lee, max] = await inTx(async (tx) => [await upsertUser(tx, aUser()), await upsertUser(tx, aUser({ email: 'max@test.example', [field]: value }))] as const);
      await inTx(async (tx) => {
        await upsertUser(tx, aUser({ [field]: value }));
        await upsertUser(tx, aUser({ email: 'max@test.example' }));
      });
      expect((await findUserById(db(), lee))?.[field]).toBe(value);
      expect((await findUserById(db(), max))?.[field]).toBeNull();
    });

    it('marks a user unreachable and clears it again', async () => {
      const id = await inTx((tx) => upsertUser(tx, aUser()));
      const at = new Date('2026-11-02T10:15:00Z');
      await inTx((tx) => setUnreachable(tx, id, at));
      expect((await findUserById(db(), id))?.unreachableAt).toEqual(at);
      await inTx((tx) => setUnreachable(tx, id, null));
      expect((await findUserById(db(), id))?.unreachableAt).toBeNull();
    });
  });

  describe('clients', () => {
    const guidelines: Guidelines = {
      incrementMinutes: 15,
      rounding: 'nearest',
      minimumMinutes: 30,
      maxMinutesPerDay: 600,
      bannedPhrases: ['review file', 'attention to'],
      forbidBlockBilling: false,
      forbidClerical: false,
      travelRatePercent: 50,
      requireTaskCodes: true,
      maxDescriptionLength: 500,
      rateCaps: { PARTNR: 60000, 'lee@test.example': 55050 },
    };

    it('round-trips a client with every guideline (rate caps in cents, travel in percent)', async () => {
      const fields = aClient({ domains: ['acme.com', 'acme.co.uk'], aliases: ['Acme', 'ACME Inc'], ledesClientId: 'ACME-LEDES', guidelines });
      const id = await inTx((tx) => upsertClient(tx, fields));
      const expected = { id, ...fields };
      expect(await findClientById(db(), id)).toEqual(expected);
      expect(await findClientByCode(db(), 'acme')).toEqual(expected);
      expect(await listClients(db())).toEqual([expected]);
    });

    it('gives a client without a guidelines row the default guidelines', async () => {
      const { id } = await db().insertInto('clients').values({ code: 'BARE', name: 'Bare Client', domains: [], aliases: [] }).returning('id').executeTakeFirstOrThrow();
      expect(await findClientById(db(), id)).toEqual({ id, code: 'BARE', name: 'Bare Client', domains: [], aliases: [], ledesClientId: null, guidelines: DEFAULT_GUIDELINES });
    });

    it('updates a client and its guidelines in place when upserted again by code', async () => {
      const id = await inTx((tx) => upsertClient(tx, aClient({ guidelines })));
      const again = await inTx((tx) => upsertClient(tx, aClient({ name: 'Acme Corporation', domains: [], guidelines: { ...guidelines, rateCaps: {}, travelRatePercent: 0 } })));
      expect(again).toBe(id);
      expect(await findClientById(db(), id)).toMatchObject({ name: 'Acme Corporation', domains: [], guidelines: { ...guidelines, rateCaps: {}, travelRatePercent: 0 } });
      expect(await listClients(db())).toHaveLength(1);
    });

    it('returns null for an unknown code or id', async () => {
      await inTx((tx) => upsertClient(tx, aClient()));
      expect(await findClientByCode(db(), 'GLOBEX')).toBeNull();
      expect(await findClientById(db(), 999)).toBeNull();
    });
  });

  describe('matters', () => {
    it('round-trips a matter with its Slack channels', async () => {
      const clientId = await inTx((tx) => upsertClient(tx, aClient()));
      const fields = aMatter(clientId, { clientMatterId: 'CM-7', status: 'closed', keywords: ['beta', 'patent'], slackChannels: ['C2', 'C1'], defaultTaskCode: 'L120', billable: false });
      const id = await inTx((tx) => upsertMatter(tx, fields));
      expect(await findMatterById(db(), id)).toEqual({ id, ...fields, slackChannels: ['C1', 'C2'] });
    });

    it('replaces the Slack channels when a matter is upserted again, keeping its id', async () => {
      const clientId = await inTx((tx) => upsertClient(tx, aClient()));
      const id = await inTx((tx) => upsertMatter(tx, aMatter(clientId, { slackChannels: ['C1', 'C2'] })));
      const again = await inTx((tx) => upsertMatter(tx, aMatter(clientId, { name: 'Acme v. Gamma', slackChannels: ['C3'] })));
      expect(again).toBe(id);
      expect(await findMatterById(db(), id)).toMatchObject({ name: 'Acme v. Gamma', slackChannels: ['C3'] });
      expect(await findMatterByChannel(db(), 'C1')).toBeNull();
      expect(await findMatterByChannel(db(), 'C2')).toBeNull();
      expect((await findMatterByChannel(db(), 'C3'))?.id).toBe(id);
      await inTx((tx) => upsertMatter(tx, aMatter(clientId, { slackChannels: [] })));
      expect(await findMatterById(db(), id)).toMatchObject({ slackChannels: [] });
      expect(await findMatterByChannel(db(), 'C3')).toBeNull();
    });

    it('moves a channel to the matter upserted with it (a firm file that moves C1 from a later matter to an earlier one)', async () => {
      const clientId = await inTx((tx) => upsertClient(tx, aClient()));
      const [first, second] = await inTx(async (tx) => [
        await upsertMatter(tx, aMatter(clientId, { code: 'ACME-001', slackChannels: [] })),
        await upsertMatter(tx, aMatter(clientId, { code: 'ACME-002', slackChannels: ['C1'] })),
      ] as const);
      await inTx(async (tx) => {
        await upsertMatter(tx, aMatter(clientId, { code: 'ACME-001', slackChannels: ['C1'] }));
        await upsertMatter(tx, aMatter(clientId, { code: 'ACME-002', slackChannels: [] }));
      });
      expect((await findMatterByChannel(db(), 'C1'))?.id).toBe(first);
      expect(await findMatterById(db(), second)).toMatchObject({ slackChannels: [] });
    });

    it.each(['ACME-001', 'acme-001', ' Acme-001 '])('finds the matter by code %j', async (code) => {
      const clientId = await inTx((tx) => upsertClient(tx, aClient()));
      const id = await inTx((tx) => upsertMatter(tx, aMatter(clientId)));
      expect((await findMatterByCode(db(), code))?.id).toBe(id);
    });

    it('lists all matters by code, or one client’s', async () => {
      const [acme, globex] = await inTx(async (tx) => [await upsertClient(tx, aClient()), await upsertClient(tx, aClient({ code: 'GLOBEX', name: 'Globex' }))] as const);
      await inTx(async (tx) => {
        await upsertMatter(tx, aMatter(globex, { code: 'GLOBEX-001' }));
        await upsertMatter(tx, aMatter(acme, { code: 'ACME-002' }));
        await upsertMatter(tx, aMatter(acme, { code: 'ACME-001' }));
      });
      expect((await listMatters(db())).map((m) => m.code)).toEqual(['ACME-001', 'ACME-002', 'GLOBEX-001']);
      expect((await listMatters(db(), globex)).map((m) => m.code)).toEqual(['GLOBEX-001']);
      expect(await findMatterByCode(db(), 'ACME-999')).toBeNull();
      expect(await findMatterByChannel(db(), 'C404')).toBeNull();
    });
  });

  describe('rates', () => {
    async function seed() {
      return inTx(async (tx) => {
        const userId = await upsertUser(tx, aUser());
        const clientId = await upsertClient(tx, aClient());
        const matterId = await upsertMatter(tx, aMatter(clientId));
        return { userId, clientId, matterId };
      });
    }

    it('replaces the rates of one scope and leaves every other scope alone', async () => {
      const { userId, clientId, matterId } = await seed();
      const standard = { userId, clientId: null, matterId: null };
      const onMatter = { userId, clientId: null, matterId };
      const onClient = { userId: null, clientId, matterId: null };
      await inTx(async (tx) => {
        await replaceRates(tx, standard, [{ rateCents: 50000, effectiveFrom: null, effectiveTo: null }]);
        await replaceRates(tx, onMatter, [{ rateCents: 55000, effectiveFrom: null, effectiveTo: null }]);
        await replaceRates(tx, onClient, [{ rateCents: 45000, effectiveFrom: null, effectiveTo: null }]);
      });
      await inTx((tx) =>
        replaceRates(tx, onMatter, [
          { rateCents: 52500, effectiveFrom: null, effectiveTo: '2026-06-30' },
          { rateCents: 57500, effectiveFrom: '2026-07-01', effectiveTo: null },
        ]),
      );
      const rates = await listRates(db());
      expect(rates).toHaveLength(4);
      expect(rates).toEqual(
        expect.arrayContaining([
          { ...standard, rateCents: 50000, effectiveFrom: null, effectiveTo: null },
          { ...onClient, rateCents: 45000, effectiveFrom: null, effectiveTo: null },
          { ...onMatter, rateCents: 52500, effectiveFrom: null, effectiveTo: '2026-06-30' },
          { ...onMatter, rateCents: 57500, effectiveFrom: '2026-07-01', effectiveTo: null },
        ]),
      );

      await inTx((tx) => replaceRates(tx, standard, []));
      expect((await listRates(db())).map((r) => r.rateCents).sort()).toEqual([45000, 52500, 57500]);
    });

    it('round-trips effective dates as YYYY-MM-DD strings, with no timezone shift', async () => {
      const { userId } = await seed();
      const scope = { userId, clientId: null, matterId: null };
      const given = [
        { rateCents: 40000, effectiveFrom: '2025-01-01', effectiveTo: '2025-12-31' },
        { rateCents: 42500, effectiveFrom: '2026-01-01', effectiveTo: '2026-02-28' },
        { rateCents: 45000, effectiveFrom: '2026-03-01', effectiveTo: null },
      ];
      await inTx((tx) => replaceRates(tx, scope, given));
      const rates = await listRates(db());
      expect(rates).toEqual(given.map((r) => ({ ...scope, ...r })));
      for (const rate of rates) expect(typeof rate.effectiveFrom).toBe('string');
    });
  });

  describe('firm', () => {
    it('is null before the first save and round-trips after it', async () => {
      expect(await getFirm(db())).toBeNull();
      await inTx((tx) => saveFirm(tx, FIRM));
      expect(await getFirm(db())).toEqual(FIRM);
    });

    it('replaces the single firm row on a second save', async () => {
      await inTx((tx) => saveFirm(tx, FIRM));
      const changed: Firm = { ...FIRM, name: 'Renamed LLP', lawFirmId: null, currency: 'EUR', invoiceNumberFormat: 'INV-{seq:6}', isDemo: true };
      await inTx((tx) => saveFirm(tx, changed));
      expect(await getFirm(db())).toEqual(changed);
      expect(await db().selectFrom('firm').select('id').execute()).toEqual([{ id: 1 }]);
    });

    it('trims the blank padding of the char(3) currency column', async () => {
      await inTx((tx) => saveFirm(tx, { ...FIRM, currency: 'US' }));
      expect((await getFirm(db()))?.currency).toBe('US');
    });
  });

  describe('activities', () => {
    const rows = () => db().selectFrom('activities').selectAll().orderBy('id').execute();

    it('stores new activities, and saving the same content again changes nothing', async () => {
      const userId = await inTx((tx) => upsertUser(tx, aUser()));
      const batch = [anActivity(userId, 'cal:1', '2026-11-02T14:00:00Z'), anActivity(userId, 'cal:2', '2026-11-02T16:00:00Z')];
      expect(await inTx((tx) => saveActivities(tx, batch))).toBe(2);
      const before = await rows();
      expect(await inTx((tx) => saveActivities(tx, batch.map((a) => ({ ...a, title: 'ignored: same hash' }))))).toBe(0);
      expect(await rows()).toEqual(before);
      expect(await inTx((tx) => saveActivities(tx, []))).toBe(0);
    });

    it('updates an activity whose content hash changed (a moved meeting) and only that one', async () => {
      const userId = await inTx((tx) => upsertUser(tx, aUser()));
      const moved = anActivity(userId, 'cal:1', '2026-11-02T14:00:00Z');
      const still = anActivity(userId, 'cal:2', '2026-11-02T16:00:00Z');
      await inTx((tx) => saveActivities(tx, [moved, still]));
      const [, stillBefore] = await rows();
      const update = anActivity(userId, 'cal:1', '2026-11-03T09:00:00Z', { title: 'Moved meeting', participants: ['x@acme.com', 'y@acme.com'], ref: null, meta: { rescheduled: true }, contentHash: 'hash-cal:1-v2' });
      expect(await inTx((tx) => saveActivities(tx, [update, still]))).toBe(1);
      const [movedAfter, stillAfter] = await rows();
      expect(movedAfter).toMatchObject({ id: 'cal:1', start_at: update.start, end_at: update.end, work_date: '2026-11-03', title: 'Moved meeting', participants: ['x@acme.com', 'y@acme.com'], ref: null, meta: { rescheduled: true }, content_hash: 'hash-cal:1-v2' });
      expect(stillAfter).toEqual(stillBefore);
    });

    it('lists one user’s activities on one work date, ordered by start', async () => {
      const [lee, rob] = await inTx(async (tx) => [await upsertUser(tx, aUser()), await upsertUser(tx, aUser({ email: 'rob@test.example' }))] as const);
      const late = anActivity(lee, 'a:late', '2026-11-02T18:00:00Z', { source: 'email', end: new Date('2026-11-02T18:00:00Z') });
      const early = anActivity(lee, 'z:early', '2026-11-02T08:00:00Z');
      const middle = anActivity(lee, 'm:middle', '2026-11-02T12:00:00Z', { source: 'document' });
      await inTx((tx) =>
        saveActivities(tx, [late, early, middle, anActivity(lee, 'next-day', '2026-11-03T08:00:00Z'), anActivity(rob, 'rob', '2026-11-02T09:00:00Z', { user: 'rob@test.example' })]),
      );
      const listed = await listActivities(db(), lee, '2026-11-02');
      expect(listed.map((a) => a.id)).toEqual(['z:early', 'm:middle', 'a:late']);
      expect(listed[2]).toEqual(late);
      expect((await listActivities(db(), rob, '2026-11-02')).map((a) => a.id)).toEqual(['rob']);
      expect(await listActivities(db(), rob, '2026-11-03')).toEqual([]);
    });
  });

  describe('idempotency keys', () => {
    it('claims a key once: true, then false for the same key in the same transaction', async () => {
      expect(await inTx(async (tx) => [await claimKey(tx, 'slack:Ev1', 'slack'), await claimKey(tx, 'slack:Ev1', 'slack'), await claimKey(tx, 'slack:Ev2', 'slack')])).toEqual([true, false, true]);
    });

    it('refuses a key claimed by an earlier transaction, whatever the scope', async () => {
      expect(await inTx((tx) => claimKey(tx, 'teams:act-1', 'teams'))).toBe(true);
      expect(await inTx((tx) => claimKey(tx, 'teams:act-1', 'teams'))).toBe(false);
      expect(await inTx((tx) => claimKey(tx, 'teams:act-1', 'job'))).toBe(false);
      expect(await db().selectFrom('idempotency_keys').select(['key', 'scope']).execute()).toEqual([{ key: 'teams:act-1', scope: 'teams' }]);
    });

    it('frees a key again when the transaction that claimed it rolls back', async () => {
      const failed = inTx(async (tx) => {
        await claimKey(tx, 'job:capture:1', 'job');
        throw new Error('the work failed');
      });
      await expect(failed).rejects.toThrow('the work failed');
      expect(await inTx((tx) => claimKey(tx, 'job:capture:1', 'job'))).toBe(true);
    });
  });

  describe('conversation references and sync state', () => {
    it('saves, finds and replaces a conversation reference per user and platform', async () => {
      const [lee, rob] = await inTx(async (tx) => [await upsertUser(tx, aUser()), await upsertUser(tx, aUser({ email: 'rob@test.example' }))] as const);
      expect(await findConversationReference(db(), lee, 'teams')).toBeNull();
      const first = { conversation: { id: 'a:1' }, serviceUrl: 'https://smba.example/', bot: { id: '28:bot' } };
      await inTx((tx) => saveConversationReference(tx, lee, 'teams', first));
      await saveConversationReference(db(), lee, 'slack', { channel: 'D123' });
      expect(await findConversationReference(db(), lee, 'teams')).toEqual(first);

      const second = { conversation: { id: 'a:2' }, serviceUrl: 'https://smba.example/emea/' };
      await inTx((tx) => saveConversationReference(tx, lee, 'teams', second));
      expect(await findConversationReference(db(), lee, 'teams')).toEqual(second);
      expect(await findConversationReference(db(), lee, 'slack')).toEqual({ channel: 'D123' });
      expect(await findConversationReference(db(), rob, 'teams')).toBeNull();
    });

    it('saves, finds and replaces the sync state per user and source', async () => {
      const userId = await inTx((tx) => upsertUser(tx, aUser()));
      expect(await getSyncState(db(), userId, 'calendar')).toBeNull();
      const at = new Date('2026-11-02T10:00:00Z');
      await inTx((tx) => saveSyncState(tx, userId, 'calendar', { cursor: 'delta-1', lastSyncedAt: at }));
      await saveSyncState(db(), userId, 'email', { cursor: 'delta-mail', lastSyncedAt: null });
      expect(await getSyncState(db(), userId, 'calendar')).toEqual({ cursor: 'delta-1', lastSyncedAt: at });

      await inTx((tx) => saveSyncState(tx, userId, 'calendar', { cursor: null, lastSyncedAt: new Date('2026-11-02T11:00:00Z') }));
      expect(await getSyncState(db(), userId, 'calendar')).toEqual({ cursor: null, lastSyncedAt: new Date('2026-11-02T11:00:00Z') });
      expect(await getSyncState(db(), userId, 'email')).toEqual({ cursor: 'delta-mail', lastSyncedAt: null });
      expect(await getSyncState(db(), userId, 'slack')).toBeNull();
    });
  });

  describe('audit log', () => {
    const alice: Actor = { userId: null, label: 'alice@test.example', via: 'slack' };

    async function seedAudit() {
      const userId = await inTx((tx) => upsertUser(tx, aUser()));
      const actor: Actor = { ...alice, userId };
      await inTx(async (tx) => {
        await recordAudit(tx, { actor: TEST_ACTOR, action: 'client.create', entityType: 'client', entityId: 'ACME', before: null, after: { code: 'ACME' }, at: new Date('2026-11-01T09:00:00Z') });
        await recordAudit(tx, { actor, action: 'entry.approved', entityType: 'time_entry', entityId: 'e-1', before: { status: 'draft' }, after: { status: 'approved' } });
        await recordAudit(tx, { actor, action: 'entry.create', entityType: 'time_entry', entityId: 'e-2', before: undefined, after: { status: 'draft' } });
        await recordAudit(tx, { actor: TEST_ACTOR, action: 'user.update', entityType: 'user', entityId: userId, before: { name: 'A' }, after: { name: 'B' } });
        await recordAudit(tx, { actor, action: 'entry.non_billable', entityType: 'time_entry', entityId: 'e-1', before: { status: 'approved' }, after: { status: 'non_billable' } });
      });
      return { userId, actor };
    }

    it.each<[string, AuditFilter | ((userId: number) => AuditFilter), string[]]>([
      ['no filter: every row, oldest first', {}, ['client.create', 'entry.approved', 'entry.create', 'user.update', 'entry.non_billable']],
      ['entity type', { entityType: 'time_entry' }, ['entry.approved', 'entry.create', 'entry.non_billable']],
      ['entity type and id', { entityType: 'time_entry', entityId: 'e-1' }, ['entry.approved', 'entry.non_billable']],
      ['a numeric entity id', (userId) => ({ entityType: 'user', entityId: userId }), ['user.update']],
      ['action', { action: 'entry.create' }, ['entry.create']],
      ['limit', { limit: 2 }, ['client.create', 'entry.approved']],
      ['an entity with no rows', { entityType: 'invoice' }, []],
    ])('filters by %s', async (_name, filter, actions) => {
      const { userId } = await seedAudit();
      const resolved = typeof filter === 'function' ? filter(userId) : filter;
      expect((await listAudit(db(), resolved)).map((r) => r.action)).toEqual(actions);
    });

    it('round-trips actor, entity, time and before/after JSON', async () => {
      const { userId, actor } = await seedAudit();
      const records = await listAudit(db());
      expect(records[0]).toEqual({ id: expect.any(Number), at: new Date('2026-11-01T09:00:00Z'), actor: TEST_ACTOR, action: 'client.create', entityType: 'client', entityId: 'ACME', before: null, after: { code: 'ACME' } });
      expect(records[1]).toMatchObject({ actor: { ...actor, userId }, entityId: 'e-1', before: { status: 'draft' }, after: { status: 'approved' } });
      expect(records[2]?.before).toBeNull();
      expect(records[3]?.entityId).toBe(String(userId));
    });
  });
});
