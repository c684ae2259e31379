import { randomUUID } from 'node:crypto';
import type { CloudAdapter, TurnContext } from '@microsoft/agents-hosting';
import { isAppError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Db } from '../../db/connection.js';
import { findUserByAadObjectId, setUnreachable } from '../../db/repositories/user.repository.js';
import { failureText } from '../chat/user-text.js';
import type { BackgroundWork } from '../slack/background-work.js';
import type { ChatContext } from '../views/actions.js';
import type { ChatCore, CommandName } from '../views/chat-core.js';
import type { Reply } from '../views/reply.js';
import { actionResponse, invokeResponseActivity, replyMessage, type CardOptions, type TeamsRender } from './teams-activity.js';
import { parseCardAction, type CardAction } from '../cards/card-action.js';
import { personalReference, saveTeamsReference, type TeamsReference } from './teams-reference.js';
import { parseTypedCommand } from '../cards/typed-command.js';

export interface TeamsTurnDeps {
  readonly adapter: CloudAdapter;
  readonly appId: string;
  readonly core: ChatCore;
  readonly db: Db;
  readonly logger: Logger;
  readonly render: TeamsRender;
  readonly now: () => Date;
  readonly background: BackgroundWork;
  /** Invokes must be answered within 5 s: past this, answer "working…" and update the card after. */
  readonly invokeDeadlineMs: number;
}

export const GROUP_REFUSAL = 'I only work in our 1:1 chat, where your time stays private. Open a chat with Tally and type help.';
const UNKNOWN_SENDER = 'I could not tell who you are in Teams. Ask your Tally administrator to link your Microsoft account.';
const UNREADABLE_ACTION = 'That button could not be read. Type summary for a fresh card.';
const WORKING = 'Working on it — the card will update in a moment.';

/** One verified activity: 1:1 messages run commands, card actions run the core, installs save the chat. */
export async function handleTeamsTurn(context: TurnContext, deps: TeamsTurnDeps): Promise<void> {
  const { type } = context.activity;
  if (type === 'message') await onMessage(context, deps);
  else if (type === 'invoke') await onInvoke(context, deps);
  else if (type === 'conversationUpdate' || type === 'installationUpdate') await onInstall(context, deps);
}

async function onMessage(context: TurnContext, deps: TeamsTurnDeps): Promise<void> {
  const reference = personalReference(context);
  const aad = context.activity.from?.aadObjectId;
  // Never echo what was typed outside a 1:1 chat: it may be a narrative or a client's name.
  if (!reference) return void (await context.sendActivity({ type: 'message', text: GROUP_REFUSAL, textFormat: 'plain' } as never));
  if (!aad) return void (await context.sendActivity({ type: 'message', text: UNKNOWN_SENDER, textFormat: 'plain' } as never));
  await remember(deps, aad, reference, false);
  const command = parseTypedCommand(context.activity.text);
  const reply = await safely(deps, () => runCommand(deps, chatContext(context, aad, deps), command.name, command.text));
  await context.sendActivity(replyMessage(reply, deps.render) as never);
}

