import type { Db } from '../db/connection.js';
import { getSyncState, saveSyncState } from '../db/repositories/sync-state.repository.js';
import type { SyncStore } from './sources/source.js';

/** The SyncStore sources use, kept in PostgreSQL so every instance resumes where the last stopped. */
export function databaseSyncStore(db: Db, now: () => Date = () => new Date()): SyncStore {
  return {
    get: async (userId, key) => (await getSyncState(db, userId, key))?.cursor ?? null,
    save: (userId, key, cursor) => saveSyncState(db, userId, key, { cursor, lastSyncedAt: now() }),
  };
}
