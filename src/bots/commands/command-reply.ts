import type { Actor } from '../../core/audit.js';
import { AppError, isAppError } from '../../core/errors.js';
import { failureText } from '../chat/user-text.js';
import type { Reply } from '../views/reply.js';

/** A typed chat command, after the edge verified the delivery and the core resolved the person. */
export interface CommandRequest {
  readonly actor: Actor;
  /** The text after the command name. */
  readonly text: string;
  readonly now: Date;
  /** The delivery's idempotency key: a repeated delivery adds nothing twice. */
  readonly deliveryKey?: string;
}

/**
 * Runs a command and turns a mistake of the person's (a bad word, a refusal, a stale invoice) into a
 * plain text reply; Tally's own failures are rethrown for the chat core to log and word.
 */
export async function replyOrRefusal(work: () => Promise<Reply>): Promise<Reply> {
  try {
    return await work();
  } catch (error) {
    if (isAppError(error) && error.isUserError) return { kind: 'text', text: failureText(error).text };
    throw error;
  }
}

/** A chat actor is always a known person: the shell's trusted "no user" actor never comes from chat. */
export function requirePerson(actor: Actor): number {
  if (actor.userId === null) throw new AppError('FORBIDDEN', 'Tally does not know who you are in the firm yet; ask your administrator to link your account');
  return actor.userId;
}
