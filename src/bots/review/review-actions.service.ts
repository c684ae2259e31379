import type { Actor } from '../../core/audit.js';
import { isLocalDate } from '../../core/dates.js';
import { AppError, isAppError } from '../../core/errors.js';
import { transaction, type Db } from '../../db/connection.js';
import { claimKey } from '../../db/repositories/idempotency.repository.js';
import { changeEntryStatus, listEntries } from '../../db/repositories/time-entry.repository.js';
import type { ReviewAction, ReviewVerb } from '../views/actions.js';
import type { DailyReviewView } from '../views/review.view.js';
import { buildDailyReview } from './daily-review.service.js';
import { actOnEntry, IDEMPOTENCY_SCOPE, STALE_NOTE } from './entry-actions.js';
import { auditActorFor, requireCardAccess } from './review-access.js';
import { approveAllNote } from './review-words.js';

export interface ReviewActionRequest {
  /** Who acted, resolved from the platform id (resolveChatUser); its label is rebuilt from the database. */
  readonly actor: Actor;
  /** The delivery's idempotency key; the caller must not claim it itself. */
  readonly deliveryKey: string;
  readonly action: ReviewAction;
  readonly now: Date;
}

const VERBS: readonly ReviewVerb[] = ['approve', 'approve_all', 'not_billable', 'undo', 'change_matter', 'edit', 'show_all'];

/**
 * Approves the day's drafts that have a matter and no warnings (like `tally approve` without
 * `--with-warnings`) in one transaction with the delivery's key; returns the card's note.
 */
async function approveAll(db: Db, ownerId: number, date: string, actor: Actor, deliveryKey: string, at: Date): Promise<string | null> {
  return transaction(db, async (tx) => {
    if (!(await claimKey(tx, deliveryKey, IDEMPOTENCY_SCOPE))) return null;
    const drafts = await listEntries(tx, { userId: ownerId, from: date, to: date, status: 'draft' });
    const result = { approved: 0, approvedMinutes: 0, unassigned: 0, withWarnings: 0 };
    for (const draft of drafts) {
      if (draft.matterId === null) result.unassigned++;
      else if (draft.warnings.length > 0) result.withWarnings++;
      else {
        await changeEntryStatus(tx, { id: draft.id, expectedVersion: draft.version, to: 'approved', actor, at });
        result.approved++;
        result.approvedMinutes += draft.billedMinutes;
      }
    }
    return approveAllNote(result);
  });
}

/**
 * Acts on a click or form of the daily review card and answers with the refreshed card. The actor
 * must be the card's owner or their delegate (from the database; FORBIDDEN otherwise, in words that
 * reveal nothing). Every change is audited with the actor's name ("Pat Quinn for Robert Arnsley"
 * for a delegate) and `actor.via`; a repeated delivery, a stale card or a move that is not possible
 * changes nothing and returns the current card (with a note for the last two).
 */
export async function reviewAction(db: Db, request: ReviewActionRequest): Promise<DailyReviewView> {
  const { action } = request;
  if (!VERBS.includes(action.verb)) throw new AppError('INVALID_INPUT', 'that action is not known');
  if (!isLocalDate(action.date)) throw new AppError('INVALID_INPUT', `invalid date "${String(action.date)}"`);
  if (request.deliveryKey.trim() === '') throw new AppError('INTERNAL', 'a card action arrived without a delivery key');
  const parties = await requireCardAccess(db, request.actor.userId, action.ownerId);
  const card = (note: string | null) => buildDailyReview(db, { ownerId: parties.owner.id, date: action.date, viewerId: parties.actor.id, note, checked: parties });
  if (action.verb === 'show_all') return card(null);
  const actor = auditActorFor(parties, request.actor.via);
  try {
    const note = action.verb === 'approve_all'
      ? await approveAll(db, parties.owner.id, action.date, actor, request.deliveryKey, request.now)
      : await actOnEntry(db, parties.owner, action, actor, request.deliveryKey, request.now);
    return await card(note);
  } catch (error) {
    // Someone else changed an entry between our read and our lock: their change stands, ours is dropped.
    if (isAppError(error, 'STALE')) return card(STALE_NOTE);
    throw error;
  }
}
