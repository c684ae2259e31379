import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { AppError } from '../../src/core/errors.js';

type Env = Record<string, string | undefined>;

const CWD = join('/', 'srv', 'tally');
const SLACK: Env = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'signing-secret' };
const TEAMS: Env = { MICROSOFT_APP_ID: 'app-id', MICROSOFT_APP_PASSWORD: 'app-password', MICROSOFT_APP_TENANT_ID: 'tenant-id' };
const GRAPH: Env = { GRAPH_TENANT_ID: 'tenant-id', GRAPH_CLIENT_ID: 'client-id', GRAPH_CLIENT_SECRET: 'client-secret' };

/** The AppError loadConfig throws for this environment; fails the test when it accepts it. */
function refused(env: Env): AppError {
  try {
    loadConfig(env, CWD);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`expected loadConfig to refuse ${JSON.stringify(env)}`);
}

/** Every variable the error points at: in its message (one problem) or its problem paths (several). */
function named(error: AppError): string[] {
  const inMessage = error.message.match(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|\bPORT\b/g) ?? [];
  return [...new Set([...inMessage, ...error.problems.map((p) => p.path)])].sort();
}

describe('loadConfig defaults', () => {
  it('runs in console mode on port 3978 with the embedded database under cwd/.tally', () => {
    const config = loadConfig({}, CWD);
    expect(config).toEqual({
      port: 3978,
      publicUrl: 'http://localhost:3978',
      databaseUrl: null,
      dataDir: join(CWD, '.tally'),
      secretKey: null,
      retentionDays: 90,
      logLevel: 'info',
      slack: null,
      teams: null,
      graph: null,
      openai: null,
      consoleMode: true,
      console: { enabled: true, token: null },
      host: '127.0.0.1',
      schedule: { enabled: true, digest: { day: 1, time: '08:00' }, reminder: { time: '09:00' }, slackPerSecond: 1, teamsPerSecond: 30, testClock: null, testClockSpeed: 1, tickSeconds: null },
    });
  });

  it('returns a frozen config whose fields cannot be changed', () => {
    const config = loadConfig({ ...SLACK }, CWD);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.slack)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
    expect(config.port).toBe(3978);
  });

  it.each<[string, Env, string]>([
    ['a relative TALLY_DATA_DIR against cwd', { TALLY_DATA_DIR: 'data/db' }, join(CWD, 'data', 'db')],
    ['an absolute TALLY_DATA_DIR as given', { TALLY_DATA_DIR: join('/', 'var', 'lib', 'tally') }, join('/', 'var', 'lib', 'tally')],
    ['an empty TALLY_DATA_DIR as unset', { TALLY_DATA_DIR: '  ' }, join(CWD, '.tally')],
  ])('resolves %s', (_name, env, dataDir) => {
    expect(loadConfig(env, CWD).dataDir).toBe(dataDir);
  });

  it('derives the public URL from PORT and strips trailing slashes from PUBLIC_URL', () => {
    expect(loadConfig({ PORT: '8080' }, CWD)).toMatchObject({ port: 8080, publicUrl: 'http://localhost:8080' });
    expect(loadConfig({ PUBLIC_URL: 'https://tally.example.com//' }, CWD).publicUrl).toBe('https://tally.example.com');
  });

  it('treats empty variables as unset rather than invalid', () => {
    expect(loadConfig({ PORT: '', LOG_LEVEL: ' ', DATABASE_URL: '', SLACK_BOT_TOKEN: '' }, CWD)).toMatchObject({ port: 3978, logLevel: 'info', databaseUrl: null, consoleMode: true });
  });
});

