// Hostile 16 — "fuzzed `/time` and `/invoice` text (10k characters, Unicode, SQL metacharacters,
// "feb 30", empty), 2 MB bodies, invalid JSON, malformed import files → helpful 4xx or message, no
// 5xx, no crash, nothing half-written": each text goes through the chat core and through the Slack,
// Teams and console edges; each odd body to /slack/events, /api/messages and /console/api/command;
// each broken firm file to `tally import`. Every answer is a 4xx or words naming the problem (never
// Tally's "something went wrong", never a stack trace), the server answers /healthz afterwards, and
// the database is exactly as before — or, for a text that is a valid command, holds exactly the one
// whole entry it asked for.
import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChatCore } from '../../src/bots/chat/chat-core.service.js';
import type { ChatCore, CommandName } from '../../src/bots/views/chat-core.js';
import { loadConfig } from '../../src/config.js';
import { findUserByEmail } from '../../src/db/repositories/user.repository.js';
import { DEMO_FIRM_FILE } from '../../src/firm/demo.service.js';
import { createApp } from '../../src/server.js';
import { seedApprovedMarch } from '../support/billing-harness.js';
import { aFirmFile, aMatter, aUser } from '../support/builders.js';
import { cliRunner } from '../support/cli-runner.js';
import { snapshotEveryTable, snapshotFirmTables } from '../support/db-snapshot.js';
import { slackSignature } from '../support/fakes/fake-slack-events.js';
import { useFakeSlack } from '../support/fakes/fake-slack-hooks.js';
import { listenLocally, type LocalServer } from '../support/local-server.js';
import { recordingLogger, type LogEntry } from '../support/slack-harness.js';
import { aSlashCommand, postSlackForm } from '../support/slack-sign.js';
import { databaseKinds, openTestDatabase, useCliDatabase, type TestDatabase } from '../support/test-database.js';
import { SECRETS, startBothPlatforms, type BothPlatforms } from './both-platforms.js';

const INTERNAL = /something went wrong/i;
const TEN_K = 'x'.repeat(10_000);
/** Hebrew and Arabic, a right-to-left override, emoji (a ZWJ sequence), a combining mark, NUL and half a surrogate pair. */
const UNICODE_10K = 'שלום עולם مرحبا بكم \u202Eevil\u202C 👩‍⚖️🧾 e\u0301 \u0000 \ud83d '.repeat(400).slice(0, 10_000);
const TWO_MB = 2 * 1024 * 1024;
const PEOPLE = { alice: { slack: 'U0ALICE01', aad: 'aad-fuzz-alice' }, dana: { slack: 'U0DANA001', aad: 'aad-fuzz-dana' } } as const;

/** What a text should get: refused in words matching the pattern (nothing written), or one whole new draft. */
type Outcome = { readonly refused: RegExp } | { readonly added: string | null };
type Case = readonly [name: string, command: CommandName, text: string, outcome: Outcome];

