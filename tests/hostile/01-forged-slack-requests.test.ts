// Hostile 1 — "forged Slack requests (bad signature, other secret, missing headers, changed body,
// `ssl_check` smuggling) → 401, no effect": an empty 401, no handler run, no row written, no call
// to Slack, for slash commands, card clicks and Events API deliveries alike.
import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChatCore } from '../../src/bots/chat/chat-core.service.js';
import type { SlackRefusal } from '../../src/bots/slack/slack-request-guard.js';
import { quietLogger, seedExampleFirm } from '../support/capture-harness.js';
import { aMessageEnvelope, postSlackEvent, slackSignature, slackTs, type PostedResponse } from '../support/fakes/fake-slack-events.js';
import { useFakeSlack } from '../support/fakes/fake-slack-hooks.js';
import { outboundCalls, ScriptedCore, SECRET, startTally, type RunningTally } from '../support/slack-harness.js';
import { aBlockAction, aSlashCommand, postSlackForm, type SignedFormOptions } from '../support/slack-sign.js';
import { databaseKinds, useTestDatabase, type TestDatabase } from '../support/test-database.js';

const nowSeconds = () => Math.floor(Date.now() / 1000);
const hmac = (secret: string, base: string) => createHmac('sha256', secret).update(base).digest('hex');

/** Rows of the tables a handled command, click or event writes. */
async function rowCounts(db: TestDatabase): Promise<{ audit_log: number; time_entries: number; idempotency_keys: number; summary_cards: number; activities: number }> {
  const count = async (table: string) => Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db.db)).rows[0]?.n);
  return {
    audit_log: await count('audit_log'), time_entries: await count('time_entries'), idempotency_keys: await count('idempotency_keys'),
    summary_cards: await count('summary_cards'), activities: await count('activities'),
  };
}

type Case = [name: string, body: (responseUrl: string) => string, options: () => SignedFormOptions, reason: SlackRefusal];

// Alice is in the example firm: correctly signed, this command adds a draft.
const command = (responseUrl: string) => aSlashCommand({ command: '/time', text: '1.5 acme-002 2026-03-09 drafted the pricing schedule', user: 'U0ALICE01', responseUrl });
const click = (responseUrl: string) => aBlockAction({ user: 'U0ALICE01', actionId: 'review.approve_all', value: JSON.stringify({ verb: 'approve_all', ownerId: 2, date: '2026-03-02' }), responseUrl });
const sslCheckWith = (responseUrl: string) => `ssl_check=1&token=legacy-verification-token&${command(responseUrl)}`;

const CASES: Case[] = [
  ['a forged signature', command, () => ({ signature: `v0=${'a'.repeat(64)}` }), 'bad signature'],
  ['a signature made with another secret', command, () => ({ signWith: 'another-secret' }), 'bad signature'],
  ['a v1= prefix whose HMAC covers "v1:" (which bolt alone would accept)', command, () => {
    const ts = nowSeconds();
    return { timestamp: ts, signature: `v1=${hmac(SECRET, `v1:${String(ts)}:${command('http://x')}`)}` };
  }, 'bad signature'],
  ['a signature without its v0= prefix', command, () => {
    const ts = nowSeconds();
    return { timestamp: ts, signature: hmac(SECRET, `v0:${String(ts)}:${command('http://x')}`) };
  }, 'bad signature'],
  ['an empty v0= signature', command, () => ({ signature: 'v0=' }), 'bad signature'],
  ['a timestamp that is not a number (signed as sent)', command, () => ({ timestamp: Number.NaN }), 'bad timestamp'],
  ['missing signature headers', command, () => ({ unsigned: true }), 'missing headers'],
  ['a body changed after signing', command, () => ({ tamper: '&text=invoice%20acme' }), 'bad signature'],
  ['a block action with a forged signature', click, () => ({ signWith: 'another-secret' }), 'bad signature'],
  ['a block action whose payload was changed after signing', click, () => ({ tamper: '%20' }), 'bad signature'],
  ['ssl_check=1 carrying a slash command, correctly signed', sslCheckWith, () => ({}), 'ssl_check with payload'],
  ['ssl_check=1 carrying a slash command, unsigned', sslCheckWith, () => ({ unsigned: true }), 'missing headers'],
];

/** Alice's message in Acme's mapped channel: correctly signed, it is stored as one activity. */
const aliceMessage = () => aMessageEnvelope({ channel: 'C0ACME001', user: 'U0ALICE01', ts: slackTs('2026-03-02T15:00:00Z'), text: 'forged' });

