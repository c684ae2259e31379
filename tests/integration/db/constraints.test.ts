import type { Insertable } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../src/db/connection.js';
import type { InvoicesTable, RatesTable, TimeEntriesTable, UsersTable } from '../../../src/db/schema.js';
import { databaseKinds, useTestDatabase } from '../../support/test-database.js';

/*
 * The invariants that protect money and identity live in the schema, so a bug in code cannot
 * break them. Each case writes one row (or change) that breaks exactly one invariant, straight
 * through kysely, and expects PostgreSQL to refuse it with that invariant's constraint.
 */

interface Seed {
  readonly userId: number;
  readonly otherUserId: number;
  readonly clientId: number;
  readonly matterId: number;
  readonly invoiceId: string;
  readonly entryId: string;
}

const CHECK = '23514';
const UNIQUE = '23505';

function userRow(overrides: Partial<Insertable<UsersTable>> = {}): Insertable<UsersTable> {
  return { email: 'new@test.example', name: 'New Person', roles: ['lawyer'], timezone: 'UTC', summary_time: '17:30', summary_days: [1, 2, 3, 4, 5], sources: ['calendar'], reminders: true, ...overrides };
}

function entryRow(s: Seed, overrides: Partial<Insertable<TimeEntriesTable>> = {}): Insertable<TimeEntriesTable> {
  return { user_id: s.userId, matter_id: s.matterId, work_date: '2026-11-02', actual_minutes: 30, billed_minutes: 30, narrative: 'Drafted motion', evidence: '[]', warnings: '[]', source_activity_ids: [], origin: 'manual', ...overrides };
}

function invoiceRow(s: Seed, overrides: Partial<Insertable<InvoicesTable>> = {}): Insertable<InvoicesTable> {
  return {
    client_id: s.clientId,
    matter_id: s.matterId,
    period_start: '2026-11-01',
    period_end: '2026-11-30',
    currency: 'USD',
    fees_cents: 0,
    adjustment_cents: 0,
    total_cents: 0,
    awaiting_approval_count: 0,
    awaiting_approval_minutes: 0,
    warnings: '[]',
    ...overrides,
  };
}

function rateRow(overrides: Partial<Insertable<RatesTable>>): Insertable<RatesTable> {
  return { rate_cents: 50000, ...overrides };
}

