import { approveDay } from '../../src/billing/approval.service.js';
import type { Actor } from '../../src/core/audit.js';
import type { Db } from '../../src/db/connection.js';
import { findUserByEmail } from '../../src/db/repositories/user.repository.js';
import { captureFixture, seedExampleFirm } from './capture-harness.js';

export const SHELL: Actor = Object.freeze({ userId: null, label: 'test-shell', via: 'cli' });
export const NOW = new Date('2026-04-02T15:00:00Z');

/** The example firm with the fixture's March days captured and every drafted day approved (warnings too). */
export async function seedApprovedMarch(db: Db): Promise<void> {
  await seedExampleFirm(db);
  for (const date of ['2026-03-02', '2026-03-03', '2026-03-04']) await captureFixture(db, date);
  for (const [email, date] of [['robert@arnsley.example', '2026-03-02'], ['alice@arnsley.example', '2026-03-02'], ['carla@arnsley.example', '2026-03-03'], ['ben@arnsley.example', '2026-03-03'], ['alice@arnsley.example', '2026-03-04']] as const) {
    await approveDay(db, { ownerEmail: email, date, actor: SHELL, includeWarnings: true }, NOW);
  }
}

/** An actor for a firm person, as a chat or CLI `--as` would give. */
export async function actorOf(db: Db, email: string): Promise<Actor> {
  const user = await findUserByEmail(db, email);
  if (!user) throw new Error(`no user ${email}`);
  return { userId: user.id, label: email, via: 'cli' };
}
