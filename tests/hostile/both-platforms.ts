import { randomUUID } from 'node:crypto';
import { BackgroundWork } from '../../src/bots/slack/background-work.js';
import type { SlackEdge } from '../../src/bots/slack/slack-app.js';
import type { TeamsEdge } from '../../src/bots/teams/teams-app.js';
import { loadConfig } from '../../src/config.js';
import type { Logger } from '../../src/core/logger.js';
import { createApp } from '../../src/server.js';
import { BotConnectorFake } from '../support/fakes/bot-connector-fake.js';
import type { FakeSlackApi } from '../support/fakes/fake-slack-api.js';
import { TeamsIdentityFake } from '../support/fakes/teams-identity-fake.js';
import { listenLocally } from '../support/local-server.js';
import { recordingLogger, type LogEntry } from '../support/slack-harness.js';
import type { TestDatabase } from '../support/test-database.js';

/** The secrets a both-platforms Tally runs with: none of them may end up in a log or a table. */
export const SECRETS = {
  slackBotToken: 'xoxb-4471-hostile-bot-token-9c1d',
  slackSigningSecret: 'hostile-signing-secret-5e0a7c3b',
  teamsAppPassword: 'hostile-teams-app-password-3f81~Q',
  botConnectorToken: 'hostile-bot-connector-token-b7e2',
  tallySecretKey: 'hostile-tally-secret-key-0123456789abcdef',
} as const;

export interface BothPlatforms {
  readonly url: string;
  readonly logs: LogEntry[];
  /** The server's logger, for work the test runs beside it (capture, scheduled sends). */
  readonly logger: Logger;
  readonly background: BackgroundWork;
  readonly slackEdge: SlackEdge;
  readonly teamsEdge: TeamsEdge;
  readonly identity: TeamsIdentityFake;
  readonly connector: BotConnectorFake;
  readonly appId: string;
  readonly tenantId: string;
  /** Every inbound Teams token this run signed (a JWT each): none may be stored or logged. */
  readonly teamsTokens: string[];
  /** POSTs a Teams activity to /api/messages with a valid token (or the raw body, for malformed JSON). */
  teamsPost(activity: Record<string, unknown>, rawBody?: string): Promise<{ status: number; body: string }>;
  /** The parts of an activity Teams always sends, from `aadObjectId`, in a 1:1 chat or a group chat. */
  teamsActivity(aadObjectId: string, fields: Record<string, unknown>, conversation?: 'personal' | 'groupChat'): Record<string, unknown>;
  close(): Promise<void>;
}

/**
 * The real server (createApp) with Slack and Teams both configured — Slack against the fake Web
 * API, Teams against a local OpenID authority and a fake Bot Connector — and a recording logger,
 * as production runs it: one process, one chat core, one log. `secretKey: null` runs without
 * TALLY_SECRET_KEY.
 */
export async function startBothPlatforms(database: TestDatabase, slack: FakeSlackApi, options: { secretKey?: string | null } = {}): Promise<BothPlatforms> {
  const identity = await TeamsIdentityFake.start();
  const connector = await BotConnectorFake.start(SECRETS.botConnectorToken);
  const appId = randomUUID();
  const secretKey = options.secretKey === undefined ? SECRETS.tallySecretKey : options.secretKey;
  const config = loadConfig({
    SLACK_BOT_TOKEN: SECRETS.slackBotToken, SLACK_SIGNING_SECRET: SECRETS.slackSigningSecret, SLACK_API_URL: slack.url,
    MICROSOFT_APP_ID: appId, MICROSOFT_APP_PASSWORD: SECRETS.teamsAppPassword, MICROSOFT_APP_TENANT_ID: identity.tenantId,
    ...(secretKey ? { TALLY_SECRET_KEY: secretKey } : {}), PUBLIC_URL: 'https://tally.test.example', LOG_LEVEL: 'silent',
  });
  const { logger, entries } = recordingLogger();
  const background = new BackgroundWork();
  const mounted: { slack?: SlackEdge; teams?: TeamsEdge } = {};
  const app = createApp({
    config, database: database.handle, logger, background,
    slack: { mounted: (edge) => (mounted.slack = edge) },
    teams: {
      authority: identity.authority, issuers: [identity.issuer], connectorHosts: ['127.0.0.1'], serviceUrl: connector.serviceUrl,
      botToken: async () => connector.token, invokeDeadlineMs: 10_000, mounted: (edge) => (mounted.teams = edge),
    },
  });
  if (!mounted.slack || !mounted.teams) throw new Error('both platforms should be mounted');
  await mounted.slack.ready();
  const local = await listenLocally(app);
  const teamsTokens: string[] = [];

  const teamsActivity: BothPlatforms['teamsActivity'] = (aadObjectId, fields, conversation = 'personal') => ({
    id: `act-${randomUUID()}`,
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: `29:${aadObjectId}`, aadObjectId, name: 'Someone' },
    recipient: { id: `28:${appId}`, name: 'Tally' },
    conversation: conversation === 'personal' ? { id: `a:dm-${aadObjectId}`, conversationType: 'personal', tenantId: identity.tenantId } : { id: '19:group@thread.v2', conversationType: 'groupChat', tenantId: identity.tenantId, isGroup: true },
    channelData: { tenant: { id: identity.tenantId } },
    ...fields,
  });

  return {
    url: local.url, logs: entries, logger, background, slackEdge: mounted.slack, teamsEdge: mounted.teams, identity, connector, appId, tenantId: identity.tenantId, teamsTokens, teamsActivity,
    async teamsPost(activity, rawBody) {
      const at = Math.floor(Date.now() / 1000);
      const token = identity.sign({ iss: identity.issuer, aud: appId, serviceurl: connector.serviceUrl, iat: at - 10, nbf: at - 10, exp: at + 3600 });
      teamsTokens.push(token);
      const res = await fetch(`${local.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: rawBody ?? JSON.stringify(activity) });
      return { status: res.status, body: await res.text() };
    },
    async close() {
      await background.idle();
      await local.close();
      await Promise.all([identity.close(), connector.close()]);
    },
  };
}

/** A log line as text, errors with their message and stack (a logged Error must not hide what it quotes). */
export function logText(entry: LogEntry): string {
  return JSON.stringify(entry, (_key, value: unknown) => (value instanceof Error ? { name: value.name, message: value.message, stack: value.stack, cause: value.cause } : value));
}
