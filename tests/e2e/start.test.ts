import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collect, freePort, ROOT, waitForOutput } from '../support/processes.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** `npm start` runs `node --import tsx src/main.ts`; from another folder tsx must be named by path. */
function startTally(cwd: string, env: Record<string, string>) {
  return spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, 'src/main.ts')], { cwd, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The environment of a fresh machine: none of Tally's variables set. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  return { ...env, ...extra };
}

describe('npm start', () => {
  it('with no environment creates ./.tally, seeds the demo firm, answers /healthz and stops cleanly on SIGTERM', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'tally-start-'));
    dirs.push(cwd);
    const port = await freePort();
    // A fresh working directory stands in for a fresh clone: ./.tally must appear in it.
    const child = startTally(cwd, { PORT: String(port) });
    const output = collect(child);
    await waitForOutput(child, /Tally listening on/);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'pglite', mode: 'console' });
    expect(existsSync(join(cwd, '.tally', 'PG_VERSION'))).toBe(true);
    expect(output.stderr()).toContain('seeded the demo firm');
    const missing = await fetch(`http://127.0.0.1:${port}/nowhere`);
    expect(missing.status).toBe(404);
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('refuses to start with half a platform, naming the missing variable', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'tally-start-'));
    dirs.push(cwd);
    const child = startTally(cwd, { SLACK_BOT_TOKEN: 'xoxb-test' });
    const output = collect(child);
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(output.stderr()).toContain('SLACK_SIGNING_SECRET is missing');
    expect(existsSync(join(cwd, '.tally'))).toBe(false);
  });

  it('refuses TEST_MODE outside the test runner', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'tally-start-'));
    dirs.push(cwd);
    const child = startTally(cwd, { TEST_MODE: 'true' });
    const output = collect(child);
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(output.stderr()).toContain('TEST_MODE is set');
  });
});