async function onInvoke(context: TurnContext, deps: TeamsTurnDeps): Promise<void> {
  if (context.activity.name !== 'adaptiveCard/action') return;
  const answer = (reply: Reply) => context.sendActivity(invokeResponseActivity(actionResponse(reply, deps.render)) as never);
  const reference = personalReference(context);
  const aad = context.activity.from?.aadObjectId;
  if (!reference) return void (await answer({ kind: 'text', text: GROUP_REFUSAL }));
  if (!aad) return void (await answer({ kind: 'text', text: UNKNOWN_SENDER }));
  await remember(deps, aad, reference, false);
  const parsed = parseCardAction(context.activity.value);
  if (!parsed) return void (await answer({ kind: 'text', text: UNREADABLE_ACTION }));
  if (parsed.kind === 'incomplete') return void (await answer({ kind: 'text', text: parsed.text }));
  const options: CardOptions = { showAll: parsed.kind === 'review' && parsed.action.verb === 'show_all' };
  const work = safely(deps, () => runAction(deps, chatContext(context, aad, deps), parsed));
  const reply = await beforeDeadline(work, deps.invokeDeadlineMs);
  if (reply !== null) return void (await context.sendActivity(invokeResponseActivity(actionResponse(reply, deps.render, options)) as never));
  await answer({ kind: 'text', text: WORKING });
  const cardId = context.activity.replyToId;
  void deps.background.run(async () => {
    const late = await work;
    await deps.adapter.continueConversation(deps.appId, reference, async (proactive) => {
      const message = replyMessage(late, deps.render, options);
      if (cardId) await proactive.updateActivity({ ...message, id: cardId } as never);
      else await proactive.sendActivity(message as never);
    });
  }).catch((error: unknown) => deps.logger.error({ err: errorName(error), activityId: context.activity.id }, 'teams: late card update failed'));
}

async function onInstall(context: TurnContext, deps: TeamsTurnDeps): Promise<void> {
  const reference = personalReference(context);
  const aad = context.activity.from?.aadObjectId;
  if (!reference || !aad || context.activity.action === 'remove') return;
  await remember(deps, aad, reference, true);
}

/** Saves the 1:1 chat of a known user; an install also clears "unreachable" (they unblocked Tally). */
async function remember(deps: TeamsTurnDeps, aad: string, reference: TeamsReference, installed: boolean): Promise<void> {
  const user = await findUserByAadObjectId(deps.db, aad);
  if (!user) return;
  await saveTeamsReference(deps.db, user.id, reference);
  if (installed && user.unreachableAt) await deps.db.transaction().execute((tx) => setUnreachable(tx, user.id, null));
}

function runAction(deps: TeamsTurnDeps, ctx: ChatContext, parsed: Exclude<CardAction, { kind: 'incomplete' }>): Promise<Reply> {
  if (parsed.kind === 'review') return deps.core.review(ctx, parsed.action);
  if (parsed.kind === 'invoice') return deps.core.invoice(ctx, parsed.action);
  return runCommand(deps, ctx, parsed.name, parsed.text);
}

/**
 * Runs a command; a `choices` answer's values get the command's name in front, so that a choice
 * clicked later (verb reply.choose) runs as the same command with the chosen code.
 */
async function runCommand(deps: TeamsTurnDeps, ctx: ChatContext, name: CommandName, text: string): Promise<Reply> {
  const reply = await deps.core.command(ctx, name, text);
  if (reply.kind !== 'choices') return reply;
  return { ...reply, choices: reply.choices.map((c) => ({ ...c, value: `${name} ${c.value}` })) };
}

function chatContext(context: TurnContext, aad: string, deps: TeamsTurnDeps): ChatContext {
  return { platform: 'teams', platformUserId: aad, deliveryKey: `teams:${context.activity.id ?? randomUUID()}`, now: deps.now() };
}

/** The core answers failures as text already; anything it throws still becomes plain words, logged by name only. */
async function safely(deps: TeamsTurnDeps, run: () => Promise<Reply>): Promise<Reply> {
  try {
    return await run();
  } catch (error) {
    const failure = failureText(error);
    if (failure.internal) deps.logger.error({ err: errorName(error) }, 'teams: chat core failed');
    return { kind: 'text', text: failure.text };
  }
}

async function beforeDeadline(work: Promise<Reply>, ms: number): Promise<Reply | null> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Logs carry ids and kinds only: an error's message may quote a client or a narrative. */
export function errorName(error: unknown): string {
  if (isAppError(error)) return `AppError ${error.code}`;
  const status = (error as { status?: unknown } | null)?.status;
  return error instanceof Error ? `${error.name}${typeof status === 'number' ? ` ${String(status)}` : ''}` : 'non-error thrown';
}
