import { resolve } from 'node:path';
import { z } from 'zod';
import { AppError, type Problem } from './core/errors.js';

export interface SlackConfig {
  readonly botToken: string;
  readonly signingSecret: string;
  readonly appToken: string | null;
  readonly apiUrl: string | null;
}

export interface TeamsConfig {
  readonly appId: string;
  readonly appPassword: string | null;
  readonly tenantId: string;
  readonly appType: 'SingleTenant' | 'UserAssignedMSI';
}

export interface GraphConfig {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly baseUrl: string | null;
  readonly authorityHost: string | null;
}

export interface OpenAiConfig {
  readonly apiKey: string | null;
  readonly baseUrl: string | null;
  readonly model: string;
}

/** When and how fast Tally sends on its own (daily cards, digests, reminders). */
export interface ScheduleConfig {
  /** Off on an instance that should only answer requests (TALLY_SCHEDULER=off). */
  readonly enabled: boolean;
  readonly digest: { readonly day: number; readonly time: string };
  /** Reminders of old drafts at this local time, or null when turned off firm-wide. */
  readonly reminder: { readonly time: string } | null;
  /** Slack scheduled messages per second (Slack allows about 1 per second per channel and caps workspaces). */
  readonly slackPerSecond: number;
  /** Teams requests per second per tenant (Teams allows 30). */
  readonly teamsPerSecond: number;
  /** Tests only: the scheduler's clock starts at this instant and runs `testClockSpeed` times as fast. */
  readonly testClock: Date | null;
  readonly testClockSpeed: number;
  /** Seconds between the scheduler's ticks when not every minute on the minute (tests). */
  readonly tickSeconds: number | null;
}

/** Everything Tally reads from the environment, validated once and frozen. */
export interface Config {
  readonly port: number;
  readonly publicUrl: string;
  readonly databaseUrl: string | null;
  readonly dataDir: string;
  readonly secretKey: string | null;
  /** Days after billing that raw activities (subjects, titles) are kept. */
  readonly retentionDays: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly slack: SlackConfig | null;
  readonly teams: TeamsConfig | null;
  readonly graph: GraphConfig | null;
  readonly openai: OpenAiConfig | null;
  /** No chat platform configured: the local console serves the cards in a browser. */
  readonly consoleMode: boolean;
  /** The console at GET /: on in console mode, or with TALLY_CONSOLE=1 (then a token is required beside a platform). */
  readonly console: { readonly enabled: boolean; readonly token: string | null };
  /** The address the HTTP server binds: 127.0.0.1 in console mode unless HOST says otherwise. */
  readonly host: string;
  readonly schedule: ScheduleConfig;
}

const optional = z.string().trim().optional().transform((v) => (v ? v : null));
const url = () =>
  optional.refine((v) => v === null || /^https?:\/\/[^\s]+$/.test(v), 'must be an http(s) URL');

const CLOCK = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const WEEKDAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const clockTime = (fallback: string) => z.string().trim().optional().transform((v) => v ?? fallback).refine((v) => CLOCK.test(v), 'must be a time HH:MM (24-hour)');
/** Messages per second: a positive decimal up to `max` (0.5 = one every two seconds). */
const rate = (fallback: number, max: number) =>
  z.string().trim().regex(/^\d+(?:\.\d+)?$/, `must be a number of messages per second, up to ${String(max)}`).optional().transform((v) => (v ? Number(v) : fallback)).pipe(z.number().positive('must be more than 0').max(max, `must be at most ${String(max)} per second`));

