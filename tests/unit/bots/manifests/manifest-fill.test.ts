import { describe, expect, it } from 'vitest';
import { buildManifestFiles, OUTPUT_PATHS } from '../../../../src/bots/manifests/manifest-package.js';
import { fillTemplate, parseAppId, parsePublicUrl } from '../../../../src/bots/manifests/manifest-fill.js';
import { AppError } from '../../../../src/core/errors.js';
import { readZip } from './readers.js';

const APP_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const NOW = new Date('2026-11-29T15:00:00Z');
const SOURCES = {
  slackTemplate: 'url: "{{PUBLIC_URL}}/slack/events"\n',
  teamsTemplate: '{"id":"{{MICROSOFT_APP_ID}}","validDomains":["{{PUBLIC_HOST}}"],"icons":{"color":"color.png","outline":"outline.png"}}',
  colorPng: Buffer.from('color'),
  outlinePng: Buffer.from('outline'),
};

function userError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError && error.isUserError) return error.message;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parsePublicUrl', () => {
  it.each([
    ['https://tally.firm.example', 'https://tally.firm.example', 'tally.firm.example'],
    ['https://tally.firm.example/', 'https://tally.firm.example', 'tally.firm.example'],
    ['  https://Firm.Example:8443/tally/  ', 'https://firm.example:8443/tally', 'firm.example'],
    ['http://localhost:3978', 'http://localhost:3978', 'localhost'],
  ])('accepts %j as %s (host %s)', (raw, url, host) => {
    expect(parsePublicUrl(raw)).toEqual({ url, host });
  });

  it.each([
    ['http://example.com', /must start with https:\/\/.*not "http:\/\/example\.com"/],
    ['http://127.0.0.1:3978', /must start with https:\/\//],
    ['ftp://firm.example', /must start with https:\/\//],
    ['tally.firm.example', /is not a URL/],
    ['https://user:pw@firm.example', /without credentials, query or fragment/],
    ['https://firm.example/?a=1', /without credentials, query or fragment/],
  ])('refuses %j with a message naming the problem', (raw, message) => {
    expect(userError(() => parsePublicUrl(raw))).toMatch(message);
  });
});

describe('parseAppId and fillTemplate', () => {
  it('accepts a GUID as given and refuses anything else, naming where it came from', () => {
    expect(parseAppId(` ${APP_ID.toUpperCase()} `, '--app-id')).toBe(APP_ID.toUpperCase());
    expect(userError(() => parseAppId('my-bot', 'MICROSOFT_APP_ID'))).toMatch(/^MICROSOFT_APP_ID must be the bot's Microsoft app id/);
  });

  it('fills every placeholder and refuses one without a value', () => {
    expect(fillTemplate('{{A}}-{{B_2}}-{{A}} {{lower}}', { A: 'x', B_2: 'y' })).toBe('x-y-x {{lower}}');
    expect(() => fillTemplate('{{MISSING}}', {})).toThrow(/\{\{MISSING\}\} has no value/);
  });
});

describe('buildManifestFiles', () => {
  const publicUrl = parsePublicUrl('https://tally.firm.example');

  it('fills both manifests and packs manifest.json and both icons at the zip root', () => {
    const files = buildManifestFiles(SOURCES, { publicUrl, appId: APP_ID, now: NOW });
    expect(files.map((f) => f.path)).toEqual(Object.values(OUTPUT_PATHS));
    const byPath = new Map(files.map((f) => [f.path, f.data]));
    expect(byPath.get(OUTPUT_PATHS.slackManifest)?.toString()).toBe('url: "https://tally.firm.example/slack/events"\n');
    const teams = JSON.parse(byPath.get(OUTPUT_PATHS.teamsManifest)?.toString() ?? '') as unknown;
    expect(teams).toMatchObject({ id: APP_ID, validDomains: ['tally.firm.example'] });
    const zip = readZip(byPath.get(OUTPUT_PATHS.teamsZip) ?? Buffer.alloc(0));
    expect(zip.map((e) => [e.name, e.data.toString()])).toEqual([
      ['manifest.json', byPath.get(OUTPUT_PATHS.teamsManifest)?.toString()],
      ['color.png', 'color'],
      ['outline.png', 'outline'],
    ]);
  });

  it('writes only the Slack manifest without a Teams app id', () => {
    expect(buildManifestFiles(SOURCES, { publicUrl, appId: null, now: NOW }).map((f) => f.path)).toEqual([OUTPUT_PATHS.slackManifest]);
  });
});
