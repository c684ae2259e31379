import express, { type ErrorRequestHandler, type Express } from 'express';
import { BackgroundWork } from './bots/slack/background-work.js';
import { replyCard } from './bots/cards/reply.card.js';
import { createChatCore } from './bots/chat/chat-core.service.js';
import { mountConsole } from './bots/console/console-app.js';
import { mountSlack, type SlackEdge, type SlackEdgeOptions } from './bots/slack/slack-app.js';
import { mountTeams, type TeamsEdge, type TeamsEdgeOptions } from './bots/teams/teams-app.js';
import type { ChatCore } from './bots/views/chat-core.js';
import type { Config } from './config.js';
import { errorFields, type Logger } from './core/logger.js';
import type { DatabaseHandle } from './db/connection.js';
import { mountFiles } from './http/files.route.js';

export interface ServerDeps {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly logger: Logger;
  /** Work done after a delivery is acknowledged (Slack events): main waits for it on shutdown, tests await it. */
  readonly background?: BackgroundWork;
  /** The one chat core behind Slack and Teams; built from the config when absent. */
  readonly core?: ChatCore;
  /** Slack overrides (tests: Web API lanes, clock); `mounted` receives the edge (its messenger). */
  readonly slack?: Pick<SlackEdgeOptions, 'readApi' | 'now' | 'webApis'> & { readonly mounted?: (edge: SlackEdge) => void };
  /** Teams overrides (tests: local auth, connector, renderer); `mounted` receives the edge (its messenger). */
  readonly teams?: Partial<Omit<TeamsEdgeOptions, 'config' | 'db' | 'logger' | 'core'>> & { readonly mounted?: (edge: TeamsEdge) => void };
}

/**
 * The one HTTP app: health; Slack at POST /slack/events when config.slack is set; Teams at POST
 * /api/messages when config.teams is set; signed file downloads; the console at GET / when it is
 * on (console mode, or TALLY_CONSOLE=1 behind its token) — three adapters over one chat core. Unknown paths get 404, a
 * body a parser refuses its 4xx (400 not JSON, 413 too large), other failures a plain 500, never a stack trace. No global body parser: Slack's signature is checked over the raw body.
 */
export function createApp(deps: ServerDeps): Express {
  const app = express();
  app.disable('x-powered-by');

  app.get('/healthz', async (_req, res) => {
    try {
      await deps.database.executeSql('select 1');
      res.json({ status: 'ok', database: deps.database.kind, mode: deps.config.consoleMode ? 'console' : 'platforms' });
    } catch (error) {
      deps.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'health check: database unreachable');
      res.status(503).json({ status: 'unavailable', database: deps.database.kind });
    }
  });

  mountFiles(app, { db: deps.database.db, secretKey: deps.config.secretKey, logger: deps.logger });

  const db = deps.database.db;
  const background = deps.background ?? new BackgroundWork();
  const core = deps.core ?? createChatCore({ db, logger: deps.logger, files: { publicUrl: deps.config.publicUrl, secretKey: deps.config.secretKey } });
  if (deps.config.slack) {
    const { mounted, ...overrides } = deps.slack ?? {};
    const edge = mountSlack(app, { ...overrides, config: deps.config.slack, db, logger: deps.logger, background, core });
    mounted?.(edge);
  }
  if (deps.config.teams) {
    const { mounted, ...overrides } = deps.teams ?? {};
    const edge = mountTeams(app, { render: replyCard, background, ...overrides, core, config: deps.config.teams, db, logger: deps.logger });
    mounted?.(edge);
  }

  if (deps.config.console.enabled) mountConsole(app, { db, core, logger: deps.logger, token: deps.config.console.token });

  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  const onError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    // A body parser's refusal (invalid JSON 400, too large 413) is the caller's mistake, not ours.
    // Never the message: a JSON parse error quotes the body it could not read.
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      deps.logger.warn({ status, ...errorFields(error) }, 'request refused');
      const type = (error as { type?: unknown }).type;
      if (!res.headersSent) res.status(status).json({ error: status === 413 ? 'the request is too large' : type === 'entity.parse.failed' ? 'the request body is not valid JSON' : 'the request could not be read' });
      return;
    }
    deps.logger.error(errorFields(error), 'request failed');
    if (!res.headersSent) res.status(500).json({ error: 'internal error' });
  };
  app.use(onError);
  return app;
}
