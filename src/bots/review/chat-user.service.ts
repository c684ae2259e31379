import type { User } from '../../core/firm.js';
import type { Db } from '../../db/connection.js';
import { findUserByAadObjectId, findUserBySlackId } from '../../db/repositories/user.repository.js';

/**
 * The Tally user behind a Slack user id (U…) or a Teams AAD object id, from the firm's import.
 * Null when nobody has that id or the person is no longer active: such a sender may do nothing.
 */
export async function resolveChatUser(db: Db, platform: 'slack' | 'teams', platformUserId: string): Promise<User | null> {
  if (platformUserId.trim() === '') return null;
  const user = platform === 'slack' ? await findUserBySlackId(db, platformUserId) : await findUserByAadObjectId(db, platformUserId);
  return user !== null && user.active ? user : null;
}
