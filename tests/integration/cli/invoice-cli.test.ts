import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listEntries } from '../../../src/db/repositories/time-entry.repository.js';
import { parseLedes } from '../../support/ledes-parser.js';
import { databaseKinds, useCliDatabase } from '../../support/test-database.js';
import { cliRunner } from '../../support/cli-runner.js';

const WEEK = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];
const LAWYERS = ['robert', 'alice', 'ben', 'carla'].map((n) => `${n}@arnsley.example`);
/** Each scenario runs 28 CLI commands, each opening the database anew as a user's shell would. */
const SCENARIO = 120_000;

describe.each(databaseKinds())('tally invoice and tally approve on %s', (kind) => {
  const t = useCliDatabase(kind);
  const run = cliRunner(() => t.current.env, () => new Date('2026-11-29T15:00:00Z'));

  /** Runs a command that must succeed; a failure shows what it printed. */
  async function ok(...args: string[]) {
    const result = await run(...args);
    expect(result.code, `tally ${args.join(' ')}: ${result.stderr}`).toBe(0);
    return result;
  }

  async function demoWeekApproved() {
    await ok('demo', '--as-of', '2026-11-27');
    for (const date of WEEK) await ok('capture', '--date', date);
    for (const date of WEEK) for (const user of LAWYERS) await ok('approve', '--user', user, '--date', date, '--with-warnings');
  }

  it('demo, capture and approve a week, then finalize Acme into a valid LEDES file; a second finalize bills nothing', async () => {
    await demoWeekApproved();
    const dir = await mkdtemp(join(tmpdir(), 'tally-ledes-'));
    const out = join(dir, 'acme.txt');
    const first = await run('invoice', 'acme', 'this', 'month', '--format', 'ledes', '--out', out, '--finalize', '--as-of', '2026-11-29');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Acme Corp — November 2026 — invoices\nACME-001 Acme v\. Beta Industries: [\d.]+ h, \$[\d,.]+ \(invoice 2026-0001\)/);
    expect(first.stdout).toContain(`wrote ${out}`);
    const ledes = parseLedes(await readFile(out, 'utf8'));
    expect(ledes.problems).toEqual([]);
    expect(ledes.invoices.map((i) => i.number)).toEqual(['2026-0001', '2026-0002']);
    const billed = await t.current.inspect((db) => listEntries(db, { status: 'billed' }));
    expect(billed.length).toBeGreaterThan(0);

    const second = await run('invoice', 'acme', 'november', '--finalize', '--as-of', '2026-11-29');
    expect(second).toMatchObject({ code: 0, stdout: 'Acme Corp — November 2026 — pre-bill\nnothing to invoice: no approved, unbilled time for Acme Corp in November 2026\n' });
    expect(await t.current.inspect((db) => listEntries(db, { status: 'billed' }))).toHaveLength(billed.length);
  }, SCENARIO);

  it('prints a pre-bill, its JSON on stdout, and voids an issued invoice', async () => {
    await demoWeekApproved();
    const prebill = await run('invoice', 'globex', 'november', '--as-of', '2026-11-29');
    expect(prebill.code).toBe(0);
    expect(prebill.stdout).toContain('GLOBEX-001 Globex \'882 patent dispute');
    expect(prebill.stdout).toContain('(pre-bill)');
    const json = await run('invoice', 'globex', 'november', '--format', 'json', '--as-of', '2026-11-29');
    const parsed = JSON.parse(json.stdout) as { period: { start: string; end: string }; invoices: { totalCents: number; lines: unknown[] }[] };
    expect(parsed.period).toMatchObject({ start: '2026-11-01', end: '2026-11-30' });
    expect(parsed.invoices[0]?.lines.length).toBeGreaterThan(0);
    expect(json.stderr).toContain('Globex Corporation — November 2026 — pre-bill');

    expect((await run('invoice', 'globex', 'november', '--finalize', '--as-of', '2026-11-29')).code).toBe(0);
    const voided = await run('invoice', 'void', '2026-0001', '--reason', 'Sent to the wrong client contact');
    expect(voided).toMatchObject({ code: 0, stdout: expect.stringMatching(/^voided 2026-0001: \d+ entries are approved again/) });
    const again = await run('invoice', 'globex', 'november', '--finalize', '--as-of', '2026-11-29');
    expect(again.stdout).toContain('(invoice 2026-0002)');
  }, SCENARIO);

  it.each([
    [['invoice', 'acmee', 'march'], 'tally: unknown client "acmee" — did you mean ACME (Acme Corp)?\n'],
    [['invoice', 'acme', 'marhc'], 'tally: unknown period "marhc" — did you mean "march"?\n'],
    [['invoice', 'acme', 'march', '--format', 'docx'], 'tally: unknown format "docx" — use one of pdf, ledes, csv, json\n'],
    [['invoice', 'acme', 'march', '--format', 'pdf'], 'tally: a PDF is binary: give --out FILE.pdf\n'],
    [['invoice', 'acme', 'march', '--as', 'alice@arnsley.example'], 'tally: preparing invoices needs the billing or admin role\n'],
    [['invoice', 'nobody', 'march', '--as', 'alice@arnsley.example'], 'tally: preparing invoices needs the billing or admin role\n'],
    [['invoice', 'void', '2026-0099', '--reason', 'x'], 'tally: no invoice numbered "2026-0099"\n'],
    [['invoice', 'void', '2026-0099'], 'tally: --reason is required to void an invoice\n'],
    [['approve', '--user', 'robert@arnsley.example', '--date', 'today', '--as', 'alice@arnsley.example'], 'tally: you may approve only your own time, or time of a person you are a delegate for\n'],
  ])('exits 1 with one line for %j', async (args, message) => {
    await run('demo', '--as-of', '2026-11-27');
    expect(await run(...args)).toEqual({ code: 1, stdout: '', stderr: message });
  });
});
