import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrator.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data directory that each test file copies (creating one takes seconds). */
    pgliteTemplate: string;
    /** TEST_DATABASE_URL when PostgreSQL answered; '' when integration tests run on PGlite only. */
    postgresUrl: string;
  }
}

async function postgresReachable(url: string): Promise<string | null> {
  try {
    const handle = await openDatabase({ url, dataDir: '', poolSize: 1 });
    await handle.close();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Runs once per `vitest run`: builds the PGlite template and decides whether PostgreSQL tests run.
 * Under CI=true PostgreSQL is required: unreachable or unset is a failure, never a silent skip.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL ?? '';
  const ci = process.env.CI === 'true' || process.env.CI === '1';
  if (ci && !url) throw new Error('CI=true but TEST_DATABASE_URL is not set: PostgreSQL tests must run in CI');
  if (url) {
    const problem = await postgresReachable(url);
    if (problem && ci) throw new Error(`CI=true and PostgreSQL is unreachable: ${problem}`);
    if (problem) console.warn(`PostgreSQL tests skipped: ${problem}`);
    project.provide('postgresUrl', problem ? '' : url);
  } else {
    console.warn('PostgreSQL tests skipped: TEST_DATABASE_URL is not set (integration tests run on PGlite only)');
    project.provide('postgresUrl', '');
  }

  const root = await mkdtemp(join(tmpdir(), 'tally-test-'));
  const template = join(root, 'template');
  const handle = await openDatabase({ dataDir: template });
  await migrateToLatest(handle.db);
  await handle.close();
  project.provide('pgliteTemplate', template);
  return async () => {
    await rm(root, { recursive: true, force: true });
  };
}
