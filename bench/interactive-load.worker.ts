import { parentPort } from 'node:worker_threads';
import { reviewButtonValue } from '../src/bots/cards/action-payload.js';
import { ACTION_IDS } from '../src/bots/cards/action-ids.js';
import { BotConnectorFake } from '../tests/support/fakes/bot-connector-fake.js';
import { FakeSlackApi } from '../tests/support/fakes/fake-slack-api.js';
import { TeamsIdentityFake } from '../tests/support/fakes/teams-identity-fake.js';
import { aBlockAction, postSlackForm } from '../tests/support/slack-sign.js';

/** One approve click: whose draft, and the Slack and Teams ids of its owner. */
export interface Click {
  readonly ownerId: number;
  readonly entryId: string;
  readonly version: number;
  readonly slackUserId: string;
  readonly aadObjectId: string;
}

/** What the main thread needs to configure the server against this worker's fakes. */
export interface Platforms {
  readonly slackApiUrl: string;
  readonly authority: string;
  readonly issuer: string;
  readonly tenantId: string;
  readonly serviceUrl: string;
  readonly connectorToken: string;
}

export interface LoadRequest {
  readonly url: string;
  readonly secret: string;
  readonly appId: string;
  readonly date: string;
  readonly rate: number;
  readonly slack: readonly Click[];
  readonly teams: readonly Click[];
}

export interface LoadResult {
  readonly slackAck: number[];
  readonly slackCardUpdated: number[];
  readonly slackFailures: number;
  readonly teamsInvoke: number[];
  readonly teamsFailures: number;
}

/** Sends `count` requests at `rate` per second without waiting for answers (an open loop); each one's latency in ms. */
async function openLoop(count: number, rate: number, send: (i: number) => Promise<void>): Promise<number[]> {
  const started = performance.now();
  const latencies: Promise<number>[] = [];
  for (let i = 0; i < count; i++) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sent = performance.now();
    latencies.push(send(i).then(() => performance.now() - sent));
  }
  return Promise.all(latencies);
}

const dmOf = (click: Click) => `D${click.slackUserId.slice(1)}`;

// The platforms live in this worker, on their own thread: what the main thread measures is Tally alone.
const [slack, identity, connector] = await Promise.all([FakeSlackApi.start(), TeamsIdentityFake.start(), BotConnectorFake.start()]);
const port = parentPort;
if (port === null) throw new Error('interactive-load runs as a worker');
port.postMessage({ slackApiUrl: slack.url, authority: identity.authority, issuer: identity.issuer, tenantId: identity.tenantId, serviceUrl: connector.serviceUrl, connectorToken: connector.token } satisfies Platforms);

async function slackClicks(request: LoadRequest): Promise<Pick<LoadResult, 'slackAck' | 'slackCardUpdated' | 'slackFailures'>> {
  for (const click of request.slack) slack.setDm(click.slackUserId, { id: dmOf(click), isIm: true });
  const sentAt = new Map<string, number>();
  let failures = 0;
  const ack = await openLoop(request.slack.length, request.rate, async (i) => {
    const click = request.slack[i] as Click;
    const ts = `1772470800.${String(i).padStart(6, '0')}`;
    const body = aBlockAction({
      user: click.slackUserId, actionId: ACTION_IDS.approve, value: reviewButtonValue({ verb: 'approve', ownerId: click.ownerId, date: request.date, entryId: click.entryId, version: click.version }),
      responseUrl: slack.responseUrl(`r${String(i)}`), container: { type: 'message', message_ts: ts, channel_id: dmOf(click), is_ephemeral: false },
    });
    sentAt.set(ts, Date.now());
    if ((await postSlackForm(request.url, request.secret, body)).status !== 200) failures++;
  });
  // The work after the ack ends with the card's chat.update reaching Slack.
  const deadline = Date.now() + 60_000;
  const updates = () => slack.callsTo('chat.update').filter((c) => sentAt.has(String(c.params.ts)));
  while (updates().length < request.slack.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  const slackCardUpdated = updates().map((c) => c.at - (sentAt.get(String(c.params.ts)) ?? c.at));
  return { slackAck: ack, slackCardUpdated, slackFailures: failures + request.slack.length - slackCardUpdated.length };
}

async function teamsInvokes(request: LoadRequest): Promise<Pick<LoadResult, 'teamsInvoke' | 'teamsFailures'>> {
  const now = Math.floor(Date.now() / 1000);
  const token = identity.sign({ iss: identity.issuer, aud: request.appId, serviceurl: connector.serviceUrl, iat: now - 10, nbf: now - 10, exp: now + 3600 });
  let failures = 0;
  const latencies = await openLoop(request.teams.length, request.rate, async (i) => {
    const click = request.teams[i] as Click;
    const activity = {
      type: 'invoke', name: 'adaptiveCard/action', id: `act-bench-${String(i)}`, channelId: 'msteams', serviceUrl: connector.serviceUrl, timestamp: new Date().toISOString(),
      from: { id: `29:${click.aadObjectId}`, aadObjectId: click.aadObjectId, name: 'Lawyer' }, recipient: { id: `28:${request.appId}`, name: 'Tally' },
      conversation: { id: `a:dm-${click.aadObjectId}`, conversationType: 'personal', tenantId: identity.tenantId }, channelData: { tenant: { id: identity.tenantId } }, replyToId: 'card-1',
      value: { action: { type: 'Action.Execute', verb: ACTION_IDS.approve, data: { action: { verb: 'approve', ownerId: click.ownerId, date: request.date, entryId: click.entryId, version: click.version } } }, trigger: 'manual' },
    };
    const res = await fetch(`${request.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(activity) });
    const text = await res.text();
    if (res.status !== 200 || !text.includes('application/vnd.microsoft.card.adaptive')) failures++;
  });
  return { teamsInvoke: latencies, teamsFailures: failures };
}

port.on('message', (request: LoadRequest) => {
  void (async () => {
    const slackResult = await slackClicks(request);
    const teamsResult = await teamsInvokes(request);
    port.postMessage({ ...slackResult, ...teamsResult } satisfies LoadResult);
    await Promise.all([slack.close(), identity.close(), connector.close()]);
  })();
});
