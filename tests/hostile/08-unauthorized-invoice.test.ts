// Hostile 8 — "unauthorized `/invoice` in a DM and in a channel → refusal that names nothing": a
// person without the billing or admin role gets the same words whether the client exists or not,
// only to themselves (Slack: ephemeral; Teams: their 1:1 chat, or a fixed refusal in a channel),
// and nothing is written. In a Teams channel nobody gets a pre-bill, billing included.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { invoiceCommand } from '../../src/bots/commands/invoice-command.service.js';
import { GROUP_REFUSAL } from '../../src/bots/teams/teams-turn.js';
import type { Actor } from '../../src/core/audit.js';
import type { Db } from '../../src/db/connection.js';
import { listAudit } from '../../src/db/repositories/audit.repository.js';
import { findUserByEmail } from '../../src/db/repositories/user.repository.js';
import { NOW, seedApprovedMarch } from '../support/billing-harness.js';
import { snapshotEveryTable } from '../support/db-snapshot.js';
import { aSlashCommand } from '../support/slack-sign.js';
import { startTeamsHarness, teamsActivity, type TeamsHarness } from '../support/teams-harness.js';
import { databaseKinds, useTestDatabase } from '../support/test-database.js';
import { deliver, DMS, everythingSent, SLACK_IDS, useSlackRealFlow } from '../integration/bots/slack/slack-flow.js';
import { AAD, linkTeams, realCore, snapshot, type Person, sayInTeams } from '../integration/bots/teams/teams-real-state.js';

const REFUSAL = 'Preparing invoices needs the billing or admin role.';
/** An existing client, one that does not exist, one that matches two, a typo of one, and nothing. */
const TEXTS = ['acme march', 'no-such-client march', 'corp march', 'acmee', ''];
const NAMES = /acme|globex|northwind|corp|no-such/i;
// Teams refreshes the sender's 1:1 chat reference on every verified turn; that is not a state change.
const TEAMS_EXCEPT = { except: ['conversation_references'] };

async function chatActor(db: Db, email: string): Promise<Actor> {
  const user = await findUserByEmail(db, email);
  if (!user) throw new Error(`no user ${email}`);
  return { userId: user.id, label: email, via: 'teams' };
}

describe.each(databaseKinds())('hostile 08: /invoice refused at the core on %s', (kind) => {
  const t = useTestDatabase(kind);
  const invoice = async (text: string, email = 'dana@arnsley.example') => invoiceCommand(t.current.db, { actor: await chatActor(t.current.db, email), text, now: NOW });

  it('refuses a non-billing person before any lookup, with a text that names no client, and writes nothing', async () => {
    await seedApprovedMarch(t.current.db);
    const audits = (await listAudit(t.current.db)).length;
    const replies = [];
    for (const text of TEXTS) replies.push(await invoice(text, 'alice@arnsley.example'));
    expect(new Set(replies.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(replies[0]).toEqual({ kind: 'text', text: REFUSAL });
    expect(JSON.stringify(replies)).not.toMatch(/acme|globex|corp|no-such/i);
    expect((await listAudit(t.current.db)).length).toBe(audits);
  });
});

describe.each(databaseKinds())('hostile 08: /invoice by a non-billing person in Slack, on the real server and core (%s)', (kind) => {
  const fx = useSlackRealFlow(kind, { seed: seedApprovedMarch });
  const { slack, db } = fx;

  /** `/invoice TEXT` typed in a conversation (Slack sends the channel's id with the command). */
  const invoiceIn = (channelId: string, text: string, user: string = SLACK_IDS.alice) => {
    const form = new URLSearchParams(aSlashCommand({ command: '/invoice', text, user, responseUrl: slack.current.responseUrl('invoice') }));
    form.set('channel_id', channelId);
    form.set('channel_name', channelId.startsWith('D') ? 'directmessage' : 'acme-v-beta');
    return form.toString();
  };

  it("refuses a non-billing user's /invoice without naming any client, anywhere", async () => {
    const response = await deliver(fx.tally, invoiceIn('C0SOMEWHERE', 'acme march'));

    expect(response.status).toBe(200);
    expect(slack.current.responses()).toEqual([expect.objectContaining({ response_type: 'ephemeral', replace_original: false })]);
    expect(String(slack.current.responses()[0]?.text)).toMatch(/billing/i);
    expect(everythingSent(slack.current)).not.toMatch(/acme/i);
    expect(response.body).not.toMatch(/acme/i);
    expect(JSON.stringify(fx.tally.logs)).not.toMatch(/acme/i);
  });

  it.each([
    ['her DM with Tally', DMS.alice],
    ["a client's matter channel", 'C0ACME001'],
  ])('answers every /invoice in %s with the same ephemeral refusal, naming nothing and writing nothing', async (_where, channelId) => {
    const before = await snapshotEveryTable(db());
    const acks: string[] = [];
    for (const text of TEXTS) acks.push((await deliver(fx.tally, invoiceIn(channelId, text))).body);

    expect(new Set(acks)).toEqual(new Set([JSON.stringify({ response_type: 'ephemeral', text: 'Working on it…' })]));
    const answers = slack.current.responses();
    expect(answers).toHaveLength(TEXTS.length);
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: REFUSAL });
    // Only the response_url answers: nothing posted, updated or uploaded into any conversation.
    expect(slack.current.calls.filter((c) => c.method !== 'auth.test' && c.method !== 'respond')).toEqual([]);
    expect(everythingSent(slack.current)).not.toMatch(NAMES);
    expect(JSON.stringify(fx.tally.logs)).not.toMatch(NAMES);
    expect(await snapshotEveryTable(db())).toEqual(before);
  });
});

