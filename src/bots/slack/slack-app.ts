import { App, ExpressReceiver } from '@slack/bolt';
import { Router, type Express, type RequestHandler } from 'express';
import { SlackDirectory } from '../../capture/sources/slack/slack-directory.js';
import { createSlackReadApi, type SlackReadApi } from '../../capture/sources/slack/slack-read-api.js';
import { slackSdkLogger } from '../../capture/sources/slack/slack-sdk-logger.js';
import type { SlackConfig } from '../../config.js';
import { AppError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Db } from '../../db/connection.js';
import type { ChatCore } from '../views/chat-core.js';
import { registerActionListener } from './action.listener.js';
import type { BackgroundWork } from './background-work.js';
import { registerCommandListeners } from './command.listener.js';
import { DmChannels } from './dm-channels.js';
import type { InteractiveDeps } from './interactive-deps.js';
import { errorFields } from '../../core/logger.js';
import { registerMessageListener, type MessageListenerDeps } from './message.listener.js';
import { ReplyPlacement } from './reply-placement.js';
import { SlackMessenger } from './slack-messenger.js';
import { verifySlackRequests } from './slack-request-guard.js';
import { createSlackWebApis, type SlackWebApis } from './slack-web-api.js';
import { registerViewListeners } from './view.listener.js';

/** Where Slack posts events, slash commands and interactivity: DESIGN.md "HTTP". */
export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackEdgeOptions {
  readonly config: SlackConfig;
  readonly db: Db;
  readonly logger: Logger;
  readonly background: BackgroundWork;
  /** Slack reads for mapping authors (users.info); built from the config when absent. */
  readonly readApi?: SlackReadApi;
  /** The clock in ms, for the timestamp window and the core's `now` (tests). */
  readonly now?: () => number;
  /** The channel-agnostic bot; without it only events are handled (commands and clicks go unanswered). */
  readonly core?: ChatCore;
  /** The Web API lanes; built from the config when absent. */
  readonly webApis?: SlackWebApis;
}

/** The mounted Slack edge. */
export interface SlackEdge {
  readonly bolt: App;
  /** Proactive sends into people's DMs (daily cards, files), on the bulk lane. */
  readonly messenger: SlackMessenger;
  /** Scheduled sends (daily cards, digests, reminders) on their own lane: no SDK retries, 429s come back to the notifier. */
  readonly scheduledMessenger: SlackMessenger;
  /** Resolves once bolt knows its own identity (`auth.test`); after a failure the next call tries again. */
  ready(): Promise<void>;
}

/**
 * Mounts Slack on Tally's one express app at POST /slack/events: a bolt App with an
 * ExpressReceiver on that app. Every request passes, in order:
 * 1. our guard ({@link verifySlackRequests}): the signature over the raw body, stricter than bolt
 *    (`v0=` only, 300 s both ways, ssl_check carrying anything else refused) → 401 when wrong;
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
  const guard = verifySlackRequests(config.signingSecret, { ...(options.now ? { now: options.now } : {}), onRefused: (reason) => logger.warn({ reason }, 'slack request refused') });
  router.post(SLACK_EVENTS_PATH, guard, awaitReady(() => built.edge, logger));
  const receiver = new ExpressReceiver({
    signingSecret: config.signingSecret,
    app,
    router,
    endpoints: SLACK_EVENTS_PATH,
    processBeforeResponse: false,
    logger: sdkLogger,
  });
  const readApi = options.readApi ?? createSlackReadApi({ token: config.botToken, apiUrl: config.apiUrl, logger });
  const directory = new SlackDirectory(readApi);
  const apis = options.webApis ?? createSlackWebApis({ token: config.botToken, apiUrl: config.apiUrl, logger });
  const known = new Map<string, string>();
  const slackIdOf = (user: { email: string; slackUserId: string | null }) => directory.slackIdOf(user);
  const messenger = new SlackMessenger({ api: apis.bulk, dms: new DmChannels(apis.bulk, known), slackIdOf });
  const scheduledMessenger = new SlackMessenger({ api: apis.scheduled, dms: new DmChannels(apis.scheduled, known), slackIdOf });
  const edge = createEdge(config, sdkLogger, receiver, { messenger, scheduledMessenger });
  built.edge = edge;

  const events = { db: options.db, logger, background: options.background, directory };
  const interactive: InteractiveDeps | null = options.core
    ? {
        db: options.db,
        core: options.core,
        logger,
        background: options.background,
        api: apis.interactive,
        now: options.now ?? Date.now,
        placement: new ReplyPlacement({ db: options.db, messenger: new SlackMessenger({ api: apis.interactive, dms: new DmChannels(apis.interactive, known), slackIdOf }), slackIdOf }),
      }
    : null;
  registerListeners(edge.bolt, events, interactive);
  edge.bolt.error(async (error) => {
    logger.error({ ...errorFields(error) }, 'slack request failed');
  });

  // Learn the bot's identity now; a failure is logged and retried on the next request.
  edge.ready().catch((error: unknown) => logger.error({ ...errorFields(error) }, 'slack auth.test failed; will retry on the next request'));
  return edge;
}

function createEdge(config: SlackConfig, sdkLogger: ReturnType<typeof slackSdkLogger>, receiver: ExpressReceiver, messengers: Pick<SlackEdge, 'messenger' | 'scheduledMessenger'>): SlackEdge {
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
    ...messengers,
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
 * Every bolt listener Tally has, in one place: message events; with a chat core, slash commands
 * (`bolt.command`), card buttons and selects (`bolt.action`) and modal submissions (`bolt.view`),
 * each acking within 3 s and doing slow work after.
 */
function registerListeners(bolt: App, events: MessageListenerDeps, interactive: InteractiveDeps | null): void {
  registerMessageListener(bolt, events);
  if (!interactive) return;
  registerCommandListeners(bolt, interactive);
  registerActionListener(bolt, interactive);
  registerViewListeners(bolt, interactive);
}
