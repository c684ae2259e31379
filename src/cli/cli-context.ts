import { loadConfig, type Config } from '../config.js';
import { AppError } from '../core/errors.js';
import { openDatabase, type DatabaseHandle } from '../db/connection.js';
import { migrateToLatest } from '../db/migrator.js';
import type { CliIo } from './cli-io.js';

/**
 * Runs a command body with the validated config and an open, migrated database, and closes the
 * database whatever happens (PGlite must be closed for its files to be consistent).
 */
export async function withDatabase<T>(io: CliIo, body: (handle: DatabaseHandle, config: Config) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  const config = loadConfig(io.env, io.cwd);
  const handle = await openDatabase({ url: config.databaseUrl ?? undefined, dataDir: config.dataDir, poolSize: 4 });
  try {
    if (options.migrate !== false) await migrateToLatest(handle.db);
    return await body(handle, config);
  } finally {
    await handle.close();
  }
}

/** Parses a `--date`-style option value or throws a user error naming the option. */
export function requireOption(value: string | undefined, name: string): string {
  if (value === undefined || value.trim() === '') throw new AppError('INVALID_INPUT', `${name} is required`);
  return value;
}
