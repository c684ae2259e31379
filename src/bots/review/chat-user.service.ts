import type { User } from '../../core/firm.js';
import type { Db } from '../../db/connection.js';
import { findUserByAadObjectId, findUserById, findUserBySlackId } from '../../db/repositories/user.repository.js';

/**
 * The Tally user behind a Slack user id (U…), a Teams AAD object id, or the console's chosen
 * person (a user id: the console is local, or guarded by its token). Null when nobody has that id
 * or the person is no longer active: such a sender may do nothing.
 */
export async function resolveChatUser(db: Db, platform: 'slack' | 'teams' | 'console', platformUserId: string): Promise<User | null> {
  if (platformUserId.trim() === '') return null;
  const user = await byPlatform(db, platform, platformUserId.trim());
  return user !== null && user.active ? user : null;
}

function byPlatform(db: Db, platform: 'slack' | 'teams' | 'console', id: string): Promise<User | null> {
  if (platform === 'slack') return findUserBySlackId(db, id);
  if (platform === 'teams') return findUserByAadObjectId(db, id);
  return /^\d{1,9}$/.test(id) ? findUserById(db, Number(id)) : Promise.resolve(null);
}
