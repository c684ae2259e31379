import { AppError } from '../core/errors.js';
import type { ScheduledSend, SendOutcome, SendStatus } from '../core/schedule.js';
import type { Logger } from '../core/logger.js';
import type { Db } from '../db/connection.js';
import { claimSend, findSend, finishSend } from '../db/repositories/scheduled-send.repository.js';

/** Where a message landed, as a reconciliation finds it. */
export interface LandedMessage {
  readonly platform: 'slack' | 'teams';
  readonly conversationId: string;
  readonly messageId: string;
}

/**
 * The platform side of a scheduled send (implemented in bots/: jobs never talk to a platform).
 * `deliver` builds the content, picks the person's platform, paces, retries what is safe to retry
 * and answers the outcome; it throws only for failures a later retry of the job should meet.
 */
export interface Deliverer {
  deliver(send: ScheduledSend): Promise<SendOutcome>;
  /** For a send that may have landed: where it did, null when it did not, 'unknown' when the platform cannot tell. */
  reconcile(send: ScheduledSend): Promise<LandedMessage | null | 'unknown'>;
}

export interface SendWorkerDeps {
  readonly db: Db;
  readonly deliverer: Deliverer;
  readonly now: () => Date;
  readonly logger: Logger;
}

/** A send still marked "sending" this long after it started belongs to a worker that died. */
export const STALE_SENDING_MS = 10 * 60_000;

const DONE: readonly SendStatus[] = ['delivered', 'failed', 'unreachable', 'skipped'];

/**
 * Runs one ledger row, whatever state it is in, so a job delivered twice (or retried after a crash)
 * never sends twice: a finished row is left alone; a row that may have landed (delivery_unknown, or
 * "sending" long after its worker died) is reconciled first — resent only when the platform shows
 * it did not land, left as delivery_unknown when the platform cannot tell.
 */
export async function processSend(deps: SendWorkerDeps, sendId: number): Promise<SendStatus | null> {
  const send = await findSend(deps.db, sendId);
  if (!send) return null;
  if (DONE.includes(send.status)) return send.status;
  if (send.status === 'sending' && deps.now().getTime() - (send.startedAt?.getTime() ?? 0) < STALE_SENDING_MS) return send.status;
  if (send.status === 'sending' || send.status === 'delivery_unknown') {
    const landed = await deps.deliverer.reconcile(send);
    if (landed === 'unknown') {
      await finishSend(deps.db, send.id, { status: 'delivery_unknown', reason: 'may have been delivered; the platform cannot confirm, so it is not sent again', platform: send.platform }, deps.now());
      return 'delivery_unknown';
    }
    if (landed) {
      await finishSend(deps.db, send.id, { status: 'delivered', ...landed }, deps.now());
      return 'delivered';
    }
  }
  const claimed = await claimSend(deps.db, send.id, [send.status], deps.now());
  if (!claimed) return (await findSend(deps.db, send.id))?.status ?? null;
  const outcome = await deps.deliverer.deliver(claimed);
  await finishSend(deps.db, claimed.id, outcome, deps.now());
  deps.logger.info({ sendId: claimed.id, kind: claimed.kind, userId: claimed.userId, status: outcome.status }, 'scheduled send finished');
  // The queue retries a failed job later; on that run the row is reconciled before anything is resent.
  if (outcome.status === 'delivery_unknown' && outcome.recheck) throw new AppError('UNAVAILABLE', 'delivery not confirmed yet; the send will be looked for again');
  return outcome.status;
}
