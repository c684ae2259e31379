import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChatCore } from '../../../../src/bots/chat/chat-core.service.js';
import { quietLogger, seedExampleFirm } from '../../../support/capture-harness.js';
import { slackSignature } from '../../../support/fakes/fake-slack-events.js';
import { useFakeSlack } from '../../../support/fakes/fake-slack-hooks.js';
import { outboundCalls, ScriptedCore, SECRET, startTally, type RunningTally } from '../../../support/slack-harness.js';
import { aBlockAction, aSlashCommand, postSlackForm, type SignedFormOptions } from '../../../support/slack-sign.js';
import { databaseKinds, useTestDatabase, type TestDatabase } from '../../../support/test-database.js';

const nowSeconds = () => Math.floor(Date.now() / 1000);
const hmac = (secret: string, base: string) => createHmac('sha256', secret).update(base).digest('hex');

/** Rows of the tables a handled command or click writes. */
async function rowCounts(db: TestDatabase): Promise<{ audit_log: number; time_entries: number; idempotency_keys: number; summary_cards: number }> {
  const count = async (table: string) => Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db.db)).rows[0]?.n);
  return { audit_log: await count('audit_log'), time_entries: await count('time_entries'), idempotency_keys: await count('idempotency_keys'), summary_cards: await count('summary_cards') };
}

type Case = [name: string, body: (responseUrl: string) => string, options: () => SignedFormOptions];

// Alice is in the example firm: correctly signed, this command adds a draft.
const command = (responseUrl: string) => aSlashCommand({ command: '/time', text: '1.5 acme-002 2026-03-09 drafted the pricing schedule', user: 'U0ALICE01', responseUrl });
const click = (responseUrl: string) => aBlockAction({ user: 'U0ALICE01', actionId: 'review.approve_all', value: JSON.stringify({ verb: 'approve_all', ownerId: 2, date: '2026-03-02' }), responseUrl });
const sslCheckWith = (responseUrl: string) => `ssl_check=1&token=legacy-verification-token&${command(responseUrl)}`;

const CASES: Case[] = [
  ['a forged signature', command, () => ({ signature: `v0=${'a'.repeat(64)}` })],
  ['a signature made with another secret', command, () => ({ signWith: 'another-secret' })],
  ['a v1= prefix whose HMAC covers "v1:" (which bolt alone would accept)', command, () => {
    const ts = nowSeconds();
    return { timestamp: ts, signature: `v1=${hmac(SECRET, `v1:${String(ts)}:${command('http://x')}`)}` };
  }],
  ['a signature without its v0= prefix', command, () => {
    const ts = nowSeconds();
    return { timestamp: ts, signature: hmac(SECRET, `v0:${String(ts)}:${command('http://x')}`) };
  }],
  ['a stale timestamp (301 s old)', command, () => ({ timestamp: nowSeconds() - 301 })],
  ['a future timestamp (301 s ahead)', command, () => ({ timestamp: nowSeconds() + 301 })],
  ['missing signature headers', command, () => ({ unsigned: true })],
  ['a body changed after signing', command, () => ({ tamper: '&text=invoice%20acme' })],
  ['a block action with a forged signature', click, () => ({ signWith: 'another-secret' })],
  ['ssl_check=1 carrying a slash command, correctly signed', sslCheckWith, () => ({})],
  ['ssl_check=1 carrying a slash command, unsigned', sslCheckWith, () => ({ unsigned: true })],
];

describe.each(databaseKinds())('Slack request verification at POST /slack/events (%s)', (kind) => {
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

  it.each(CASES)('refuses %s with 401 and an empty body: no handler runs, nothing is written or sent', async (_name, body, options) => {
    // The v1=/missing-prefix cases sign the body built with this URL, so build it the same way.
    const text = body('http://x');
    const before = await rowCounts(database.current);
    const response = await postSlackForm(tally.url, SECRET, text, options());
    await tally.background.idle();

    expect([response.status, response.body]).toEqual([401, '']);
    expect(core.calls).toEqual([]);
    expect(outboundCalls(slack.current)).toEqual([]);
    expect(await rowCounts(database.current)).toEqual(before);
    expect(tally.logs.some((e) => e.message === 'slack request refused')).toBe(true);
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
