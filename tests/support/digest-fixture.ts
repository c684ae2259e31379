import { compileInvoices } from '../../src/billing/invoice-compile.service.js';
import { adjustDraft, finalizeInvoice, voidInvoice } from '../../src/billing/invoice-finalize.service.js';
import type { EntryStatus } from '../../src/core/time-entry.js';
import { parsePeriod } from '../../src/core/period.js';
import { transaction, type Db } from '../../src/db/connection.js';
import { saveActivities } from '../../src/db/repositories/activity.repository.js';
import { findMatterByCode } from '../../src/db/repositories/matter.repository.js';
import { changeEntryStatus, insertEntry } from '../../src/db/repositories/time-entry.repository.js';
import { findUserByEmail } from '../../src/db/repositories/user.repository.js';
import { importFirm } from '../../src/firm/firm-import.service.js';
import { aClient, aMatter, aUser, TEST_ACTOR } from './builders.js';

/** The digest's as-of date in the fixture: Monday 9 March 2026; its week is 2–8 March, the previous one 23 Feb – 1 Mar. */
export const DIGEST_AS_OF = '2026-03-09';

/**
 * A firm in New York: Lee (manager, in Tokyo) with reports Max and Ann; Zed reports to Lee but is
 * inactive; Bob reports to Max. Max bills ACME-001 at $350.50 (matter rate) and anything else at
 * his $300 standard rate; Ann has a rate only on GLOBEX-001 ($200), so her Acme time has none.
 * Globex bills non-working travel at half.
 */
export const DIGEST_FIRM = {
  firm: { name: 'Digest & Co LLP', timezone: 'America/New_York', currency: 'USD' },
  users: [
    aUser({ email: 'lee@test.example', name: 'Lee Park', roles: ['lawyer', 'manager'], timezone: 'Asia/Tokyo' }),
    aUser({ email: 'max@test.example', name: 'Max Rowe', roles: ['lawyer'], rate: '300', manager: 'lee@test.example' }),
    aUser({ email: 'ann@test.example', name: 'Ann Byrd', roles: ['lawyer'], manager: 'lee@test.example' }),
    aUser({ email: 'zed@test.example', name: 'Zed Quill', roles: ['lawyer'], rate: '100', manager: 'lee@test.example', active: false }),
    aUser({ email: 'bob@test.example', name: 'Bob Stone', roles: ['lawyer'], rate: '100', manager: 'max@test.example' }),
  ],
  clients: [aClient({ code: 'ACME', name: 'Acme Corp' }), aClient({ code: 'GLOBEX', name: 'Globex', guidelines: { travelRate: 0.5 } })],
  matters: [
    aMatter({ code: 'ACME-001', client: 'ACME', name: 'Acme v. Beta', rates: { 'max@test.example': '350.50' } }),
    aMatter({ code: 'GLOBEX-001', client: 'GLOBEX', name: 'Globex patent', rates: { 'ann@test.example': '200' } }),
  ],
};

interface Spec {
  readonly who: string;
  readonly matter: string | null;
  readonly date: string;
  readonly minutes: number;
  readonly status: EntryStatus;
  readonly approvedAt?: string;
  readonly edited?: boolean;
  readonly origin?: 'capture' | 'manual';
  /** Source activities' end instants (each ends there, starting 30 minutes before). */
  readonly activityEnds?: readonly string[];
  readonly narrative?: string;
}

/** The entries, by name, as the integration test's comments refer to them. */
const ENTRIES: Readonly<Record<string, Spec>> = {
  M1: { who: 'max', matter: 'ACME-001', date: '2026-03-03', minutes: 90, status: 'draft' },
  M2: { who: 'max', matter: 'ACME-001', date: '2026-03-04', minutes: 30, status: 'draft' },
  M3: { who: 'max', matter: 'ACME-001', date: '2026-03-05', minutes: 60, status: 'approved', approvedAt: '2026-03-05T20:00:00Z', edited: true, activityEnds: ['2026-03-05T15:00:00Z', '2026-03-05T16:30:00Z'] },
  M4: { who: 'max', matter: 'GLOBEX-001', date: '2026-01-20', minutes: 45, status: 'approved', approvedAt: '2026-01-21T15:00:00Z', narrative: 'Travel to the Globex plant' },
  M5: { who: 'max', matter: 'ACME-001', date: '2025-11-01', minutes: 9, status: 'approved', approvedAt: '2025-11-03T15:00:00Z' },
  M6: { who: 'max', matter: 'ACME-001', date: '2026-02-24', minutes: 120, status: 'approved', approvedAt: '2026-02-25T14:00:00Z', activityEnds: ['2026-02-24T18:00:00Z'] },
  M7: { who: 'max', matter: 'ACME-001', date: '2026-02-26', minutes: 30, status: 'approved', approvedAt: '2026-02-27T13:00:00Z', origin: 'manual' },
  M8: { who: 'max', matter: 'GLOBEX-001', date: '2026-01-05', minutes: 30, status: 'approved', approvedAt: '2026-01-06T15:00:00Z' },
  M9: { who: 'max', matter: 'ACME-001', date: '2025-12-20', minutes: 6, status: 'approved', approvedAt: '2025-12-22T15:00:00Z' },
  M10: { who: 'max', matter: 'ACME-001', date: '2026-03-10', minutes: 48, status: 'draft' },
  N1: { who: 'ann', matter: 'GLOBEX-001', date: '2026-03-02', minutes: 18, status: 'draft' },
  N2: { who: 'ann', matter: 'ACME-001', date: '2026-03-06', minutes: 24, status: 'approved', approvedAt: '2026-03-06T21:00:00Z', activityEnds: ['2026-03-06T17:00:00Z'] },
  N3: { who: 'ann', matter: 'GLOBEX-001', date: '2026-02-10', minutes: 60, status: 'approved', approvedAt: '2026-03-03T14:00:00Z', edited: true, activityEnds: ['2026-02-10T20:00:00Z'] },
  N4: { who: 'ann', matter: 'GLOBEX-001', date: '2026-03-04', minutes: 30, status: 'non_billable' },
  N5: { who: 'ann', matter: 'GLOBEX-001', date: '2026-03-07', minutes: 12, status: 'approved', approvedAt: '2026-03-07T15:00:00Z', edited: true, origin: 'manual' },
  N6: { who: 'ann', matter: null, date: '2026-03-02', minutes: 6, status: 'draft' },
  Z1: { who: 'zed', matter: 'ACME-001', date: '2026-03-03', minutes: 30, status: 'draft' },
  B1: { who: 'bob', matter: 'GLOBEX-001', date: '2026-03-02', minutes: 60, status: 'approved', approvedAt: '2026-03-02T18:00:00Z', activityEnds: ['2026-03-02T17:00:00Z'] },
  B2: { who: 'bob', matter: 'GLOBEX-001', date: '2026-03-03', minutes: 30, status: 'draft' },
};

