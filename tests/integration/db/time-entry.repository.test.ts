import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/core/audit.js';
import { AppError } from '../../../src/core/errors.js';
import { DEFAULT_GUIDELINES } from '../../../src/core/guidelines.js';
import type { EntryStatus, TimeEntry } from '../../../src/core/time-entry.js';
import { transaction, type Db, type Tx } from '../../../src/db/connection.js';
import { listAudit } from '../../../src/db/repositories/audit.repository.js';
import { upsertClient } from '../../../src/db/repositories/client.repository.js';
import { upsertMatter } from '../../../src/db/repositories/matter.repository.js';
import { changeEntryStatus, findEntry, insertEntry, listEntries, type EntryFilter, type NewEntry } from '../../../src/db/repositories/time-entry.repository.js';
import { upsertUser } from '../../../src/db/repositories/user.repository.js';
import { databaseKinds, useTestDatabase } from '../../support/test-database.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NARRATIVE = 'Privileged: strategy call with J. Doe re settlement of the Beta claim';
const CREATED_AT = new Date('2026-11-02T22:00:00Z');
const APPROVED_AT = new Date('2026-11-03T09:30:00Z');

interface Seed {
  readonly lee: number;
  readonly max: number;
  readonly acme1: number;
  readonly acme2: number;
  readonly lawyer: Actor;
}

async function seed(db: Db): Promise<Seed> {
  return transaction(db, async (tx) => {
    const person = { name: 'Someone', timekeeperId: null, classification: null, roles: ['lawyer'] as const, timezone: 'America/New_York', summaryTime: '17:30', summaryDays: [1, 2, 3, 4, 5], slackUserId: null, aadObjectId: null, sources: ['calendar'] as const, reminders: true, active: true };
    const lee = await upsertUser(tx, { ...person, email: 'lee@test.example' });
    const max = await upsertUser(tx, { ...person, email: 'max@test.example' });
    const clientId = await upsertClient(tx, { code: 'ACME', name: 'Acme', domains: [], aliases: [], ledesClientId: null, guidelines: DEFAULT_GUIDELINES });
    const matter = { clientId, name: 'A matter', clientMatterId: null, status: 'open' as const, keywords: [], slackChannels: [], defaultTaskCode: null, billable: true };
    const acme1 = await upsertMatter(tx, { ...matter, code: 'ACME-001' });
    const acme2 = await upsertMatter(tx, { ...matter, code: 'ACME-002' });
    return { lee, max, acme1, acme2, lawyer: { userId: lee, label: 'lee@test.example', via: 'slack' } };
  });
}

function aNewEntry(s: Seed, overrides: Partial<NewEntry> = {}): NewEntry {
  return {
    userId: s.lee,
    matterId: s.acme1,
    workDate: '2026-11-02',
    actualMinutes: 47,
    billedMinutes: 48,
    narrative: NARRATIVE,
    taskCode: 'L120',
    activityCode: 'A106',
    confidence: 'high',
    evidence: [
      { activityId: 'cal:1', source: 'calendar', title: 'Call with J. Doe' },
      { activityId: 'mail:9', source: 'email', title: 'Re: settlement' },
    ],
    warnings: [{ code: 'BLOCK_BILLING', message: 'Acme forbids block billing' }],
    sourceActivityIds: ['cal:1', 'mail:9'],
    origin: 'capture',
    captureKey: 'lee@test.example|2026-11-02|ACME-001',
    ...overrides,
  };
}

async function thrown(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => new Error('expected an AppError, the call succeeded'),
    (e: unknown) => e,
  );
  if (error instanceof AppError) return error;
  throw error;
}