const CASES: readonly Case[] = [
  ['/time empty', 'time', '', { refused: /^Usage: \/time HOURS MATTER/ }],
  // (Slack cuts a message at 3,000 characters: the start of the answer is what every edge shows.)
  ['/time 10,000 characters', 'time', TEN_K, { refused: /^Hours "x{100}/ }],
  ['/time 10,000 characters of RTL, emoji, combining marks, NUL and half surrogates', 'time', UNICODE_10K, { refused: /is not a duration/ }],
  ['/time SQL metacharacters', 'time', "'; drop table users; --", { refused: /is not a duration/ }],
  ['/time SQL metacharacters as the matter', 'time', "1 acme-001'; drop table matters; -- x", { refused: /matter/i }],
  ['/time SQL metacharacters as the narrative', 'time', "1.5 acme-001 '; drop table users; --", { added: "'; drop table users; --" }],
  ['/time on 30 February', 'time', '1 acme-001 2026-02-30 drafted the brief', { refused: /"2026-02-30" is not a real day/ }],
  ['/time with "feb 30" in the narrative', 'time', '1 acme-001 feb 30 drafted the brief', { added: 'feb 30 drafted the brief' }],
  ['/time with NUL in the narrative', 'time', '1 acme-001 drafted\u0000the brief', { added: 'drafted the brief' }],
  ['/time with half a surrogate pair in the narrative', 'time', '1 acme-001 drafted \ud83d the brief', { added: 'drafted \ufffd the brief' }],
  ['/time with a 10,000-character Unicode narrative', 'time', `1 acme-001 ${UNICODE_10K}`, { added: null }],
  ['/time 25 hours', 'time', '25 acme-001 drafted', { refused: /at most 24 hours/ }],
  ['/time 1e308 hours', 'time', '1e308 acme-001 drafted', { refused: /is not a duration/ }],
  ['/time a right-to-left override as the matter', 'time', '1 \u202Eacme-001\u202C drafted', { refused: /matter/i }],
  ['/invoice empty', 'invoice', '', { refused: /^Usage: \/invoice CLIENT PERIOD/ }],
  ['/invoice 10,000 characters', 'invoice', TEN_K, { refused: /^Unknown client "x{100}/ }],
  ['/invoice 10,000 Unicode characters', 'invoice', UNICODE_10K, { refused: /^Unknown client/ }],
  ['/invoice SQL metacharacters', 'invoice', "'; drop table invoices; --", { refused: /^Unknown client/ }],
  ['/invoice SQL metacharacters in the period', 'invoice', "acme march'; drop table invoices; --", { refused: /^Unknown/ }],
  ['/invoice feb 30', 'invoice', 'acme feb 30', { refused: /"feb 30"/ }],
  ['/invoice a range from 30 February', 'invoice', 'acme 2026-02-30..2026-03-05', { refused: /Invalid date "2026-02-30"/ }],
  ['/invoice a range that ends before it starts', 'invoice', 'acme 2026-03-01..2025-01-01', { refused: /ends before it starts/ }],
  ['/invoice NUL as the period', 'invoice', 'acme \u0000', { refused: /^Usage: \/invoice|period/i }],
];

type Snapshot = Record<string, string[]>;

/** The answer names the problem (or the entry added); the database is unchanged or holds exactly that entry. */
function expectOutcome(outcome: Outcome, answer: string, before: Snapshot, after: Snapshot): void {
  expect(answer).not.toMatch(INTERNAL);
  if ('refused' in outcome) {
    expect(answer).toMatch(outcome.refused);
    expect(after).toEqual(before);
    return;
  }
  expect(answer).toMatch(/^Added \d+\.\d h to ACME-001/);
  const added = after.time_entries?.filter((row) => !before.time_entries?.includes(row)) ?? [];
  expect(added).toHaveLength(1);
  const entry = JSON.parse(added[0] ?? '{}') as { narrative: string; status: string };
  expect(entry.status).toBe('draft');
  if (outcome.added !== null) expect(entry.narrative).toBe(outcome.added);
  expect(after.users).toEqual(before.users);
}

/** The words of a text reply as Teams sends it (a plain message) or the console shows a card (its first TextRun). */
function replyText(message: unknown): string {
  const text = (message as { text?: unknown } | undefined)?.text;
  if (typeof text === 'string') return text;
  const run = JSON.stringify(message ?? {}).match(/"type":"TextRun","text":"((?:[^"\\]|\\.)*)"/);
  return run ? (JSON.parse(`"${run[1] ?? ''}"`) as string) : '';
}

describe.each(databaseKinds())('hostile 16: fuzzed input, odd bodies and broken files, on %s', (kind) => {
  const slack = useFakeSlack();
  let database: TestDatabase;
  let tally: BothPlatforms;
  let consoleServer: LocalServer;
  let core: ChatCore;
  const coreLog = recordingLogger();
  const consoleLog = recordingLogger();
  const ids = { alice: 0, dana: 0 };

  // One firm for the whole table (each case is checked against a snapshot taken just before it).
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedApprovedMarch(database.db);
    for (const [name, person] of Object.entries(PEOPLE)) {
      await database.db.updateTable('users').set({ slack_user_id: person.slack, aad_object_id: person.aad }).where('email', '=', `${name}@arnsley.example`).execute();
      ids[name as keyof typeof ids] = (await findUserByEmail(database.db, `${name}@arnsley.example`))?.id ?? 0;
    }
    core = createChatCore({ db: database.db, logger: coreLog.logger, files: { publicUrl: 'https://tally.test.example', secretKey: SECRETS.tallySecretKey } });
    tally = await startBothPlatforms(database, slack.current);
    consoleServer = await listenLocally(createApp({ config: loadConfig({ LOG_LEVEL: 'silent', PUBLIC_URL: 'http://127.0.0.1:1' }), database: database.handle, logger: consoleLog.logger }));
  });
  afterAll(async () => {
    await tally?.close();
    await consoleServer?.close();
    await database?.close();
  });

  const actor = (command: CommandName) => (command === 'invoice' ? 'dana' : 'alice');
  const errorsIn = (logs: readonly LogEntry[]) => logs.filter((l) => l.level === 'error').length;
  const expectAlive = async (url: string) => expect((await fetch(`${url}/healthz`)).status).toBe(200);

  it.each(CASES)('%s: the chat core answers in words', async (_name, command, text, outcome) => {
    const errors = errorsIn(coreLog.entries);
    const before = await snapshotEveryTable(database.db);
    const reply = await core.command({ platform: 'slack', platformUserId: PEOPLE[actor(command)].slack, deliveryKey: `fuzz:${randomUUID()}`, now: new Date('2026-04-02T15:00:00Z') }, command, text);
    expect(reply.kind).toBe('text');
    expectOutcome(outcome, reply.kind === 'text' ? reply.text : '', before, await snapshotEveryTable(database.db));
    expect(errorsIn(coreLog.entries)).toBe(errors);
  });

  it.each(CASES)('%s: as a signed Slack slash command, acked 200 and answered ephemerally', async (_name, command, text, outcome) => {
    const errors = errorsIn(tally.logs);
    const before = await snapshotEveryTable(database.db);
    const id = randomUUID();
    const ack = await postSlackForm(tally.url, SECRETS.slackSigningSecret, aSlashCommand({ command: `/${command}`, text, user: PEOPLE[actor(command)].slack, responseUrl: slack.current.responseUrl(id) }));
    expect(ack.status).toBe(200);
    await tally.background.idle();
    const [answer, ...more] = slack.current.callsTo('respond').filter((c) => c.params.id === id).map((c) => JSON.parse(c.raw) as { response_type: string; text: string });
    expect(more).toEqual([]);
    expect(answer?.response_type).toBe('ephemeral');
    expectOutcome(outcome, answer?.text ?? '', before, await snapshotEveryTable(database.db));
    expect(errorsIn(tally.logs)).toBe(errors);
  });

  it.each(CASES)('%s: typed in Teams, answered in the 1:1 chat', async (_name, command, text, outcome) => {
    const errors = errorsIn(tally.logs);
    // Each message refreshes the person's saved 1:1 conversation: that table may change.
    const before = await snapshotEveryTable(database.db, { except: ['conversation_references'] });
    const aad = PEOPLE[actor(command)].aad;
    const replies = tally.connector.messagesIn(`a:dm-${aad}`).length;
    expect((await tally.teamsPost(tally.teamsActivity(aad, { type: 'message', text: `${command} ${text}` }))).status).toBe(200);
    const sent = tally.connector.messagesIn(`a:dm-${aad}`).slice(replies);
    expect(sent).toHaveLength(1);
    expectOutcome(outcome, replyText(sent[0]?.body), before, await snapshotEveryTable(database.db, { except: ['conversation_references'] }));
    expect(errorsIn(tally.logs)).toBe(errors);
  });

  it.each(CASES)('%s: in the console, a 400 naming the limit or the answer in words', async (_name, command, text, outcome) => {
    const before = await snapshotEveryTable(database.db);
    const typed = `${command} ${text}`;
    const res = await fetch(`${consoleServer.url}/console/api/command`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as: ids[actor(command)], text: typed, requestId: randomUUID() }) });
    const body = (await res.json()) as { error?: string; reply?: { kind: string; text?: string; card?: unknown } };
    if (typed.length > 4000) {
      expect([res.status, body.error]).toEqual([400, 'a command is at most 4,000 characters']);
      expect(await snapshotEveryTable(database.db)).toEqual(before);
      return;
    }
    expect(res.status).toBe(200);
    expectOutcome(outcome, body.reply?.text ?? replyText(body.reply?.card), before, await snapshotEveryTable(database.db));
    expect(errorsIn(consoleLog.entries)).toBe(0);
  });

  type Answered = { readonly status: number; readonly text: string };
  type Body = readonly [name: string, send: () => Promise<Answered>, status: number];
  const answered = async (request: Promise<Response>): Promise<Answered> => {
    const res = await request;
    return { status: res.status, text: await res.text() };
  };
  const signedSlack = (body: string, type: string) => {
    const ts = String(Math.floor(Date.now() / 1000));
    return answered(fetch(`${tally.url}/slack/events`, { method: 'POST', headers: { 'content-type': type, 'x-slack-request-timestamp': ts, 'x-slack-signature': slackSignature(SECRETS.slackSigningSecret, ts, body) }, body }));
  };
  const twoMbEvent = () => JSON.stringify({ type: 'event_callback', event_id: `Ev${randomUUID()}`, event: { type: 'message', channel: 'C0ACME001', user: PEOPLE.alice.slack, text: 'y'.repeat(TWO_MB), ts: '1772470800.000100' } });
  const teamsRaw = async (body: string): Promise<Answered> => {
    const res = await tally.teamsPost({}, body);
    return { status: res.status, text: res.body };
  };
  const consoleRaw = (body: string, type = 'application/json') => answered(fetch(`${consoleServer.url}/console/api/command`, { method: 'POST', headers: { 'content-type': type }, body }));
  const BODIES: readonly Body[] = [
    ['an unsigned 2 MB event to /slack/events', () => answered(fetch(`${tally.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: twoMbEvent() })), 401],
    ['signed invalid JSON to /slack/events', () => signedSlack('{"type": "event_callback",', 'application/json'), 400],
    ['a signed JSON null to /slack/events', () => signedSlack('null', 'application/json'), 400],
    ['a signed JSON array to /slack/events', () => signedSlack('[1, 2, 3]', 'application/json'), 400],
    ['a signed form whose payload is not JSON', () => signedSlack('payload=%7B%22type%22%3A', 'application/x-www-form-urlencoded'), 400],
    ['invalid JSON to /api/messages (valid token)', () => teamsRaw('{"type": "message", "text": '), 400],
    ['a 2 MB activity to /api/messages (valid token)', () => teamsRaw(JSON.stringify({ type: 'message', text: 'y'.repeat(TWO_MB) })), 413],
    ['invalid JSON to /api/messages without a token', () => answered(fetch(`${tally.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' })), 401],
    ['invalid JSON to the console', () => consoleRaw('{"as": 1, "text": '), 400],
    ['a 2 MB command to the console', () => consoleRaw(JSON.stringify({ as: 1, text: `time ${'y'.repeat(TWO_MB)}`, requestId: randomUUID() })), 413],
    ['plain text to the console', () => consoleRaw('time 1 acme-001 drafted', 'text/plain'), 400],
    ['a JSON array to the console', () => consoleRaw('[1, 2, 3]'), 400],
  ];

  it.each(BODIES)('%s: a 4xx, no stack trace, nothing written, the server still answers', async (_name, send, status) => {
    const before = await snapshotEveryTable(database.db, { except: ['conversation_references'] });
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.text).not.toMatch(/\n\s+at |internal error|SyntaxError/);
    await tally.background.idle();
    await expectAlive(tally.url);
    await expectAlive(consoleServer.url);
    expect(await snapshotEveryTable(database.db, { except: ['conversation_references'] })).toEqual(before);
    expect(errorsIn(tally.logs) + errorsIn(consoleLog.entries)).toBe(0);
  });

  it('a signed 2 MB slash command is acked 200 and answered in words (a 2 MB body, well within Slack\'s signature check)', async () => {
    const before = await snapshotEveryTable(database.db);
    const id = randomUUID();
    const body = aSlashCommand({ command: '/time', text: 'y'.repeat(TWO_MB), user: PEOPLE.alice.slack, responseUrl: slack.current.responseUrl(id) });
    expect(body.length).toBeGreaterThan(TWO_MB);
    const ack = await postSlackForm(tally.url, SECRETS.slackSigningSecret, body);
    expect(ack.status).toBe(200);
    await tally.background.idle();
    const answer = slack.current.callsTo('respond').find((c) => c.params.id === id);
    expect(JSON.parse(answer?.raw ?? '{}')).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/^Hours "y{100}/) });
    expect(await snapshotEveryTable(database.db)).toEqual(before);
    await expectAlive(tally.url);
  });
});

describe.each(databaseKinds())('hostile 16: broken firm files to `tally import`, on %s', (kind) => {
  const cli = useCliDatabase(kind);
  const run = cliRunner(() => cli.current.env);
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tally-fuzz-'));
    expect((await run('import', DEMO_FIRM_FILE)).code).toBe(0);
  });

  /** A firm file of at least 2 MB: thousands of valid people, then one who is not. */
  function twoMegabytes(): string {
    const users = Array.from({ length: 28_000 }, (_, i) => aUser({ email: `person${String(i)}@test.example`, name: `Person ${String(i)}` }));
    const text = JSON.stringify(aFirmFile({ users: [...users, aUser({ email: 'odd@test.example', roles: ['partner'] })] }));
    expect(text.length).toBeGreaterThan(TWO_MB);
    return text;
  }
  const ALIAS_BOMB = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i] ?? 'a'}`).join(', ')}]`)].join('\n');

  it.each<[string, string, () => string | Buffer]>([
    ['broken YAML', 'broken.yaml', () => 'firm:\n  name: [unclosed\n'],
    ['the wrong types everywhere', 'types.yaml', () => 'firm:\n  name: 42\n  timezone: [x]\nusers: nobody\nclients: {a: 1}\nmatters:\n  - {code: 1, client: true, name: null}\n'],
    ['a valid firm whose last matter names an unknown client', 'partial.json', () => JSON.stringify(aFirmFile({ matters: [aMatter({ code: 'ACME-009', client: 'ACME', name: 'New matter' }), aMatter({ code: 'X-1', client: 'NOPE', name: 'Stray' })] }))],
    ['2 MB of people, the last one invalid', 'big.json', twoMegabytes],
    ['2 MB of random bytes', 'garbage.yaml', () => Buffer.from(Array.from({ length: TWO_MB }, (_, i) => (i * 7919 + 13) % 256))],
    ['a YAML alias bomb', 'bomb.yaml', () => ALIAS_BOMB],
    ['NUL in a YAML name', 'nul.yaml', () => 'firm:\n  name: "Acme\\0Corp"\n  timezone: UTC\n'],
    ['NUL in a JSON name', 'nul.json', () => JSON.stringify(aFirmFile({ firm: { name: 'Test\u0000Partners', timezone: 'UTC' } }))],
    ['half a surrogate pair in a name', 'surrogate.json', () => JSON.stringify(aFirmFile({ firm: { name: 'Test \ud83d Partners', timezone: 'UTC' } }))],
    ['invalid JSON', 'bad.json', () => '{"firm": {"name": "x",}'],
    ['an empty file', 'empty.yaml', () => ''],
    ['a JSON array', 'array.json', () => '[]'],
  ])('%s: exit 1 with a message naming the problem, no stack trace, nothing imported', async (_name, file, content) => {
    const path = join(dir, file);
    await writeFile(path, content());
    const before = await cli.current.inspect(snapshotFirmTables);
    const result = await run('import', path);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^tally: /);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(await cli.current.inspect(snapshotFirmTables)).toEqual(before);
  });
});
