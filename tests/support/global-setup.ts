import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { createTestCertificate } from './tls.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data directory that each test file copies (creating one takes seconds). */
    pgliteTemplate: string;
    /** TEST_DATABASE_URL when PostgreSQL answered; '' when integration tests run on PGlite only. */
    postgresUrl: string;
    /** A self-signed certificate for 127.0.0.1/localhost that test workers trust (NODE_EXTRA_CA_CERTS): HTTPS fakes serve it. */
    tlsCertPath: string;
    tlsKeyPath: string;
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
  // Node reads NODE_EXTRA_CA_CERTS only at start-up: set it here, before the workers are forked
  // (they inherit this environment), so HTTPS fakes are trusted without turning TLS checks off.
  const previousExtraCa = process.env.NODE_EXTRA_CA_CERTS;
  const certificate = await createTestCertificate(root);
  process.env.NODE_EXTRA_CA_CERTS = certificate.caBundlePath;
  project.provide('tlsCertPath', certificate.certPath);
  project.provide('tlsKeyPath', certificate.keyPath);
  const template = join(root, 'template');
  const handle = await openDatabase({ dataDir: template });
  await migrateToLatest(handle.db);
  await handle.close();
  project.provide('pgliteTemplate', template);
  return async () => {
    if (previousExtraCa === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
    else process.env.NODE_EXTRA_CA_CERTS = previousExtraCa;
    await rm(root, { recursive: true, force: true });
  };
}