type EventCase = [name: string, send: (url: string) => Promise<PostedResponse>, reason: SlackRefusal];
const EVENT_CASES: EventCase[] = [
  ['an event signed with another secret', (url) => postSlackEvent(url, SECRET, aliceMessage(), { signWith: 'not-the-secret' }), 'bad signature'],
  ['an event with an empty v0= signature', (url) => postSlackEvent(url, SECRET, aliceMessage(), { signature: 'v0=' }), 'bad signature'],
  ['a url_verification signed with another secret', (url) => postSlackEvent(url, SECRET, { ...aliceMessage(), type: 'url_verification', challenge: 'abc' }, { signWith: 'not-the-secret' }), 'bad signature'],
  ['an event whose body was swapped after signing (another author)', (url) => {
    const ts = nowSeconds();
    const signed = aliceMessage();
    const swapped = { ...signed, event: { ...(signed.event as object), user: 'U0ROBERT1' } };
    return postSlackEvent(url, SECRET, swapped, { timestamp: ts, signature: slackSignature(SECRET, String(ts), JSON.stringify(signed)) });
  }, 'bad signature'],
];

describe.each(databaseKinds())('hostile 01: forged Slack requests at POST /slack/events (%s)', (kind) => {
  const database = useTestDatabase(kind);
  const slack = useFakeSlack();
  let core: ScriptedCore;
  let tally: RunningTally;

  beforeEach(async () => {
    await seedExampleFirm(database.current.db);
    // The real chat core, recorded: a refused request must reach no handler at all.
    core = new ScriptedCore(createChatCore({ db: database.current.db, logger: quietLogger, files: { publicUrl: 'https://tally.test.example', secretKey: null } }));
    tally = await startTally(database.current, slack.current, { core });
  });
  afterEach(async () => {
    await tally.close();
  });

  /** The refusal's own trace: an empty 401 and a log line saying why (the reason, never the body). */
  const expectRefused = async (response: PostedResponse, before: Awaited<ReturnType<typeof rowCounts>>, reason: SlackRefusal) => {
    await tally.background.idle();
    expect([response.status, response.body]).toEqual([401, '']);
    expect(core.calls).toEqual([]);
    expect(outboundCalls(slack.current)).toEqual([]);
    expect(await rowCounts(database.current)).toEqual(before);
    expect(tally.logs.filter((e) => e.message === 'slack request refused').map((e) => e.fields)).toEqual([{ reason }]);
  };

  it.each(CASES)('refuses %s with 401 and an empty body: no handler runs, nothing is written or sent', async (_name, body, options, reason) => {
    // The v1=/missing-prefix cases sign the body built with this URL, so build it the same way.
    const text = body('http://x');
    const before = await rowCounts(database.current);
    const response = await postSlackForm(tally.url, SECRET, text, options());
    await expectRefused(response, before, reason);
  });

  it.each(EVENT_CASES)('refuses %s with 401 and an empty body, storing nothing', async (_name, send, reason) => {
    const before = await rowCounts(database.current);
    const response = await send(tally.url);
    await expectRefused(response, before, reason);
  });

  it('runs the handler for the same command correctly signed (the control for the table above)', async () => {
    const before = await rowCounts(database.current);
    const response = await postSlackForm(tally.url, SECRET, command(slack.current.responseUrl('ok')));
    await tally.background.idle();

    expect(response.status).toBe(200);
    expect(core.calls.map((c) => c.method)).toEqual(['command']);
    expect(await rowCounts(database.current)).toMatchObject({ time_entries: before.time_entries + 1, audit_log: before.audit_log + 1 });
    expect(outboundCalls(slack.current)).toEqual(['respond']);
  });

  it('stores the same event correctly signed (the control for the events above)', async () => {
    const before = await rowCounts(database.current);
    const response = await postSlackEvent(tally.url, SECRET, aliceMessage());
    await tally.background.idle();

    expect(response.status).toBe(200);
    expect(await rowCounts(database.current)).toMatchObject({ activities: before.activities + 1, idempotency_keys: before.idempotency_keys + 1 });
  });

  it('answers a genuine, signed ssl_check (nothing else in it) with 200 and runs no handler', async () => {
    const body = 'ssl_check=1&token=legacy-verification-token';
    const ts = nowSeconds();
    const response = await postSlackForm(tally.url, SECRET, body, { timestamp: ts, signature: slackSignature(SECRET, String(ts), body) });
    await tally.background.idle();

    expect(response.status).toBe(200);
    expect(core.calls).toEqual([]);
    expect(outboundCalls(slack.current)).toEqual([]);
  });
});
