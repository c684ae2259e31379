import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../../src/billing/digest.service.js';
import { digestReply } from '../../../src/bots/digest/digest-reply.js';
import { findUserByEmail } from '../../../src/db/repositories/user.repository.js';
import { importFirm } from '../../../src/firm/firm-import.service.js';
import { TEST_ACTOR } from '../../support/builders.js';
import { DIGEST_AS_OF, DIGEST_FIRM, seedDigestFirm } from '../../support/digest-fixture.js';
import { databaseKinds, useTestDatabase } from '../../support/test-database.js';

const NOW = () => new Date('2026-03-09T13:00:00Z');

describe.each(databaseKinds())('the weekly digest on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('equals the hand-computed figures of the fixture firm', async () => {
    await seedDigestFirm(t.current.db);
    const figures = await buildDigest(t.current.db, { managerEmail: 'LEE@test.example', asOf: DIGEST_AS_OF, now: NOW });
    expect(figures).toMatchObject({ manager: { email: 'lee@test.example', name: 'Lee Park' }, asOf: '2026-03-09', currency: 'USD' });
    // D = Mon 9 Mar: the week is Mon 2 – Sun 8 Mar, the previous one Mon 23 Feb – Sun 1 Mar.
    expect(figures.week).toEqual({ start: '2026-03-02', end: '2026-03-08' });
    expect(figures.previousWeek).toEqual({ start: '2026-02-23', end: '2026-03-01' });
    // Reports: Ann and Max (by name). Zed reports to Lee but is inactive; Bob reports to Max.
    expect(figures.reports.map((r) => r.email)).toEqual(['ann@test.example', 'max@test.example']);
    const [ann, max] = figures.reports;
    expect(ann).toEqual({
      userId: ann?.userId, email: 'ann@test.example', name: 'Ann Byrd',
      // N1 18 min + N6 6 min (no matter).
      awaiting: { count: 2, minutes: 24 },
      // N2 24 min on ACME-001 where Ann has no rate → $0, flagged; N5 12 min × $200/h = 4000 cents. Ages 3 and 2 days.
      wip: { minutes: 36, cents: 4000, aging: [{ bucket: '0-30', minutes: 36, cents: 4000 }, { bucket: '31-60', minutes: 0, cents: 0 }, { bucket: '61-90', minutes: 0, cents: 0 }, { bucket: '91+', minutes: 0, cents: 0 }] },
      noRate: true,
      // N3 60 min on invoice G, issued Thu 5 Mar.
      billedLastWeekMinutes: 60,
      // Entries on Mon (N1, N6), Wed (N4, not billable: any status counts), Fri (N2); Sat (N5) is not a weekday.
      daysWithoutTime: ['2026-03-03', '2026-03-05'],
    });
    expect(max).toEqual({
      userId: max?.userId, email: 'max@test.example', name: 'Max Rowe',
      // M1 90 + M2 30; M10 (10 Mar) is after D.
      awaiting: { count: 2, minutes: 120 },
      wip: {
        minutes: 120,
        // 35050 + 11250 + 3505 + 5258
        cents: 55063,
        aging: [
          // M3: 60 min × $350.50/h = 35050; 4 days old.
          { bucket: '0-30', minutes: 60, cents: 35050 },
          // M4: 45 min × $300/h = 22500, Globex travel at 50% = 11250; 48 days old (20 Jan → 9 Mar).
          { bucket: '31-60', minutes: 45, cents: 11250 },
          // M9: 6 min × $350.50/h = 3505; 79 days old (20 Dec → 9 Mar).
          { bucket: '61-90', minutes: 6, cents: 3505 },
          // M5: 9 × 35050 / 60 = 5257.5 → 5258 (half up); 128 days old; back to WIP after invoice V was voided.
          { bucket: '91+', minutes: 9, cents: 5258 },
        ],
      },
      noRate: false,
      // M6 120 + M7 30 on invoice A, issued Wed 4 Mar; invoice V (void) does not count.
      billedLastWeekMinutes: 150,
      // Entries Tue (M1), Wed (M2), Thu (M3).
      daysWithoutTime: ['2026-03-02', '2026-03-06'],
    });
    expect(figures.clients).toEqual([
      // awaiting M1 90 + M2 30; WIP M3 60 + M5 9 + M9 6 + N2 24 = 99 min, 35050 + 5258 + 3505 + 0 = 43813 cents.
      { clientId: expect.any(Number), code: 'ACME', name: 'Acme Corp', awaitingMinutes: 120, wipMinutes: 99, wipCents: 43813 },
      // awaiting N1 18; WIP M4 45 + N5 12 = 57 min, 11250 + 4000 = 15250 cents.
      { clientId: expect.any(Number), code: 'GLOBEX', name: 'Globex', awaitingMinutes: 18, wipMinutes: 57, wipCents: 15250 },
      // N6 has no matter yet.
      { clientId: null, code: null, name: null, awaitingMinutes: 6, wipMinutes: 0, wipCents: 0 },
    ]);
    expect(figures.team).toEqual({
      awaitingCount: 4, awaitingMinutes: 144, wipMinutes: 156, wipCents: 59063, billedLastWeekMinutes: 210,
      aging: [{ bucket: '0-30', minutes: 96, cents: 39050 }, { bucket: '31-60', minutes: 45, cents: 11250 }, { bucket: '61-90', minutes: 6, cents: 3505 }, { bucket: '91+', minutes: 9, cents: 5258 }],
    });
    expect(figures.measures).toEqual({
      week: {
        // Approved in the week with activities (firm-wide): B1 18:00 − 17:00 = 60, M3 20:00 − 16:30 (latest of two) = 210,
        // N2 21:00 − 17:00 = 240, N3 3 Mar 14:00 − 10 Feb 20:00 = 21 d − 6 h = 29880; median ⌊(210 + 240) / 2⌋ = 225. N5 (manual) has none.
        activityToApprovalMinutes: 225,
        // On invoices issued in the week: N3 2 d 2 h = 3000, M7 5 d 2 h = 7320, M6 7 d 1 h = 10140; median 7320. V is void.
        approvalToInvoiceMinutes: 7320,
        // Captured entries approved in the week: B1, M3 (edited), N2, N3 (edited) → 2 / 4; N5 is manual.
        editedShareBp: 5000,
        // Invoices A and G: write-downs 10000 + 2500 (the +5000 write-up does not offset) over fees 70100 + 17525 + 20000 = 107625 → 1161.4 bp.
        writeDownBp: 1161,
      },
      previousWeek: {
        // M6: 25 Feb 14:00 − 24 Feb 18:00 = 1200; M7 is manual without activities.
        activityToApprovalMinutes: 1200,
        // M8 on invoice P: 6 Jan 15:00 → 26 Feb 15:00 = 51 days.
        approvalToInvoiceMinutes: 73440,
        // M6 was not edited.
        editedShareBp: 0,
        // Invoice P: 1500 / 15000.
        writeDownBp: 1000,
      },
    });
  });

  it('words the same figures on the card the notifier sends', async () => {
    await seedDigestFirm(t.current.db);
    const lee = await findUserByEmail(t.current.db, 'lee@test.example');
    if (!lee) throw new Error('no Lee');
    const reply = await digestReply(t.current.db, lee, DIGEST_AS_OF, NOW);
    if (reply.kind !== 'digest') throw new Error(`expected a digest, got ${reply.kind}`);
    expect(reply).toMatchObject({
      title: "Your team's unbilled time — week of 2 Mar",
      summary: 'Team: 2.4 h awaiting approval · 2.6 h ($590.63) in progress · 3.5 h billed last week',
      weekStart: '2026-03-02',
      managerId: lee.id,
      empty: null,
    });
    expect(reply.reports[1]).toMatchObject({ name: 'Max Rowe', awaiting: '2.0 h (2 drafts)', wip: '2.0 h · $550.63', billedLastWeek: '2.5 h', daysWithoutTime: 'Mon 2 Mar, Fri 6 Mar', noRate: null });
    expect(reply.reports[0]?.noRate).toContain('no rate');
    expect(reply.measures.map((m) => [m.value, m.previous])).toEqual([['3.8 h', '20.0 h'], ['5.1 days', '51.0 days'], ['50.0%', '0.0%'], ['11.6%', '10.0%']]);
  });

  it('defaults the as-of date to today in the manager\'s timezone', async () => {
    await seedDigestFirm(t.current.db);
    // 16:00Z on Sun 8 Mar is already Mon 9 Mar 01:00 in Tokyo (Lee), still Sunday in New York (the firm).
    const figures = await buildDigest(t.current.db, { managerEmail: 'lee@test.example', now: () => new Date('2026-03-08T16:00:00Z') });
    expect(figures.asOf).toBe('2026-03-09');
    expect(figures.week.start).toBe('2026-03-02');
  });

  it.each([
    [{ managerEmail: 'nobody@test.example' }, 'NOT_FOUND', 'unknown user "nobody@test.example"'],
    [{ managerEmail: 'max@test.example' }, 'FORBIDDEN', 'max@test.example does not have the manager role; digests go only to managers'],
    [{ managerId: 999 }, 'NOT_FOUND', 'unknown user with id 999'],
    [{ managerEmail: 'lee@test.example', asOf: '2026-02-30' }, 'INVALID_INPUT', 'invalid date "2026-02-30"'],
  ])('refuses %j with %s', async (who, code, message) => {
    await importFirm(t.current.db, DIGEST_FIRM, TEST_ACTOR);
    await expect(buildDigest(t.current.db, { ...who, now: NOW })).rejects.toMatchObject({ code, message });
  });
});
