import { AppError } from '../core/errors.js';
import type { Actor } from '../core/audit.js';
import type { Db } from '../db/connection.js';
import { findUserByEmail } from '../db/repositories/user.repository.js';
import { terminalActor } from './cli-io.js';

/** The actor of a CLI command: `--as EMAIL` names a user whose roles are then checked; else the shell's owner. */
export async function actorFor(db: Db, asEmail: string | undefined): Promise<Actor> {
  if (asEmail === undefined) return terminalActor();
  const user = await findUserByEmail(db, asEmail);
  if (!user || !user.active) throw new AppError('FORBIDDEN', `"${asEmail.trim()}" is not an active user of this firm`);
  return { userId: user.id, label: user.email, via: 'cli' };
}