/** One user, a second user, a client, a matter, a draft invoice for November and a draft entry. */
async function seed(db: Db): Promise<Seed> {
  const { id: userId } = await db.insertInto('users').values(userRow({ email: 'lee@test.example' })).returning('id').executeTakeFirstOrThrow();
  const { id: otherUserId } = await db.insertInto('users').values(userRow({ email: 'max@test.example' })).returning('id').executeTakeFirstOrThrow();
  const { id: clientId } = await db.insertInto('clients').values({ code: 'ACME', name: 'Acme', domains: [], aliases: [] }).returning('id').executeTakeFirstOrThrow();
  const { id: matterId } = await db
    .insertInto('matters')
    .values({ code: 'ACME-001', client_id: clientId, name: 'Acme v. Beta', status: 'open', keywords: [], billable: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  const partial = { userId, otherUserId, clientId, matterId, invoiceId: '', entryId: '' };
  const { id: invoiceId } = await db.insertInto('invoices').values(invoiceRow(partial)).returning('id').executeTakeFirstOrThrow();
  const { id: entryId } = await db.insertInto('time_entries').values(entryRow(partial)).returning('id').executeTakeFirstOrThrow();
  return { ...partial, invoiceId, entryId };
}

type Write = (db: Db, s: Seed) => Promise<unknown>;

const entry = (overrides: Partial<Insertable<TimeEntriesTable>>): Write => (db, s) => db.insertInto('time_entries').values(entryRow(s, overrides)).execute();
const invoice = (overrides: Partial<Insertable<InvoicesTable>>): Write => (db, s) => db.insertInto('invoices').values(invoiceRow(s, overrides)).execute();
const rate = (scope: (s: Seed) => Partial<Insertable<RatesTable>>): Write => (db, s) => db.insertInto('rates').values(rateRow(scope(s))).execute();
const user = (overrides: Partial<Insertable<UsersTable>>): Write => (db) => db.insertInto('users').values(userRow(overrides)).execute();

const REFUSED: readonly [string, Write, string, string][] = [
  ['a billed entry without an invoice', entry({ status: 'billed' }), CHECK, 'time_entries_check'],
  ['an invoice on a draft entry', (db, s) => db.updateTable('time_entries').set({ invoice_id: s.invoiceId }).where('id', '=', s.entryId).execute(), CHECK, 'time_entries_check'],
  ['an invoice on an approved entry', (db, s) => db.insertInto('time_entries').values(entryRow(s, { status: 'approved', invoice_id: s.invoiceId })).execute(), CHECK, 'time_entries_check'],
  ['an approved entry without a matter', entry({ status: 'approved', matter_id: null }), CHECK, 'time_entries_check1'],
  ['approving a draft entry that has no matter', async (db, s) => {
    const { id } = await db.insertInto('time_entries').values(entryRow(s, { matter_id: null })).returning('id').executeTakeFirstOrThrow();
    return db.updateTable('time_entries').set({ status: 'approved' }).where('id', '=', id).execute();
  }, CHECK, 'time_entries_check1'],
  ['a billed entry without a matter', (db, s) => db.insertInto('time_entries').values(entryRow(s, { status: 'billed', invoice_id: s.invoiceId, matter_id: null })).execute(), CHECK, 'time_entries_check1'],
  ['negative actual minutes', entry({ actual_minutes: -1 }), CHECK, 'time_entries_actual_minutes_check'],
  ['more than 1440 actual minutes', entry({ actual_minutes: 1441 }), CHECK, 'time_entries_actual_minutes_check'],
  ['negative billed minutes', entry({ billed_minutes: -6 }), CHECK, 'time_entries_billed_minutes_check'],
  ['more than 1440 billed minutes', (db, s) => db.updateTable('time_entries').set({ billed_minutes: 1441 }).where('id', '=', s.entryId).execute(), CHECK, 'time_entries_billed_minutes_check'],
  ['an unknown entry status', entry({ status: 'pending' }), CHECK, 'time_entries_status_check'],
  ['an entry version below 1', entry({ version: 0 }), CHECK, 'time_entries_version_check'],
  ['an issued invoice without a number', invoice({ status: 'issued', period_start: '2026-10-01', period_end: '2026-10-31' }), CHECK, 'invoices_check1'],
  ['a draft invoice with a number', invoice({ number: '2026-0001', period_start: '2026-10-01', period_end: '2026-10-31' }), CHECK, 'invoices_check1'],
  ['issuing an invoice without giving it a number', (db, s) => db.updateTable('invoices').set({ status: 'issued' }).where('id', '=', s.invoiceId).execute(), CHECK, 'invoices_check1'],
  ['a void invoice without a void time', invoice({ status: 'void', number: '2026-0009', period_start: '2026-10-01', period_end: '2026-10-31' }), CHECK, 'invoices_check2'],
  ['an invoice period that ends before it starts', invoice({ period_start: '2026-10-31', period_end: '2026-10-01' }), CHECK, 'invoices_check'],
  ['a second draft invoice for the same matter and period', invoice({}), UNIQUE, 'invoices_one_draft'],
  ['two issued invoices with the same number', async (db, s) => {
    await db.insertInto('invoices').values(invoiceRow(s, { status: 'issued', number: '2026-0001', period_start: '2026-09-01', period_end: '2026-09-30' })).execute();
    return db.insertInto('invoices').values(invoiceRow(s, { status: 'issued', number: '2026-0001', period_start: '2026-10-01', period_end: '2026-10-31' })).execute();
  }, UNIQUE, 'invoices_number_key'],
  ['a user email that is not lower-case', user({ email: 'New@Test.Example' }), CHECK, 'users_email_check'],
  ['changing a user email to upper case', (db, s) => db.updateTable('users').set({ email: 'LEE@TEST.EXAMPLE' }).where('id', '=', s.userId).execute(), CHECK, 'users_email_check'],
  ['a user who delegates to themselves', (db, s) => db.insertInto('user_delegates').values({ user_id: s.userId, delegate_id: s.userId }).execute(), CHECK, 'user_delegates_check'],
  ['a user who is their own manager', (db, s) => db.updateTable('users').set({ manager_id: s.userId }).where('id', '=', s.userId).execute(), CHECK, 'users_check'],
  ['summary_time 25:00', user({ summary_time: '25:00' }), CHECK, 'users_summary_time_check'],
  ['summary_time 17:60', user({ summary_time: '17:60' }), CHECK, 'users_summary_time_check'],
  ['summary_time 9:00 (no leading zero)', (db, s) => db.updateTable('users').set({ summary_time: '9:00' }).where('id', '=', s.userId).execute(), CHECK, 'users_summary_time_check'],
  ['a rate with neither user, client nor matter', rate(() => ({})), CHECK, 'rates_check'],
  ['a rate with both a client and a matter', rate((s) => ({ client_id: s.clientId, matter_id: s.matterId })), CHECK, 'rates_check1'],
  ['a rate that ends before it starts', rate((s) => ({ user_id: s.userId, effective_from: '2026-07-01', effective_to: '2026-06-30' })), CHECK, 'rates_check2'],
  ['a negative rate', rate((s) => ({ user_id: s.userId, rate_cents: -1 })), CHECK, 'rates_rate_cents_check'],
  ['two open-ended rates for the same scope', async (db, s) => {
    await db.insertInto('rates').values(rateRow({ user_id: s.userId })).execute();
    return db.insertInto('rates').values(rateRow({ user_id: s.userId, rate_cents: 60000 })).execute();
  }, UNIQUE, 'rates_scope'],
];

const ACCEPTED: readonly [string, Write][] = [
  ['a billed entry with an invoice and a matter', (db, s) => db.insertInto('time_entries').values(entryRow(s, { status: 'billed', invoice_id: s.invoiceId })).execute()],
  ['0 and 1440 minutes', entry({ actual_minutes: 0, billed_minutes: 1440 })],
  ['a draft and a non-billable entry without a matter', async (db, s) => {
    await entry({ matter_id: null })(db, s);
    return entry({ matter_id: null, status: 'non_billable' })(db, s);
  }],
  ['an issued invoice with a number next to the draft of the same period', invoice({ status: 'issued', number: '2026-0001' })],
  ['a draft invoice for another period of the same matter', invoice({ period_start: '2026-12-01', period_end: '2026-12-31' })],
  ['a void invoice with its number and void time', invoice({ status: 'void', number: '2026-0002', voided_at: new Date('2026-12-01T00:00:00Z') })],
  ['a delegate who is another user', (db, s) => db.insertInto('user_delegates').values({ user_id: s.userId, delegate_id: s.otherUserId }).execute()],
  ['summary_time 00:00 and 23:59', async (db, s) => {
    await user({ email: 'early@test.example', summary_time: '00:00' })(db, s);
    return user({ email: 'late@test.example', summary_time: '23:59' })(db, s);
  }],
  ['a rate for a user on a matter, and one for a client', async (db, s) => {
    await rate((x) => ({ user_id: x.userId, matter_id: x.matterId }))(db, s);
    return rate((x) => ({ client_id: x.clientId }))(db, s);
  }],
  ['two dated rates for the same scope', async (db, s) => {
    await rate((x) => ({ user_id: x.userId, effective_to: '2026-06-30' }))(db, s);
    return rate((x) => ({ user_id: x.userId, effective_from: '2026-07-01' }))(db, s);
  }],
];

describe.each(databaseKinds())('schema constraints on %s', (kind) => {
  const t = useTestDatabase(kind);

  it.each(REFUSED)('refuses %s', async (_name, write, code, constraint) => {
    const s = await seed(t.current.db);
    await expect(write(t.current.db, s)).rejects.toMatchObject({ code, constraint });
  });

  it.each(ACCEPTED)('accepts %s', async (_name, write) => {
    const s = await seed(t.current.db);
    await expect(write(t.current.db, s)).resolves.toBeDefined();
  });

  it('leaves a refused change undone: the draft entry keeps no invoice', async () => {
    const s = await seed(t.current.db);
    await expect(t.current.db.updateTable('time_entries').set({ invoice_id: s.invoiceId }).where('id', '=', s.entryId).execute()).rejects.toMatchObject({ code: CHECK });
    expect(await t.current.db.selectFrom('time_entries').select(['status', 'invoice_id']).execute()).toEqual([{ status: 'draft', invoice_id: null }]);
  });
});
