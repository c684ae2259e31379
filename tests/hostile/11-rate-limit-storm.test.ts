// Hostile 11 — "a 2-minute 429 storm on Slack, Teams, Graph and OpenAI → no call before
// Retry-After, everything delivered after, nothing twice, interactive path still answers".
// The storm is scaled from 2 minutes to a few seconds (every answer in it a 429 with Retry-After: 1),
// and the criterion is asserted as written: every call that follows a 429 comes at least Retry-After
// after that 429 was answered; once the storm is over every daily card, every captured activity and
// every narrative (the model's, or the template with its warning) is there exactly once; and while
// the scheduled sends wait out the storm, a signed /tally help, a signed Approve click and a Teams
// card click are answered (Slack rate-limits per method: the storm is on chat.postMessage, the
// scheduled lane; a click's card update goes through chat.update on the interactive lane).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reviewButtonValue } from '../../src/bots/cards/action-payload.js';
import { ACTION_IDS } from '../../src/bots/cards/action-ids.js';
import { buildCapture } from '../../src/capture/capture-wiring.js';
import { captureDay } from '../../src/capture/capture.service.js';
import { createLlmNarrator } from '../../src/capture/narrative/llm-narrator.js';
import { SYSTEM_ACTOR } from '../../src/core/audit.js';
import { transaction } from '../../src/db/connection.js';
import { findMatterByCode } from '../../src/db/repositories/matter.repository.js';
import { listSends } from '../../src/db/repositories/scheduled-send.repository.js';
import { findEntry, insertEntries, listEntries } from '../../src/db/repositories/time-entry.repository.js';
import { findUserByEmail } from '../../src/db/repositories/user.repository.js';
import { captureFixture, entryRows, minutesByMatter, quietLogger, seedExampleFirm, type EntryRow } from '../support/capture-harness.js';
import { useFakeGraph } from '../support/fakes/fake-graph-context.js';
import { FakeOpenAiServer, sentEntries, type FakeOpenAiReply } from '../support/fakes/fake-openai-server.js';
import { useFakeSlack } from '../support/fakes/fake-slack-hooks.js';
import { callsDuringRetryAfter, MONDAY_EVENING, startInstance, TestClock, type Instance } from '../support/schedule-harness.js';
import { aBlockAction, aSlashCommand, postSlackForm } from '../support/slack-sign.js';
import { cardAction, seedTeamsUser } from '../support/teams-harness.js';
import { databaseKinds, useTestDatabase } from '../support/test-database.js';
import { SECRETS, startBothPlatforms, type BothPlatforms } from './both-platforms.js';

/** The storm on Slack and Teams: long enough for the interactive checks to run inside it. */
const CHAT_STORM_MS = 4_000;
/** The storm on Graph and the model: inside Graph's 5 attempts and across the narrator's 3 for the first person-day. */
const STORM_MS = 2_500;
const RETRY_AFTER_MS = 1_000;
const DAY = '2026-03-02';
const TESS_AAD = '0a11ce00-0000-4000-8000-00000000c011';

