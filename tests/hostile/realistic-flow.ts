import { expect } from 'vitest';
import { approveDay } from '../../src/billing/approval.service.js';
import { ACTION_IDS } from '../../src/bots/cards/action-ids.js';
import { sendGate } from '../../src/bots/send/rate-gate.js';
import { startScheduledSends } from '../../src/bots/send/scheduled-sends.js';
import { captureDay } from '../../src/capture/capture.service.js';
import { draftingCore } from '../../src/capture/drafting-core.js';
import { createLlmNarrator } from '../../src/capture/narrative/llm-narrator.js';
import { readActivityFile } from '../../src/capture/sources/jsonl-file.js';
import type { Logger } from '../../src/core/logger.js';
import { listSends } from '../../src/db/repositories/scheduled-send.repository.js';
import { listEntries } from '../../src/db/repositories/time-entry.repository.js';
import { LAWYER_DAYS, seedExampleFirm } from '../support/capture-harness.js';
import type { FakeSlackApi, FakeSlackCall } from '../support/fakes/fake-slack-api.js';
import { FakeOpenAiServer, sentEntries } from '../support/fakes/fake-openai-server.js';
import { CARDS_ONLY, TestClock, MONDAY_EVENING } from '../support/schedule-harness.js';
import { cardAction } from '../support/teams-harness.js';
import type { TestDatabase } from '../support/test-database.js';
import { aBlockAction, aSlashCommand, postSlackForm } from '../support/slack-sign.js';
import { SECRETS, type BothPlatforms } from './both-platforms.js';

/** Who is where: Alice on Slack, Robert on Teams, Dana (billing) on both. */
export const PEOPLE = {
  alice: { email: 'alice@arnsley.example', slack: 'U0ALICE01', dm: 'D0ALICE01', aad: null },
  robert: { email: 'robert@arnsley.example', slack: null, dm: null, aad: '0a11ce00-0000-4000-8000-00000000b001' },
  dana: { email: 'dana@arnsley.example', slack: 'U0DANA001', dm: 'D0DANA001', aad: '0a11ce00-0000-4000-8000-00000000b006' },
} as const;
const DAY = '2026-03-02';

export interface FlowTexts {
  /** Every narrative the flow's entries hold (the model's and the templates'). */
  readonly narratives: readonly string[];
  /** Every activity title captured. */
  readonly titles: readonly string[];
}

type Json = Record<string, unknown>;

function objectsIn(tree: unknown): Json[] {
  if (Array.isArray(tree)) return tree.flatMap(objectsIn);
  if (tree === null || typeof tree !== 'object') return [];
  return [tree as Json, ...Object.values(tree).flatMap(objectsIn)];
}

/** The Action.Execute of a card with this verb. */
export function executeIn(card: unknown, verb: string): { verb: string; data: Json } {
  const found = objectsIn(card).find((o) => o.type === 'Action.Execute' && o.verb === verb);
  if (!found) throw new Error(`no ${verb} on the card`);
  return found as { verb: string; data: Json };
}

/** The first button value of an action id in a Slack call's blocks (a Web API call or a response_url answer). */
export function buttonIn(call: FakeSlackCall | undefined, actionId: string): string {
  const raw = call?.method === 'respond' ? (JSON.parse(call.raw) as { blocks?: unknown }).blocks : JSON.parse(call?.params.blocks ?? '[]');
  const found = objectsIn(raw).find((o) => o.action_id === actionId && typeof o.value === 'string');
  if (!found) throw new Error(`no ${actionId} button`);
  return String(found.value);
}

/** The example firm with Alice on Slack, Robert on Teams only, Dana on both (and Sam, admin, on Slack). */
export async function seedPeople(database: TestDatabase): Promise<void> {
  await seedExampleFirm(database.db);
  for (const person of Object.values(PEOPLE)) {
    await database.db.updateTable('users').set({ slack_user_id: person.slack, aad_object_id: person.aad }).where('email', '=', person.email).execute();
  }
}

/**
 * A realistic day on both platforms through the real server, with every delivery signed:
 * 1. capture of 2 March with narratives from a (fake) language model, logged to the server's log;
 * 2. the daily cards from the scheduled sends — Alice's in Slack (its post answers 500 after
 *    landing: reconciled), Robert's in Teams (a 500 after landing: delivery unknown);
 * 3. Approve all from each card (a signed Slack click, a Teams invoke);
 * 4. `/invoice globex march` in Slack and "invoice acme march" in Teams by Dana, each PDF button
 *    (an upload into her Slack DM, signed download links in Teams);
 * 5. a typed command in a Teams group chat, and `/time` from a Slack channel.
 */
