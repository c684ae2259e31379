import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../../../src/cli.js';
import { captureIo } from '../../support/builders.js';
import { readPng, readZip } from '../../unit/bots/manifests/readers.js';

const APP_ID = '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b';

async function run(env: Record<string, string | undefined>, ...args: string[]) {
  const cwd = await mkdtemp(join(tmpdir(), 'tally-manifests-'));
  const cap = captureIo(env, cwd);
  const code = await runCli(['node', 'tally', 'manifests', ...args], cap.io);
  return { code, cwd, stdout: cap.stdout(), stderr: cap.stderr() };
}

async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('tally manifests', () => {
  it('writes the filled Slack and Teams manifests and a Teams zip holding manifest.json and both icons', async () => {
    const result = await run({ MICROSOFT_APP_ID: APP_ID }, '--public-url', 'https://tally.firm.example/', '--out', 'out');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('wrote out/tally-teams.zip\n');
    expect(result.stdout).toContain('Teams: upload out/tally-teams.zip in the Teams admin center');
    const out = join(result.cwd, 'out');
    expect(await filesUnder(out)).toEqual(['slack/manifest.yml', 'tally-teams.zip', 'teams/color.png', 'teams/manifest.json', 'teams/outline.png']);

    const slackText = await readFile(join(out, 'slack', 'manifest.yml'), 'utf8');
    expect(slackText).not.toContain('{{');
    const slack = parse(slackText) as { settings: { event_subscriptions: { request_url: string } }; features: { slash_commands: { url: string }[] } };
    expect(slack.settings.event_subscriptions.request_url).toBe('https://tally.firm.example/slack/events');
    expect(new Set(slack.features.slash_commands.map((c) => c.url))).toEqual(new Set(['https://tally.firm.example/slack/events']));

    const zip = readZip(await readFile(join(out, 'tally-teams.zip')));
    expect(zip.map((e) => e.name)).toEqual(['manifest.json', 'color.png', 'outline.png']);
    expect(zip.every((e) => e.crcValid)).toBe(true);
    const teamsText = zip[0]?.data.toString('utf8') ?? '';
    expect(teamsText).toBe(await readFile(join(out, 'teams', 'manifest.json'), 'utf8'));
    expect(teamsText).not.toContain('{{');
    expect(JSON.parse(teamsText)).toMatchObject({ id: APP_ID, bots: [{ botId: APP_ID }], validDomains: ['tally.firm.example'], developer: { websiteUrl: 'https://tally.firm.example/' } });
    expect(zip.slice(1).map((e) => readPng(e.data)).map((p) => [p.width, p.height, p.colorType])).toEqual([
      [192, 192, 6],
      [32, 32, 6],
    ]);
  });

  it('takes the address from PUBLIC_URL and the app id from --app-id, and reports as JSON', async () => {
    const result = await run({ PUBLIC_URL: 'http://localhost:3978' }, '--app-id', APP_ID, '--out', 'pkg', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { publicUrl: string; teams: string; files: string[] };
    expect(report).toMatchObject({ publicUrl: 'http://localhost:3978', teams: 'written' });
    expect(report.files).toHaveLength(5);
  });

  it('writes only the Slack manifest when no Teams app id is known, and says how to get the zip', async () => {
    const result = await run({}, '--public-url', 'https://tally.firm.example', '--out', 'slack-only');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Teams: skipped, no app id (set MICROSOFT_APP_ID or pass --app-id');
    expect(await filesUnder(join(result.cwd, 'slack-only'))).toEqual(['slack/manifest.yml']);
  });

  it.each([
    [['--public-url', 'http://example.com'], { MICROSOFT_APP_ID: APP_ID }, 'tally: --public-url must start with https:// (Slack and Teams only call https addresses; http is accepted only for http://localhost), not "http://example.com"\n'],
    [[], {}, 'tally: give --public-url (or set PUBLIC_URL): the https address Slack and Teams reach Tally at\n'],
    [['--public-url', 'https://tally.firm.example', '--app-id', 'tally-bot'], {}, 'tally: --app-id must be the bot\'s Microsoft app id (a GUID such as 00000000-0000-0000-0000-000000000000), not "tally-bot"\n'],
  ])('refuses %j with one line, exit 1 and nothing written', async (args, env, message) => {
    const result = await run(env, ...args, '--out', 'out');
    expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({ code: 1, stdout: '', stderr: message });
    expect(await readdir(result.cwd)).toEqual([]);
  });

  it('has --help like every command', async () => {
    const result = await run({}, '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: tally manifests \[options\]/);
    expect(result.stdout).toContain('--public-url <url>');
  });
});
