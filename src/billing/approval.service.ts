import type { Actor } from '../core/audit.js';
import { AppError } from '../core/errors.js';
import { hasRole, type User } from '../core/firm.js';
import { transaction, type Db } from '../db/connection.js';
import { changeEntryStatus, listEntries } from '../db/repositories/time-entry.repository.js';
import { findUserByEmail, findUserById } from '../db/repositories/user.repository.js';

export interface ApproveDayResult {
  readonly approved: number;
  /** Drafts without a matter: a person must say which matter first. */
  readonly unassigned: number;
  /** Drafts with a guideline warning: approved only on purpose (`includeWarnings`). */
  readonly withWarnings: number;
}

/**
 * Who may approve someone's time: the person, their delegate, billing staff or an admin (read from
 * the database, never from the request). A CLI actor without a user is the shell's administrator.
 */
export async function requireMayApproveFor(db: Db, actor: Actor, owner: User): Promise<void> {
  if (actor.userId === null || actor.userId === owner.id) return;
  const user = await findUserById(db, actor.userId);
  const allowed = user !== null && user.active && (owner.delegateIds.includes(user.id) || hasRole(user, 'billing', 'admin'));
  if (!allowed) throw new AppError('FORBIDDEN', 'you may approve only your own time, or time of a person you are a delegate for');
}

/**
 * Approves a person's drafts of one day in one transaction, each with its audit row — except
 * drafts without a matter, and drafts with guideline warnings unless `includeWarnings` (as on the
 * card, where "Approve all" leaves those for an explicit decision).
 */
export async function approveDay(db: Db, request: { ownerEmail: string; date: string; actor: Actor; includeWarnings?: boolean }, now: Date): Promise<ApproveDayResult> {
  const owner = await findUserByEmail(db, request.ownerEmail);
  if (!owner) throw new AppError('NOT_FOUND', `unknown user "${request.ownerEmail.trim()}"`);
  await requireMayApproveFor(db, request.actor, owner);
  return transaction(db, async (tx) => {
    const drafts = await listEntries(tx, { userId: owner.id, from: request.date, to: request.date, status: 'draft' });
    let approved = 0;
    let unassigned = 0;
    let withWarnings = 0;
    for (const draft of drafts) {
      if (draft.matterId === null) unassigned++;
      else if (draft.warnings.length > 0 && !request.includeWarnings) withWarnings++;
      else {
        await changeEntryStatus(tx, { id: draft.id, expectedVersion: draft.version, to: 'approved', actor: request.actor, at: now });
        approved++;
      }
    }
    return { approved, unassigned, withWarnings };
  });
}
