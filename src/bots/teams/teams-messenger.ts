import type { CloudAdapter, TurnContext } from '@microsoft/agents-hosting';
import { AppError, isAppError } from '../../core/errors.js';
import type { User } from '../../core/firm.js';
import type { Logger } from '../../core/logger.js';
import type { Db } from '../../db/connection.js';
import { setUnreachable } from '../../db/repositories/user.repository.js';
import type { Messenger, PostedMessage, PostOptions } from '../send/messenger.js';
import { SendFailure } from '../send/send-failure.js';
import type { Reply } from '../views/reply.js';
import { replyMessage, type OutgoingMessage, type TeamsRender } from './teams-activity.js';
import { loadPersonalReference, saveTeamsReference, type TeamsReference } from './teams-reference.js';
import { isBlockedByUser, SendDeadlineError, teamsSendFailure, type TeamsSendPhase } from './teams-send-failure.js';
import { errorName } from './teams-turn.js';

/** How long a keyed send may take before it is given up as ambiguous (the SDK's requests have no timeout). */
export const TEAMS_SEND_TIMEOUT_MS = 15_000;

export interface TeamsMessengerOptions {
  readonly adapter: CloudAdapter;
  readonly appId: string;
  readonly tenantId: string;
  readonly db: Db;
  readonly logger: Logger;
  readonly render: TeamsRender;
  /** Bot Connector base for a first DM when no chat is saved yet (Teams' global endpoint by default). */
  readonly serviceUrl: string;
  readonly now?: () => Date;
  /** The deadline of a keyed send ({@link TEAMS_SEND_TIMEOUT_MS} by default). */
  readonly sendTimeoutMs?: number;
}

type CreateParameters = Parameters<CloudAdapter['createConversationAsync']>[4];

/** How far a send got; once `phase` is `send` the activity may have landed. */
interface SendStep {
  phase: TeamsSendPhase;
  /** Set when the deadline passed before sending: the late work must not send after all. */
  abandoned: boolean;
}

/**
 * Proactive Teams DMs. Only a saved *personal* conversation is continued; without one Tally opens
 * the 1:1 chat with `createConversation` (the user's AAD object id and tenant) and saves it.
 * 403 ConversationBlockedByUser marks the person unreachable, and no further send is attempted
 * until they reinstall Tally.
 *
 * A send with a `sendKey` fails with a classified SendFailure (teams-send-failure.ts) and has a
 * deadline. There is no `findPosted`: the Bot Connector cannot list what a conversation holds, so
 * an ambiguous Teams send can never be reconciled and must never be resent (Messenger contract).
 */
export class TeamsMessenger implements Messenger {
  readonly platform = 'teams';

  constructor(private readonly options: TeamsMessengerOptions) {}

  /** Posts the reply into the person's 1:1 chat with Tally (a keyed send: see the class comment). */
  async postToDm(user: User, reply: Reply, options: PostOptions = {}): Promise<PostedMessage> {
    if (options.sendKey !== undefined) return this.postKeyed(user, reply);
    if (user.unreachableAt) throw new AppError('UNAVAILABLE', 'this person has blocked Tally in Teams');
    const message = replyMessage(reply, this.options.render);
    try {
      return await this.deliver(user, message, { phase: 'prepare', abandoned: false });
    } catch (error) {
      throw await this.failure(user, error);
    }
  }

  private async postKeyed(user: User, reply: Reply): Promise<PostedMessage> {
    if (user.unreachableAt) throw new SendFailure('blocked', 'this person has blocked Tally in Teams');
    const message = replyMessage(reply, this.options.render);
    const step: SendStep = { phase: 'prepare', abandoned: false };
    try {
      return await this.withDeadline(this.deliver(user, message, step), step);
    } catch (error) {
      if (isBlockedByUser(error)) await this.markUnreachable(user).catch((e: unknown) => this.options.logger.error({ userId: user.id, err: errorName(e) }, 'teams: could not mark the user unreachable'));
      else this.options.logger.warn({ userId: user.id, phase: step.phase, err: errorName(error) }, 'teams: scheduled send failed');
      throw teamsSendFailure(error, step.phase, this.now().getTime());
    }
  }

  private async deliver(user: User, message: OutgoingMessage, step: SendStep): Promise<PostedMessage> {
    const reference = await loadPersonalReference(this.options.db, user.id);
    if (reference) return this.send(reference, message, step);
    if (!user.aadObjectId) throw new AppError('UNAVAILABLE', 'this person has no Microsoft account linked in Tally');
    return this.create(user, user.aadObjectId, message, step);
  }

