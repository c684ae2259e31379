import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { openDatabase } from '../../src/db/connection.js';
import { listSends } from '../../src/db/repositories/scheduled-send.repository.js';
import { listUsers } from '../../src/db/repositories/user.repository.js';
import { captureIo } from '../support/builders.js';
import { FakeSlackApi } from '../support/fakes/fake-slack-api.js';
import { collect, freePort, ROOT, waitForMatches, waitForOutput } from '../support/processes.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const MINUTE = 60_000;

describe('npm start with Slack configured', () => {
  it('delivers each demo lawyer’s daily card at their summary time (a test clock ×600), once', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'tally-schedule-'));
    cleanups.push(() => rm(cwd, { recursive: true, force: true }));
    const dataDir = join(cwd, '.tally');
    // The demo firm and its week of activity (Mon 2 – Fri 6 Mar 2026), as `npx tally demo` seeds it.
    const { io } = captureIo({ TALLY_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, cwd);
    expect(await runCli(['node', 'tally', 'demo', '--as-of', '2026-03-06'], io)).toBe(0);

    const fake = await FakeSlackApi.start();
    cleanups.push(() => fake.close());
    // Ben and Carla have no Slack id in the firm file: Tally finds them by email.
    fake.addUser({ id: 'U0BEN0001', email: 'ben@arnsley.example' });
    fake.addUser({ id: 'U0CARLA01', email: 'carla@arnsley.example' });

    const port = await freePort();
    // Friday 6 Mar 22:00 UTC: 17:00 in New York, 16:00 Chicago, 22:00 London (Ben's 17:00 has passed), 14:00 Los Angeles.
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, 'src/main.ts')], {
      cwd,
      env: {
        PATH: process.env.PATH, HOME: process.env.HOME, VITEST: 'true', PORT: String(port), TALLY_DATA_DIR: dataDir, LOG_LEVEL: 'debug',
        SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: 'test-signing-secret-8f2c1e', SLACK_API_URL: fake.url, SLACK_SEND_RATE: '20',
        TALLY_TEST_CLOCK: '2026-03-06T22:00:00Z', TALLY_TEST_CLOCK_SPEED: '600', TALLY_TICK_SECONDS: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = collect(child);
    cleanups.push(async () => {
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
    });
    await waitForOutput(child, /scheduled sends on/);
    // Carla's 17:30 in Los Angeles is 01:30 UTC: 3.5 clock hours, about 21 s. Four cards go out.
    await waitForMatches(child, /"kind":"daily_review"[^\n]*scheduled send finished/, 4);
    // Ten more ticks (100 clock minutes) must send nothing more.
    await waitForMatches(child, /scheduler tick/, 10);
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code, output.stderr().slice(-2000)).toBe(0);

    const posts = fake.callsTo('chat.postMessage').filter((c) => c.status === 200);
    expect(posts.map((c) => c.params.channel).sort()).toEqual(['D0ALICE01', 'D0BEN0001', 'D0CARLA01', 'D0ROBERT1']);

    const handle = await openDatabase({ dataDir });
    try {
      const users = new Map((await listUsers(handle.db)).map((u) => [u.id, u]));
      const sends = await listSends(handle.db);
      const cards = sends.filter((s) => s.kind === 'daily_review').map((s) => ({ who: users.get(s.userId)?.email, status: s.status, date: s.localDate, dueAt: s.dueAt.toISOString(), lateMinutes: Math.floor((s.queuedAt.getTime() - s.dueAt.getTime()) / MINUTE) }));
      expect(cards.map(({ lateMinutes: _, ...rest }) => rest).sort((a, b) => a.dueAt.localeCompare(b.dueAt))).toEqual([
        { who: 'ben@arnsley.example', status: 'delivered', date: '2026-03-06', dueAt: '2026-03-06T17:00:00.000Z' },
        { who: 'robert@arnsley.example', status: 'delivered', date: '2026-03-06', dueAt: '2026-03-06T22:30:00.000Z' },
        { who: 'alice@arnsley.example', status: 'delivered', date: '2026-03-06', dueAt: '2026-03-07T00:00:00.000Z' },
        { who: 'carla@arnsley.example', status: 'delivered', date: '2026-03-06', dueAt: '2026-03-07T01:30:00.000Z' },
      ]);
      // Ben's time had passed when the server started: his card went out at once. The others went
      // out at their time, within one tick (10 clock minutes at ×600) and a little start-up.
      for (const card of cards.filter((c) => c.who !== 'ben@arnsley.example')) expect(card.lateMinutes).toBeLessThanOrEqual(20);
    } finally {
      await handle.close();
    }
  });
});
