// Hostile 15 — "stored platform tokens encrypted at rest with TALLY_SECRET_KEY (a database dump holds
// no plaintext token)". Tally stores no platform token today: the Slack and Teams secrets come from
// the environment, Teams conversation references hold the serviceUrl and ids only, Graph keeps delta
// links (no access token). So the pass criterion is asserted as "nothing to encrypt": after Slack and
// Teams flows (references saved, signed file links, scheduled sends, approvals) and a Graph capture,
// every row of every table — Tally's and the job queue's — as text holds none of the Slack bot token,
// the signing secret, the Teams app password, the Bot Connector token, an inbound JWT, the Graph
// client secret or access token, or TALLY_SECRET_KEY (plain, base64, base64url or hex).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCapture } from '../../src/capture/capture-wiring.js';
import { captureDay } from '../../src/capture/capture.service.js';
import { quietLogger } from '../support/capture-harness.js';
import { useFakeGraph } from '../support/fakes/fake-graph-context.js';
import { useFakeSlack } from '../support/fakes/fake-slack-hooks.js';
import { databaseKinds, useTestDatabase } from '../support/test-database.js';
import { SECRETS, startBothPlatforms, type BothPlatforms } from './both-platforms.js';
import { dumpDatabase, type DumpedRow } from './database-dump.js';
import { PEOPLE, runRealisticFlow, seedPeople } from './realistic-flow.js';

const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]*/;
const SLACK_TOKEN = /xox[abpre]-/;
const GRAPH_ACCESS_TOKEN = /fake-graph-[0-9a-f]{24}/;

/** A secret as it could sit in a column: as is, base64, base64url or hex. */
function encodings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [secret, bytes.toString('base64').replace(/=+$/, ''), bytes.toString('base64url'), bytes.toString('hex')];
}

function expectNoSecret(rows: readonly DumpedRow[], secrets: readonly string[]): void {
  const needles = secrets.flatMap(encodings);
  for (const row of rows) {
    for (const needle of needles) expect(row.text, `${row.table} holds a secret`).not.toContain(needle);
    expect(row.text, `${row.table} holds a JWT`).not.toMatch(JWT);
    expect(row.text, `${row.table} holds a Slack token`).not.toMatch(SLACK_TOKEN);
    expect(row.text, `${row.table} holds a Graph access token`).not.toMatch(GRAPH_ACCESS_TOKEN);
  }
}

describe.each(databaseKinds())('hostile 15: a database dump holds no platform token, on %s', (kind) => {
  const database = useTestDatabase(kind);
  const slack = useFakeSlack();
  const graph = useFakeGraph();
  let tally: BothPlatforms | undefined;
  beforeEach(async () => {
    await seedPeople(database.current);
  });
  afterEach(async () => {
    await tally?.close();
    tally = undefined;
  });

  /** The Slack and Teams day, a Teams install, and a capture of Alice's mailbox through Microsoft Graph. */
  async function runFlows(running: BothPlatforms): Promise<void> {
    await runRealisticFlow(running, slack.current, database.current, running.logger);
    expect((await running.teamsPost(running.teamsActivity(PEOPLE.dana.aad, { type: 'installationUpdate', action: 'add' }))).status).toBeLessThan(300);
    graph.current.mailbox(PEOPLE.alice.email).putEvent({ id: 'ev-1', subject: 'Globex claim construction strategy', start: '2026-03-05T15:00:00Z', end: '2026-03-05T16:00:00Z', response: 'accepted', attendees: ['ip@globex.com'] });
    const capture = await buildCapture(database.current.db, { graph: graph.current.graphConfig(), slack: null, openai: null }, { now: () => new Date('2026-03-06T12:00:00Z'), logger: quietLogger });
    expect((await captureDay(capture, { date: '2026-03-05', userEmail: PEOPLE.alice.email })).sourceErrors).toEqual([]);
    expect(graph.current.tokenRequests.some((t) => t.granted)).toBe(true);
  }

  it('with TALLY_SECRET_KEY set: no token, secret, key or JWT in any row of any table', async () => {
    tally = await startBothPlatforms(database.current, slack.current);
    await runFlows(tally);
    const rows = await dumpDatabase(database.current.handle);

    // The dump is real: the references, the ledger, the queue and the drafts are in it.
    const tables = new Set(rows.map((r) => r.table.split('.')[1]));
    for (const table of ['conversation_references', 'scheduled_sends', 'summary_cards', 'time_entries', 'audit_log', 'idempotency_keys', 'sync_state', 'job']) expect(tables, table).toContain(table);
    const references = rows.filter((r) => r.table.endsWith('.conversation_references'));
    expect(references.length).toBeGreaterThanOrEqual(2);
    for (const reference of references) expect(reference.text).toContain(tally.connector.serviceUrl);
    expect(rows.some((r) => r.text.includes('Privileged strategy conference'))).toBe(true);

    expect(tally.teamsTokens.length).toBeGreaterThan(3);
    expectNoSecret(rows, [...Object.values(SECRETS), ...tally.teamsTokens, graph.current.clientSecret, 'sk-hostile-openai-key']);
  });

  it('without TALLY_SECRET_KEY: still no platform token or JWT in any row', async () => {
    tally = await startBothPlatforms(database.current, slack.current, { secretKey: null });
    await runFlows(tally);
    const rows = await dumpDatabase(database.current.handle);
    // (Without TALLY_SECRET_KEY the download links are signed with a key Tally generates once and
    // keeps in app_settings.file_signing_key: a link-signing key, not a platform token; reported.)
    const { tallySecretKey: _notConfigured, ...platform } = SECRETS;
    expectNoSecret(rows, [...Object.values(platform), ...tally.teamsTokens, graph.current.clientSecret, 'sk-hostile-openai-key']);
  });
});