  /** Rejects with SendDeadlineError (at the phase reached) when `work` takes too long; the late work then never sends. */
  private async withDeadline<T>(work: Promise<T>, step: SendStep): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        step.abandoned = true;
        reject(new SendDeadlineError(step.phase));
      }, this.options.sendTimeoutMs ?? TEAMS_SEND_TIMEOUT_MS);
    });
    work.catch(() => undefined); // its failure after the deadline is already answered
    try {
      return await Promise.race([work, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Replaces a message posted earlier, only inside the person's saved 1:1 chat. */
  async updateInDm(user: User, at: PostedMessage, reply: Reply): Promise<void> {
    const reference = await loadPersonalReference(this.options.db, user.id);
    if (!reference || at.platform !== 'teams' || reference.conversation.id !== at.conversationId) throw new AppError('UNAVAILABLE', 'that message is not in this person\'s chat with Tally');
    const message = replyMessage(reply, this.options.render);
    try {
      await surfaced((logic) => this.options.adapter.continueConversation(this.options.appId, reference, logic), async (context) => {
        await context.updateActivity({ ...message, id: at.messageId } as never);
      });
    } catch (error) {
      throw await this.failure(user, error);
    }
  }

  private async send(reference: TeamsReference, message: OutgoingMessage, step: SendStep): Promise<PostedMessage> {
    let messageId = '';
    await surfaced((logic) => this.options.adapter.continueConversation(this.options.appId, reference, logic), async (context) => {
      messageId = (await sendNew(context, message, step))?.id ?? '';
    });
    return { platform: 'teams', conversationId: reference.conversation.id, messageId };
  }

  private async create(user: User, aadObjectId: string, message: OutgoingMessage, step: SendStep): Promise<PostedMessage> {
    const { adapter, appId, tenantId, serviceUrl } = this.options;
    const bot = { id: `28:${appId}` };
    // The Bot Connector reads `bot`; the SDK's type names it `agent`: send both.
    const parameters = { isGroup: false, agent: bot, bot, members: [{ id: aadObjectId }], tenantId, channelData: { tenant: { id: tenantId } } } as unknown as CreateParameters;
    let posted: PostedMessage | undefined;
    await surfaced((logic) => adapter.createConversationAsync(appId, 'msteams', serviceUrl, 'https://api.botframework.com', parameters, logic), async (context) => {
      const conversationId = context.activity.conversation?.id;
      if (!conversationId) throw new SendFailure('retryable', 'Teams did not open a chat');
      const reference = {
        channelId: 'msteams',
        serviceUrl,
        conversation: { id: conversationId, conversationType: 'personal', tenantId, isGroup: false },
        agent: bot,
        user: { id: aadObjectId, aadObjectId },
      } as unknown as TeamsReference;
      await saveTeamsReference(this.options.db, user.id, reference);
      const sent = await sendNew(context, message, step);
      posted = { platform: 'teams', conversationId, messageId: sent?.id ?? '' };
    });
    if (!posted) throw new SendFailure('retryable', 'Teams did not open a chat');
    return posted;
  }

  private async failure(user: User, error: unknown): Promise<AppError> {
    if (isAppError(error)) return error;
    if (isBlockedByUser(error)) {
      await this.markUnreachable(user);
      return new AppError('UNAVAILABLE', 'this person has blocked Tally in Teams', { cause: error });
    }
    this.options.logger.error({ userId: user.id, err: errorName(error) }, 'teams: proactive send failed');
    return new AppError('UNAVAILABLE', 'Teams did not accept the message', { cause: error });
  }

  private async markUnreachable(user: User): Promise<void> {
    await this.options.db.transaction().execute((tx) => setUnreachable(tx, user.id, this.now()));
    this.options.logger.warn({ userId: user.id }, 'teams: user blocked Tally; marked unreachable');
  }

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }
}

/**
 * Sends the message as a new post (not a reply to the synthetic activity that started the turn),
 * unless the deadline has already given this send up; from here on it may land.
 */
async function sendNew(context: TurnContext, message: OutgoingMessage, step: SendStep): Promise<{ id?: string } | undefined> {
  if (step.abandoned) throw new SendDeadlineError('prepare');
  step.phase = 'send';
  const fresh = context.onSendActivities(async (_context, activities, next) => {
    for (const activity of activities) activity.replyToId = undefined;
    return next();
  });
  return fresh.sendActivity(message as never);
}

/**
 * Runs a proactive turn and rethrows what its logic threw: the adapter would otherwise hand that
 * error to onTurnError (which only logs) and resolve as if the send had worked.
 */
async function surfaced(run: (logic: (context: TurnContext) => Promise<void>) => Promise<void>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
  let failure: { error: unknown } | null = null;
  await run(async (context) => {
    try {
      await logic(context);
    } catch (error) {
      failure = { error };
    }
  });
  if (failure) throw (failure as { error: unknown }).error;
}