const envSchema = z.object({
  PORT: z.string().trim().regex(/^\d{1,5}$/, 'must be a number 1–65535').optional().transform((v) => (v ? Number(v) : 3978)).pipe(z.number().min(1, 'must be a number 1–65535').max(65535, 'must be a number 1–65535')),
  PUBLIC_URL: url(),
  DATABASE_URL: optional.refine((v) => v === null || /^postgres(ql)?:\/\//.test(v), 'must start with postgres:// or postgresql://'),
  TALLY_DATA_DIR: optional,
  TALLY_SECRET_KEY: optional.refine((v) => v === null || v.length >= 32, 'must be at least 32 characters (e.g. `openssl rand -base64 32`)'),
  TALLY_RETENTION_DAYS: z.string().trim().regex(/^\d{1,5}$/, 'must be a whole number of days').optional().transform((v) => (v ? Number(v) : 90)).pipe(z.number().min(1, 'must be at least 1 day')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'must be one of fatal, error, warn, info, debug, trace, silent').optional().default('info'),
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_API_URL: url(),
  MICROSOFT_APP_ID: optional,
  MICROSOFT_APP_PASSWORD: optional,
  MICROSOFT_APP_TENANT_ID: optional,
  MICROSOFT_APP_TYPE: z.enum(['SingleTenant', 'UserAssignedMSI'], 'must be SingleTenant or UserAssignedMSI (new multi-tenant bots cannot be registered)').optional(),
  GRAPH_TENANT_ID: optional,
  GRAPH_CLIENT_ID: optional,
  GRAPH_CLIENT_SECRET: optional,
  GRAPH_BASE_URL: url(),
  GRAPH_AUTHORITY_HOST: url(),
  OPENAI_API_KEY: optional,
  OPENAI_BASE_URL: url(),
  OPENAI_MODEL: optional,
  HOST: optional.refine((v) => v === null || /^[0-9a-zA-Z.:\-[\]]+$/.test(v), 'must be an address such as 127.0.0.1 or 0.0.0.0'),
  TALLY_CONSOLE: z.enum(['0', '1'], 'must be 1 (serve the console) or 0').optional(),
  TALLY_CONSOLE_TOKEN: optional.refine((v) => v === null || v.length >= 16, 'must be at least 16 characters'),
  TALLY_SCHEDULER: z.enum(['on', 'off'], 'must be on or off').optional().default('on'),
  TALLY_DIGEST_DAY: z.string().trim().toLowerCase().optional().transform((v) => v ?? 'mon').pipe(z.enum(WEEKDAY_NAMES, 'must be a weekday: mon, tue, wed, thu, fri, sat or sun')),
  TALLY_DIGEST_TIME: clockTime('08:00'),
  TALLY_REMINDER_TIME: z.string().trim().optional().transform((v) => v ?? '09:00').refine((v) => v === 'off' || CLOCK.test(v), 'must be a time HH:MM (24-hour) or off'),
  SLACK_SEND_RATE: rate(1, 50),
  TEAMS_SEND_RATE: rate(30, 30),
  TALLY_TEST_CLOCK: optional.refine((v) => v === null || !Number.isNaN(Date.parse(v)), 'must be an ISO date-time such as 2026-03-02T23:30:00Z'),
  TALLY_TEST_CLOCK_SPEED: z.string().trim().regex(/^\d{1,4}$/, 'must be a whole number 1–3600').optional().transform((v) => (v ? Number(v) : 1)).pipe(z.number().min(1, 'must be 1–3600').max(3600, 'must be 1–3600')),
  TALLY_TICK_SECONDS: z.string().trim().regex(/^\d{1,2}$/, 'must be a whole number of seconds 1–59').optional().transform((v) => (v ? Number(v) : null)).pipe(z.number().min(1, 'must be 1–59').max(59, 'must be 1–59').nullable()),
  TEST_MODE: optional,
  VITEST: optional,
});

type Env = z.output<typeof envSchema>;

/** A platform is either fully configured or not at all: half a platform is a mistake to report. */
function requireAll(env: Env, names: readonly (keyof Env)[], platform: string, problems: Problem[]): boolean {
  const present = names.filter((n) => env[n] !== null && env[n] !== undefined);
  if (present.length === 0) return false;
  for (const name of names) {
    if (!present.includes(name)) problems.push({ path: String(name), message: `is missing — ${platform} needs ${names.join(', ')}; only ${present.join(', ')} ${present.length === 1 ? 'is' : 'are'} set` });
  }
  return present.length === names.length;
}

function platforms(env: Env, problems: Problem[]) {
  const slackOn = requireAll(env, ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'], 'Slack', problems);
  if (!env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET && env.SLACK_APP_TOKEN) problems.push({ path: 'SLACK_APP_TOKEN', message: 'is set, but SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are not' });
  const slack: SlackConfig | null = slackOn ? { botToken: env.SLACK_BOT_TOKEN as string, signingSecret: env.SLACK_SIGNING_SECRET as string, appToken: env.SLACK_APP_TOKEN, apiUrl: env.SLACK_API_URL } : null;

  const appType = env.MICROSOFT_APP_TYPE ?? 'SingleTenant';
  const teamsNames = appType === 'SingleTenant' ? (['MICROSOFT_APP_ID', 'MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID'] as const) : (['MICROSOFT_APP_ID', 'MICROSOFT_APP_TENANT_ID'] as const);
  const teamsOn = requireAll(env, teamsNames, `Teams (${appType})`, problems);
  if (!teamsOn && env.MICROSOFT_APP_TYPE && ![...teamsNames].some((n) => env[n])) problems.push({ path: 'MICROSOFT_APP_TYPE', message: 'is set, but MICROSOFT_APP_ID is not' });
  const teams: TeamsConfig | null = teamsOn ? { appId: env.MICROSOFT_APP_ID as string, appPassword: env.MICROSOFT_APP_PASSWORD, tenantId: env.MICROSOFT_APP_TENANT_ID as string, appType } : null;

  const graphOn = requireAll(env, ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET'], 'Microsoft Graph', problems);
  const graph: GraphConfig | null = graphOn ? { tenantId: env.GRAPH_TENANT_ID as string, clientId: env.GRAPH_CLIENT_ID as string, clientSecret: env.GRAPH_CLIENT_SECRET as string, baseUrl: env.GRAPH_BASE_URL, authorityHost: env.GRAPH_AUTHORITY_HOST } : null;

  const openai: OpenAiConfig | null = env.OPENAI_API_KEY || env.OPENAI_BASE_URL ? { apiKey: env.OPENAI_API_KEY, baseUrl: env.OPENAI_BASE_URL, model: env.OPENAI_MODEL ?? 'gpt-4o-mini' } : null;
  return { slack, teams, graph, openai };
}

function configError(problems: readonly Problem[]): AppError {
  const only = problems.length === 1 ? problems[0] : undefined;
  const message = only ? `invalid configuration: ${only.path} ${only.message}` : `invalid configuration (${problems.length} problems)`;
  return new AppError('INVALID_CONFIG', message, { problems: only ? [] : problems });
}

/**
 * Reads and validates the environment once. Throws INVALID_CONFIG naming every bad or missing
 * variable — including half-configured platforms and TEST_MODE outside the test runner.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env, cwd = process.cwd()): Config {
  // An empty variable (`FOO=` in an env file) means "not set", never an invalid value.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({ path: String(i.path[0] ?? ''), message: i.message }));
    throw configError(problems);
  }
  const e = parsed.data;
  const problems: Problem[] = [];
  // The Agents SDK relaxes its JWT checks under TEST_MODE: never outside the test runner.
  if (e.TEST_MODE && e.TEST_MODE !== 'false' && !e.VITEST) problems.push({ path: 'TEST_MODE', message: 'is set — it disables Teams authentication and is refused outside the test suite' });
  // A moved clock would send every card at the wrong time: only the test suite may move it.
  if (e.TALLY_TEST_CLOCK && !e.VITEST) problems.push({ path: 'TALLY_TEST_CLOCK', message: 'is set — it moves the scheduler\'s clock and is refused outside the test suite' });
  const { slack, teams, graph, openai } = platforms(e, problems);
  const consoleMode = slack === null && teams === null;
  // Beside a real platform the console would let anyone act as anyone: only behind a token.
  if (e.TALLY_CONSOLE === '1' && !consoleMode && !e.TALLY_CONSOLE_TOKEN) problems.push({ path: 'TALLY_CONSOLE_TOKEN', message: 'is missing — a console served beside Slack or Teams needs a token on every request' });
  if (problems.length > 0) throw configError(problems);
  const port = e.PORT;
  return Object.freeze({
    port,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(cwd, e.TALLY_DATA_DIR ?? '.tally'),
    secretKey: e.TALLY_SECRET_KEY,
    retentionDays: e.TALLY_RETENTION_DAYS,
    logLevel: e.LOG_LEVEL,
    slack: slack && Object.freeze(slack),
    teams: teams && Object.freeze(teams),
    graph: graph && Object.freeze(graph),
    openai: openai && Object.freeze(openai),
    consoleMode,
    console: Object.freeze({ enabled: e.TALLY_CONSOLE === '1' || (consoleMode && e.TALLY_CONSOLE !== '0'), token: e.TALLY_CONSOLE_TOKEN }),
    host: e.HOST ?? (consoleMode ? '127.0.0.1' : '0.0.0.0'),
    schedule: Object.freeze({
      enabled: e.TALLY_SCHEDULER === 'on',
      digest: Object.freeze({ day: WEEKDAY_NAMES.indexOf(e.TALLY_DIGEST_DAY) + 1, time: e.TALLY_DIGEST_TIME }),
      reminder: e.TALLY_REMINDER_TIME === 'off' ? null : Object.freeze({ time: e.TALLY_REMINDER_TIME }),
      slackPerSecond: e.SLACK_SEND_RATE,
      teamsPerSecond: e.TEAMS_SEND_RATE,
      testClock: e.TALLY_TEST_CLOCK ? new Date(e.TALLY_TEST_CLOCK) : null,
      testClockSpeed: e.TALLY_TEST_CLOCK_SPEED,
      tickSeconds: e.TALLY_TICK_SECONDS,
    }),
  });
}
