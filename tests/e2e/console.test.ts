import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, localDateOf } from '../../src/core/dates.js';
import { openDatabase } from '../../src/db/connection.js';
import { listAudit } from '../../src/db/repositories/audit.repository.js';
import { listEntries } from '../../src/db/repositories/time-entry.repository.js';
import { findUserByEmail } from '../../src/db/repositories/user.repository.js';
import { collect, freePort, ROOT, waitForOutput } from '../support/processes.js';

const CHROMIUM = '/usr/bin/chromium';
// Without the background-networking flags Chromium's own connections are refused on these machines.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ROBERT = 'robert@arnsley.example';
const DANA = 'dana@arnsley.example';
const SCREENSHOT = join(ROOT, 'test-output', 'console.png');
const EDITED = 'Revised deposition outline for the Beta witnesses (edited in the console)';

// CI installs Chromium and must run this test; elsewhere a machine without it skips with a reason.
const skipBrowser = !existsSync(CHROMIUM) && process.env.CI !== 'true';
if (skipBrowser) console.warn(`console e2e test skipped: ${CHROMIUM} is missing (apt-get install chromium to run it; CI=true makes it required)`);

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** `npm start` in a fresh folder with none of Tally's variables: console mode, demo firm seeded and captured. */
async function startTally(cwd: string, port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port) };
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, 'src/main.ts')], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  });
  const output = collect(child);
  await waitForOutput(child, /Tally listening on/);
  return { child, output: () => output.stderr() + output.stdout() };
}

/** Clicks a card button and waits until the card (re-rendered in place) shows something else. */
async function clickAndWaitForChange(card: Locator, button: Locator): Promise<string> {
  const before = await card.innerText();
  await button.click();
  await expect.poll(() => card.innerText(), { timeout: 15_000 }).not.toBe(before);
  return card.innerText();
}

describe('the console in a browser', () => {
  it.skipIf(skipBrowser)('approves Robert’s time on his card, then bills Acme as Dana and downloads the LEDES file', async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is required when CI=true`).toBe(true);
    const cwd = await mkdtemp(join(tmpdir(), 'tally-console-'));
    cleanups.push(() => rm(cwd, { recursive: true, force: true }));
    const port = await freePort();
    const { child, output } = await startTally(cwd, port);

    const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    cleanups.push(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1360, height: 940 }, acceptDownloads: true });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`http://127.0.0.1:${String(port)}/`);

    // Robert, a lawyer: his review card of the latest demo day, drawn by the Adaptive Cards renderer.
    await expect.poll(() => page.getByTestId('demo-label').isVisible()).toBe(true);
    const robert = page.getByTestId(`person-${ROBERT}`);
    await robert.click();
    await expect.poll(() => robert.getAttribute('aria-pressed')).toBe('true');
    const review = page.locator('[data-testid="message"][data-reply-kind="daily-review"]');
    await review.first().waitFor();
    expect(await review.count()).toBe(1);
    const card = review.first();
    expect(await card.locator('.ac-adaptiveCard').count()).toBe(1);

    const approved = await clickAndWaitForChange(card, card.getByRole('button', { name: 'Approve', exact: true }).first());
    expect(approved).toContain('✓ ');
    expect(await review.count()).toBe(1); // replaced in place, not appended
    // The README's picture: Robert's card with one entry approved, no button hovered.
    await card.scrollIntoViewIfNeeded();
    await page.mouse.move(0, 0);
    await mkdir(join(ROOT, 'test-output'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    if (process.env.UPDATE_SCREENSHOT === '1') {
      await mkdir(join(ROOT, 'docs'), { recursive: true });
      await copyFile(SCREENSHOT, join(ROOT, 'docs', 'console.png'));
    }

    // Edit opens inline; Save sends the form's values with the button's data.
    await card.getByRole('button', { name: 'Edit', exact: true }).first().click();
    await card.getByRole('textbox', { name: 'Narrative' }).fill(EDITED);
    expect(await clickAndWaitForChange(card, card.getByRole('button', { name: 'Save', exact: true }))).toContain(EDITED);

    const approveAll = card.getByRole('button', { name: /^Approve all/ });
    if ((await approveAll.count()) > 0) await clickAndWaitForChange(card, approveAll.first());

    // Dana, billing: a pre-bill of Acme over the demo week, and its LEDES file.
    await page.getByTestId(`person-${DANA}`).click();
    await page.locator('[data-testid="message"][data-reply-kind="text"]').first().waitFor();
    const today = localDateOf(new Date(), 'UTC');
    const input = page.getByTestId('command-input');
    await input.fill(`/invoice acme ${addDays(today, -13)} to ${today}`);
    await input.press('Enter');
    const preBill = page.locator('[data-testid="message"][data-reply-kind="pre-bill"]').first();
    await preBill.waitFor();
    await preBill.getByRole('button', { name: 'LEDES', exact: true }).first().click();
    const link = page.locator('[data-testid="message"][data-reply-kind="files"]').getByTestId('file-link').first();
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const ledes = await readFile(await download.path(), 'utf8');
    const [first, second] = ledes.split('\n');
    expect(first).toBe('LEDES1998B[]');
    expect(second).toMatch(/^INVOICE_DATE\|INVOICE_NUMBER\|CLIENT_ID\|/);
    expect(pageErrors).toEqual([]);
    await browser.close();

    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code, output()).toBe(0);

    // The clicks changed the database, through the console, as Robert.
    const database = await openDatabase({ dataDir: join(cwd, '.tally') });
    cleanups.push(() => database.close());
    const user = await findUserByEmail(database.db, ROBERT);
    const entries = await listEntries(database.db, { userId: user?.id ?? -1, status: 'approved' });
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.map((e) => e.narrative)).toContain(EDITED);
    const audit = await listAudit(database.db, { entityType: 'time_entry', action: 'entry.approved' });
    for (const entry of entries) {
      expect(audit.filter((row) => row.entityId === entry.id).map((row) => [row.actor.userId, row.actor.via])).toContainEqual([user?.id, 'console']);
    }
  }, 180_000);
});
