import { App, ExpressReceiver } from '@slack/bolt';
import { Router, type Express, type RequestHandler } from 'express';
import { SlackDirectory } from '../../capture/sources/slack/slack-directory.js';
import { createSlackReadApi, type SlackReadApi } from '../../capture/sources/slack/slack-read-api.js';
import { slackSdkLogger } from '../../capture/sources/slack/slack-sdk-logger.js';
import type { SlackConfig } from '../../config.js';
import { AppError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Db } from '../../db/connection.js';
import type { BackgroundWork } from './background-work.js';
import { errorFields, registerMessageListener } from './message.listener.js';
import { rejectFutureSlackTimestamps } from './slack-request-guard.js';

/** Where Slack posts events (and, later, slash commands and interactivity): DESIGN.md "HTTP". */
export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackEdgeOptions {
  readonly config: SlackConfig;
  readonly db: Db;
  readonly logger: Logger;
  readonly background: BackgroundWork;
  /** Slack reads for mapping authors (users.info); built from the config when absent. */
  readonly readApi?: SlackReadApi;
  /** The clock in ms, for the timestamp window (tests). */
  readonly now?: () => number;
}

/** The mounted Slack edge. */
export interface SlackEdge {
  readonly bolt: App;
  /** Resolves once bolt knows its own identity (`auth.test`); after a failure the next call tries again. */
  ready(): Promise<void>;
}

/**
 * Mounts Slack on Tally's one express app at POST /slack/events: a bolt App with an
 * ExpressReceiver on that app. Every request passes, in order:
 * 1. our guard: a timestamp more than 300 s in the future → 401 (bolt checks only the past);
 * 2. the wait for bolt's identity (`auth.test`), so no event meets a half-initialised app;
 * 3. bolt's receiver: raw body, HMAC-SHA256 signature and 300 s age check (401 with an empty body
 *    when wrong), then ssl_check and url_verification, then the listeners.
 * Events are acknowledged by bolt before the listeners run (processBeforeResponse false).
 *
 * Must be called before any catch-all route (404) and before any body parser that would consume
 * the raw body of /slack/events.
 */
export function mountSlack(app: Express, options: SlackEdgeOptions): SlackEdge {
  const { config, logger } = options;
  if (!config.signingSecret.trim()) throw new AppError('INVALID_CONFIG', 'SLACK_SIGNING_SECRET is empty: Slack requests could not be verified');
  if (!config.botToken.trim()) throw new AppError('INVALID_CONFIG', 'SLACK_BOT_TOKEN is empty');
  const sdkLogger = slackSdkLogger(logger, 'slack-bolt');

  // Our guard and the wait go on a router that bolt then extends with its own handler for the same
  // path, so they run first; bolt mounts that router on the one express app.
  const router = Router();
  const built: { edge?: SlackEdge } = {};
  router.post(SLACK_EVENTS_PATH, rejectFutureSlackTimestamps(options.now), awaitReady(() => built.edge, logger));
  const receiver = new ExpressReceiver({
    signingSecret: config.signingSecret,
    app,
    router,
    endpoints: SLACK_EVENTS_PATH,
    processBeforeResponse: false,
    logger: sdkLogger,
  });
  const edge = createEdge(config, sdkLogger, receiver);
  built.edge = edge;

  const readApi = options.readApi ?? createSlackReadApi({ token: config.botToken, apiUrl: config.apiUrl, logger });
  const directory = new SlackDirectory(readApi);
  registerListeners(edge.bolt, { db: options.db, logger, background: options.background, directory });
  edge.bolt.error(async (error) => {
    logger.error({ ...errorFields(error) }, 'slack request failed');
  });

  // Learn the bot's identity now; a failure is logged and retried on the next request.
  edge.ready().catch((error: unknown) => logger.error({ ...errorFields(error) }, 'slack auth.test failed; will retry on the next request'));
  return edge;
}

function createEdge(config: SlackConfig, sdkLogger: ReturnType<typeof slackSdkLogger>, receiver: ExpressReceiver): SlackEdge {
  const bolt = new App({
    token: config.botToken,
    receiver,
    logger: sdkLogger,
    // auth.test runs in ready(), where its failure is handled, not in the constructor (bolt-js #248).
    deferInitialization: true,
    // Tally keeps no conversation state in memory (DESIGN.md: PostgreSQL holds all state).
    convoStore: false,
    ...(config.apiUrl ? { clientOptions: { slackApiUrl: config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/` } } : {}),
  });
  let initializing: Promise<void> | undefined;
  return {
    bolt,
    ready() {
      initializing ??= bolt.init().catch((error: unknown) => {
        initializing = undefined;
        throw error;
      });
      return initializing;
    },
  };
}

function awaitReady(edge: () => SlackEdge | undefined, logger: Logger): RequestHandler {
  return async (_req, res, next) => {
    try {
      const current = edge();
      if (current === undefined) throw new Error('slack edge not built');
      await current.ready();
    } catch (error) {
      logger.error({ ...errorFields(error) }, 'slack not ready: request refused with 503 (Slack retries events)');
      res.status(503).end();
      return;
    }
    next();
  };
}

/**
 * Every bolt listener Tally has, in one place. Events now; slash commands (`/invoice`, `/time`:
 * `bolt.command`), card buttons (`bolt.action`) and modal submissions (`bolt.view`) register here
 * when they arrive, each acking within 3 s and doing slow work after.
 */
function registerListeners(bolt: App, deps: Parameters<typeof registerMessageListener>[1]): void {
  registerMessageListener(bolt, deps);
}
