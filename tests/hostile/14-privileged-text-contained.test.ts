// Hostile 14 — "privileged text never sent to a channel or group chat, and never in logs (scan
// captured logs for narratives, tokens `xox…`, JWTs)": a realistic day on Slack and Teams (capture
// with a model's narratives, the daily cards, a failing send, approvals, /invoice with files, a group
// chat and a channel) through the real server with a recording logger. Every log line is scanned for
// each narrative, each activity title and every secret; every Slack post or update went to a D… IM,
// every Teams message to a 1:1 chat (a group chat gets the fixed refusal only); a send whose DM
// Slack does not confirm as a 1:1 IM is refused before anything is posted.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SendFailure } from '../../src/bots/send/send-failure.js';
import { GROUP_REFUSAL } from '../../src/bots/teams/teams-turn.js';
import type { User } from '../../src/core/firm.js';
import { findUserByEmail } from '../../src/db/repositories/user.repository.js';
import { useFakeSlack } from '../support/fakes/fake-slack-hooks.js';
import { databaseKinds, useTestDatabase } from '../support/test-database.js';
import { logText, SECRETS, startBothPlatforms, type BothPlatforms } from './both-platforms.js';
import { PEOPLE, runRealisticFlow, seedPeople } from './realistic-flow.js';

const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]*/;

describe.each(databaseKinds())('hostile 14: privileged text stays in 1:1 chats and out of logs, on %s', (kind) => {
  const database = useTestDatabase(kind);
  const slack = useFakeSlack();
  let tally: BothPlatforms;
  beforeEach(async () => {
    await seedPeople(database.current);
    tally = await startBothPlatforms(database.current, slack.current);
  });
  afterEach(async () => {
    await tally.close();
  });

  it('logs no narrative, title, token, JWT or secret through a whole day on both platforms', async () => {
    const texts = await runRealisticFlow(tally, slack.current, database.current, tally.logger);
    const lines = tally.logs.map(logText);
    // The flow did log (ids, counts, failures): the scan has something to scan.
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.some((l) => l.includes('scheduled send refused'))).toBe(true);
    const privileged = [...texts.narratives, ...texts.titles].filter((t) => t.length >= 8);
    expect(privileged.length).toBeGreaterThan(10);
    expect(tally.teamsTokens.length).toBeGreaterThan(3);
    for (const line of lines) {
      for (const text of privileged) expect(line, `a log line quotes "${text}"`).not.toContain(text);
      for (const secret of [...Object.values(SECRETS), 'sk-hostile-openai-key', ...tally.teamsTokens]) expect(line).not.toContain(secret);
      expect(line).not.toMatch(/xox[a-z]-/);
      expect(line).not.toMatch(JWT);
    }
  });

  it('logs no word of a body it could not parse (a JSON parse error quotes the body it choked on)', async () => {
    const body = '{"type": "message", "text": Privileged settlement strategy for Acme v. Beta}';
    expect((await tally.teamsPost({}, body)).status).toBe(400);
    const lines = tally.logs.map(logText);
    expect(lines.some((l) => l.includes('request refused'))).toBe(true);
    for (const line of lines) expect(line).not.toMatch(/Privileged|settlement|Acme/);
  });

  it('sends every Slack message into a D… IM, every Teams message into a 1:1 chat, and only the refusal into a group chat', async () => {
    await runRealisticFlow(tally, slack.current, database.current, tally.logger);

    const posts = slack.current.calls.filter((c) => c.method === 'chat.postMessage' || c.method === 'chat.update');
    expect(new Set(posts.map((c) => c.method))).toEqual(new Set(['chat.postMessage', 'chat.update']));
    for (const post of posts) expect(post.params.channel, post.method).toMatch(/^D[A-Z0-9]+$/);
    const uploads = slack.current.callsTo('files.completeUploadExternal');
    expect(uploads.map((c) => c.params.channel_id)).toEqual([PEOPLE.dana.dm]);
    // Answers to commands and clicks from anywhere (the /time came from a channel) are ephemeral.
    expect(slack.current.responses().length).toBeGreaterThanOrEqual(3);
    for (const answer of slack.current.responses()) expect(answer.response_type).toBe('ephemeral');

    // Teams: the 1:1 chats are those Tally opened (isGroup false, one member) and the personal ones people wrote from.
    const opened = tally.connector.calls.filter((c) => c.kind === 'createConversation');
    for (const call of opened) expect(call.body).toMatchObject({ isGroup: false, members: [expect.anything()] });
    // (The fake names the chats it opens a:conv-N; people write from their a:dm-… chats.)
    const personal = (id: string | null) => /^a:conv-\d+$/.test(id ?? '') || Object.values(PEOPLE).some((p) => id === `a:dm-${String(p.aad)}`);
    const messages = tally.connector.calls.filter((c) => c.kind === 'send' || c.kind === 'reply' || c.kind === 'update');
    expect(messages.length).toBeGreaterThanOrEqual(3);
    const elsewhere = messages.filter((c) => !personal(c.conversationId));
    expect(elsewhere.map((c) => c.conversationId)).toEqual(['19:group@thread.v2']);
    for (const call of elsewhere) {
      expect(call.body.text).toBe(GROUP_REFUSAL);
      expect(call.body.attachments).toBeUndefined();
    }
  });

  it.each<[string, { id: string; isIm: boolean }]>([
    ['a public channel', { id: 'C0GENERAL1', isIm: false }],
    ['a private channel or group DM (G…)', { id: 'G0GROUP001', isIm: false }],
    ['a G… conversation claimed to be an IM', { id: 'G0GROUP002', isIm: true }],
    ['a D… id Slack does not call an IM', { id: 'D0NOTIM001', isIm: false }],
  ])('refuses to post a card into %s: nothing reaches it, on any lane', async (_name, dm) => {
    await database.current.db.updateTable('users').set({ slack_user_id: 'U0PAT0001' }).where('email', '=', 'pat@arnsley.example').execute();
    slack.current.setDm('U0PAT0001', dm);
    const pat = (await findUserByEmail(database.current.db, 'pat@arnsley.example')) as User;
    const reply = { kind: 'text', text: 'Privileged: draft settlement position for Acme v. Beta' } as const;

    await expect(tally.slackEdge.messenger.postToSlackUser('U0PAT0001', reply)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(tally.slackEdge.messenger.postToDm(pat, reply)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    const keyed = tally.slackEdge.scheduledMessenger.postToDm(pat, reply, { sendKey: 'daily_review:99:2026-03-02' });
    await expect(keyed).rejects.toBeInstanceOf(SendFailure);
    await expect(keyed).rejects.toMatchObject({ kind: 'blocked' });
    await expect(tally.slackEdge.messenger.updateForSlackUser('U0PAT0001', { platform: 'slack', conversationId: dm.id, messageId: '1772470800.000100' }, reply)).rejects.toMatchObject({ code: expect.stringMatching(/UNAVAILABLE|FORBIDDEN/) });

    expect(slack.current.calls.filter((c) => c.method !== 'auth.test' && c.method !== 'conversations.open')).toEqual([]);
    expect(JSON.stringify(slack.current.calls)).not.toContain('settlement position');
  });
});
