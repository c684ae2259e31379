import { describe, expect, it } from 'vitest';
import { transaction, type Db } from '../../../src/db/connection.js';
import { finishSend, insertDueSends } from '../../../src/db/repositories/scheduled-send.repository.js';
import { findUserByEmail } from '../../../src/db/repositories/user.repository.js';
import { seedExampleFirm } from '../../support/capture-harness.js';
import { databaseKinds, useCliDatabase } from '../../support/test-database.js';
import { cliRunner } from '../../support/cli-runner.js';

const NOW = () => new Date('2026-03-03T14:00:00Z');
const QUEUED_AT = new Date('2026-03-02T22:30:00Z');

/** Four sends of Monday 2 Mar in four states, and one of Tuesday still queued. */
async function seedLedger(db: Db): Promise<void> {
  await seedExampleFirm(db);
  const id = async (email: string) => (await findUserByEmail(db, email))?.id ?? 0;
  const [robert, alice, ben, carla] = [await id('robert@arnsley.example'), await id('alice@arnsley.example'), await id('ben@arnsley.example'), await id('carla@arnsley.example')];
  const due = (kind: 'daily_review' | 'digest', userId: number, localDate: string) => ({ kind, userId, localDate, dueAt: QUEUED_AT });
  const rows = await transaction(db, (tx) => insertDueSends(tx, [due('daily_review', robert, '2026-03-02'), due('digest', robert, '2026-03-02'), due('daily_review', alice, '2026-03-02'), due('daily_review', ben, '2026-03-02'), due('daily_review', carla, '2026-03-03')], QUEUED_AT));
  const at = new Date('2026-03-02T22:31:00Z');
  await finishSend(db, rows[0]?.id ?? 0, { status: 'delivered', platform: 'slack', conversationId: 'D0ROBERT1', messageId: '1772490000.000100' }, at);
  await finishSend(db, rows[1]?.id ?? 0, { status: 'failed', reason: 'invalid_auth', platform: 'slack' }, at);
  await finishSend(db, rows[2]?.id ?? 0, { status: 'delivery_unknown', reason: 'the platform did not confirm the message', platform: 'teams' }, at);
  await finishSend(db, rows[3]?.id ?? 0, { status: 'skipped', reason: 'no time captured for the day' }, at);
}

describe.each(databaseKinds())('tally jobs on %s', (kind) => {
  const t = useCliDatabase(kind);
  const run = cliRunner(() => t.current.env, NOW);

  it('lists the ledger with counts, states and reasons, as JSON and as a table', async () => {
    await t.current.inspect(seedLedger);
    const json = await run('jobs', '--json');
    expect(json).toMatchObject({ code: 0, stderr: '' });
    const document = JSON.parse(json.stdout) as { counts: Record<string, number>; jobs: { user: string; kind: string; date: string; status: string; reason: string | null }[] };
    expect(document.counts).toEqual({ queued: 1, sending: 0, delivered: 1, delivery_unknown: 1, failed: 1, unreachable: 0, skipped: 1 });
    expect(document.jobs.map((j) => [j.date, j.kind, j.user, j.status, j.reason])).toEqual([
      ['2026-03-03', 'daily_review', 'carla@arnsley.example', 'queued', null],
      ['2026-03-02', 'daily_review', 'ben@arnsley.example', 'skipped', 'no time captured for the day'],
      ['2026-03-02', 'daily_review', 'alice@arnsley.example', 'delivery_unknown', 'the platform did not confirm the message'],
      ['2026-03-02', 'digest', 'robert@arnsley.example', 'failed', 'invalid_auth'],
      ['2026-03-02', 'daily_review', 'robert@arnsley.example', 'delivered', null],
    ]);

    const text = await run('jobs', '--date', 'yesterday', '--status', 'failed');
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('queued 0 · running 0 · delivered 1 · delivery unknown 1 · failed 1 · unreachable 0 · skipped 1');
    expect(lines).toHaveLength(3);
    expect(lines[2]?.split(/\s{2,}/)).toEqual(['2026-03-02', 'digest', 'robert@arnsley.example', 'failed', '0', '2026-03-02 22:30', '2026-03-02 22:31', 'slack', 'invalid_auth']);
  });

  it.each([
    [['jobs', '--status', 'lost'], 'tally: unknown status "lost" — use one of queued, sending, delivered, delivery_unknown, failed, unreachable, skipped\n'],
    [['jobs', '--kind', 'fax'], 'tally: unknown kind "fax" — use one of daily_review, digest, reminder\n'],
    [['jobs', '--limit', 'ten'], 'tally: --limit must be a whole number, not "ten"\n'],
  ])('exits 1 with one line for %j', async (args, message) => {
    expect(await run(...args)).toEqual({ code: 1, stdout: '', stderr: message });
  });
});
