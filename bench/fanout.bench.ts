import { DmChannels } from '../src/bots/slack/dm-channels.js';
import { SlackMessenger } from '../src/bots/slack/slack-messenger.js';
import { createSlackWebApis } from '../src/bots/slack/slack-web-api.js';
import { sendGate } from '../src/bots/send/rate-gate.js';
import { startScheduledSends } from '../src/bots/send/scheduled-sends.js';
import { SYSTEM_ACTOR } from '../src/core/audit.js';
import type { Logger } from '../src/core/logger.js';
import { transaction, type Db } from '../src/db/connection.js';
import { listSends } from '../src/db/repositories/scheduled-send.repository.js';
import { findMatterByCode } from '../src/db/repositories/matter.repository.js';
import { insertEntries, type NewEntry } from '../src/db/repositories/time-entry.repository.js';
import { listUsers } from '../src/db/repositories/user.repository.js';
import { importFirm } from '../src/firm/firm-import.service.js';
import { FakeSlackApi } from '../tests/support/fakes/fake-slack-api.js';
import { openBenchDatabase } from './bench-db.js';
import type { BenchResult } from './bench-result.js';

const USERS = Number(process.env.BENCH_USERS ?? 2000);
/** The fake's limit on chat.postMessage, and Tally's configured pace for it: the same number. */
const RATE = Number(process.env.BENCH_RATE ?? 100);
const DATE = '2026-11-27';
/** Friday 27 Nov 2026, 23:00 UTC: 18:00 in New York, every lawyer's 17:30 has passed. */
const NOW = new Date('2026-11-27T23:00:00Z');
const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => silent };

/** USERS lawyers in New York on Slack, each with one draft on the day (so each is due a card). */
async function seed(db: Db): Promise<void> {
  const users = Array.from({ length: USERS }, (_, i) => ({ email: `lawyer${i}@fanout.example`, name: `Lawyer Number${i}`, roles: ['lawyer'], rate: '400.00', slackUserId: `U0FAN${String(i).padStart(5, '0')}`, reminders: false }));
  const actor = { ...SYSTEM_ACTOR, label: 'bench' };
  await importFirm(db, { firm: { name: 'Fanout LLP', timezone: 'America/New_York' }, users, clients: [{ code: 'ACME', name: 'Acme Corp' }], matters: [{ code: 'ACME-001', client: 'ACME', name: 'Acme v. Beta' }] }, actor);
  const matter = await findMatterByCode(db, 'ACME-001');
  const drafts: NewEntry[] = (await listUsers(db)).map((person) => ({
    userId: person.id, matterId: matter?.id ?? null, workDate: DATE, actualMinutes: 30, billedMinutes: 30, narrative: 'Draft and revise motion to compel',
    taskCode: 'L250', activityCode: 'A103', confidence: 'high' as const, evidence: [], warnings: [], sourceActivityIds: [], origin: 'manual' as const, captureKey: null,
  }));
  await transaction(db, (tx) => insertEntries(tx, drafts, actor));
}

/**
 * Every lawyer's daily card at once, through the real ledger, queue (pg-boss), notifier and Slack
 * SDK, against a fake Slack that enforces RATE chat.postMessage per second with 429 + Retry-After.
 * The floor is USERS / RATE seconds: no sender can beat it. Duplicates and lost cards are counted
 * from what the fake accepted.
 */
export async function benchFanout(options: { pglite: boolean }): Promise<BenchResult> {
  const database = await openBenchDatabase(options.pglite);
  const fake = await FakeSlackApi.start();
  try {
    await seed(database.handle.db);
    fake.enforceRate('chat.postMessage', { perSecond: RATE, retryAfterSeconds: 1 });
    const apis = createSlackWebApis({ token: 'xoxb-bench', apiUrl: fake.url });
    const messenger = new SlackMessenger({ api: apis.scheduled, dms: new DmChannels(apis.scheduled), slackIdOf: async (u) => u.slackUserId });
    const sends = await startScheduledSends({
      database: database.handle, logger: silent, now: () => NOW, supervise: false,
      settings: { digest: { day: 7, time: '23:59' }, reminder: null },
      slack: { messenger, pacer: sendGate(RATE) },
    });
    const started = performance.now();
    const { queued } = await sends.tick();
    await sends.drain();
    const seconds = (performance.now() - started) / 1000;
    await sends.stop();

    const accepted = fake.callsTo('chat.postMessage').filter((c) => c.status === 200);
    const perChannel = new Map<string, number>();
    for (const call of accepted) perChannel.set(call.params.channel ?? '', (perChannel.get(call.params.channel ?? '') ?? 0) + 1);
    const duplicates = [...perChannel.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    const lost = USERS - perChannel.size;
    const delivered = (await listSends(database.handle.db, { status: 'delivered', limit: USERS + 1 })).length;
    const floor = USERS / RATE;
    const round = (n: number) => Math.round(n * 100) / 100;
    return {
      name: 'fanout',
      database: database.label,
      figures: {
        users: USERS, ratePerSecond: RATE, queued, deliveredInLedger: delivered, acceptedBySlack: accepted.length,
        rateLimited429: fake.callsTo('chat.postMessage').filter((c) => c.status === 429).length,
        floorSeconds: round(floor), seconds: round(seconds), duplicates, lost,
      },
      goals: [
        { name: 'time / rate-limit floor', value: seconds / floor, unit: '×', goal: 1.1, better: 'lower' },
        { name: 'duplicate cards', value: duplicates, unit: '', goal: 0, better: 'lower' },
        { name: 'lost cards', value: lost, unit: '', goal: 0, better: 'lower' },
      ],
    };
  } finally {
    await fake.close();
    await database.close();
  }
}
