import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../../../src/bots/cards/action-ids.js';
import type { ConsoleReply } from '../../../../src/bots/console/console-reply.js';
import { loadConfig } from '../../../../src/config.js';
import { listAudit } from '../../../../src/db/repositories/audit.repository.js';
import { listEntries } from '../../../../src/db/repositories/time-entry.repository.js';
import { findUserByEmail } from '../../../../src/db/repositories/user.repository.js';
import { createApp } from '../../../../src/server.js';
import { seedApprovedMarch } from '../../../support/billing-harness.js';
import { captureFixture, quietLogger, seedExampleFirm } from '../../../support/capture-harness.js';
import { listenLocally, type LocalServer } from '../../../support/local-server.js';
import { databaseKinds, useTestDatabase } from '../../../support/test-database.js';

const TOKEN = 'console-token-for-tests-0123';
type Json = Record<string, unknown>;

/** Every Action.Execute of a card with this verb: its data (what the page posts back). */
function actionsOf(card: unknown, verb: string): Json[] {
  if (Array.isArray(card)) return card.flatMap((c) => actionsOf(c, verb));
  if (typeof card !== 'object' || card === null) return [];
  const node = card as Json;
  const own = node.type === 'Action.Execute' && node.verb === verb ? [(node.data ?? {}) as Json] : [];
  return [...own, ...Object.values(node).flatMap((v) => actionsOf(v, verb))];
}

