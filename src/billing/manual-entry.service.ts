import type { Activity } from '../core/activity.js';
import type { Actor } from '../core/audit.js';
import type { LocalDate } from '../core/dates.js';
import { MAX_ENTRY_MINUTES } from '../core/duration.js';
import { AppError } from '../core/errors.js';
import { billedMinutesFor } from '../core/finish-draft.js';
import { checkGuidelines } from '../core/guideline-rules.js';
import type { TimeEntry } from '../core/time-entry.js';
import { activityCodeFor, taskCodeFor } from '../core/utbms-rules.js';
import { transaction, type Db } from '../db/connection.js';
import { findClientById } from '../db/repositories/client.repository.js';
import { claimKey } from '../db/repositories/idempotency.repository.js';
import { findMatterById, listMatters } from '../db/repositories/matter.repository.js';
import { insertEntry, listEntries } from '../db/repositories/time-entry.repository.js';
import { findUserById } from '../db/repositories/user.repository.js';
import { requireMayApproveFor } from './approval.service.js';

/** Time a person typed (`/time`, "Add time"): whose, which matter and day, how long, what was done. */
export interface ManualEntryRequest {
  readonly ownerId: number;
  readonly matterId: number;
  readonly workDate: LocalDate;
  readonly minutes: number;
  readonly narrative: string;
  readonly actor: Actor;
  readonly now: Date;
  /** The chat delivery's idempotency key: a repeated delivery adds nothing. */
  readonly deliveryKey?: string;
}

const SCOPE = 'manual-entry';

/**
 * Adds a draft entry a person typed, in one transaction with its `entry.create` audit row: billed
 * minutes by the client's increment, rounding and minimum (actual minutes kept), UTBMS codes the way
 * capture guesses them from the words, and the client's guideline warnings with the person's whole
 * day for that client counted. The actor must be the owner, a delegate, billing or admin. Returns
 * null when `deliveryKey` was already used (a repeated delivery: nothing is added).
 */
export async function createManualEntry(db: Db, request: ManualEntryRequest): Promise<TimeEntry | null> {
  const owner = await findUserById(db, request.ownerId);
  if (!owner || !owner.active) throw new AppError('NOT_FOUND', 'that person is not an active member of the firm');
  await requireMayApproveFor(db, request.actor, owner);
  if (!Number.isSafeInteger(request.minutes) || request.minutes < 1 || request.minutes > MAX_ENTRY_MINUTES) {
    throw new AppError('INVALID_DURATION', 'an entry holds from 1 minute to 24 hours');
  }
  const narrative = request.narrative.replace(/\s+/g, ' ').trim();
  if (narrative === '') throw new AppError('INVALID_INPUT', 'say what you did: an entry needs a narrative');
  const matter = await findMatterById(db, request.matterId);
  if (!matter) throw new AppError('NOT_FOUND', 'matter not found');
  if (matter.status !== 'open') throw new AppError('CONFLICT', `matter ${matter.code} is closed — time goes only on open matters`);
  const client = await findClientById(db, matter.clientId);
  if (!client) throw new AppError('INTERNAL', `matter ${matter.code} refers to a missing client`);
  const clientMatters = new Set((await listMatters(db, client.id)).map((m) => m.id));
  const typed: Activity = { id: 'manual', source: 'manual', user: owner.email, start: request.now, end: request.now, title: narrative, participants: [], ref: null, meta: {} };
  const billedMinutes = billedMinutesFor(request.minutes, client);
  const taskCode = taskCodeFor({ activities: [typed] }, matter);
  const activityCode = activityCodeFor({ kind: 'manual', activities: [typed] }, [], client);
  return transaction(db, async (tx) => {
    if (request.deliveryKey !== undefined && !(await claimKey(tx, `${SCOPE}:${request.deliveryKey}`, SCOPE))) return null;
    const sameDay = await listEntries(tx, { userId: owner.id, from: request.workDate, to: request.workDate });
    const dayMinutes = sameDay.filter((e) => e.status !== 'non_billable' && e.matterId !== null && clientMatters.has(e.matterId)).reduce((sum, e) => sum + e.billedMinutes, billedMinutes);
    const warnings = checkGuidelines({ narrative, billedMinutes, taskCode, activityCode, kind: 'manual' }, client, dayMinutes);
    return insertEntry(tx, {
      userId: owner.id, matterId: matter.id, workDate: request.workDate, actualMinutes: request.minutes, billedMinutes, narrative,
      taskCode, activityCode, confidence: null, evidence: [], warnings, sourceActivityIds: [], origin: 'manual', captureKey: null,
      matchReasons: ['chosen by the person'],
    }, request.actor, request.now);
  });
}
