import PgBoss from 'pg-boss';
import type { Logger } from '../core/logger.js';
import { errorFields } from '../core/logger.js';
import { transactionSql, type DatabaseHandle, type Tx } from '../db/connection.js';

/** The one queue of scheduled sends; a job carries only the ledger row's id. */
export const SEND_QUEUE = 'tally-send';

interface SendJob {
  readonly sendId: number;
}

/** What the queue runs for each job: deliver one ledger row (idempotent: the row's state decides). */
export type SendHandler = (sendId: number) => Promise<void>;

/**
 * The durable queue in PostgreSQL (pg-boss) behind Tally's scheduled sends, through the calls we
 * make and nothing else. Any number of instances share it: a job is fetched by one worker at a time.
 */
export interface SendQueue {
  /** Queues a job per send inside the transaction that recorded the sends: both land or neither. */
  enqueue(tx: Tx, sendIds: readonly number[]): Promise<void>;
  /** Starts polling for jobs in the background, `concurrency` at a time. */
  work(handler: SendHandler, options?: { readonly concurrency?: number; readonly pollingSeconds?: number }): Promise<void>;
  /** Runs queued jobs now, `concurrency` at a time, until none is left; answers how many ran (tests, benchmarks). */
  drain(handler: SendHandler, concurrency?: number): Promise<number>;
  /** Jobs waiting or running in the queue. */
  size(): Promise<number>;
  stop(): Promise<void>;
}

export interface SendQueueOptions {
  readonly logger: Logger;
  /** pg-boss's own schema: "pgboss", or beside the schema our tables live in. */
  readonly schema?: string;
  /** Maintenance (expiry, archiving) in this instance; off in tests that drive the queue by hand. */
  readonly supervise?: boolean;
}

/** The schema pg-boss keeps its tables in for this database. */
export function queueSchemaFor(database: Pick<DatabaseHandle, 'schema'>): string {
  return database.schema ? `${database.schema}_jobs` : 'pgboss';
}

/** Starts pg-boss on Tally's own pool (PGlite has only one connection), creating its tables once. */
export async function startSendQueue(database: DatabaseHandle, options: SendQueueOptions): Promise<SendQueue> {
  const boss = new PgBoss({
    db: { executeSql: async (text: string, values: unknown[]) => database.executeSql(text, values) },
    schema: options.schema ?? queueSchemaFor(database),
    supervise: options.supervise ?? true,
    schedule: false,
    migrate: true,
  });
  boss.on('error', (error) => options.logger.error(errorFields(error), 'job queue error'));
  await boss.start();
  // A crashed worker's job comes back after it expires; the ledger row keeps a retry from sending twice.
  await boss.createQueue(SEND_QUEUE, { name: SEND_QUEUE, retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 15 * 60 });

  const run = async (handler: SendHandler, job: PgBoss.Job<SendJob>): Promise<void> => {
    await handler(job.data.sendId);
  };
  return {
    async enqueue(tx, sendIds) {
      if (sendIds.length === 0) return;
      const executeSql = transactionSql(tx);
      const db = { executeSql: async (text: string, values: unknown[]) => executeSql(text, values) };
      await boss.insert(sendIds.map((sendId) => ({ name: SEND_QUEUE, data: { sendId } })), { db });
    },
    async work(handler, workOptions = {}) {
      const concurrency = workOptions.concurrency ?? 4;
      const pollingIntervalSeconds = workOptions.pollingSeconds ?? 2;
      // pg-boss gives a handler a batch; one handler per slot keeps `concurrency` sends in flight.
      for (let i = 0; i < concurrency; i += 1) {
        await boss.work<SendJob>(SEND_QUEUE, { batchSize: 1, pollingIntervalSeconds }, async ([job]) => {
          if (job) await run(handler, job);
        });
      }
    },
    async drain(handler, concurrency = 20) {
      // A steady pipeline: a free slot fetches the next job at once, so a slow send never holds a batch.
      let ran = 0;
      const inFlight = new Set<Promise<void>>();
      const start = (job: PgBoss.Job<SendJob>) => {
        const done: Promise<void> = run(handler, job)
          .then(() => boss.complete(SEND_QUEUE, job.id), (error: unknown) => boss.fail(SEND_QUEUE, job.id, errorFields(error)))
          .finally(() => inFlight.delete(done));
        inFlight.add(done);
        ran += 1;
      };
      for (;;) {
        const jobs = inFlight.size < concurrency ? await boss.fetch<SendJob>(SEND_QUEUE, { batchSize: concurrency - inFlight.size }) : [];
        jobs.forEach(start);
        if (jobs.length > 0) continue;
        if (inFlight.size === 0) return ran;
        await Promise.race(inFlight);
      }
    },
    async size() {
      return boss.getQueueSize(SEND_QUEUE, { before: 'completed' });
    },
    async stop() {
      await boss.stop({ graceful: true, close: false, wait: true, timeout: 10_000 });
    },
  };
}
