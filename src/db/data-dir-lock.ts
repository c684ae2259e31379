import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../core/errors.js';

const LOCK_FILE = 'tally.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the embedded database's folder for this process. PGlite has no locking of its own, and two
 * processes writing one folder corrupt it (seen here), so a second `tally` process is refused with
 * a message instead. A lock left by a process that died is taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(path);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new AppError(
          'CONFLICT',
          `the embedded database in ${dataDir} is in use by another Tally process (pid ${holder}): stop it first, or set DATABASE_URL so several processes can share PostgreSQL`,
        );
      }
      unlinkSync(path);
    }
  }
  throw new AppError('CONFLICT', `cannot lock the embedded database in ${dataDir}`);
}
