import { afterEach, beforeEach } from 'vitest';
import type { Db } from '../../../../src/db/connection.js';
import { findSummaryCard } from '../../../../src/db/repositories/summary-card.repository.js';
import type { FakeSlackApi, FakeSlackCall } from '../../../support/fakes/fake-slack-api.js';
import { useFakeSlack } from '../../../support/fakes/fake-slack-hooks.js';
import { SECRET, startTally, type RunningTally } from '../../../support/slack-harness.js';
import { aSlashCommand, postSlackForm } from '../../../support/slack-sign.js';
import { useTestDatabase, type DatabaseKind } from '../../../support/test-database.js';
import { DAY, seedDay, userId } from '../review/review-harness.js';

/** The example firm's people as Slack knows them (Alice and Robert have Slack ids in the firm file). */
export const SLACK_IDS = { alice: 'U0ALICE01', robert: 'U0ROBERT1', pat: 'U0PAT0001', dana: 'U0DANA001' } as const;
export const DMS = { alice: 'D0ALICE01', robert: 'D0ROBERT1', pat: 'D0PAT0001', dana: 'D0DANA001' } as const;

/** Gives Pat (a delegate) and Dana (billing) Slack ids, as an admin would in the firm file. */
export async function linkSlackIds(db: Db): Promise<void> {
  for (const name of ['pat', 'dana'] as const) {
    await db.updateTable('users').set({ slack_user_id: SLACK_IDS[name] }).where('email', '=', `${name}@arnsley.example`).execute();
  }
}

/** Scripts each person's DM channel in the fake. */
export function scriptDms(fake: FakeSlackApi): void {
  for (const name of Object.keys(SLACK_IDS) as (keyof typeof SLACK_IDS)[]) fake.setDm(SLACK_IDS[name], { id: DMS[name], isIm: true });
}

/** Posts a signed body and waits for the work done after the ack. */
export async function deliver(tally: RunningTally, body: string, retryNum?: number): Promise<{ status: number; body: string }> {
  const response = await postSlackForm(tally.url, SECRET, body, retryNum === undefined ? {} : { retryNum });
  await tally.background.idle();
  return response;
}

interface Block {
  readonly type: string;
  readonly block_id?: string;
  readonly text?: { readonly text: string };
  readonly elements?: readonly { readonly type: string; readonly action_id?: string; readonly value?: string }[];
  readonly accessory?: { readonly type: string; readonly action_id?: string; readonly value?: string };
  readonly element?: { readonly type: string; readonly initial_value?: string; readonly initial_option?: { readonly value: string } };
}

/** The blocks a Web API call or response_url answer carried. */
export function blocksOf(call: FakeSlackCall | undefined): Block[] {
  if (!call) return [];
  const raw = call.method === 'respond' ? (JSON.parse(call.raw) as { blocks?: Block[] }).blocks : call.params.blocks ? (JSON.parse(call.params.blocks) as Block[]) : undefined;
  return raw ?? [];
}

/** Every button (and accessory) value of an action id, in block order. */
export function buttonValues(blocks: readonly Block[], actionId: string): string[] {
  const elements = blocks.flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])]);
  return elements.filter((e) => e.action_id === actionId && e.value !== undefined).map((e) => e.value ?? '');
}

/** The first button value of an action id whose JSON matches `where`; throws when there is none. */
export function buttonValue(blocks: readonly Block[], actionId: string, where: (v: Record<string, unknown>) => boolean = () => true): string {
  const found = buttonValues(blocks, actionId).find((v) => where(JSON.parse(v) as Record<string, unknown>));
  if (found === undefined) throw new Error(`no ${actionId} button`);
  return found;
}

/** A modal's input values as Slack would submit them unchanged: text inputs and selects by block id. */
export function formValues(view: { blocks: readonly Block[] }): Record<string, string | { selected: string }> {
  const out: Record<string, string | { selected: string }> = {};
  for (const block of view.blocks) {
    if (block.type !== 'input' || !block.block_id || !block.element) continue;
    const el = block.element;
    if (el.type === 'static_select') {
      if (el.initial_option) out[block.block_id] = { selected: el.initial_option.value };
    } else out[block.block_id] = el.initial_value ?? '';
  }
  return out;
}

/** Every text Tally sent to Slack (Web API parameters and response_url bodies), for "names nothing" checks. */
export function everythingSent(fake: FakeSlackApi): string {
  return fake.calls.filter((c) => c.method !== 'auth.test').map((c) => `${c.raw}\n${JSON.stringify(c.params)}`).join('\n');
}

/**
 * Hooks for tests of the daily card through the real Slack edge and core: one database of the
 * kind, a fake Slack, Robert's team's day (or `seed`) with Slack ids and DMs, and a running server per
 * test. `postAliceCard` has Alice run /tally summary and answers where her card landed.
 */
export function useSlackRealFlow(kind: DatabaseKind, options: { readonly seed?: (db: Db) => Promise<void> } = {}) {
  const database = useTestDatabase(kind);
  const slack = useFakeSlack();
  const db = () => database.current.db;
  let running: RunningTally | undefined;
  beforeEach(async () => {
    await (options.seed ?? seedDay)(db());
    await linkSlackIds(db());
    scriptDms(slack.current);
    running = await startTally(database.current, slack.current);
  });
  afterEach(async () => {
    await running?.close();
  });
  const fixture = {
    database,
    slack,
    db,
    get tally(): RunningTally {
      if (!running) throw new Error('the server starts in beforeEach');
      return running;
    },
    summary: (user: string = SLACK_IDS.alice, date = DAY) => aSlashCommand({ command: '/tally', text: `summary ${date}`, user, responseUrl: slack.current.responseUrl('summary') }),
    postAliceCard: async () => {
      await deliver(fixture.tally, fixture.summary());
      const posted = slack.current.callsTo('chat.postMessage').at(-1);
      const container = { type: 'message', message_ts: posted?.params.ts ?? '', channel_id: DMS.alice, is_ephemeral: false };
      const saved = await findSummaryCard(db(), await userId(db(), 'alice'), DAY, 'slack');
      slack.current.resetCalls();
      return { blocks: blocksOf(posted), container: { ...container, message_ts: saved?.messageId ?? '' } };
    },
  };
  return fixture;
}
