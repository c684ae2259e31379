import { afterEach, beforeEach } from 'vitest';
import { SlackMessenger } from '../../src/bots/slack/slack-messenger.js';
import { DmChannels } from '../../src/bots/slack/dm-channels.js';
import { createSlackWebApis } from '../../src/bots/slack/slack-web-api.js';
import { sendGate, type GateClock } from '../../src/bots/send/rate-gate.js';
import { startScheduledSends, type ScheduledSends, type ScheduledSendsOptions } from '../../src/bots/send/scheduled-sends.js';
import type { Messenger } from '../../src/bots/send/messenger.js';
import type { ScheduleSettings } from '../../src/core/schedule.js';
import { SYSTEM_ACTOR } from '../../src/core/audit.js';
import { transaction, type DatabaseHandle } from '../../src/db/connection.js';
import { findMatterByCode } from '../../src/db/repositories/matter.repository.js';
import { insertEntries } from '../../src/db/repositories/time-entry.repository.js';
import { listSends } from '../../src/db/repositories/scheduled-send.repository.js';
import { quietLogger, seedExampleFirm } from './capture-harness.js';
import type { FakeSlackApi } from './fakes/fake-slack-api.js';
import { recordingCore, seedTeamsUser, startTeamsHarness, type TeamsHarness } from './teams-harness.js';
import { useTestDatabase, type DatabaseKind } from './test-database.js';

/** Daily cards only (no digest this week, no reminders), so a test sees just the cards. */
export const CARDS_ONLY: ScheduleSettings = { digest: { day: 7, time: '23:59' }, reminder: null };

/** The Slack ids the example firm's people have in the fake (Ben and Carla have none in the firm file). */
export const SLACK_IDS: Readonly<Record<string, string>> = { 'robert@arnsley.example': 'U0ROBERT1', 'alice@arnsley.example': 'U0ALICE01', 'ben@arnsley.example': 'U0BEN0001', 'carla@arnsley.example': 'U0CARLA01' };

/** Tally's scheduled-lane Slack messenger pointed at the fake, as the Slack edge builds it. */
export function slackScheduledMessenger(fake: FakeSlackApi, options: { timeoutMs?: number } = {}): SlackMessenger {
  const apis = createSlackWebApis({ token: 'xoxb-test-token', apiUrl: fake.url, ...(options.timeoutMs ? { scheduledTimeoutMs: options.timeoutMs } : {}) });
  return new SlackMessenger({ api: apis.scheduled, dms: new DmChannels(apis.scheduled), slackIdOf: async (u) => SLACK_IDS[u.email] ?? null });
}

/** A moving test clock: the scheduler's "now", set by the test. */
export class TestClock {
  constructor(private at: Date) {}
  readonly now = (): Date => this.at;
  set(iso: string): void {
    this.at = new Date(iso);
  }
}

export interface Instance extends ScheduledSends {
  readonly clock: TestClock;
}

/** One instance's scheduled sends over the given database, driven by hand (tick, drain). */
export async function startInstance(database: DatabaseHandle, options: { clock: TestClock; settings?: ScheduleSettings; slack?: Messenger; teams?: Messenger; slackPerSecond?: number; gateClock?: GateClock } & Pick<ScheduledSendsOptions, 'sleep' | 'captureDay'>): Promise<Instance> {
  const gate = (perSecond: number, perKey?: number) => sendGate(perSecond, { ...(perKey ? { perKeyPerSecond: perKey } : {}), ...(options.gateClock ? { clock: options.gateClock } : {}) });
  const sends = await startScheduledSends({
    database,
    logger: quietLogger,
    now: options.clock.now,
    settings: options.settings ?? CARDS_ONLY,
    slack: options.slack && { messenger: options.slack, pacer: gate(options.slackPerSecond ?? 100) },
    teams: options.teams && { messenger: options.teams, pacer: gate(30, 7) },
    supervise: false,
    sleep: options.sleep ?? (async () => undefined),
    random: () => 0.5,
    ...(options.captureDay ? { captureDay: options.captureDay } : {}),
  });
  return Object.assign(sends, { clock: options.clock });
}

/** The ledger as "kind:email-less user id:date=status" lines, sorted, for exact assertions. */
export async function ledger(database: DatabaseHandle): Promise<string[]> {
  const rows = await listSends(database.db, { limit: 10_000 });
  return rows.map((s) => `${s.kind}:${String(s.userId)}:${s.localDate}=${s.status}`).sort();
}

/** Monday 2 Mar 2026, 02:00 UTC Tuesday: Robert (New York) and Alice (Chicago) are due their Monday cards. */
export const MONDAY_EVENING = '2026-03-03T02:00:00Z';

/**
 * Calls made while a 429's Retry-After was running: sent after the refusal was answered and before
 * it expired. (A call already on its way when the 429 came back is not one.)
 */
export function callsDuringRetryAfter<T extends { readonly at: number; readonly answeredAt: number; readonly status: number }>(calls: readonly T[], retryAfterMs: number): T[] {
  const refusals = calls.filter((c) => c.status === 429);
  return calls.filter((c) => refusals.some((r) => c.at > r.answeredAt && c.at < r.answeredAt + retryAfterMs));
}

/**
 * Hooks for scheduled-send tests on the example firm: one database of the kind, seeded before each
 * test; `instance` starts one driven by hand (cards only) and `teamsLawyer` adds Tess, on Teams only
 * (New York 17:30, one draft on Monday 2 Mar) with a Teams harness. Both stop after each test.
 */
export function useSchedulingFirm(kind: DatabaseKind) {
  const database = useTestDatabase(kind);
  const running: Instance[] = [];
  const harnesses: TeamsHarness[] = [];
  beforeEach(async () => {
    await seedExampleFirm(database.current.db);
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((i) => i.stop()));
    await Promise.all(harnesses.splice(0).map((h) => h.close()));
  });
  return {
    database,
    async instance(at: string, platforms: { slack?: Messenger; teams?: Messenger }, slackPerSecond?: number): Promise<Instance> {
      const started = await startInstance(database.current.handle, { clock: new TestClock(new Date(at)), settings: CARDS_ONLY, ...platforms, ...(slackPerSecond ? { slackPerSecond } : {}) });
      running.push(started);
      return started;
    },
    async teamsLawyer(): Promise<{ harness: TeamsHarness; userId: number }> {
      const db = database.current.db;
      const harness = await startTeamsHarness({ db, core: recordingCore().core });
      harnesses.push(harness);
      const userId = await seedTeamsUser(db, 'tess@arnsley.example', 'aad-tess-0001');
      const matter = await findMatterByCode(db, 'ACME-001');
      await transaction(db, (tx) => insertEntries(tx, [{ userId, matterId: matter?.id ?? null, workDate: '2026-03-02', actualMinutes: 42, billedMinutes: 42, narrative: 'Draft reply brief', taskCode: null, activityCode: null, confidence: 'high', evidence: [], warnings: [], sourceActivityIds: [], origin: 'manual', captureKey: null }], SYSTEM_ACTOR));
      return { harness, userId };
    },
  };
}