describe.each(databaseKinds())('hostile 08: invoice typed to Tally in Teams by a non-billing person on %s', (kind) => {
  const t = useTestDatabase(kind);
  const db = () => t.current.db;
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({ db: db(), core: realCore(db()), now: () => NOW });
  });
  afterAll(async () => h.close());
  beforeEach(async () => {
    await seedApprovedMarch(db());
    await linkTeams(db());
  });

  /** What Tally answered in the person's 1:1 chat to a typed message. */
  const say = (person: Person, text: string) => sayInTeams(h, person, text);
  /** Everything Tally sent in reply to a message typed in a team channel. */
  const sayInChannel = async (person: Person, text: string) => {
    const activity = teamsActivity(h, AAD[person], { type: 'message', text }, 'channel');
    const conversation = String((activity.conversation as { id: string }).id);
    const before = h.connector.messagesIn(conversation).length;
    expect((await h.signedPost(activity)).status).toBe(200);
    return h.connector.messagesIn(conversation).slice(before).map((m) => m.body);
  };

  it.each(['invoice acme march', '/invoice Acme Corp march', 'invoice no-such-client march'])('refuses a non-billing lawyer\'s %j with text naming no client, writing nothing', async (text) => {
    const before = await snapshot(db());
    const reply = await say('alice', text);
    expect(reply).toMatchObject({ type: 'message', text: REFUSAL });
    expect(JSON.stringify(reply).toLowerCase()).not.toContain('acme');
    expect(await snapshot(db())).toEqual(before);
  });

  it('gives the same refusal in the 1:1 chat whatever client is named, writing nothing', async () => {
    const before = await snapshotEveryTable(db(), TEAMS_EXCEPT);
    const replies = [];
    for (const text of TEXTS) replies.push(await say('alice', `invoice ${text}`));
    expect(new Set(replies.map((r) => JSON.stringify({ text: r.text, attachments: r.attachments })))).toEqual(new Set([JSON.stringify({ text: REFUSAL })]));
    expect(JSON.stringify(replies)).not.toMatch(NAMES);
    expect(await snapshotEveryTable(db(), TEAMS_EXCEPT)).toEqual(before);
  });

  it.each<[string, Person]>([
    ['a non-billing lawyer', 'alice'],
    ['billing staff', 'dana'],
  ])('answers %s typing invoice in a team channel with the fixed 1:1-only refusal, naming nothing and writing nothing', async (_who, person) => {
    const before = await snapshotEveryTable(db());
    const dmBefore = h.connector.messagesIn(`a:dm-${AAD[person]}`).length;
    const replies = [];
    for (const text of TEXTS) replies.push(...(await sayInChannel(person, `invoice ${text}`)));
    expect(replies.map((r) => r.text)).toEqual(TEXTS.map(() => GROUP_REFUSAL));
    expect(replies.every((r) => r.attachments === undefined)).toBe(true);
    expect(JSON.stringify(replies)).not.toMatch(NAMES);
    expect(h.connector.messagesIn(`a:dm-${AAD[person]}`)).toHaveLength(dmBefore);
    // Nothing at all is written for a channel message, not even the sender's chat reference.
    expect(await snapshotEveryTable(db())).toEqual(before);
  });
});