describe.each(databaseKinds())('time entry repository on %s', (kind) => {
  const t = useTestDatabase(kind);
  const db = (): Db => t.current.db;
  const inTx = <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => transaction(db(), fn);
  const insert = (s: Seed, overrides: Partial<NewEntry> = {}, at = CREATED_AT) => inTx((tx) => insertEntry(tx, aNewEntry(s, overrides), s.lawyer, at));
  const entryAudit = () => listAudit(db(), { entityType: 'time_entry' });

  describe('insertEntry', () => {
    it('returns the stored entry: a uuid, version 1, draft, with evidence and warnings round-tripped', async () => {
      const s = await seed(db());
      const fields = aNewEntry(s);
      const entry = await inTx((tx) => insertEntry(tx, fields, s.lawyer, CREATED_AT));
      expect(entry.id).toMatch(UUID);
      expect(entry).toEqual({ id: entry.id, ...fields, matchReasons: [], status: 'draft', version: 1, edited: false, approvedBy: null, approvedAt: null, invoiceId: null, billedRateCents: null, createdAt: CREATED_AT, updatedAt: CREATED_AT });
      expect(await findEntry(db(), entry.id)).toEqual(entry);
    });

    it('stores the status it is given and a manual entry without matter or evidence', async () => {
      const s = await seed(db());
      const entry = await insert(s, { matterId: null, status: 'non_billable', origin: 'manual', captureKey: null, evidence: [], warnings: [], sourceActivityIds: [], confidence: null, taskCode: null, activityCode: null });
      expect(await findEntry(db(), entry.id)).toMatchObject({ matterId: null, status: 'non_billable', version: 1, evidence: [], warnings: [], sourceActivityIds: [], confidence: null });
    });

    it('writes exactly one entry.create audit row, with no before and no narrative text', async () => {
      const s = await seed(db());
      const entry = await insert(s);
      const rows = await listAudit(db());
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'entry.create', entityType: 'time_entry', entityId: entry.id, actor: s.lawyer, at: CREATED_AT, before: null });
      expect(rows[0]?.after).toMatchObject({ status: 'draft', version: 1, matterId: s.acme1, actualMinutes: 47, billedMinutes: 48 });
      expect(rows[0]?.after).not.toHaveProperty('narrative');
      expect(JSON.stringify(rows[0])).not.toContain('settlement');
      expect(JSON.stringify(rows[0])).not.toContain('J. Doe');
    });

    it('writes nothing, entry nor audit row, when the insert is refused', async () => {
      const s = await seed(db());
      await insert(s);
      await expect(insert(s)).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await listEntries(db())).toHaveLength(1);
      expect(await listAudit(db())).toHaveLength(1);
    });
  });

  describe('changeEntryStatus', () => {
    it('approves a draft: bumps the version, sets approvedAt and the approver, writes one entry.approved row', async () => {
      const s = await seed(db());
      const draft = await insert(s);
      const approved = await inTx((tx) => changeEntryStatus(tx, { id: draft.id, expectedVersion: 1, to: 'approved', actor: s.lawyer, at: APPROVED_AT }));
      expect(approved).toEqual({ ...draft, status: 'approved', version: 2, approvedBy: s.lee, approvedAt: APPROVED_AT, updatedAt: APPROVED_AT });
      expect(await findEntry(db(), draft.id)).toEqual(approved);
      expect(await db().selectFrom('time_entries').select(['approved_by', 'approved_at']).executeTakeFirstOrThrow()).toEqual({ approved_by: s.lee, approved_at: APPROVED_AT });

      const rows = await entryAudit();
      expect(rows.map((r) => r.action)).toEqual(['entry.create', 'entry.approved']);
      expect(rows[1]).toMatchObject({ entityId: draft.id, actor: s.lawyer, at: APPROVED_AT, before: { status: 'draft', version: 1 }, after: { status: 'approved', version: 2 } });
      expect(JSON.stringify(rows[1])).not.toContain('settlement');
    });

    it.each<[EntryStatus, EntryStatus]>([
      ['approved', 'draft'],
      ['approved', 'non_billable'],
    ])('clears the approval when an entry moves from %s to %s', async (from, to) => {
      const s = await seed(db());
      const draft = await insert(s);
      await inTx((tx) => changeEntryStatus(tx, { id: draft.id, expectedVersion: 1, to: from, actor: s.lawyer, at: APPROVED_AT }));
      const moved = await inTx((tx) => changeEntryStatus(tx, { id: draft.id, expectedVersion: 2, to, actor: s.lawyer }));
      expect(moved).toMatchObject({ status: to, version: 3 });
      expect(await db().selectFrom('time_entries').select(['approved_by', 'approved_at']).executeTakeFirstOrThrow()).toEqual({ approved_by: null, approved_at: null });
      expect((await entryAudit()).map((r) => r.action)).toEqual(['entry.create', `entry.${from}`, `entry.${to}`]);
    });

    it.each([0, 2, 7])('throws STALE for expectedVersion %i and changes nothing', async (expectedVersion) => {
      const s = await seed(db());
      const draft = await insert(s);
      const error = await thrown(inTx((tx) => changeEntryStatus(tx, { id: draft.id, expectedVersion, to: 'approved', actor: s.lawyer })));
      expect(error.code).toBe('STALE');
      expect(await findEntry(db(), draft.id)).toEqual(draft);
      expect((await entryAudit()).map((r) => r.action)).toEqual(['entry.create']);
    });

    it('throws STALE for the second of two people acting on the same card', async () => {
      const s = await seed(db());
      const draft = await insert(s);
      const max: Actor = { userId: s.max, label: 'max@test.example', via: 'teams' };
      await inTx((tx) => changeEntryStatus(tx, { id: draft.id, expectedVersion: 1, to: 'approved', actor: s.lawyer }));
      const error = await thrown(inTx((tx) => changeEntryStatus(tx, { id: draft.id, expectedVersion: 1, to: 'non_billable', actor: max })));
      expect(error.code).toBe('STALE');
      expect(await findEntry(db(), draft.id)).toMatchObject({ status: 'approved', version: 2 });
      expect((await entryAudit()).map((r) => r.action)).toEqual(['entry.create', 'entry.approved']);
    });

    it.each(['00000000-0000-4000-8000-000000000000', 'not-a-uuid', '0123456789abcdef0123456789abcdef0123'])('throws NOT_FOUND for the unknown id %j', async (id) => {
      const s = await seed(db());
      await insert(s);
      const error = await thrown(inTx((tx) => changeEntryStatus(tx, { id, expectedVersion: 1, to: 'approved', actor: s.lawyer })));
      expect(error.code).toBe('NOT_FOUND');
      expect((await entryAudit()).map((r) => r.action)).toEqual(['entry.create']);
    });

    it('leaves neither the change nor its audit row when the transaction fails afterwards', async () => {
      const s = await seed(db());
      const draft = await insert(s);
      const failed = inTx(async (tx) => {
        const changed = await changeEntryStatus(tx, { id: draft.id, expectedVersion: 1, to: 'approved', actor: s.lawyer });
        expect(changed.status).toBe('approved');
        throw new Error('posting the card failed');
      });
      await expect(failed).rejects.toThrow('posting the card failed');
      expect(await findEntry(db(), draft.id)).toEqual(draft);
      expect((await entryAudit()).map((r) => r.action)).toEqual(['entry.create']);
    });
  });

  describe('findEntry', () => {
    it.each([
      '',
      'abc',
      'not-a-uuid',
      '------------------------------------',
      '0123456789abcdef0123456789abcdef0123',
      '0000000-00000-4000-8000-000000000000',
      '00000000-0000-4000-8000-00000000000g',
      '00000000-0000-4000-8000-0000000000001',
      "00000000-0000-4000-8000-000000000000' or '1'='1",
    ])('returns null for the malformed id %j', async (id) => {
      const s = await seed(db());
      await insert(s);
      expect(await findEntry(db(), id)).toBeNull();
    });

    it('finds an entry whatever the case of its id, and returns null for an unknown one', async () => {
      const s = await seed(db());
      const entry = await insert(s);
      expect((await findEntry(db(), entry.id.toUpperCase()))?.id).toBe(entry.id);
      expect(await findEntry(db(), '00000000-0000-4000-8000-000000000000')).toBeNull();
    });
  });

  describe('listEntries', () => {
    type Labelled = (s: Seed) => EntryFilter;

    async function seedEntries(s: Seed): Promise<void> {
      const add = (narrative: string, overrides: Partial<NewEntry>) => insert(s, { narrative, captureKey: null, ...overrides });
      await add('lee-acme1-nov02', { workDate: '2026-11-02' });
      await add('lee-acme2-nov03', { workDate: '2026-11-03', matterId: s.acme2 });
      await add('lee-none-nov04', { workDate: '2026-11-04', matterId: null });
      await add('max-acme1-nov02', { userId: s.max, workDate: '2026-11-02' });
      await add('max-acme1-nov05', { userId: s.max, workDate: '2026-11-05' });
      const approve = await add('lee-acme1-nov05-approved', { workDate: '2026-11-05' });
      await inTx((tx) => changeEntryStatus(tx, { id: approve.id, expectedVersion: 1, to: 'approved', actor: s.lawyer }));
      await add('max-acme2-oct31-nonbillable', { userId: s.max, workDate: '2026-10-31', matterId: s.acme2, status: 'non_billable' });
    }

    it.each<[string, Labelled, string[]]>([
      ['no filter: all, by date then user', () => ({}), ['max-acme2-oct31-nonbillable', 'lee-acme1-nov02', 'max-acme1-nov02', 'lee-acme2-nov03', 'lee-none-nov04', 'lee-acme1-nov05-approved', 'max-acme1-nov05']],
      ['user', (s) => ({ userId: s.max }), ['max-acme2-oct31-nonbillable', 'max-acme1-nov02', 'max-acme1-nov05']],
      ['date range, both ends inclusive', () => ({ from: '2026-11-02', to: '2026-11-04' }), ['lee-acme1-nov02', 'max-acme1-nov02', 'lee-acme2-nov03', 'lee-none-nov04']],
      ['from only', () => ({ from: '2026-11-05' }), ['lee-acme1-nov05-approved', 'max-acme1-nov05']],
      ['to only', () => ({ to: '2026-11-01' }), ['max-acme2-oct31-nonbillable']],
      ['status', () => ({ status: 'approved' }), ['lee-acme1-nov05-approved']],
      ['matter', (s) => ({ matterId: s.acme2 }), ['max-acme2-oct31-nonbillable', 'lee-acme2-nov03']],
      ['user, matter, status and dates together', (s) => ({ userId: s.lee, matterId: s.acme1, status: 'draft', from: '2026-11-01', to: '2026-11-30' }), ['lee-acme1-nov02']],
      ['a range with nothing in it', () => ({ from: '2026-12-01', to: '2026-12-31' }), []],
    ])('filters by %s', async (_name, filter, narratives) => {
      const s = await seed(db());
      await seedEntries(s);
      const entries: TimeEntry[] = await listEntries(db(), filter(s));
      expect(entries.map((e) => e.narrative)).toEqual(narratives);
    });
  });
});
