import nodeSchedule from 'node-schedule';
import { dueSends, sendKey, type ScheduleSettings } from '../core/schedule.js';
import { errorFields, type Logger } from '../core/logger.js';
import { transaction, type Db } from '../db/connection.js';
import { insertDueSends, recordedSendKeys } from '../db/repositories/scheduled-send.repository.js';
import { listUsers } from '../db/repositories/user.repository.js';
import type { SendQueue } from './send-queue.js';

export interface SchedulerDeps {
  readonly db: Db;
  readonly queue: SendQueue;
  readonly settings: ScheduleSettings;
  readonly now: () => Date;
  readonly logger: Logger;
}

/** What one tick did. */
export interface TickResult {
  readonly due: number;
  readonly queued: number;
}

/**
 * One look at the clock: every send that has come due and is not yet in the ledger is recorded
 * and queued in one transaction. Many instances may tick at once: the ledger's unique key lets
 * exactly one of them record (and so queue) each send.
 */
export async function tick(deps: SchedulerDeps): Promise<TickResult> {
  const now = deps.now();
  const due = dueSends(await listUsers(deps.db), now, deps.settings);
  deps.logger.debug({ due: due.length, at: now.toISOString() }, 'scheduler tick');
  if (due.length === 0) return { due: 0, queued: 0 };
  const recorded = await recordedSendKeys(deps.db, [...new Set(due.map((d) => d.localDate))]);
  const fresh = due.filter((d) => !recorded.has(sendKey(d)));
  if (fresh.length === 0) return { due: due.length, queued: 0 };
  const queued = await transaction(deps.db, async (tx) => {
    const inserted = await insertDueSends(tx, fresh, now);
    await deps.queue.enqueue(tx, inserted.map((s) => s.id));
    return inserted.length;
  });
  if (queued > 0) deps.logger.info({ queued }, 'scheduled sends queued');
  return { due: due.length, queued };
}

/** A running clock: stop it before closing the database. */
export interface Clock {
  /** Runs one tick now (also what the timer calls); ticks never overlap. */
  tick(): Promise<TickResult>;
  stop(): void;
}

/**
 * Ticks every minute on the minute (node-schedule), and once at start so that a send whose time
 * passed while no instance ran goes out now. `everySeconds` (tests) ticks faster.
 */
export function startClock(deps: SchedulerDeps, options: { readonly everySeconds?: number } = {}): Clock {
  let running: Promise<TickResult> | null = null;
  const once = (): Promise<TickResult> => {
    running ??= tick(deps).finally(() => {
      running = null;
    });
    return running;
  };
  const safe = () => {
    once().catch((error: unknown) => deps.logger.error(errorFields(error), 'scheduler tick failed'));
  };
  const rule = options.everySeconds ? `*/${String(options.everySeconds)} * * * * *` : '0 * * * * *';
  const job = nodeSchedule.scheduleJob(rule, safe);
  safe();
  return {
    tick: once,
    stop: () => {
      job?.cancel();
    },
  };
}
