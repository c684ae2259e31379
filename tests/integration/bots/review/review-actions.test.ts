import { describe, expect, it } from 'vitest';
import { STALE_NOTE } from '../../../../src/bots/review/entry-actions.js';
import { compileInvoices } from '../../../../src/billing/invoice-compile.service.js';
import { finalizeInvoice } from '../../../../src/billing/invoice-finalize.service.js';
import { parsePeriod } from '../../../../src/core/period.js';
import { listAudit } from '../../../../src/db/repositories/audit.repository.js';
import { findEntry } from '../../../../src/db/repositories/time-entry.repository.js';
import { NOW, SHELL } from '../../../support/billing-harness.js';
import { databaseKinds, useTestDatabase } from '../../../support/test-database.js';
import { act, entriesOf, seedDay, snapshot, userId } from './review-harness.js';

describe.each(databaseKinds())('daily review card actions on %s', (kind) => {
  const t = useTestDatabase(kind);
  const db = () => t.current.db;
  const entryAudits = async (id: string) => (await listAudit(db(), { entityType: 'time_entry', entityId: id })).filter((a) => a.action !== 'entry.create');

  it.each([
    ['approve', 'approved'],
    ['not_billable', 'non_billable'],
  ] as const)('%s moves a draft and audits it with the owner and the platform', async (verb, status) => {
    await seedDay(db());
    const entry = (await entriesOf(db(), 'robert')).byCode('NW-001');
    const card = await act(db(), 'robert', { verb, ownerId: entry.userId, entryId: entry.id, version: entry.version });
    expect(card.note).toBeNull();
    expect(card.done.map((e) => [e.id, e.status])).toEqual([[entry.id, status]]);
    expect(await findEntry(db(), entry.id)).toMatchObject({ status, version: entry.version + 1 });
    const audits = await entryAudits(entry.id);
    expect(audits.map((a) => [a.action, a.actor.label, a.actor.via])).toEqual([[`entry.${status}`, 'Robert Arnsley', 'slack']]);
  });

  it('undo returns an approved entry to draft', async () => {
    await seedDay(db());
    const entry = (await entriesOf(db(), 'robert')).byCode('NW-001');
    await act(db(), 'robert', { verb: 'approve', ownerId: entry.userId, entryId: entry.id, version: entry.version });
    const card = await act(db(), 'robert', { verb: 'undo', ownerId: entry.userId, entryId: entry.id, version: entry.version + 1 });
    expect(card.pending.map((e) => e.id)).toContain(entry.id);
    expect((await findEntry(db(), entry.id))?.status).toBe('draft');
    expect((await entryAudits(entry.id)).map((a) => a.action)).toEqual(['entry.approved', 'entry.draft']);
  });

  it.each([
    ['approving an entry without a matter', 'approve', 'none', 'Choose a matter for that entry before approving it.'],
    ['undoing a draft', 'undo', 'NW-001', 'That entry is already a draft.'],
  ] as const)('%s changes nothing and says why', async (_case, verb, code, note) => {
    await seedDay(db());
    const entry = (await entriesOf(db(), 'robert')).byCode(code === 'none' ? null : code);
    const before = await snapshot(db());
    const card = await act(db(), 'robert', { verb, ownerId: entry.userId, entryId: entry.id, version: entry.version });
    expect(card.note).toBe(note);
    const after = await snapshot(db());
    expect(after.time_entries).toEqual(before.time_entries);
    expect(after.audit_log).toEqual(before.audit_log);
  });

  it('cannot undo or edit a billed entry from the card', async () => {
    await seedDay(db());
    const entry = (await entriesOf(db(), 'robert')).byCode('NW-001');
    await act(db(), 'robert', { verb: 'approve', ownerId: entry.userId, entryId: entry.id, version: entry.version });
    const { invoices } = await compileInvoices(db(), { client: 'northwind', period: parsePeriod('march 2026', '2026-04-02'), actor: SHELL });
    for (const invoice of invoices) await finalizeInvoice(db(), invoice.id, SHELL, NOW);
    const billed = await findEntry(db(), entry.id);
    expect(billed?.status).toBe('billed');
    for (const verb of ['undo', 'edit'] as const) {
      const card = await act(db(), 'robert', { verb, ownerId: entry.userId, entryId: entry.id, version: billed?.version ?? 0, edit: { narrative: 'changed' } });
      expect(card.note).toBe('That entry is on an invoice and cannot be changed from the card.');
    }
    expect(await findEntry(db(), entry.id)).toEqual(billed);
  });

  it('approve all approves assigned drafts without warnings in one go', async () => {
    await seedDay(db());
    const alice = await userId(db(), 'alice');
    const card = await act(db(), 'alice', { verb: 'approve_all', ownerId: alice });
    expect(card.note).toBe('Approved 4 entries (1.6 h). Still drafts: 1 entry without a matter.');
    expect(card.pending.map((e) => e.matter)).toEqual([null]);
    expect(card.approveAll).toBeNull();
    expect(await listAudit(db(), { action: 'entry.approved' })).toHaveLength(4);
  });

  it('change matter assigns an open matter, billed by the new client\'s rounding', async () => {
    await seedDay(db());
    const entry = (await entriesOf(db(), 'robert')).byCode('GLOBEX-001');
    expect([entry.actualMinutes, entry.billedMinutes]).toEqual([6, 6]);
    const card = await act(db(), 'robert', { verb: 'change_matter', ownerId: entry.userId, entryId: entry.id, version: entry.version, matter: 'nw-002' });
    expect(card.pending.find((e) => e.id === entry.id)).toMatchObject({ matter: { code: 'NW-002', name: 'Northwind trademark portfolio' }, hours: '0.3', actualNote: 'actual 6 min' });
    expect(await findEntry(db(), entry.id)).toMatchObject({ billedMinutes: 15, actualMinutes: 6, edited: true, status: 'draft' });
    expect((await entryAudits(entry.id)).map((a) => [a.action, a.actor.label])).toEqual([['entry.edit', 'Robert Arnsley']]);
  });

  it.each([
    ['a closed matter', 'GLOBEX-002'],
    ['an unknown matter', 'NOPE-404'],
  ])('change matter refuses %s in the same words, writing nothing', async (_case, code) => {
    await seedDay(db());
    const entry = (await entriesOf(db(), 'robert')).byCode(null);
    const before = await snapshot(db());
    const run = act(db(), 'robert', { verb: 'change_matter', ownerId: entry.userId, entryId: entry.id, version: entry.version, matter: code });
    await expect(run).rejects.toMatchObject({ code: 'INVALID_INPUT', message: `matter: no open matter "${code}"` });
    expect(await snapshot(db())).toEqual(before);
  });

  it('edit saves narrative, hours (rounded by the client rule), matter and codes', async () => {
    await seedDay(db());
    const entry = (await entriesOf(db(), 'robert')).byCode('ACME-001');
    const edit = { narrative: '  Prepared deposition outline for J. Doe  ', hours: '1h31m', matter: 'ACME-002', taskCode: 'l120', activityCode: 'A103' };
    const card = await act(db(), 'robert', { verb: 'edit', ownerId: entry.userId, entryId: entry.id, version: entry.version, edit });
    expect(card.note).toBeNull();
    expect(await findEntry(db(), entry.id)).toMatchObject({
      narrative: 'Prepared deposition outline for J. Doe', billedMinutes: 96, actualMinutes: entry.actualMinutes, taskCode: 'L120', activityCode: 'A103', edited: true, version: entry.version + 1,
    });
    expect(card.pending.find((e) => e.id === entry.id)?.matter?.code).toBe('ACME-002');
  });

  it.each([
    ['an empty narrative', { narrative: ' ' }, 'narrative: say what was done; it cannot be empty'],
    ["a narrative over Globex's 500 characters", { narrative: 'x'.repeat(501) }, 'narrative: at most 500 characters for Globex Corporation (this one has 501)'],
    ['hours in words', { hours: 'a while' }, 'hours: "a while" — use e.g. "1.5", "1h 30m" or "90m"'],
    ['more than a day', { hours: '1500m' }, 'hours: "1500m" — at most 24 hours in one entry'],
    ['an unknown task code', { taskCode: 'X100' }, 'task code: "X100" is not a UTBMS task code (e.g. L120)'],
    ['an unknown activity code', { activityCode: 'A999' }, 'activity code: "A999" is not a UTBMS activity code (e.g. A106)'],
    ['a closed matter', { matter: 'GLOBEX-002' }, 'matter: no open matter "GLOBEX-002"'],
    ['nothing to change', {}, 'edit: nothing to change'],
  ])('edit refuses %s, naming the field and writing nothing', async (_case, edit, message) => {
    await seedDay(db());
    const entry = (await entriesOf(db(), 'robert')).byCode('GLOBEX-001');
    const before = await snapshot(db());
    const run = act(db(), 'robert', { verb: 'edit', ownerId: entry.userId, entryId: entry.id, version: entry.version, edit });
    await expect(run).rejects.toMatchObject({ code: 'INVALID_INPUT', message });
    expect(await snapshot(db())).toEqual(before);
  });

  it('a stale card gets the current card and a note, and nothing changes', async () => {
    await seedDay(db());
    const entry = (await entriesOf(db(), 'robert')).byCode('NW-001');
    await act(db(), 'robert', { verb: 'edit', ownerId: entry.userId, entryId: entry.id, version: entry.version, edit: { narrative: 'Arbitration call with client' } });
    const before = await snapshot(db());
    const card = await act(db(), 'robert', { verb: 'approve', ownerId: entry.userId, entryId: entry.id, version: entry.version });
    expect(card.note).toBe(STALE_NOTE);
    expect(card.pending.find((e) => e.id === entry.id)).toMatchObject({ version: entry.version + 1, narrative: 'Arbitration call with client', status: 'draft' });
    const after = await snapshot(db());
    expect(after.time_entries).toEqual(before.time_entries);
    expect(after.audit_log).toEqual(before.audit_log);
  });

  it.each([
    ["another lawyer on the owner's card", 'alice', 'robert'],
    ['another lawyer on their own card with the entry id', 'alice', 'alice'],
    ['billing staff', 'dana', 'robert'],
    ['an admin', 'sam', 'robert'],
    ["a delegate of someone else (Pat) on Ben's card", 'pat', 'ben'],
  ])("refuses %s, naming nothing and changing nothing", async (_case, actor, owner) => {
    await seedDay(db());
    const entry = (await entriesOf(db(), 'robert')).byCode('ACME-001');
    const before = await snapshot(db());
    for (const verb of ['approve', 'not_billable', 'edit'] as const) {
      const run = act(db(), actor, { verb, ownerId: await userId(db(), owner), entryId: entry.id, version: entry.version, edit: { narrative: 'mine now' } });
      const error = await run.then(() => null, (e: unknown) => e);
      expect(error).toMatchObject({ code: 'FORBIDDEN', message: 'you can act only on your own time, or on the time of someone you are a delegate for' });
    }
    expect(await snapshot(db())).toEqual(before);
  });

  it('refuses an entry id that does not exist in the same words', async () => {
    await seedDay(db());
    const robert = await userId(db(), 'robert');
    const run = act(db(), 'robert', { verb: 'approve', ownerId: robert, entryId: '00000000-0000-4000-8000-000000000000', version: 1 });
    await expect(run).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it("lets a delegate act for the owner, audited with both names", async () => {
    await seedDay(db());
    const entry = (await entriesOf(db(), 'robert')).byCode('NW-001');
    const card = await act(db(), 'pat', { verb: 'approve', ownerId: entry.userId, entryId: entry.id, version: entry.version });
    expect(card.title).toMatch(/^Robert Arnsley's time for Mon 2 Mar/);
    expect(await findEntry(db(), entry.id)).toMatchObject({ status: 'approved', approvedBy: await userId(db(), 'pat') });
    const [audit] = await entryAudits(entry.id);
    expect(audit?.actor).toEqual({ userId: await userId(db(), 'pat'), label: 'Pat Quinn for Robert Arnsley', via: 'slack' });
    expect(audit?.actor.label).toContain('Pat Quinn');
    expect(audit?.actor.label).toContain('Robert Arnsley');
  });

  it('show all returns the card and writes nothing', async () => {
    await seedDay(db());
    const before = await snapshot(db());
    const card = await act(db(), 'robert', { verb: 'show_all', ownerId: await userId(db(), 'robert') });
    expect(card.pending).toHaveLength(5);
    expect(await snapshot(db())).toEqual(before);
  });
});