async function insertSpec(db: Db, name: string, spec: Spec): Promise<void> {
  const user = await findUserByEmail(db, `${spec.who}@test.example`);
  const matter = spec.matter === null ? null : await findMatterByCode(db, spec.matter);
  if (!user) throw new Error(`fixture user ${spec.who} missing`);
  const origin = spec.origin ?? 'capture';
  const activityIds = (spec.activityEnds ?? []).map((_, i) => `fixture:${name}:${String(i)}`);
  await transaction(db, async (tx) => {
    await saveActivities(tx, (spec.activityEnds ?? []).map((end, i) => ({
      id: `fixture:${name}:${String(i)}`, source: 'calendar', user: user.email, userId: user.id, start: new Date(Date.parse(end) - 30 * 60_000), end: new Date(end),
      workDate: spec.date, title: `Fixture ${name}`, participants: [], ref: null, meta: {}, contentHash: `${name}-${String(i)}`,
    })));
    let entry = await insertEntry(tx, {
      userId: user.id, matterId: matter?.id ?? null, workDate: spec.date, actualMinutes: spec.minutes, billedMinutes: spec.minutes,
      narrative: spec.narrative ?? `Work ${name}`, taskCode: null, activityCode: null, confidence: origin === 'capture' ? 'high' : null,
      evidence: [], warnings: [], sourceActivityIds: activityIds, origin, captureKey: origin === 'capture' ? `fixture:${name}` : null,
    }, TEST_ACTOR, new Date(`${spec.date}T12:00:00Z`));
    if (spec.edited) await tx.updateTable('time_entries').set({ edited: true }).where('id', '=', entry.id).execute();
    if (spec.status !== 'draft') {
      entry = await changeEntryStatus(tx, { id: entry.id, expectedVersion: entry.version, to: spec.status, actor: TEST_ACTOR, at: new Date(spec.approvedAt ?? `${spec.date}T20:00:00Z`) });
    }
  });
}

/** Compiles one client's period and finalizes its single invoice at `at`; returns the invoice id and number. */
async function invoiceAt(db: Db, client: string, period: string, at: string, adjust?: (invoiceId: string) => Promise<void>): Promise<string> {
  const [doc] = (await compileInvoices(db, { client, period: parsePeriod(period, DIGEST_AS_OF), actor: TEST_ACTOR })).invoices;
  if (!doc) throw new Error(`fixture: nothing to invoice for ${client} ${period}`);
  await adjust?.(doc.id);
  return (await finalizeInvoice(db, doc.id, TEST_ACTOR, new Date(at))).number;
}

/**
 * Seeds the digest fixture: the firm, the entries above, and four invoices —
 * P: Globex 1–10 Jan (M8) issued 26 Feb 15:00Z with a −$15.00 line write-down;
 * A: Acme February (M6, M7) issued 4 Mar 15:00Z with −$100.00 on line 1 (M6), +$50.00 and −$25.00 invoice-level;
 * G: Globex February (N3) issued 5 Mar 16:00Z; V: Acme November 2025 (M5) issued 6 Mar 15:00Z, voided 7 Mar.
 */
export async function seedDigestFirm(db: Db): Promise<void> {
  await importFirm(db, DIGEST_FIRM, TEST_ACTOR);
  for (const [name, spec] of Object.entries(ENTRIES)) await insertSpec(db, name, spec);
  await invoiceAt(db, 'globex', '2026-01-01..2026-01-10', '2026-02-26T15:00:00Z', (id) => adjustDraft(db, id, { lineNo: 1, amount: '-15.00', reason: 'First matter courtesy' }, TEST_ACTOR));
  await invoiceAt(db, 'acme', 'february 2026', '2026-03-04T15:00:00Z', async (id) => {
    await adjustDraft(db, id, { lineNo: 1, amount: '-100.00', reason: 'Duplicate research' }, TEST_ACTOR);
    await adjustDraft(db, id, { amount: '50', reason: 'Expedited filing' }, TEST_ACTOR);
    await adjustDraft(db, id, { amount: '-25', reason: 'Courtesy' }, TEST_ACTOR);
  });
  await invoiceAt(db, 'globex', 'february 2026', '2026-03-05T16:00:00Z');
  const voided = await invoiceAt(db, 'acme', 'november 2025', '2026-03-06T15:00:00Z');
  await voidInvoice(db, voided, 'Sent to the wrong contact', TEST_ACTOR, new Date('2026-03-07T15:00:00Z'));
}
