import type { Server } from 'node:http';
import { startSchedulesFromConfig } from './bots/send/schedule-wiring.js';
import { BackgroundWork } from './bots/slack/background-work.js';
import type { SlackEdge } from './bots/slack/slack-app.js';
import type { TeamsEdge } from './bots/teams/teams-app.js';
import { loadConfig } from './config.js';
import { SYSTEM_ACTOR } from './core/audit.js';
import { isAppError } from './core/errors.js';
import { openDatabase } from './db/connection.js';
import { migrateToLatest } from './db/migrator.js';
import { ensureDemoWorkspace } from './capture/demo-seed.service.js';
import { createLogger } from './logger.js';
import { createApp } from './server.js';

/**
 * `npm start`: validate the environment, open and migrate the database, seed the demo firm in
 * console mode on first run, serve HTTP on PORT, and close everything in order on SIGTERM/SIGINT.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const database = await openDatabase({ url: config.databaseUrl ?? undefined, dataDir: config.dataDir });
  await migrateToLatest(database.db);
  if (config.consoleMode) {
    const demo = await ensureDemoWorkspace({ db: database.db, logger, now: () => new Date() }, SYSTEM_ACTOR);
    if (demo?.seededFirm) logger.info({}, 'no firm yet and no chat platform configured: seeded the demo firm');
    if (demo) logger.info({ days: demo.days.length, activities: demo.activities, drafted: demo.drafted }, 'demo activity of the last two weeks captured');
  }
  const background = new BackgroundWork();
  let slackEdge: SlackEdge | undefined;
  let teamsEdge: TeamsEdge | undefined;
  const app = createApp({ config, database, logger, background, slack: { mounted: (edge) => (slackEdge = edge) }, teams: { mounted: (edge) => (teamsEdge = edge) } });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
  });
  logger.info({ port: config.port, host: config.host, database: database.kind, mode: config.consoleMode ? 'console' : 'platforms' }, `Tally listening on ${config.publicUrl}`);
  if (config.console.enabled) logger.info({}, `console at ${config.publicUrl}/${config.console.token ? '?token=…' : ''}`);
  if (config.slack) logger.info({ path: '/slack/events' }, `Slack events at ${config.publicUrl}/slack/events`);
  const schedules = await startSchedulesFromConfig({ config, database, logger, slack: slackEdge?.scheduledMessenger, teams: teamsEdge?.messenger });
  if (schedules) logger.info({ slackPerSecond: config.schedule.slackPerSecond, teamsPerSecond: config.schedule.teamsPerSecond }, 'scheduled sends on: daily cards, digests and reminders');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    // Acknowledged deliveries still being stored, and sends in flight, finish before the database closes.
    await schedules?.stop();
    await background.idle();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  const message = isAppError(error) ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`tally: ${message}\n`);
  if (isAppError(error)) for (const p of error.problems) process.stderr.write(`  ${p.path}: ${p.message}\n`);
  process.exit(isAppError(error) && error.isUserError ? 1 : 2);
});
