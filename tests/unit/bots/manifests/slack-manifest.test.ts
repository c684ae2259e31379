import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CHAT_COMMANDS, SLACK_BOT_EVENTS, SLACK_BOT_SCOPES } from '../../../../src/bots/manifests/commands.js';
import { placeholdersOf } from '../../../../src/bots/manifests/manifest-fill.js';
import { MANIFESTS_DIR } from '../../../../src/cli/manifests.command.js';

interface SlackManifest {
  features: {
    app_home: { messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    bot_user: { display_name: string };
    slash_commands: { command: string; url: string; description: string; usage_hint: string }[];
  };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[]; user_events?: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

const TEMPLATE = readFileSync(join(MANIFESTS_DIR, 'slack', 'manifest.yml'), 'utf8');
const manifest = parse(TEMPLATE) as SlackManifest;
const ENDPOINT = '{{PUBLIC_URL}}/slack/events';
/** The scopes issue 5 allows; anything beyond them must be one of the justified extras. */
const ISSUE_SCOPES = ['chat:write', 'commands', 'im:write', 'users:read', 'users:read.email', 'channels:history'];
const JUSTIFIED_EXTRAS = ['im:history', 'files:write'];

describe('manifests/slack/manifest.yml', () => {
  it('asks for exactly the allowed bot scopes and no user scopes', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(Object.keys(SLACK_BOT_SCOPES));
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...ISSUE_SCOPES, ...JUSTIFIED_EXTRAS].sort());
  });

  it.each(Object.keys(SLACK_BOT_SCOPES))('says in a comment why it needs %s', (scope) => {
    expect(TEMPLATE).toMatch(new RegExp(`^\\s+- ${scope.replace('.', '\\.')}\\s+# \\S`, 'm'));
  });

  it('explains files:write by the external upload calls', () => {
    expect(TEMPLATE).toMatch(/- files:write\s+#.*files\.getUploadURLExternal.*files\.completeUploadExternal/);
  });

  it('subscribes to channel and DM messages only, at the signed endpoint', () => {
    expect(manifest.settings.event_subscriptions).toEqual({ request_url: ENDPOINT, bot_events: [...SLACK_BOT_EVENTS] });
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: ENDPOINT });
    expect(manifest.settings).toMatchObject({ socket_mode_enabled: false, token_rotation_enabled: false });
  });

  it('declares exactly the chat commands as slash commands, each with a usage hint', () => {
    const commands = manifest.features.slash_commands;
    expect(commands.map((c) => c.command)).toEqual(CHAT_COMMANDS.map((name) => `/${name}`));
    for (const command of commands) {
      expect(command.url).toBe(ENDPOINT);
      expect(command.usage_hint.length).toBeGreaterThan(0);
      expect(command.description.length).toBeGreaterThan(0);
    }
  });

  it('lets people write to the bot in its DM (the Messages tab)', () => {
    expect(manifest.features.app_home).toMatchObject({ messages_tab_enabled: true, messages_tab_read_only_enabled: false });
    expect(placeholdersOf(TEMPLATE)).toEqual(['PUBLIC_URL']);
  });
});