export async function runRealisticFlow(tally: BothPlatforms, slack: FakeSlackApi, database: TestDatabase, logger: Logger): Promise<FlowTexts> {
  const activities = (await readActivityFile(LAWYER_DAYS)).filter((a) => a.start.toISOString().startsWith(DAY));
  const llm = await FakeOpenAiServer.start({
    kind: 'answer',
    build: (request) => ({ entries: sentEntries(request).map((e) => ({ id: e.id, narrative: `Privileged strategy conference re ${String(e.matter ?? 'the engagement')} (${String(e.id)})`, taskCode: 'L120', activityCode: 'A106' })) }),
  });
  try {
    const narrator = createLlmNarrator({ apiKey: 'sk-hostile-openai-key', baseUrl: llm.baseUrl, model: 'gpt-test' }, { logger });
    await captureDay({ db: database.db, core: draftingCore, readers: [], narrator, logger, now: () => new Date('2026-03-03T01:00:00Z') }, { date: DAY, activities });
  } finally {
    await llm.close();
  }

  // 2. The daily cards, each platform failing once ambiguously.
  slack.failAfterPosting('http500', 1);
  tally.connector.failSends(500, { times: 1, landed: true });
  const clock = new TestClock(new Date(MONDAY_EVENING));
  const sends = await startScheduledSends({
    database: database.handle, logger, now: clock.now, settings: CARDS_ONLY, supervise: false, sleep: async () => undefined, random: () => 0.5,
    slack: { messenger: tally.slackEdge.scheduledMessenger, pacer: sendGate(100) },
    teams: { messenger: tally.teamsEdge.messenger, pacer: sendGate(30, { perKeyPerSecond: 7 }) },
  });
  try {
    await sends.tick();
    await sends.drain();
  } finally {
    await sends.stop();
  }
  const ledger = await listSends(database.db);
  expect(ledger.filter((s) => s.status === 'delivered' || s.status === 'delivery_unknown').map((s) => s.platform).sort()).toEqual(['slack', 'teams']);

  // 3. Approve all from each card.
  const [aliceCard] = slack.messagesIn(PEOPLE.alice.dm);
  const alicePost = slack.callsTo('chat.postMessage').find((c) => c.params.channel === PEOPLE.alice.dm);
  const approveAll = aBlockAction({ user: PEOPLE.alice.slack, actionId: ACTION_IDS.approveAll, value: buttonIn(alicePost, ACTION_IDS.approveAll), responseUrl: slack.responseUrl('approve-all'), container: { type: 'message', message_ts: aliceCard?.ts ?? '', channel_id: PEOPLE.alice.dm, is_ephemeral: false } });
  expect((await postSlackForm(tally.url, SECRETS.slackSigningSecret, approveAll)).status).toBe(200);
  const robertSend = tally.connector.calls.find((c) => c.kind === 'send' && c.landed);
  const robertCard = (robertSend?.body.attachments as { content: unknown }[] | undefined)?.[0]?.content;
  const teamsApprove = executeIn(robertCard, ACTION_IDS.approveAll);
  expect((await tally.teamsPost(tally.teamsActivity(PEOPLE.robert.aad, cardAction(teamsApprove.verb, teamsApprove.data)))).status).toBe(200);
  await tally.background.idle();
  // Whatever had warnings stays a draft; the rest is billable now.
  await approveDay(database.db, { ownerEmail: PEOPLE.alice.email, date: DAY, actor: { userId: null, label: 'test', via: 'cli' }, includeWarnings: true }, new Date('2026-03-04T12:00:00Z'));

  // 4. Dana's invoices and their files.
  const invoice = aSlashCommand({ command: '/invoice', text: 'globex march', user: PEOPLE.dana.slack, responseUrl: slack.responseUrl('invoice') });
  expect((await postSlackForm(tally.url, SECRETS.slackSigningSecret, invoice)).status).toBe(200);
  await tally.background.idle();
  const preBill = slack.callsTo('respond').at(-1);
  const pdf = aBlockAction({ user: PEOPLE.dana.slack, actionId: ACTION_IDS.filePdf, value: buttonIn(preBill, ACTION_IDS.filePdf), responseUrl: slack.responseUrl('pdf'), container: { type: 'message', message_ts: '1772470800.000321', channel_id: 'C0SOMEWHERE', is_ephemeral: true } });
  expect((await postSlackForm(tally.url, SECRETS.slackSigningSecret, pdf)).status).toBe(200);
  await tally.background.idle();
  expect(slack.callsTo('files.completeUploadExternal')).toHaveLength(1);

  expect((await tally.teamsPost(tally.teamsActivity(PEOPLE.dana.aad, { type: 'message', text: 'invoice acme march' }))).status).toBe(200);
  const teamsPreBill = tally.connector.calls.filter((c) => c.kind === 'reply' && c.conversationId === `a:dm-${PEOPLE.dana.aad}`).at(-1);
  const teamsPdf = executeIn((teamsPreBill?.body.attachments as { content: unknown }[] | undefined)?.[0]?.content, ACTION_IDS.filePdf);
  const files = await tally.teamsPost(tally.teamsActivity(PEOPLE.dana.aad, cardAction(teamsPdf.verb, teamsPdf.data)));
  expect(files.body).toMatch(/https:\/\/tally\.test\.example\/files\//);

  // 5. Outside a 1:1 chat: a Teams group chat, a Slack channel.
  expect((await tally.teamsPost(tally.teamsActivity(PEOPLE.dana.aad, { type: 'message', text: 'invoice acme march' }, 'groupChat'))).status).toBe(200);
  const time = aSlashCommand({ command: '/time', text: '0.5 acme-001 privileged call with opposing counsel about the settlement', user: PEOPLE.alice.slack, responseUrl: slack.responseUrl('time') });
  expect((await postSlackForm(tally.url, SECRETS.slackSigningSecret, time)).status).toBe(200);
  await tally.background.idle();

  const entries = await listEntries(database.db, {});
  return { narratives: [...new Set(entries.map((e) => e.narrative))], titles: [...new Set(activities.map((a) => a.title))] };
}