describe.each(databaseKinds())('the console API on %s', (kind) => {
  const database = useTestDatabase(kind);
  const servers: LocalServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  async function serve(env: Record<string, string> = {}): Promise<string> {
    const config = loadConfig({ LOG_LEVEL: 'silent', PUBLIC_URL: 'http://127.0.0.1:1', ...env });
    const server = await listenLocally(createApp({ config, database: database.current.handle, logger: quietLogger }));
    servers.push(server);
    return server.url;
  }
  async function post(url: string, path: string, body: Json, headers: Record<string, string> = {}): Promise<{ status: number; json: Json }> {
    const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as Json };
  }
  const idOf = async (email: string) => (await findUserByEmail(database.current.db, email))?.id ?? 0;

  it('serves the page and the official renderer, lists the people, and opens a lawyer’s card of their latest day', async () => {
    await seedExampleFirm(database.current.db);
    await captureFixture(database.current.db, '2026-03-02');
    const url = await serve();
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/console/assets/adaptivecards.js');
    const renderer = await fetch(`${url}/console/assets/adaptivecards.js`);
    expect(renderer.headers.get('content-type')).toContain('javascript');
    expect(await renderer.text()).toContain('AdaptiveCard');
    expect((await fetch(`${url}/console/assets/../../package.json`)).status).toBe(404);

    const people = (await (await fetch(`${url}/console/api/people`)).json()) as { people: { email: string; roles: string[] }[] };
    expect(people.people.map((p) => p.email)).toContain('dana@arnsley.example');
    const start = (await (await fetch(`${url}/console/api/start?as=${String(await idOf('robert@arnsley.example'))}`)).json()) as { replies: ConsoleReply[] };
    // Robert is a lawyer and a manager: his card of 2 March (his latest day with drafts), then his digest.
    expect(start.replies.map((r) => (r.kind === 'card' ? r.replyKind : r.kind))).toEqual(['daily-review', 'digest']);
  });

  it('approves an entry from its card once per request id, audited as the console, and answers the card again', async () => {
    await seedExampleFirm(database.current.db);
    await captureFixture(database.current.db, '2026-03-02');
    const url = await serve();
    const robert = await idOf('robert@arnsley.example');
    const opened = await post(url, '/console/api/command', { as: robert, text: '/tally summary 2026-03-02', requestId: randomUUID() });
    const card = (opened.json.reply as Extract<ConsoleReply, { kind: 'card' }>).card;
    const [approve] = actionsOf(card, ACTION_IDS.approve);
    expect(approve).toBeDefined();
    const click = { as: robert, verb: ACTION_IDS.approve, data: approve ?? {}, requestId: randomUUID() };
    const first = await post(url, '/console/api/action', click);
    const again = await post(url, '/console/api/action', click);
    expect(first.json.reply).toMatchObject({ kind: 'card', replyKind: 'daily-review' });
    expect(again.status).toBe(200);
    const approved = (await listEntries(database.current.db, { userId: robert, from: '2026-03-02', to: '2026-03-02' })).filter((e) => e.status === 'approved');
    const clicked = String((approve?.action as Json | undefined)?.entryId);
    expect(approved.map((e) => e.id)).toEqual([clicked]);
    const audit = (await listAudit(database.current.db, { entityId: clicked })).filter((a) => a.action === 'entry.approved');
    expect(audit.map((a) => a.actor.via)).toEqual(['console']);
  });

  it('gives billing a pre-bill and its LEDES file, and a manager the digest; refuses the digest to others in words', async () => {
    await seedApprovedMarch(database.current.db);
    const url = await serve();
    const dana = await idOf('dana@arnsley.example');
    const prebill = await post(url, '/console/api/command', { as: dana, text: '/invoice acme march 2026', requestId: randomUUID() });
    expect(prebill.json.reply).toMatchObject({ kind: 'card', replyKind: 'pre-bill' });
    const [ledes] = actionsOf((prebill.json.reply as { card: unknown }).card, ACTION_IDS.fileLedes);
    const files = await post(url, '/console/api/action', { as: dana, verb: ACTION_IDS.fileLedes, data: ledes ?? {}, requestId: randomUUID() });
    const reply = files.json.reply as Extract<ConsoleReply, { kind: 'files' }>;
    expect(reply.kind).toBe('files');
    const file = await fetch((reply.files[0]?.url ?? '').replace('http://127.0.0.1:1', url));
    const lines = (await file.text()).split(/\r?\n/);
    expect(lines[0]).toBe('LEDES1998B[]');
    expect(lines[1]).toMatch(/^INVOICE_DATE\|INVOICE_NUMBER\|CLIENT_ID\|/);

    const digest = await post(url, '/console/api/command', { as: await idOf('robert@arnsley.example'), text: 'tally digest', requestId: randomUUID() });
    expect(digest.json.reply).toMatchObject({ kind: 'card', replyKind: 'digest' });
    const refused = await post(url, '/console/api/command', { as: dana, text: '/tally digest', requestId: randomUUID() });
    expect(refused.json.reply).toMatchObject({ kind: 'text' });
  });

  it.each<[string, Json | string, number]>([
    ['a body that is not JSON', '{"as": 1,', 400],
    ['no request id', { as: 1, text: '/tally help' }, 400],
    ['a person who is no number', { as: 'robert', text: '/tally help', requestId: randomUUID() }, 400],
    ['10,000 characters of command', { as: 1, text: 'x'.repeat(10_000), requestId: randomUUID() }, 400],
  ])('answers %s with a 4xx that names the problem, never a 500', async (_name, body, status) => {
    await seedExampleFirm(database.current.db);
    const url = await serve();
    const res = await fetch(`${url}/console/api/command`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    expect(res.status).toBe(status);
    expect(((await res.json()) as Json).error).toEqual(expect.any(String));
  });

  it('refuses a card action that is none of Tally’s buttons', async () => {
    await seedExampleFirm(database.current.db);
    const url = await serve();
    const res = await post(url, '/console/api/action', { as: await idOf('robert@arnsley.example'), verb: 'review.delete_everything', data: {}, requestId: randomUUID() });
    expect(res.status).toBe(400);
  });

  it('with a token configured, refuses every console request without it — page, assets and API', async () => {
    await seedExampleFirm(database.current.db);
    const url = await serve({ TALLY_CONSOLE_TOKEN: TOKEN });
    for (const path of ['/', '/console/assets/console.js', '/console/assets/adaptivecards.js', '/console/api/people', '/console/api/start?as=1']) {
      expect((await fetch(`${url}${path}`)).status, path).toBe(401);
      expect((await fetch(`${url}${path}`, { headers: { 'x-tally-console-token': 'wrong-token-0123456789' } })).status, path).toBe(401);
    }
    expect((await post(url, '/console/api/command', { as: 1, text: '/tally help', requestId: randomUUID() })).status).toBe(401);
    expect((await fetch(`${url}/?token=${TOKEN}`)).status).toBe(200);
    expect((await fetch(`${url}/console/api/people`, { headers: { 'x-tally-console-token': TOKEN } })).status).toBe(200);
  });

  it('is not served beside a platform unless asked for, and then only behind its token', async () => {
    await seedExampleFirm(database.current.db);
    const slack = { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret-for-console-test', SLACK_API_URL: 'http://127.0.0.1:9/api/' };
    expect((await fetch(`${await serve(slack)}/console/api/people`)).status).toBe(404);
    const guarded = await serve({ ...slack, TALLY_CONSOLE: '1', TALLY_CONSOLE_TOKEN: TOKEN });
    expect((await fetch(`${guarded}/console/api/people`)).status).toBe(401);
    expect((await fetch(`${guarded}/console/api/people?token=${TOKEN}`)).status).toBe(200);
  });
});
