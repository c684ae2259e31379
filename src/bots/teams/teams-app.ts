import { CloudAdapter, OutboundHostValidator, type AuthProvider, type Connections } from '@microsoft/agents-hosting';
import express, { Router, type Express, type Request, type RequestHandler, type Response } from 'express';
import type { TeamsConfig } from '../../config.js';
import { AppError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Db } from '../../db/connection.js';
import { replyCard } from '../cards/reply.card.js';
import { BackgroundWork } from '../slack/background-work.js';
import type { ChatCore } from '../views/chat-core.js';
import type { TeamsRender } from './teams-activity.js';
import { requireServiceUrlClaim, teamsAuthConfiguration, type TeamsAuthOverrides } from './teams-auth.js';
import { TeamsMessenger } from './teams-messenger.js';
import { errorName, handleTeamsTurn } from './teams-turn.js';

/** Where Teams (the Bot Framework) posts activities: DESIGN.md "HTTP". */
export const TEAMS_MESSAGES_PATH = '/api/messages';
/** Teams' global Bot Connector endpoint, for a first DM to someone with no saved chat. */
export const TEAMS_DEFAULT_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';

export interface TeamsEdgeOptions extends TeamsAuthOverrides {
  readonly config: TeamsConfig;
  readonly core: ChatCore;
  readonly db: Db;
  readonly logger: Logger;
  /** The Adaptive Card renderer; the cards' own {@link replyCard} when absent. */
  readonly render?: TeamsRender;
  /** Hosts the bot's token may be sent to besides Microsoft's (tests: the fake Bot Connector's host). */
  readonly connectorHosts?: readonly string[];
  /** The bot's outbound token; the SDK's MSAL client (app password or managed identity) when absent. */
  readonly botToken?: (scope: string) => Promise<string>;
  readonly serviceUrl?: string;
  readonly now?: () => Date;
  readonly background?: BackgroundWork;
  readonly invokeDeadlineMs?: number;
}

/** The mounted Teams edge. */
export interface TeamsEdge {
  readonly adapter: CloudAdapter;
  readonly messenger: TeamsMessenger;
}

/**
 * Mounts Teams at POST /api/messages on Tally's one express app. Every request passes, in order:
 * the SDK's JWT check (RS256 from the issuer's JWKS, 300 s skew, `aud` = app id, issuer in the
 * list), a 256 KB JSON body, our check that the token's `serviceurl` names the activity's
 * serviceUrl (401), then the CloudAdapter (serviceUrl host allow-list, validateServiceUrl) and
 * the turn. A rejected request never reaches the adapter, so it causes no outbound call.
 * Refuses to start without an app id: the SDK would then accept anonymous requests.
 */
export function mountTeams(app: Express, options: TeamsEdgeOptions): TeamsEdge {
  const { config, logger } = options;
  if (!config.appId.trim()) throw new AppError('INVALID_CONFIG', 'MICROSOFT_APP_ID is empty: Teams requests could not be verified');
  if (!config.tenantId.trim()) throw new AppError('INVALID_CONFIG', 'MICROSOFT_APP_TENANT_ID is empty');
  const hosts = new OutboundHostValidator({ enabled: true, includeDefaultMicrosoftHosts: true, hosts: [...(options.connectorHosts ?? [])] });
  const adapter = new CloudAdapter(teamsAuthConfiguration(config, options), undefined, undefined, { validateServiceUrl: true, emitStackTrace: false }, hosts);
  if (options.botToken) adapter.connectionManager = fixedTokenConnections(adapter.connectionManager, options.botToken);
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: errorName(error), activityId: context.activity.id, type: context.activity.type }, 'teams: turn failed');
  };

  const now = options.now ?? (() => new Date());
  const render = options.render ?? replyCard;
  const deps = { adapter, appId: config.appId, core: options.core, db: options.db, logger, render, now, background: options.background ?? new BackgroundWork(), invokeDeadlineMs: options.invokeDeadlineMs ?? 4000 };
  const authorize: RequestHandler = (req, res, next) => adapter.authorizeRequest(req as never, res as never, next);
  const router = Router();
  router.post(TEAMS_MESSAGES_PATH, authorize, express.json({ limit: '256kb' }), requireServiceUrlClaim(), async (req: Request, res: Response) => {
    try {
      await adapter.process(req as never, res as never, (context) => handleTeamsTurn(context, deps));
    } catch (error) {
      logger.error({ err: errorName(error) }, 'teams: request failed');
      if (!res.headersSent) res.status(500).json({ error: 'internal error' });
    }
  });
  app.use(router);

  const messenger = new TeamsMessenger({ adapter, appId: config.appId, tenantId: config.tenantId, db: options.db, logger, render, serviceUrl: options.serviceUrl ?? TEAMS_DEFAULT_SERVICE_URL, now });
  return { adapter, messenger };
}

/** The SDK's connection manager with every token provider's getAccessToken replaced (tests: no Entra). */
function fixedTokenConnections(inner: Connections, token: (scope: string) => Promise<string>): Connections {
  const wrap = (provider: AuthProvider): AuthProvider =>
    Object.assign(Object.create(provider) as AuthProvider, {
      getAccessToken: (a: unknown, b?: string) => token(typeof a === 'string' ? a : (b ?? '')),
    });
  return {
    getConnection: (name) => wrap(inner.getConnection(name)),
    getDefaultConnection: () => wrap(inner.getDefaultConnection()),
    getTokenProvider: (identity, serviceUrl) => wrap(inner.getTokenProvider(identity, serviceUrl)),
    getTokenProviderFromActivity: (identity, activity) => wrap(inner.getTokenProviderFromActivity(identity, activity)),
    getDefaultConnectionConfiguration: () => inner.getDefaultConnectionConfiguration(),
  };
}
