import { randomUUID } from 'node:crypto';
import express from 'express';
import { BackgroundWork } from '../../src/bots/slack/background-work.js';
import type { TeamsRender } from '../../src/bots/teams/teams-activity.js';
import { mountTeams, type TeamsEdge } from '../../src/bots/teams/teams-app.js';
import type { ChatContext, InvoiceAction, ReviewAction } from '../../src/bots/views/actions.js';
import type { ChatCore, CommandName } from '../../src/bots/views/chat-core.js';
import type { Reply } from '../../src/bots/views/reply.js';
import type { TeamsConfig } from '../../src/config.js';
import type { Db } from '../../src/db/connection.js';
import { upsertUser } from '../../src/db/repositories/user.repository.js';
import { quietLogger } from './capture-harness.js';
import { BotConnectorFake } from './fakes/bot-connector-fake.js';
import { TeamsIdentityFake } from './fakes/teams-identity-fake.js';
import { listenLocally } from './local-server.js';

/** A stand-in card renderer: enough to see which reply became the card. */
export const testRender: TeamsRender = (reply) => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: `card:${reply.kind}` }] });

/** What a {@link recordingCore} was asked. */
export type CoreCall = { readonly method: 'command'; readonly ctx: ChatContext; readonly name: CommandName; readonly text: string } | { readonly method: 'review'; readonly ctx: ChatContext; readonly action: ReviewAction } | { readonly method: 'invoice'; readonly ctx: ChatContext; readonly action: InvoiceAction };

/** A ChatCore test double for edge tests (auth, routing): records calls and answers `answer(call)`. */
export function recordingCore(answer: (call: CoreCall) => Reply | Promise<Reply> = () => ({ kind: 'text', text: 'ok' })): { core: ChatCore; calls: CoreCall[] } {
  const calls: CoreCall[] = [];
  const run = async (call: CoreCall) => {
    calls.push(call);
    return answer(call);
  };
  return {
    calls,
    core: {
      command: (ctx, name, text) => run({ method: 'command', ctx, name, text }),
      review: (ctx, action) => run({ method: 'review', ctx, action }),
      invoice: (ctx, action) => run({ method: 'invoice', ctx, action }),
    },
  };
}

export interface TeamsHarnessOptions {
  readonly db: Db;
  readonly core: ChatCore;
  /** The card renderer; the real one (src/bots/cards replyCard) when absent. */
  readonly render?: TeamsRender;
  readonly invokeDeadlineMs?: number;
  /** The clock of the edge (the moment each delivery's ChatContext carries). */
  readonly now?: () => Date;
}

export interface PostOptions {
  /** Claims to add or override (undefined values remove a claim). */
  readonly claims?: Record<string, unknown>;
  /** A ready token (forged, HS256, none…) instead of a signed one; null sends no Authorization header. */
  readonly token?: string | null;
}

export interface TeamsHarness {
  readonly url: string;
  readonly config: TeamsConfig;
  readonly identity: TeamsIdentityFake;
  readonly connector: BotConnectorFake;
  readonly edge: TeamsEdge;
  readonly background: BackgroundWork;
  /** The claims of a valid token for this activity (issuer, audience, serviceurl, times). */
  claimsFor(activity: Record<string, unknown>, extra?: Record<string, unknown>): Record<string, unknown>;
  /** POSTs the activity to /api/messages with a valid (or the given) token. */
  signedPost(activity: Record<string, unknown>, options?: PostOptions): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/**
 * Tally's Teams edge on an express app on a free port, with a local OpenID/JWKS authority (our
 * own RSA key) and a fake Bot Connector whose host is the only non-Microsoft host allowed out.
 */
export async function startTeamsHarness(options: TeamsHarnessOptions): Promise<TeamsHarness> {
  const identity = await TeamsIdentityFake.start();
  const connector = await BotConnectorFake.start();
  const config: TeamsConfig = { appId: randomUUID(), appPassword: 'test-password', tenantId: identity.tenantId, appType: 'SingleTenant' };
  const background = new BackgroundWork();
  const app = express();
  const edge = mountTeams(app, {
    config, core: options.core, db: options.db, logger: quietLogger,
    ...(options.render ? { render: options.render } : {}), ...(options.now ? { now: options.now } : {}),
    authority: identity.authority, issuers: [identity.issuer], connectorHosts: ['127.0.0.1'],
    botToken: async () => connector.token, serviceUrl: connector.serviceUrl, background,
    ...(options.invokeDeadlineMs !== undefined ? { invokeDeadlineMs: options.invokeDeadlineMs } : {}),
  });
  app.use((_req, res) => void res.status(404).json({ error: 'not found' }));
  const local = await listenLocally(app);
  const url = local.url;

  const claimsFor = (activity: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = { iss: identity.issuer, aud: config.appId, serviceurl: activity.serviceUrl, iat: now - 10, nbf: now - 10, exp: now + 3600, ...extra };
    return Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined));
  };
  return {
    url, config, identity, connector, edge, background, claimsFor,
    async signedPost(activity, post = {}) {
      const token = post.token === undefined ? identity.sign(claimsFor(activity, post.claims)) : post.token;
      const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) }, body: JSON.stringify(activity) });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body };
    },
    async close() {
      await background.idle();
      await local.close();
      await Promise.all([identity.close(), connector.close()]);
    },
  };
}

/** The parts of an activity Teams always sends, for a 1:1 chat with the given user. */
export function teamsActivity(harness: Pick<TeamsHarness, 'connector' | 'config'>, aadObjectId: string, fields: Record<string, unknown>, conversationType: 'personal' | 'groupChat' | 'channel' = 'personal'): Record<string, unknown> {
  return {
    id: `act-${randomUUID()}`,
    channelId: 'msteams',
    serviceUrl: harness.connector.serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: `29:${aadObjectId}`, aadObjectId, name: 'Someone' },
    recipient: { id: `28:${harness.config.appId}`, name: 'Tally' },
    conversation: { id: conversationType === 'personal' ? `a:dm-${aadObjectId}` : '19:group@thread.v2', conversationType, tenantId: harness.config.tenantId, ...(conversationType === 'personal' ? {} : { isGroup: true }) },
    channelData: { tenant: { id: harness.config.tenantId } },
    ...fields,
  };
}

/** An Action.Execute click on a card (invoke `adaptiveCard/action`). */
export function cardAction(verb: string, data: Record<string, unknown>, replyToId = 'card-1'): Record<string, unknown> {
  return { type: 'invoke', name: 'adaptiveCard/action', replyToId, value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } };
}

/** Adds a lawyer with a Microsoft account (AAD object id) and returns their id. */
export async function seedTeamsUser(db: Db, email: string, aadObjectId: string | null): Promise<number> {
  return db.transaction().execute((tx) =>
    upsertUser(tx, {
      email, name: email.split('@')[0] ?? email, timekeeperId: null, classification: null, roles: ['lawyer'], timezone: 'America/New_York',
      summaryTime: '17:30', summaryDays: [1, 2, 3, 4, 5], slackUserId: null, aadObjectId, sources: ['calendar'], reminders: true, active: true,
    }),
  );
}