describe.each(databaseKinds())('hostile 11: a 429 storm on Slack, Teams, Graph and OpenAI, on %s', (kind) => {
  const database = useTestDatabase(kind);
  const slack = useFakeSlack();
  const graph = useFakeGraph();
  let tally: BothPlatforms | undefined;
  let instance: Instance | undefined;
  beforeEach(async () => {
    await seedExampleFirm(database.current.db);
  });
  afterEach(async () => {
    await instance?.stop();
    await tally?.close();
    instance = undefined;
    tally = undefined;
  });

  it('Slack and Teams: the cards wait out every Retry-After and land once after the storm; clicks and /tally help are answered during it', async () => {
    const db = database.current.db;
    await captureFixture(db, DAY);
    const tessId = await seedTeamsUser(db, 'tess@arnsley.example', TESS_AAD);
    const acme = await findMatterByCode(db, 'ACME-001');
    const [tessEntry] = await transaction(db, (tx) => insertEntries(tx, [{ userId: tessId, matterId: acme?.id ?? null, workDate: DAY, actualMinutes: 42, billedMinutes: 42, narrative: 'Draft reply brief', taskCode: 'L120', activityCode: 'A103', confidence: 'high', evidence: [], warnings: [], sourceActivityIds: [], origin: 'manual', captureKey: null }], SYSTEM_ACTOR));
    const robert = await findUserByEmail(db, 'robert@arnsley.example');
    const robertEntry = (await listEntries(db, { userId: robert?.id ?? 0, from: DAY, to: DAY })).find((e) => e.matterId !== null);
    const running = await startBothPlatforms(database.current, slack.current);
    tally = running;

    const stormEnd = Date.now() + CHAT_STORM_MS;
    slack.current.rateLimit('chat.postMessage', { until: stormEnd, retryAfterSeconds: 1 });
    running.connector.rateLimitSends({ until: stormEnd, retryAfterSeconds: 1 });
    // Paced at 4 a second (Slack's default is 1): a send is never let out while a 429 is on its way back.
    instance = await startInstance(database.current.handle, { clock: new TestClock(new Date(MONDAY_EVENING)), slack: running.slackEdge.scheduledMessenger, teams: running.teamsEdge.messenger, slackPerSecond: 4 });
    await instance.tick();
    const draining = instance.drain();
    const teamsSends = () => running.connector.calls.filter((c) => c.kind === 'send');
    await vi.waitFor(() => {
      expect(slack.current.callsTo('chat.postMessage').some((c) => c.status === 429)).toBe(true);
      expect(teamsSends().some((c) => c.status === 429)).toBe(true);
    }, { timeout: CHAT_STORM_MS });

    // During the storm: /tally help, an Approve click in Slack, an Approve click in Teams.
    const help = aSlashCommand({ command: '/tally', text: 'help', user: 'U0ROBERT1', responseUrl: slack.current.responseUrl('help') });
    const asked = Date.now();
    const helpAck = await postSlackForm(running.url, SECRETS.slackSigningSecret, help);
    expect(helpAck.at - asked).toBeLessThan(3_000);
    const approve = aBlockAction({
      user: 'U0ROBERT1', actionId: ACTION_IDS.approve, responseUrl: slack.current.responseUrl('approve'),
      value: reviewButtonValue({ verb: 'approve', ownerId: robert?.id ?? 0, date: DAY, entryId: robertEntry?.id ?? '', version: robertEntry?.version ?? 0 }),
      container: { type: 'message', message_ts: '1772470800.000200', channel_id: 'D0ROBERT1', is_ephemeral: false },
    });
    const approveAck = await postSlackForm(running.url, SECRETS.slackSigningSecret, approve);
    await running.background.idle();
    const teamsClick = await running.teamsPost(running.teamsActivity(TESS_AAD, cardAction(ACTION_IDS.approve, { action: { verb: 'approve', ownerId: tessId, date: DAY, entryId: tessEntry?.id ?? '', version: tessEntry?.version ?? 0 } })));
    const answeredBy = Date.now();
    expect(answeredBy).toBeLessThan(stormEnd);
    for (const ack of [helpAck, approveAck]) expect(ack.status).toBe(200);
    expect(slack.current.responses().find((r) => String(r.text).length > 0)?.text).toMatch(/summary/i);
    const update = slack.current.callsTo('chat.update');
    expect(update.map((c) => [c.params.channel, c.status])).toEqual([['D0ROBERT1', 200]]);
    expect(slack.current.callsTo('respond').every((c) => c.answeredAt > 0 && c.answeredAt < stormEnd)).toBe(true);
    expect((await findEntry(db, robertEntry?.id ?? ''))?.status).toBe('approved');
    expect(teamsClick.status).toBe(200);
    expect(JSON.parse(teamsClick.body)).toMatchObject({ type: 'application/vnd.microsoft.card.adaptive' });
    expect((await findEntry(db, tessEntry?.id ?? ''))?.status).toBe('approved');
    // …and meanwhile no card has gone out.
    expect(slack.current.callsTo('chat.postMessage').filter((c) => c.status === 200)).toEqual([]);
    expect(teamsSends().filter((c) => c.landed)).toEqual([]);

    await draining;
    const posts = slack.current.callsTo('chat.postMessage');
    expect(callsDuringRetryAfter(posts, RETRY_AFTER_MS)).toEqual([]);
    expect(callsDuringRetryAfter(teamsSends(), RETRY_AFTER_MS)).toEqual([]);
    expect(posts.filter((c) => c.status === 429).length).toBeGreaterThanOrEqual(3);
    expect(teamsSends().filter((c) => c.status === 429).length).toBeGreaterThanOrEqual(3);
    for (const call of [...posts, ...teamsSends()].filter((c) => c.status !== 429)) expect(call.at).toBeGreaterThanOrEqual(stormEnd);
    expect(slack.current.messagesIn('D0ROBERT1')).toHaveLength(1);
    expect(slack.current.messagesIn('D0ALICE01')).toHaveLength(1);
    expect(teamsSends().filter((c) => c.landed).map((c) => c.conversationId)).toEqual([`a:dm-${TESS_AAD}`]);
    const delivered = (await listSends(db)).filter((s) => s.status === 'delivered').map((s) => s.platform).sort();
    expect(delivered).toEqual(['slack', 'slack', 'teams']);
    expect((await listSends(db)).filter((s) => s.status === 'failed')).toEqual([]);
  });

  it('Microsoft Graph: capture holds each mailbox for every Retry-After, then captures every activity once', async () => {
    const alice = 'alice@arnsley.example';
    const ben = 'ben@arnsley.example';
    graph.current.mailbox(alice)
      .putEvent({ id: 'ev-1', subject: "Globex '882 — claim construction strategy", start: '2026-03-02T15:00:00Z', end: '2026-03-02T16:00:00Z', response: 'accepted', attendees: ['ip@globex.com', alice] })
      .putSentMessage({ id: 'm-1', subject: 'RE: claim construction schedule', sentDateTime: '2026-03-02T15:20:00Z', to: ['ip@globex.com'] })
      .putSentMessage({ id: 'm-2', subject: 'Expert declaration comments', sentDateTime: '2026-03-02T16:30:00Z', to: ['ip@globex.com'] })
      .putDriveItem({ id: 'd-1', name: 'Globex_Markman_Brief_v2.docx', lastModifiedDateTime: '2026-03-02T19:30:00Z', lastModifiedBy: { email: alice } });
    graph.current.mailbox(ben).putEvent({ id: 'ev-b', subject: 'USPTO office action — Northwind trademark', start: '2026-03-02T09:00:00Z', end: '2026-03-02T09:45:00Z', response: 'accepted', attendees: ['brand@northwind.com'] });
    const stormEnd = Date.now() + STORM_MS;
    graph.current.failNext(Number.MAX_SAFE_INTEGER, { status: 429, retryAfter: '1', match: () => Date.now() < stormEnd });
    const capture = await buildCapture(database.current.db, { graph: graph.current.graphConfig(), slack: null, openai: null }, { now: () => new Date('2026-03-03T12:00:00Z'), logger: quietLogger });

    const first = await captureDay(capture, { date: DAY });
    expect(first.sourceErrors).toEqual([]);
    const requests = graph.current.requests;
    expect(requests.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(2);
    // Graph's Retry-After holds a mailbox: no request to a throttled mailbox before it ran out.
    for (const mailbox of new Set(requests.map((r) => r.mailbox ?? 'tenant'))) expect(callsDuringRetryAfter(requests.filter((r) => (r.mailbox ?? 'tenant') === mailbox), RETRY_AFTER_MS), mailbox).toEqual([]);
    for (const request of requests.filter((r) => r.status === 200)) expect(request.at).toBeGreaterThanOrEqual(stormEnd);
    expect(minutesByMatter(await entryRows(database.current.db, DAY))).toEqual({ 'alice|GLOBEX-001': [72, 72], 'ben|NW-002': [45, 45] });

    const again = await captureDay(capture, { date: DAY });
    expect(again).toMatchObject({ created: 0, refreshed: 0, deleted: 0, activitiesStored: 0 });
  });

  it('OpenAI: a Retry-After longer than Tally waits stops every later call of the run, each person-day keeping its templates with the reason', async () => {
    const llm = await FakeOpenAiServer.start({ kind: 'error', status: 429, retryAfter: '3600' });
    try {
      const narrator = createLlmNarrator({ apiKey: 'sk-test', baseUrl: llm.baseUrl, model: 'gpt-test' }, { logger: quietLogger });
      await captureFixture(database.current.db, DAY, undefined, narrator);
      expect(llm.requests).toHaveLength(1);
      const rows = await entryRows(database.current.db, DAY);
      expect(new Set(rows.map((r) => r.user)).size).toBe(2);
      for (const row of rows) expect(row.warnings).toContain('narrative_fallback');
      const messages = (await listEntries(database.current.db, {})).flatMap((e) => e.warnings.filter((w) => w.code === 'narrative_fallback').map((w) => w.message));
      for (const message of messages) expect(message).toMatch(/asked Tally to wait \d+ seconds, longer than Tally waits/);
    } finally {
      await llm.close();
    }
  });

  it('OpenAI: the narrator waits out every Retry-After, even across person-days; each draft gets the model\'s narrative or its template with a warning, once', async () => {
    const decided = (rows: readonly EntryRow[]) => rows.map(({ user, matter, actual, billed, status, activityIds }) => ({ user, matter, actual, billed, status, activityIds }));
    await captureFixture(database.current.db, DAY);
    const templates = await entryRows(database.current.db, DAY);
    await database.current.reset();
    await seedExampleFirm(database.current.db);

    const llm = await FakeOpenAiServer.start({ kind: 'error', status: 429, retryAfter: '1' });
    const answer: FakeOpenAiReply = { kind: 'answer', build: (request) => ({ entries: sentEntries(request).map((e) => ({ id: e.id, narrative: `Confer with client re ${String(e.matter ?? 'the file')} strategy`, taskCode: 'L120', activityCode: 'A106' })) }) };
    // The storm ends on the clock, whatever the narrator does meanwhile.
    const stormEnd = Date.now() + STORM_MS;
    const calm = setTimeout(() => llm.reply(answer), STORM_MS);
    try {
      const narrator = createLlmNarrator({ apiKey: 'sk-test', baseUrl: llm.baseUrl, model: 'gpt-test' }, { logger: quietLogger });
      await captureFixture(database.current.db, DAY, undefined, narrator);

      const calls = llm.requests;
      expect(calls.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(3);
      // No request within Retry-After of a 429, the next person-day's included (the fake answers a 429 at once).
      const answered = () => llm.requests.map((r) => ({ at: r.at, answeredAt: r.at, status: r.status }));
      expect(callsDuringRetryAfter(answered(), RETRY_AFTER_MS)).toEqual([]);
      const rows = await entryRows(database.current.db, DAY);
      expect(decided(rows)).toEqual(decided(templates));
      const fromModel = rows.filter((r) => r.narrative.startsWith('Confer with client re '));
      const fellBack = rows.filter((r) => r.warnings.includes('narrative_fallback'));
      expect(fromModel.length).toBeGreaterThan(0);
      expect(fromModel.length + fellBack.length).toBe(rows.length);
      for (const row of fellBack) expect(row.narrative).toBe(templates.find((t) => t.activityIds[0] === row.activityIds[0])?.narrative);
      for (const call of calls.filter((r) => r.status === 200)) expect(call.at).toBeGreaterThanOrEqual(stormEnd);

      // The storm is over: the next capture (as before each daily card) gives the drafts that fell
      // back their narrative from the model, writing no entry twice.
      const next = await captureFixture(database.current.db, DAY, undefined, narrator);
      expect(next).toMatchObject({ created: 0, deleted: 0 });
      const after = await entryRows(database.current.db, DAY);
      expect(after.map((r) => r.id)).toEqual(rows.map((r) => r.id));
      expect(decided(after)).toEqual(decided(templates));
      expect(after.filter((r) => r.warnings.includes('narrative_fallback'))).toEqual([]);
      expect(callsDuringRetryAfter(answered(), RETRY_AFTER_MS)).toEqual([]);
    } finally {
      clearTimeout(calm);
      await llm.close();
    }
  });
});
