import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A self-signed certificate for 127.0.0.1 and localhost, made once per test run. */
export interface TestCertificate {
  readonly certPath: string;
  readonly keyPath: string;
  /** The certificate appended to any CA file NODE_EXTRA_CA_CERTS already named: what the run trusts. */
  readonly caBundlePath: string;
}

/**
 * Makes a certificate with the `openssl` CLI in `dir`. HTTPS fakes serve it; test workers trust
 * it through NODE_EXTRA_CA_CERTS (read by Node at start-up only, so the global setup sets it
 * before the workers are forked). Valid for two days; EC P-256 keeps generation fast.
 */
export async function createTestCertificate(dir: string): Promise<TestCertificate> {
  const certPath = join(dir, 'test-cert.pem');
  const keyPath = join(dir, 'test-key.pem');
  const caBundlePath = join(dir, 'test-ca-bundle.pem');
  try {
    await run('openssl', [
      'req', '-x509', '-nodes', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
      '-sha256', '-days', '2', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout', keyPath, '-out', certPath,
    ]);
  } catch (error) {
    throw new Error(`could not make the test TLS certificate with the openssl CLI: ${error instanceof Error ? error.message : String(error)}`);
  }
  const cert = await readFile(certPath, 'utf8');
  let existing = '';
  const previous = process.env.NODE_EXTRA_CA_CERTS;
  if (previous) existing = await readFile(previous, 'utf8').catch(() => '');
  await writeFile(caBundlePath, existing ? `${existing.trimEnd()}\n${cert}` : cert);
  return { certPath, keyPath, caBundlePath };
}

/** The PEM texts an HTTPS server needs. */
export async function readTestCertificate(paths: { certPath: string; keyPath: string }): Promise<{ cert: string; key: string }> {
  const [cert, key] = await Promise.all([readFile(paths.certPath, 'utf8'), readFile(paths.keyPath, 'utf8')]);
  return { cert, key };
}
