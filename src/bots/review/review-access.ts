import type { Actor, Via } from '../../core/audit.js';
import { AppError } from '../../core/errors.js';
import type { User } from '../../core/firm.js';
import type { Db } from '../../db/connection.js';
import { listUsersByIds } from '../../db/repositories/user.repository.js';

/** The owner of a card and the person looking at it or acting on it. */
export interface CardParties {
  readonly owner: User;
  readonly actor: User;
}

/** The one refusal of the card: the same words whether the entry, its owner or the day exist or not. */
export function cardRefusal(): AppError {
  return new AppError('FORBIDDEN', 'you can act only on your own time, or on the time of someone you are a delegate for');
}

/**
 * Who may see or act on a person's daily card, read from the database: the person or one of their
 * delegates, both active. Billing and admin roles do not count here — they approve through the CLI,
 * never from someone's card — and a manager never sees a report's narratives this way.
 */
export async function requireCardAccess(db: Db, actorId: number | null, ownerId: number): Promise<CardParties> {
  if (actorId === null || !Number.isSafeInteger(actorId) || !Number.isSafeInteger(ownerId)) throw cardRefusal();
  const users = await listUsersByIds(db, [actorId, ownerId]);
  const actor = users.find((u) => u.id === actorId);
  const owner = users.find((u) => u.id === ownerId);
  if (!actor || !owner || !actor.active) throw cardRefusal();
  if (actor.id !== owner.id && !owner.delegateIds.includes(actor.id)) throw cardRefusal();
  return { owner, actor };
}

/** The audit actor of a card action: the person's name, or "Pat Quinn for Robert Arnsley" for a delegate. */
export function auditActorFor(parties: CardParties, via: Via): Actor {
  const label = parties.actor.id === parties.owner.id ? parties.actor.name : `${parties.actor.name} for ${parties.owner.name}`;
  return { userId: parties.actor.id, label, via };
}
