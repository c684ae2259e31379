// Pass criterion (issue 8, case 10): PostgreSQL connection dropped before the commit of an approval
// → still a draft, user told, retry succeeds once, pool recovers.
// The app reaches PostgreSQL only through a TCP proxy (tests/support/tcp-proxy.ts) that cuts the
// connection carrying the approval's COMMIT before forwarding it. A pool of one connection makes the
// cut connection the pool's very first (opened by the reachability check); a pool of four is the
// usual case.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { listAudit } from '../../src/db/repositories/audit.repository.js';
import { findSummaryCard } from '../../src/db/repositories/summary-card.repository.js';
import { findEntry } from '../../src/db/repositories/time-entry.repository.js';
import { DAY, seedDay, snapshot, userId } from '../integration/bots/review/review-harness.js';
import { blocksOf, buttonValue, deliver, DMS, linkSlackIds, scriptDms, SLACK_IDS } from '../integration/bots/slack/slack-flow.js';
import { useFakeSlack } from '../support/fakes/fake-slack-hooks.js';
import { startTally, type RunningTally } from '../support/slack-harness.js';
import { aBlockAction, aSlashCommand } from '../support/slack-sign.js';
import { isCommit, openThroughProxy, startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { databaseKinds, useTestDatabase, type TestDatabase } from '../support/test-database.js';

describe.each(databaseKinds().filter((k) => k === 'postgres'))('hostile 10: the connection drops before an approval commits (%s)', (kind) => {
  const database = useTestDatabase(kind);
  const slack = useFakeSlack();
  const db = () => database.current.db;
  let proxy: TcpProxy;
  let proxied: TestDatabase | undefined;
  let tally: RunningTally | undefined;

  beforeAll(async () => {
    proxy = await startTcpProxy(inject('postgresUrl'));
  });
  afterAll(async () => {
    await proxy.close();
  });
  beforeEach(async () => {
    await seedDay(db());
    await linkSlackIds(db());
    scriptDms(slack.current);
  });
  afterEach(async () => {
    await tally?.close();
    await proxied?.close();
    tally = undefined;
    proxied = undefined;
  });

  /** The real server (createApp, real chat core) on a pool that reaches PostgreSQL through the proxy. */
  const start = async (poolSize: number) => {
    const through = await openThroughProxy(database.current, proxy, poolSize);
    proxied = through;
    const running = await startTally(through, slack.current);
    tally = running;
    return { app: running, pool: through.handle };
  };
  /** Alice's card, posted in her DM through the server: its blocks and where it is. */
  const aliceCard = async (app: RunningTally) => {
    await deliver(app, aSlashCommand({ command: '/tally', text: `summary ${DAY}`, user: SLACK_IDS.alice, responseUrl: slack.current.responseUrl('summary') }));
    const saved = await findSummaryCard(db(), await userId(db(), 'alice'), DAY, 'slack');
    const blocks = blocksOf(slack.current.callsTo('chat.postMessage').at(-1));
    slack.current.resetCalls();
    return { blocks, container: { type: 'message', message_ts: saved?.messageId ?? '', channel_id: DMS.alice, is_ephemeral: false } };
  };
  const click = (value: string, container: Record<string, unknown>, actionTs: string) =>
    aBlockAction({ user: SLACK_IDS.alice, actionId: 'review.approve', value, responseUrl: slack.current.responseUrl('approve'), container, actionTs });
  const approvals = async (id: string) => (await listAudit(db(), { entityType: 'time_entry', entityId: id })).filter((a) => a.action === 'entry.approved');

  it.each([1, 4])('leaves the draft, tells Alice in words, approves once on a new click and recovers (pool of %i)', async (poolSize) => {
    const { app, pool } = await start(poolSize);
    const { blocks, container } = await aliceCard(app);
    const value = buttonValue(blocks, 'review.approve');
    const { entryId, version } = JSON.parse(value) as { entryId: string; version: number };
    const before = await snapshot(db());
    const openedBefore = proxy.opened;

    const dropped = proxy.dropWhen(isCommit);
    const response = await deliver(app, click(value, container, '1772470900.000100'));

    expect(response.status).toBe(200);
    expect((await dropped).sql).toMatch(/^commit$/i);
    // Nothing of the approval landed: entry, audit rows and the delivery's idempotency key are as before.
    expect(await findEntry(db(), entryId)).toMatchObject({ status: 'draft', version });
    expect(await snapshot(db())).toEqual(before);
    // Alice is told, ephemerally and in plain words, that nothing changed and she may try again; the card stays.
    expect(slack.current.callsTo('chat.update')).toEqual([]);
    expect(slack.current.responses()).toEqual([expect.objectContaining({ response_type: 'ephemeral', replace_original: false, text: expect.stringMatching(/nothing was changed.*try again/i) })]);
    expect(String(slack.current.responses()[0]?.text)).not.toMatch(/terminated|connection|ECONN|queryable|stack|\.ts:/i);
    const failure = app.logs.find((e) => e.level === 'error' && e.message === 'chat request failed');
    expect(failure?.fields).toMatchObject({ platform: 'slack', deliveryKey: `slack:act:${container.message_ts}:1772470900.000100` });
    slack.current.resetCalls();

    // A new click (a new delivery key) approves it, once; that click delivered again changes nothing.
    const retry = click(value, container, '1772470900.000200');
    await deliver(app, retry);
    await deliver(app, retry, 1);

    expect(await findEntry(db(), entryId)).toMatchObject({ status: 'approved', version: version + 1, approvedBy: await userId(db(), 'alice') });
    expect((await approvals(entryId)).map((a) => [a.actor.label, a.actor.via])).toEqual([['Alice Harlow', 'slack']]);
    expect(slack.current.callsTo('chat.update').map((c) => [c.params.channel, c.params.ts])).toEqual(Array(2).fill([DMS.alice, container.message_ts]));
    expect(slack.current.responses()).toEqual([]);

    // The pool recovered: it replaced the cut connection, and every connection it holds answers.
    const answers = await Promise.all(Array.from({ length: 2 * poolSize }, () => pool.executeSql('select 1 as one')));
    expect(answers.map((a) => a.rows)).toEqual(Array(2 * poolSize).fill([{ one: 1 }]));
    expect(proxy.opened).toBeGreaterThan(openedBefore);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });
});
