import type { User } from '../../core/firm.js';
import { errorFields, type Logger } from '../../core/logger.js';
import type { ScheduleSettings } from '../../core/schedule.js';
import type { DatabaseHandle } from '../../db/connection.js';
import { startClock, tick, type Clock, type TickResult } from '../../jobs/scheduler.js';
import { startSendQueue, type SendQueue } from '../../jobs/send-queue.js';
import { processSend } from '../../jobs/send-worker.js';
import { Notifier, type Channel } from './notifier.js';

export interface ScheduledSendsOptions {
  readonly database: DatabaseHandle;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly settings: ScheduleSettings;
  readonly slack?: Channel | undefined;
  readonly teams?: Channel | undefined;
  /** Captures a person's day before their card is built. */
  readonly captureDay?: (user: User, date: string) => Promise<void>;
  /** Run the clock and the queue's workers in the background (production); tests drive both by hand. */
  readonly background?: { readonly tickEverySeconds?: number; readonly concurrency?: number; readonly pollingSeconds?: number };
  /** pg-boss maintenance in this instance (default: when running in the background). */
  readonly supervise?: boolean;
  /** Notifier overrides (tests: waits between retries). */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

/** Tally's scheduled sends in one instance: the clock, the durable queue and its worker. */
export interface ScheduledSends {
  readonly queue: SendQueue;
  readonly notifier: Notifier;
  /** Records and queues what has come due now. */
  tick(): Promise<TickResult>;
  /** Delivers every queued send now; answers how many jobs ran. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Starts the scheduled sends of one instance. Any number of instances may run this on one
 * PostgreSQL: the ledger and the queue make each send happen once.
 */
export async function startScheduledSends(options: ScheduledSendsOptions): Promise<ScheduledSends> {
  const { database, logger, now } = options;
  const queue = await startSendQueue(database, { logger, supervise: options.supervise ?? options.background !== undefined });
  const notifier = new Notifier({ db: database.db, logger, now, slack: options.slack, teams: options.teams, ...(options.captureDay ? { captureDay: options.captureDay } : {}), ...(options.sleep ? { sleep: options.sleep } : {}), ...(options.random ? { random: options.random } : {}) });
  const schedulerDeps = { db: database.db, queue, settings: options.settings, now, logger };
  const run = async (sendId: number) => {
    await processSend({ db: database.db, deliverer: notifier, now, logger }, sendId);
  };
  let clock: Clock | null = null;
  if (options.background) {
    await queue.work(async (sendId) => {
      try {
        await run(sendId);
      } catch (error) {
        logger.error({ sendId, ...errorFields(error) }, 'scheduled send failed; the queue will retry it');
        throw error;
      }
    }, { concurrency: options.background.concurrency ?? 4, pollingSeconds: options.background.pollingSeconds ?? 2 });
    clock = startClock(schedulerDeps, { ...(options.background.tickEverySeconds ? { everySeconds: options.background.tickEverySeconds } : {}) });
  }
  return {
    queue,
    notifier,
    tick: () => (clock ? clock.tick() : tick(schedulerDeps)),
    drain: () => queue.drain(run),
    stop: async () => {
      clock?.stop();
      await queue.stop();
    },
  };
}
