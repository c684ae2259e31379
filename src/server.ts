import express, { type ErrorRequestHandler, type Express } from 'express';
import { BackgroundWork } from './bots/slack/background-work.js';
import { mountSlack } from './bots/slack/slack-app.js';
import type { Config } from './config.js';
import type { Logger } from './core/logger.js';
import type { DatabaseHandle } from './db/connection.js';
import { mountFiles } from './http/files.route.js';

export interface ServerDeps {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly logger: Logger;
  /** Work done after a delivery is acknowledged (Slack events): main waits for it on shutdown, tests await it. */
  readonly background?: BackgroundWork;
}

/**
 * The one HTTP app: health; Slack at POST /slack/events when config.slack is set; Teams, files and
 * the console mount here as they arrive. Unknown paths get 404 and failures a plain 500, never a
 * stack trace. No global body parser: Slack's signature is checked over the raw body.
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

  if (deps.config.slack) {
    mountSlack(app, { config: deps.config.slack, db: deps.database.db, logger: deps.logger, background: deps.background ?? new BackgroundWork() });
  }

  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  const onError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    deps.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'request failed');
    if (!res.headersSent) res.status(500).json({ error: 'internal error' });
  };
  app.use(onError);
  return app;
}
