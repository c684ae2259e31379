import { retryPolicies } from '@slack/web-api';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toStoredActivity } from '../../../src/capture/activity-record.js';
import { ingestSlackMessage } from '../../../src/capture/slack-ingest.service.js';
import type { CaptureUser, CaptureWindow } from '../../../src/capture/sources/source.js';
import { SlackDirectory } from '../../../src/capture/sources/slack/slack-directory.js';
import { SlackHistoryReader } from '../../../src/capture/sources/slack/slack-history.reader.js';
import { createSlackReadApi, type SlackReadApi } from '../../../src/capture/sources/slack/slack-read-api.js';
import { addDays, zonedDateTimeToInstant } from '../../../src/core/dates.js';
import type { User } from '../../../src/core/firm.js';
import { transaction } from '../../../src/db/connection.js';
import { saveActivities } from '../../../src/db/repositories/activity.repository.js';
import { findUserByEmail } from '../../../src/db/repositories/user.repository.js';
import { importFirm } from '../../../src/firm/firm-import.service.js';
import { aFirmFile, aMatter, aUser, TEST_ACTOR } from '../../support/builders.js';
import type { FakeSlackMessage } from '../../support/fakes/fake-slack-api.js';
import { slackTs } from '../../support/fakes/fake-slack-events.js';
import { useFakeSlack } from '../../support/fakes/fake-slack-hooks.js';
import { databaseKinds, useTestDatabase } from '../../support/test-database.js';

const DAY = '2026-03-02';
const TZ = 'America/New_York';

function windowOf(date: string, timeZone: string): CaptureWindow {
  return { date, start: zonedDateTimeToInstant(date, '00:00', timeZone), end: zonedDateTimeToInstant(addDays(date, 1), '00:00', timeZone) };
}

function captureUser(user: User): CaptureUser {
  return { id: user.id, email: user.email, aadObjectId: user.aadObjectId, slackUserId: user.slackUserId, timezone: user.timezone, sources: user.sources };
}

/** Local New York time on DAY (EST, UTC−5) as a Slack ts. */
function at(hhmm: string, micros = 100): string {
  return slackTs(`${DAY}T${hhmm}:00-05:00`, micros);
}

