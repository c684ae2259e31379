import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { BackgroundWork } from '../src/bots/slack/background-work.js';
import type { SlackEdge } from '../src/bots/slack/slack-app.js';
import { loadConfig } from '../src/config.js';
import { SYSTEM_ACTOR } from '../src/core/audit.js';
import type { Logger } from '../src/core/logger.js';
import { transaction, type Db } from '../src/db/connection.js';
import { findMatterByCode } from '../src/db/repositories/matter.repository.js';
import { insertEntries, type NewEntry } from '../src/db/repositories/time-entry.repository.js';
import { listUsers } from '../src/db/repositories/user.repository.js';
import { importFirm } from '../src/firm/firm-import.service.js';
import { createApp } from '../src/server.js';
import { listenLocally } from '../tests/support/local-server.js';
import { openBenchDatabase, type BenchDatabase } from './bench-db.js';
import type { BenchResult } from './bench-result.js';
import type { Click, LoadRequest, LoadResult, Platforms } from './interactive-load.worker.js';

const RATE = Number(process.env.BENCH_RATE ?? 50);
const CLICKS = Number(process.env.BENCH_CLICKS ?? 500);
const LAWYERS = 50;
const DATE = '2026-11-27';
const SECRET = 'bench-signing-secret';
const APP_ID = '11111111-2222-4333-8444-555555555555';
const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => silent };

/** 50 lawyers on Slack and Teams with `2 × CLICKS / 50` drafts each on one day: every click approves a different draft. */
async function seed(db: Db): Promise<Click[]> {
  const users = Array.from({ length: LAWYERS }, (_, i) => ({
    email: `lawyer${i}@bench.example`, name: `Lawyer Number${i}`, roles: ['lawyer'], rate: '400.00',
    slackUserId: `U0BENCH${String(i).padStart(3, '0')}`, aadObjectId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  }));
  const actor = { ...SYSTEM_ACTOR, label: 'bench' };
  await importFirm(db, { firm: { name: 'Bench LLP', timezone: 'America/New_York' }, users, clients: [{ code: 'ACME', name: 'Acme Corp' }], matters: [{ code: 'ACME-001', client: 'ACME', name: 'Acme v. Beta' }] }, actor);
  const matter = await findMatterByCode(db, 'ACME-001');
  const people = await listUsers(db);
  const perLawyer = Math.ceil((2 * CLICKS) / people.length);
  const drafts: NewEntry[] = people.flatMap((person) => Array.from({ length: perLawyer }, (_, k) => ({
    userId: person.id, matterId: matter?.id ?? null, workDate: DATE, actualMinutes: 30, billedMinutes: 30, narrative: `Draft and revise motion, part ${k}`,
    taskCode: 'L250', activityCode: 'A103', confidence: 'high' as const, evidence: [], warnings: [], sourceActivityIds: [], origin: 'manual' as const, captureKey: null,
  })));
  const created = await transaction(db, (tx) => insertEntries(tx, drafts, actor));
  const byId = new Map(people.map((p) => [p.id, p]));
  // Interleaved by lawyer, so consecutive clicks are different people, as at 17:30 in a real firm.
  return created
    .map((entry, i) => ({ entry, order: (i % perLawyer) * people.length + Math.floor(i / perLawyer) }))
    .sort((a, b) => a.order - b.order)
    .map(({ entry }) => ({ ownerId: entry.userId, entryId: entry.id, version: entry.version, slackUserId: byId.get(entry.userId)?.slackUserId ?? '', aadObjectId: byId.get(entry.userId)?.aadObjectId ?? '' }));
}

/** Tally's one HTTP app with Slack and Teams configured against the worker's fakes. */
async function serve(database: BenchDatabase, platforms: Platforms) {
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: platforms.slackApiUrl,
    MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'bench-password', MICROSOFT_APP_TENANT_ID: platforms.tenantId,
    PUBLIC_URL: 'https://tally.bench.example', TALLY_SECRET_KEY: 'bench-secret-key-0123456789abcdefghijkl', LOG_LEVEL: 'silent',
  });
  const background = new BackgroundWork();
  const mounted: { slack?: SlackEdge } = {};
  const app = createApp({
    config, database: database.handle, logger: silent, background,
    slack: { mounted: (edge) => (mounted.slack = edge) },
    teams: { authority: platforms.authority, issuers: [platforms.issuer], connectorHosts: ['127.0.0.1'], botToken: async () => platforms.connectorToken, serviceUrl: platforms.serviceUrl },
  });
  await mounted.slack?.ready();
  return { server: await listenLocally(app), background };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * Signed Slack approve clicks, then Teams approve invokes, each at RATE per second in an open loop,
 * against the real server, chat core and database. The clients and the fake Slack, Bot Connector
 * and identity servers run in a worker thread, as the platforms run elsewhere. Slack is answered
 * with an ack and the work follows, so a click is measured twice: to the ack, and until its card's
 * chat.update reaches Slack. A Teams invoke answers with the refreshed card: its latency is the work.
 */
export async function benchInteractive(options: { pglite: boolean }): Promise<BenchResult> {
  const database = await openBenchDatabase(options.pglite);
  // Node 20 workers do not inherit tsx's loader: the worker registers it, then loads the TypeScript.
  const script = new URL('./interactive-load.worker.ts', import.meta.url).href;
  const worker = new Worker(`import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(script)}, ${JSON.stringify(import.meta.url)}))`, { eval: true });
  try {
    const [platforms] = (await once(worker, 'message')) as [Platforms];
    const clicks = await seed(database.handle.db);
    const tally = await serve(database, platforms);
    try {
      const request: LoadRequest = { url: tally.server.url, secret: SECRET, appId: APP_ID, date: DATE, rate: RATE, slack: clicks.slice(0, CLICKS), teams: clicks.slice(CLICKS, 2 * CLICKS) };
      worker.postMessage(request);
      const [result] = (await once(worker, 'message')) as [LoadResult];
      const approved = await database.handle.db.selectFrom('time_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'approved').executeTakeFirst();
      return {
        name: 'interactive',
        database: database.label,
        figures: {
          rate_per_second: RATE, slack_clicks: request.slack.length, teams_invokes: request.teams.length, approved: Number(approved?.n ?? 0),
          slack_failures: result.slackFailures, teams_failures: result.teamsFailures,
          slack_ack_p50_ms: round(percentile(result.slackAck, 50)), slack_ack_p99_ms: round(percentile(result.slackAck, 99)),
          slack_card_updated_p50_ms: round(percentile(result.slackCardUpdated, 50)), slack_card_updated_p99_ms: round(percentile(result.slackCardUpdated, 99)),
          teams_invoke_p50_ms: round(percentile(result.teamsInvoke, 50)), teams_invoke_p99_ms: round(percentile(result.teamsInvoke, 99)),
        },
        goals: [
          { name: 'Slack approve click p99 (ack; Slack allows 3 s)', value: percentile(result.slackAck, 99), unit: 'ms', goal: 100, better: 'lower' },
          { name: 'Teams approve invoke p99 (answered with the refreshed card)', value: percentile(result.teamsInvoke, 99), unit: 'ms', goal: 100, better: 'lower' },
        ],
      };
    } finally {
      await tally.background.idle();
      await tally.server.close();
    }
  } finally {
    await worker.terminate();
    await database.close();
  }
}
