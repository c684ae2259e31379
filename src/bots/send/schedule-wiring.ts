import nodeSchedule from 'node-schedule';
import { buildCapture } from '../../capture/capture-wiring.js';
import { purgeRawActivity } from '../../capture/purge.service.js';
import { captureDay } from '../../capture/capture.service.js';
import type { Config } from '../../config.js';
import type { User } from '../../core/firm.js';
import { errorFields, type Logger } from '../../core/logger.js';
import type { DatabaseHandle } from '../../db/connection.js';
import type { Messenger } from './messenger.js';
import { sendGate } from './rate-gate.js';
import { startScheduledSends, type ScheduledSends } from './scheduled-sends.js';

/** Teams' per-conversation limit (platforms.md: 7 sends per second per conversation). */
const TEAMS_PER_CONVERSATION = 7;

/**
 * The clock the scheduler reads: the real one, or under the test suite one that starts at
 * TALLY_TEST_CLOCK and runs TALLY_TEST_CLOCK_SPEED times as fast (config refuses it outside tests).
 */
export function scheduleClock(config: Config, realNow: () => Date = () => new Date()): () => Date {
  const start = config.schedule.testClock;
  if (!start) return realNow;
  const realStart = realNow().getTime();
  const speed = config.schedule.testClockSpeed;
  return () => new Date(start.getTime() + (realNow().getTime() - realStart) * speed);
}

export interface ScheduleWiring {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly logger: Logger;
  readonly slack?: Messenger | undefined;
  readonly teams?: Messenger | undefined;
}

/**
 * Starts this instance's scheduled sends from the configuration, or answers null when they are
 * off (TALLY_SCHEDULER=off) or no chat platform is configured (nowhere to send).
 */
export async function startSchedulesFromConfig(wiring: ScheduleWiring): Promise<ScheduledSends | null> {
  const { config, database, logger } = wiring;
  if (!config.schedule.enabled || (!wiring.slack && !wiring.teams)) return null;
  const now = scheduleClock(config);
  const capture = await buildCapture(database.db, config, { now, logger });
  const captureFor = async (user: User, date: string) => {
    try {
      await captureDay(capture, { date, userEmail: user.email });
    } catch (error) {
      // The card still goes out with the drafts already there; the next capture fills the rest.
      logger.warn({ userId: user.id, ...errorFields(error) }, 'capture before the daily card failed');
    }
  };
  const sends = await startScheduledSends({
    database,
    logger,
    now,
    settings: config.schedule,
    slack: wiring.slack && { messenger: wiring.slack, pacer: sendGate(config.schedule.slackPerSecond) },
    teams: wiring.teams && { messenger: wiring.teams, pacer: sendGate(config.schedule.teamsPerSecond, { perKeyPerSecond: TEAMS_PER_CONVERSATION }) },
    captureDay: captureFor,
    background: { ...(config.schedule.tickSeconds ? { tickEverySeconds: config.schedule.tickSeconds } : {}), pollingSeconds: config.schedule.tickSeconds ? 1 : 2 },
  });
  const purge = startDailyPurge(wiring, now);
  return { ...sends, stop: async () => { purge.cancel(); await sends.stop(); } };
}

/**
 * Retention every night at 03:17 server time (`tally purge` by hand): raw activity of work billed
 * more than TALLY_RETENTION_DAYS ago is deleted. Every instance may run it: the delete is idempotent.
 */
function startDailyPurge(wiring: ScheduleWiring, now: () => Date): { cancel(): void } {
  const { config, database, logger } = wiring;
  const job = nodeSchedule.scheduleJob('17 3 * * *', () => {
    purgeRawActivity(database.db, now(), config.retentionDays)
      .then((result) => logger.info({ activities: result.activities, syncStates: result.syncStates, cutoff: result.cutoff }, 'nightly retention purge'))
      .catch((error: unknown) => logger.error(errorFields(error), 'nightly retention purge failed'));
  });
  return { cancel: () => job?.cancel() };
}
