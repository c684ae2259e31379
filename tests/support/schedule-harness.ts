import { SlackMessenger } from '../../src/bots/slack/slack-messenger.js';
import { DmChannels } from '../../src/bots/slack/dm-channels.js';
import { createSlackWebApis } from '../../src/bots/slack/slack-web-api.js';
import { sendGate, type GateClock } from '../../src/bots/send/rate-gate.js';
import { startScheduledSends, type ScheduledSends, type ScheduledSendsOptions } from '../../src/bots/send/scheduled-sends.js';
import type { Messenger } from '../../src/bots/send/messenger.js';
import type { ScheduleSettings } from '../../src/core/schedule.js';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { listSends } from '../../src/db/repositories/scheduled-send.repository.js';
import { quietLogger } from './capture-harness.js';
import type { FakeSlackApi } from './fakes/fake-slack-api.js';

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
