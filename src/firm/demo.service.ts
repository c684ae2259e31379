import { fileURLToPath } from 'node:url';
import type { Actor } from '../core/audit.js';
import { AppError } from '../core/errors.js';
import type { Db } from '../db/connection.js';
import { getFirm } from '../db/repositories/firm.repository.js';
import { readFirmFile } from './firm-file.reader.js';
import { importFirm, type ImportSummary } from './firm-import.service.js';

/** The demo firm is the shipped example configuration, so both stay one file that works. */
export const DEMO_FIRM_FILE = fileURLToPath(new URL('../../examples/firm.yaml', import.meta.url));

/**
 * Seeds the demo firm (marked as demo). Refuses a database that holds a real firm, so a demo
 * can never overwrite a firm's own configuration.
 */
export async function seedDemoFirm(db: Db, actor: Actor): Promise<ImportSummary> {
  const firm = await getFirm(db);
  if (firm && !firm.isDemo) {
    throw new AppError('CONFLICT', `this database holds the firm "${firm.name}"; the demo only seeds an empty database (set TALLY_DATA_DIR or DATABASE_URL to another one)`);
  }
  return importFirm(db, await readFirmFile(DEMO_FIRM_FILE), actor, { isDemo: true });
}
