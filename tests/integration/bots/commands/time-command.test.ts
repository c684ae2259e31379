import { describe, expect, it } from 'vitest';
import { timeCommand } from '../../../../src/bots/commands/time-command.service.js';
import { createManualEntry } from '../../../../src/billing/manual-entry.service.js';
import type { Actor } from '../../../../src/core/audit.js';
import type { Db } from '../../../../src/db/connection.js';
import { listAudit } from '../../../../src/db/repositories/audit.repository.js';
import { findMatterByCode } from '../../../../src/db/repositories/matter.repository.js';
import { listEntries } from '../../../../src/db/repositories/time-entry.repository.js';
import { findUserByEmail } from '../../../../src/db/repositories/user.repository.js';
import { seedExampleFirm } from '../../../support/capture-harness.js';
import { databaseKinds, useTestDatabase } from '../../../support/test-database.js';

// Wednesday 4 March 2026, mid-morning in Chicago (Alice's timezone).
const NOW = new Date('2026-03-04T15:00:00Z');

async function chatActor(db: Db, email: string): Promise<Actor> {
  const user = await findUserByEmail(db, email);
  if (!user) throw new Error(`no user ${email}`);
  return { userId: user.id, label: email, via: 'slack' };
}

describe.each(databaseKinds())('/time on %s', (kind) => {
  const t = useTestDatabase(kind);
  const time = async (text: string, email = 'alice@arnsley.example', deliveryKey?: string) =>
    timeCommand(t.current.db, { actor: await chatActor(t.current.db, email), text, now: NOW, ...(deliveryKey ? { deliveryKey } : {}) });

  it('adds a manual draft for the actor: rounded by the client, coded like capture, audited', async () => {
    await seedExampleFirm(t.current.db);
    expect(await time('1.5 acme-001 drafted motion to compel')).toEqual({ kind: 'text', text: 'Added 1.5 h to ACME-001 for Wed 4 Mar (draft — approve it on your card).' });
    const alice = await findUserByEmail(t.current.db, 'alice@arnsley.example');
    const [entry, ...more] = await listEntries(t.current.db, {});
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      userId: alice?.id, matterId: (await findMatterByCode(t.current.db, 'ACME-001'))?.id, workDate: '2026-03-04', status: 'draft', origin: 'manual',
      actualMinutes: 90, billedMinutes: 90, narrative: 'drafted motion to compel', taskCode: 'L350', activityCode: 'A103', warnings: [], captureKey: null, evidence: [],
    });
    const audits = await listAudit(t.current.db, { action: 'entry.create' });
    expect(audits.map((a) => [a.entityId, a.actor.userId, a.actor.via])).toEqual([[entry?.id, alice?.id, 'slack']]);
    expect(JSON.stringify(audits[0]?.after)).not.toContain('motion');
  });

  it.each([
    ['yesterday 1h30m globex claim construction research', 'GLOBEX-001', '2026-03-03', 90, 90, 'Added 1.5 h to GLOBEX-001 for Tue 3 Mar'],
    ['20m mon beta call with opposing counsel', 'ACME-001', '2026-03-02', 20, 24, 'Added 0.4 h to ACME-001 for Mon 2 Mar'],
    ['10m nw-001 called the landlord', 'NW-001', '2026-03-04', 10, 15, 'Added 0.3 h to NW-001 for Wed 4 Mar'],
    ['1.35 globex-001 2026-02-27 reviewed claim charts', 'GLOBEX-001', '2026-02-27', 81, 78, 'Added 1.3 h to GLOBEX-001 for Fri 27 Feb'],
  ])('"%s" → %s on %s, %i min billed by the client rule', async (text, code, date, actual, billed, reply) => {
    await seedExampleFirm(t.current.db);
    const answer = await time(text);
    expect(answer).toMatchObject({ kind: 'text' });
    expect((answer as { text: string }).text.startsWith(reply)).toBe(true);
    const [entry] = await listEntries(t.current.db, {});
    expect([entry?.matterId, entry?.workDate, entry?.actualMinutes, entry?.billedMinutes]).toEqual([(await findMatterByCode(t.current.db, code))?.id, date, actual, billed]);
  });

  it('carries the client\'s guideline warnings, the whole day counted against the daily cap, and says so', async () => {
    await seedExampleFirm(t.current.db);
    expect(await time('0.5 acme-001 review file for deposition')).toEqual({ kind: 'text', text: 'Added 0.5 h to ACME-001 for Wed 4 Mar (draft — approve it on your card). Check: Acme Corp forbids "review file".' });
    await time('5 globex-001 claim construction brief');
    const reply = await time('4 globex prepared expert report');
    expect((reply as { text: string }).text).toContain('Globex Corporation allows at most 8.0 h a day per timekeeper; this day has 9.0 h');
    const entries = (await listEntries(t.current.db, {})).sort((a, b) => a.billedMinutes - b.billedMinutes);
    expect(entries.map((e) => [e.billedMinutes, e.warnings.map((w) => w.code)])).toEqual([[30, ['banned_phrase']], [240, ['max_hours_per_day']], [300, []]]);
  });

  it('offers the open matters a word may mean, each choice the same command with the code, and writes nothing', async () => {
    await seedExampleFirm(t.current.db);
    expect(await time('1.5 mon acme drafted the motion')).toEqual({
      kind: 'choices',
      text: '"acme" matches 2 open matters — which one?',
      choices: [
        { label: 'ACME-001 — Acme v. Beta Industries', value: '1.5 mon ACME-001 drafted the motion' },
        { label: 'ACME-002 — Acme supply agreement renegotiation', value: '1.5 mon ACME-002 drafted the motion' },
      ],
    });
    expect((await time('1.5 nw lease call')).kind).toBe('choices');
    expect(await listEntries(t.current.db, {})).toEqual([]);
    expect(await time('1.5 mon ACME-002 drafted the motion')).toMatchObject({ text: 'Added 1.5 h to ACME-002 for Mon 2 Mar (draft — approve it on your card).' });
  });

  it.each([
    ['1 acmee drafted', 'No open matter matches "acmee" — did you mean "acme"? Use a matter code such as ACME-001, or a client or matter name.'],
    ['1 zzzz drafted', 'No open matter matches "zzzz". Use a matter code such as ACME-001, or a client or matter name.'],
    ['1 globex-002 severance advice', 'Matter GLOBEX-002 is closed — time goes only on open matters.'],
    ['1..5 acme-001 drafted motion', 'Hours "1..5" is not a duration — try 1.5, 1h30m or 90m.'],
    ['1.33 acme-001 drafted motion', 'Hours "1.33" — that is not a whole number of minutes; use e.g. "1.5", "1h 30m" or "90m".'],
    ['1 acme-001 2026-03-05 drafted', 'Date "2026-03-05" is in the future — time is recorded for work already done.'],
    ['', 'Usage: /time HOURS MATTER [DAY] WHAT YOU DID — e.g. /time 1.5 acme-001 drafted motion to compel (day: today, yesterday, mon or 2026-03-02).'],
  ])('"%s" is answered in plain words and writes nothing', async (text, reply) => {
    await seedExampleFirm(t.current.db);
    expect(await time(text)).toEqual({ kind: 'text', text: reply });
    expect(await listEntries(t.current.db, {})).toEqual([]);
  });

  it('adds nothing for a repeated delivery of the same command', async () => {
    await seedExampleFirm(t.current.db);
    const first = await time('1.5 acme-001 drafted motion to compel', 'alice@arnsley.example', 'slack:cmd:1');
    const again = await time('1.5 acme-001 drafted motion to compel', 'alice@arnsley.example', 'slack:cmd:1');
    expect(again).toEqual(first);
    expect(await listEntries(t.current.db, {})).toHaveLength(1);
    await time('1.5 acme-001 drafted motion to compel', 'alice@arnsley.example', 'slack:cmd:2');
    expect(await listEntries(t.current.db, {})).toHaveLength(2);
  });

  it('lets only the owner, a delegate, billing or an admin add time for someone', async () => {
    await seedExampleFirm(t.current.db);
    const robert = await findUserByEmail(t.current.db, 'robert@arnsley.example');
    const matter = await findMatterByCode(t.current.db, 'ACME-001');
    const add = async (email: string) => createManualEntry(t.current.db, { ownerId: robert?.id ?? 0, matterId: matter?.id ?? 0, workDate: '2026-03-04', minutes: 30, narrative: 'call', actor: await chatActor(t.current.db, email), now: NOW });
    await expect(add('alice@arnsley.example')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await add('pat@arnsley.example'))?.userId).toBe(robert?.id);
    expect(await listEntries(t.current.db, {})).toHaveLength(1);
  });
});