describe('loadConfig refuses half-configured platforms', () => {
  it.each<[string, Env, string[]]>([
    ['SLACK_BOT_TOKEN without SLACK_SIGNING_SECRET', { SLACK_BOT_TOKEN: 'xoxb-1' }, ['SLACK_SIGNING_SECRET']],
    ['SLACK_SIGNING_SECRET without SLACK_BOT_TOKEN', { SLACK_SIGNING_SECRET: 'secret' }, ['SLACK_BOT_TOKEN']],
    ['SLACK_APP_TOKEN alone', { SLACK_APP_TOKEN: 'xapp-1' }, ['SLACK_APP_TOKEN']],
    ['MICROSOFT_APP_PASSWORD without MICROSOFT_APP_ID', { MICROSOFT_APP_PASSWORD: 'pw' }, ['MICROSOFT_APP_ID', 'MICROSOFT_APP_TENANT_ID']],
    ['MICROSOFT_APP_ID without password or tenant', { MICROSOFT_APP_ID: 'app-id' }, ['MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID']],
    ['SingleTenant without MICROSOFT_APP_TENANT_ID', { MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_ID: 'app-id', MICROSOFT_APP_PASSWORD: 'pw' }, ['MICROSOFT_APP_TENANT_ID']],
    ['UserAssignedMSI without MICROSOFT_APP_TENANT_ID', { MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_ID: 'app-id' }, ['MICROSOFT_APP_TENANT_ID']],
    ['MICROSOFT_APP_TYPE alone', { MICROSOFT_APP_TYPE: 'UserAssignedMSI' }, ['MICROSOFT_APP_TYPE']],
    ['GRAPH_CLIENT_ID alone', { GRAPH_CLIENT_ID: 'client-id' }, ['GRAPH_CLIENT_SECRET', 'GRAPH_TENANT_ID']],
    ['Graph without GRAPH_CLIENT_SECRET', { GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c' }, ['GRAPH_CLIENT_SECRET']],
  ])('%s', (_name, env, missing) => {
    const error = refused(env);
    expect(error.code).toBe('INVALID_CONFIG');
    for (const name of missing) expect(named(error)).toContain(name);
    if (missing.length === 1) expect(error.message).toContain(missing[0]);
    else expect(error.problems.map((p) => p.path).sort()).toEqual(missing);
  });

  it('says which Slack variables are set when the bot token comes with an app token but no secret', () => {
    const error = refused({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toContain('SLACK_SIGNING_SECRET');
    expect(error.message).toContain('only SLACK_BOT_TOKEN is set');
    expect(error.message).not.toContain('SLACK_APP_TOKEN');
  });

  it('reports every problem at once, not only the first', () => {
    const error = refused({ SLACK_BOT_TOKEN: 'xoxb-1', GRAPH_CLIENT_ID: 'c', PORT: '8080' });
    expect(error.message).toBe('invalid configuration (3 problems)');
    expect(error.problems.map((p) => p.path).sort()).toEqual(['GRAPH_CLIENT_SECRET', 'GRAPH_TENANT_ID', 'SLACK_SIGNING_SECRET']);
  });

  it('accepts UserAssignedMSI with an app id and tenant but no password', () => {
    const config = loadConfig({ MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_ID: 'app-id', MICROSOFT_APP_TENANT_ID: 'tenant-id' }, CWD);
    expect(config.teams).toEqual({ appId: 'app-id', appPassword: null, tenantId: 'tenant-id', appType: 'UserAssignedMSI' });
    expect(config.consoleMode).toBe(false);
  });
});

describe('loadConfig refuses bad values', () => {
  it.each<[string, Env, string]>([
    ['PORT=abc', { PORT: 'abc' }, 'PORT'],
    ['PORT=70000', { PORT: '70000' }, 'PORT'],
    ['PORT=0', { PORT: '0' }, 'PORT'],
    ['DATABASE_URL=mysql://x', { DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    ['LOG_LEVEL=loud', { LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    ['a short TALLY_SECRET_KEY', { TALLY_SECRET_KEY: 'x'.repeat(31) }, 'TALLY_SECRET_KEY'],
    ['MICROSOFT_APP_TYPE=MultiTenant', { ...TEAMS, MICROSOFT_APP_TYPE: 'MultiTenant' }, 'MICROSOFT_APP_TYPE'],
    ['PUBLIC_URL without a scheme', { PUBLIC_URL: 'tally.example.com' }, 'PUBLIC_URL'],
    ['OPENAI_BASE_URL that is not http(s)', { OPENAI_BASE_URL: 'ftp://llm.local' }, 'OPENAI_BASE_URL'],
    ['TALLY_RETENTION_DAYS=soon', { TALLY_RETENTION_DAYS: 'soon' }, 'TALLY_RETENTION_DAYS'],
    ['TALLY_RETENTION_DAYS=0', { TALLY_RETENTION_DAYS: '0' }, 'TALLY_RETENTION_DAYS'],
  ])('%s', (_name, env, variable) => {
    const error = refused(env);
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toContain(variable);
    expect(named(error)).toEqual([variable]);
  });

  it.each<[string, Env]>([
    ['PORT=65535', { PORT: '65535' }],
    ['a postgresql:// DATABASE_URL', { DATABASE_URL: 'postgresql://u@h/db' }],
    ['a 32-character TALLY_SECRET_KEY', { TALLY_SECRET_KEY: 'x'.repeat(32) }],
    ['LOG_LEVEL=silent', { LOG_LEVEL: 'silent' }],
  ])('accepts the boundary value %s', (_name, env) => {
    expect(() => loadConfig(env, CWD)).not.toThrow();
  });
});

describe('loadConfig and TEST_MODE', () => {
  it('refuses TEST_MODE=true outside the test runner, naming TEST_MODE', () => {
    const error = refused({ TEST_MODE: 'true' });
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toContain('TEST_MODE');
  });

  it.each<[string, Env]>([
    ['VITEST is set', { TEST_MODE: 'true', VITEST: 'true' }],
    ['TEST_MODE is "false"', { TEST_MODE: 'false' }],
  ])('accepts TEST_MODE when %s', (_name, env) => {
    expect(loadConfig(env, CWD).consoleMode).toBe(true);
  });
});

describe('loadConfig platforms', () => {
  it('turns console mode off when Slack is complete', () => {
    const config = loadConfig({ ...SLACK, SLACK_APP_TOKEN: 'xapp-1' }, CWD);
    expect(config.slack).toEqual({ botToken: 'xoxb-1', signingSecret: 'signing-secret', appToken: 'xapp-1', apiUrl: null });
    expect(config.consoleMode).toBe(false);
  });

  it('turns console mode off when Teams (SingleTenant) is complete', () => {
    const config = loadConfig(TEAMS, CWD);
    expect(config.teams).toEqual({ appId: 'app-id', appPassword: 'app-password', tenantId: 'tenant-id', appType: 'SingleTenant' });
    expect(config.consoleMode).toBe(false);
  });

  it('keeps console mode when only Graph is configured (Graph reads activity, it is no chat platform)', () => {
    const config = loadConfig(GRAPH, CWD);
    expect(config.graph).toEqual({ tenantId: 'tenant-id', clientId: 'client-id', clientSecret: 'client-secret', baseUrl: null, authorityHost: null });
    expect(config.consoleMode).toBe(true);
  });

  it('enables OpenAI with the default model when only OPENAI_BASE_URL is set', () => {
    expect(loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' }, CWD).openai).toEqual({ apiKey: null, baseUrl: 'http://127.0.0.1:11434/v1', model: 'gpt-4o-mini' });
  });

  it.each<[string, Env, unknown]>([
    ['nothing set', {}, null],
    ['a key and a model', { OPENAI_API_KEY: 'sk-1', OPENAI_MODEL: 'gpt-4.1' }, { apiKey: 'sk-1', baseUrl: null, model: 'gpt-4.1' }],
  ])('configures OpenAI from %s', (_name, env, openai) => {
    expect(loadConfig(env, CWD).openai).toEqual(openai);
  });
});

describe('loadConfig and the scheduled sends', () => {
  it('reads the digest day and time, the reminder time (or off), the send rates and the switch', () => {
    const config = loadConfig({ TALLY_DIGEST_DAY: 'Fri', TALLY_DIGEST_TIME: '16:45', TALLY_REMINDER_TIME: 'off', SLACK_SEND_RATE: '0.5', TEAMS_SEND_RATE: '12', TALLY_SCHEDULER: 'off' }, CWD);
    expect(config.schedule).toMatchObject({ enabled: false, digest: { day: 5, time: '16:45' }, reminder: null, slackPerSecond: 0.5, teamsPerSecond: 12 });
  });

  it.each<[string, Env, string]>([
    ['a weekday that is none', { TALLY_DIGEST_DAY: 'someday' }, 'TALLY_DIGEST_DAY'],
    ['a digest time past 23:59', { TALLY_DIGEST_TIME: '24:00' }, 'TALLY_DIGEST_TIME'],
    ['a reminder time that is neither HH:MM nor off', { TALLY_REMINDER_TIME: '9am' }, 'TALLY_REMINDER_TIME'],
    ['a Slack rate of 0', { SLACK_SEND_RATE: '0' }, 'SLACK_SEND_RATE'],
    ['a Teams rate above its 30 a second', { TEAMS_SEND_RATE: '31' }, 'TEAMS_SEND_RATE'],
    ['a scheduler switch that is neither on nor off', { TALLY_SCHEDULER: 'yes' }, 'TALLY_SCHEDULER'],
    ['a test clock outside the test runner', { TALLY_TEST_CLOCK: '2026-03-02T22:00:00Z' }, 'TALLY_TEST_CLOCK'],
    ['a test clock that is no date', { TALLY_TEST_CLOCK: 'tomorrow', VITEST: 'true' }, 'TALLY_TEST_CLOCK'],
  ])('refuses %s, naming the variable', (_name, env, variable) => {
    const error = refused(env);
    expect(error.code).toBe('INVALID_CONFIG');
    expect(named(error)).toEqual([variable]);
  });

  it('lets the test runner start the scheduler\'s clock elsewhere and run it faster', () => {
    const config = loadConfig({ TALLY_TEST_CLOCK: '2026-03-06T22:00:00Z', TALLY_TEST_CLOCK_SPEED: '600', TALLY_TICK_SECONDS: '1', VITEST: 'true' }, CWD);
    expect(config.schedule).toMatchObject({ testClock: new Date('2026-03-06T22:00:00Z'), testClockSpeed: 600, tickSeconds: 1 });
  });
});

describe('loadConfig and the console', () => {
  it.each<[string, Env, { enabled: boolean; token: string | null }, string]>([
    ['no platform: served, on 127.0.0.1', {}, { enabled: true, token: null }, '127.0.0.1'],
    ['no platform and TALLY_CONSOLE=0: off', { TALLY_CONSOLE: '0' }, { enabled: false, token: null }, '127.0.0.1'],
    ['Slack: off, on every address', SLACK, { enabled: false, token: null }, '0.0.0.0'],
    ['Slack with TALLY_CONSOLE=1 and a token: on, behind the token', { ...SLACK, TALLY_CONSOLE: '1', TALLY_CONSOLE_TOKEN: 'console-token-0123456789' }, { enabled: true, token: 'console-token-0123456789' }, '0.0.0.0'],
    ['HOST given: that address', { HOST: '0.0.0.0' }, { enabled: true, token: null }, '0.0.0.0'],
  ])('%s', (_name, env, console, host) => {
    const config = loadConfig(env, CWD);
    expect(config.console).toEqual(console);
    expect(config.host).toBe(host);
  });

  it.each<[string, Env, string]>([
    ['TALLY_CONSOLE=1 beside Slack without a token', { ...SLACK, TALLY_CONSOLE: '1' }, 'TALLY_CONSOLE_TOKEN'],
    ['a console token shorter than 16 characters', { TALLY_CONSOLE_TOKEN: 'short' }, 'TALLY_CONSOLE_TOKEN'],
    ['TALLY_CONSOLE=yes', { TALLY_CONSOLE: 'yes' }, 'TALLY_CONSOLE'],
  ])('refuses %s, naming the variable', (_name, env, variable) => {
    expect(named(refused(env))).toEqual([variable]);
  });
});