describe.each(databaseKinds())('Slack catch-up from conversations.history (%s)', (kind) => {
  const database = useTestDatabase(kind);
  const slack = useFakeSlack();
  let api: SlackReadApi;

  beforeAll(() => {
    // The SDK's own retry after a 429: it waits Retry-After, then retries at once (no extra backoff).
    api = createSlackReadApi({ token: 'xoxb-read-token', apiUrl: slack.current.url, retryConfig: retryPolicies.rapidRetryPolicy });
  });
  beforeEach(async () => {
    await importFirm(
      database.current.db,
      aFirmFile({
        firm: { name: 'Test & Partners LLP', timezone: TZ, currency: 'USD' },
        users: [
          aUser({ email: 'lee@test.example', name: 'Lee Park', roles: ['lawyer'], slackUserId: 'ULEE' }),
          aUser({ email: 'max@test.example', name: 'Max Rowe', roles: ['lawyer'] }),
          aUser({ email: 'ann@test.example', name: 'Ann Byrd', roles: ['assistant'] }),
          aUser({ email: 'kim@test.example', name: 'Kim Ode', roles: ['lawyer'], slackUserId: 'UKIM', sources: ['calendar'] }),
        ],
        matters: [
          aMatter({ code: 'ACME-001', client: 'ACME', name: 'Acme v. Beta', slackChannels: ['C1', 'C2'] }),
          aMatter({ code: 'GLOBEX-001', client: 'GLOBEX', name: 'Globex patent' }),
        ],
      }),
      TEST_ACTOR,
    );
  });

  async function userNamed(email: string): Promise<User> {
    const user = await findUserByEmail(database.current.db, email);
    if (!user) throw new Error(`no ${email}`);
    return user;
  }

  it('reads every page of every mapped channel, one call at a time, waits Retry-After on a 429, and keeps each of the person’s messages once', async () => {
    const lee: FakeSlackMessage[] = [
      { ts: at('00:00'), user: 'ULEE', text: 'midnight sharp (start of the window)' },
      { ts: at('09:00'), user: 'ULEE', text: 'Reviewed the complaint' },
      { ts: at('09:30'), user: 'ULEE', text: 'Reply in thread', thread_ts: at('09:00') },
      { ts: at('10:00'), user: 'ULEE', text: 'Shared the draft', subtype: 'file_share' },
      { ts: at('11:00'), user: 'ULEE', text: 'Also to channel', subtype: 'thread_broadcast', thread_ts: at('09:00') },
      { ts: at('12:00'), user: 'ULEE', text: 'Noon note' },
    ];
    const others: FakeSlackMessage[] = [
      { ts: at('09:10'), user: 'UOTHER', text: 'someone else' },
      { ts: at('09:20'), bot_id: 'B1', subtype: 'bot_message', text: 'a bot' },
      { ts: at('09:40'), user: 'ULEE', subtype: 'channel_join', text: 'joined' },
      { ts: at('09:50'), user: 'ULEE', bot_id: 'B2', text: 'an app as Lee' },
      { ts: slackTs(`${addDays(DAY, 1)}T00:00:00-05:00`), user: 'ULEE', text: 'next day (end of the window)' },
      { ts: slackTs(`${addDays(DAY, -1)}T23:59:59-05:00`, 999_000), user: 'ULEE', text: 'before the window', type: 'message' },
    ];
    // 10 messages in range at 4 a page: 3 pages; the second page's first call is rate limited.
    slack.current.setHistory('C1', [...lee.slice(0, 5), ...others], { pageSize: 4 });
    slack.current.setHistory('C2', [lee[5] as FakeSlackMessage]);
    slack.current.rateLimit('conversations.history', { after: 1, times: 1, retryAfterSeconds: 1 });
    const reader = new SlackHistoryReader({ api, directory: new SlackDirectory(api), channels: ['C1', 'C2', 'C1'] });

    const user = captureUser(await userNamed('lee@test.example'));
    const activities = await reader.read(user, windowOf(DAY, TZ));

    expect(activities.map((a) => a.title)).toEqual(['midnight sharp (start of the window)', 'Reviewed the complaint', 'Reply in thread', 'Shared the draft', 'Also to channel', 'Noon note']);
    expect(new Set(activities.map((a) => a.id)).size).toBe(6);
    expect(activities[2]).toMatchObject({ id: `slack:C1:${at('09:30')}`, source: 'slack', user: 'lee@test.example', participants: [], ref: null, meta: { channel: 'C1', thread: at('09:00') } });
    expect(activities[5]?.meta).toEqual({ channel: 'C2' });

    const calls = slack.current.callsTo('conversations.history');
    expect(calls.map((c) => [c.params.channel, c.status])).toEqual([['C1', 200], ['C1', 429], ['C1', 200], ['C1', 200], ['C2', 200]]);
    expect(calls.every((c) => c.params.limit === '200' && c.params.inclusive === 'true')).toBe(true);
    expect(calls[0]?.params.cursor).toBeUndefined();
    expect(calls[1]?.params.cursor).toBeDefined();
    expect(calls[2]?.params.cursor).toBe(calls[1]?.params.cursor);
    // The retry came no sooner than Retry-After (1 s) after the rate-limited call (answered at once).
    expect((calls[2]?.at ?? 0) - (calls[1]?.at ?? Infinity)).toBeGreaterThanOrEqual(1000);
    // Sequential: each call started after the previous one was answered.
    for (let i = 1; i < calls.length; i += 1) expect(calls[i]?.at).toBeGreaterThanOrEqual(calls[i - 1]?.answeredAt ?? Infinity);
    expect(calls[0]?.params.oldest).toBe(slackTs(`${DAY}T00:00:00-05:00`, 0));
    expect(calls[0]?.params.latest).toBe(slackTs(`${addDays(DAY, 1)}T00:00:00-05:00`, 0));
  });

  it('learns the Slack id of a person without one by email, once, and remembers who Slack does not know', async () => {
    slack.current.addUser({ id: 'UMAX', email: 'max@test.example' });
    slack.current.setHistory('C1', [
      { ts: at('09:00'), user: 'UMAX', text: 'Max at work' },
      { ts: at('09:05'), user: 'ULEE', text: 'Lee at work' },
    ]);
    const reader = new SlackHistoryReader({ api, directory: new SlackDirectory(api), channels: ['C1'] });
    const max = captureUser(await userNamed('max@test.example'));
    const ann = captureUser(await userNamed('ann@test.example'));

    const first = await reader.read(max, windowOf(DAY, TZ));
    const second = await reader.read(max, windowOf(DAY, TZ));
    const annFirst = await reader.read(ann, windowOf(DAY, TZ));
    const annSecond = await reader.read(ann, windowOf(DAY, TZ));

    expect(first.map((a) => a.title)).toEqual(['Max at work']);
    expect(second).toEqual(first);
    expect(annFirst).toEqual([]);
    expect(annSecond).toEqual([]);
    expect(slack.current.callsTo('users.lookupByEmail').map((c) => c.params.email)).toEqual(['max@test.example', 'ann@test.example']);
    // Nobody Slack does not know is read: only Max's two reads touched history.
    expect(slack.current.callsTo('conversations.history')).toHaveLength(2);
  });

  it('reads nothing for a person who does not allow Slack capture', async () => {
    slack.current.setHistory('C1', [{ ts: at('09:00'), user: 'UKIM', text: 'Kim' }]);
    const reader = new SlackHistoryReader({ api, directory: new SlackDirectory(api), channels: ['C1'] });

    expect(await reader.read(captureUser(await userNamed('kim@test.example')), windowOf(DAY, TZ))).toEqual([]);
    expect(slack.current.calls).toEqual([]);
  });

  it('gives a message the same stored row from an event and from history, so the catch-up changes nothing', async () => {
    const ts = at('14:00');
    const lee = await userNamed('lee@test.example');
    const event = await ingestSlackMessage(database.current.db, { eventId: 'Ev0001', channel: 'C1', user: 'ULEE', ts, text: 'Prepared exhibits', threadTs: null, channelType: 'channel' });
    expect(event).toEqual({ status: 'stored', activityId: `slack:C1:${ts}`, userId: lee.id });

    slack.current.setHistory('C1', [{ ts, user: 'ULEE', text: 'Prepared exhibits' }]);
    const reader = new SlackHistoryReader({ api, directory: new SlackDirectory(api), channels: ['C1'] });
    const read = await reader.read(captureUser(lee), windowOf(DAY, TZ));
    const changed = await transaction(database.current.db, (tx) => saveActivities(tx, read.map((a) => toStoredActivity(a, lee))));

    expect(read.map((a) => a.id)).toEqual([`slack:C1:${ts}`]);
    expect(changed).toBe(0);
    const again = await ingestSlackMessage(database.current.db, { eventId: 'Ev0001', channel: 'C1', user: 'ULEE', ts, text: 'Prepared exhibits', threadTs: null, channelType: 'channel' });
    expect(again).toEqual({ status: 'duplicate', activityId: `slack:C1:${ts}` });
  });
});
