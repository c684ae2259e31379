import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHAT_COMMANDS } from '../../../../src/bots/manifests/commands.js';
import { ACCENT_COLOR } from '../../../../src/bots/manifests/icons.js';
import { placeholdersOf } from '../../../../src/bots/manifests/manifest-fill.js';
import { MANIFESTS_DIR } from '../../../../src/cli/manifests.command.js';

interface TeamsCommand {
  title: string;
  description: string;
}
interface TeamsManifest {
  $schema: string;
  manifestVersion: string;
  id: string;
  version: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  name: { short: string; full: string };
  description: { short: string; full: string };
  icons: { color: string; outline: string };
  accentColor: string;
  bots: { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: TeamsCommand[] }[] }[];
  validDomains: string[];
}

const TEMPLATE = readFileSync(join(MANIFESTS_DIR, 'teams', 'manifest.json'), 'utf8');
const manifest = JSON.parse(TEMPLATE) as TeamsManifest;
const bot = manifest.bots[0];

describe('manifests/teams/manifest.json', () => {
  it('has every field the Teams schema requires', () => {
    for (const key of ['manifestVersion', 'id', 'version', 'developer', 'name', 'description', 'icons', 'accentColor'] as const) expect(manifest[key], key).toBeTruthy();
    expect(Object.keys(manifest.developer).sort()).toEqual(['name', 'privacyUrl', 'termsOfUseUrl', 'websiteUrl']);
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.accentColor).toBe(ACCENT_COLOR);
  });

  it('targets one current schema: manifestVersion matches the $schema address (1.30, August 2026)', () => {
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
    expect(Number(manifest.manifestVersion.split('.')[1])).toBeGreaterThanOrEqual(30);
  });

  it('is a personal-scope bot whose app id and bot id are the Microsoft app id', () => {
    expect(manifest.id).toBe('{{MICROSOFT_APP_ID}}');
    expect(bot?.botId).toBe('{{MICROSOFT_APP_ID}}');
    expect(bot?.scopes).toEqual(['personal']);
    expect(bot?.commandLists.map((list) => list.scopes)).toEqual([['personal']]);
  });

  it('lists commands whose first word is exactly the declared chat commands', () => {
    const titles = bot?.commandLists.flatMap((list) => list.commands.map((c) => c.title)) ?? [];
    expect([...new Set(titles.map((t) => t.split(' ')[0]))].sort()).toEqual([...CHAT_COMMANDS].sort());
    expect(titles).toEqual(expect.arrayContaining(['tally help', 'tally summary']));
  });

  it('uses the icons of its folder and the public host as its only valid domain', () => {
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(manifest.validDomains).toEqual(['{{PUBLIC_HOST}}']);
    expect(placeholdersOf(TEMPLATE).sort()).toEqual(['MICROSOFT_APP_ID', 'PUBLIC_HOST', 'PUBLIC_URL']);
  });

  it.each([
    ['name.short', 30, () => manifest.name.short],
    ['name.full', 100, () => manifest.name.full],
    ['description.short', 80, () => manifest.description.short],
    ['description.full', 4000, () => manifest.description.full],
    ['developer.name', 32, () => manifest.developer.name],
  ])('keeps %s within %i characters', (_field, max, value) => {
    expect(value().length).toBeGreaterThan(0);
    expect(value().length).toBeLessThanOrEqual(max);
  });

  it('keeps command titles within 32 and descriptions within 128 characters', () => {
    for (const command of bot?.commandLists.flatMap((l) => l.commands) ?? []) {
      expect(command.title.length, command.title).toBeLessThanOrEqual(32);
      expect(command.description.length, command.title).toBeLessThanOrEqual(128);
    }
  });
});
