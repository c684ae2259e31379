import { HttpError, type CloudAdapter, type TurnContext } from '@microsoft/agents-hosting';
import { AppError, isAppError } from '../../core/errors.js';
import type { User } from '../../core/firm.js';
import type { Logger } from '../../core/logger.js';
import type { Db } from '../../db/connection.js';
import { setUnreachable } from '../../db/repositories/user.repository.js';
import type { Messenger, PostedMessage } from '../send/messenger.js';
import type { Reply } from '../views/reply.js';
import { replyMessage, type OutgoingMessage, type TeamsRender } from './teams-activity.js';
import { loadPersonalReference, saveTeamsReference, type TeamsReference } from './teams-reference.js';
import { errorName } from './teams-turn.js';

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
}

type CreateParameters = Parameters<CloudAdapter['createConversationAsync']>[4];

/**
 * Proactive Teams DMs. Only a saved *personal* conversation is continued; without one Tally opens
 * the 1:1 chat with `createConversation` (the user's AAD object id and tenant) and saves it.
 * 403 ConversationBlockedByUser marks the person unreachable, and no further send is attempted
 * until they reinstall Tally.
 */
export class TeamsMessenger implements Messenger {
  readonly platform = 'teams';

  constructor(private readonly options: TeamsMessengerOptions) {}

  /** Posts the reply into the person's 1:1 chat with Tally. */
  async postToDm(user: User, reply: Reply): Promise<PostedMessage> {
    if (user.unreachableAt) throw new AppError('UNAVAILABLE', 'this person has blocked Tally in Teams');
    const message = replyMessage(reply, this.options.render);
    try {
      const reference = await loadPersonalReference(this.options.db, user.id);
      if (reference) return await this.send(reference, message);
      if (!user.aadObjectId) throw new AppError('UNAVAILABLE', 'this person has no Microsoft account linked in Tally');
      return await this.create(user, user.aadObjectId, message);
    } catch (error) {
      throw await this.failure(user, error);
    }
  }

  /** Replaces a message posted earlier, only inside the person's saved 1:1 chat. */
  async updateInDm(user: User, at: PostedMessage, reply: Reply): Promise<void> {
    const reference = await loadPersonalReference(this.options.db, user.id);
    if (!reference || at.platform !== 'teams' || reference.conversation.id !== at.conversationId) throw new AppError('UNAVAILABLE', 'that message is not in this person\'s chat with Tally');
    const message = replyMessage(reply, this.options.render);
    try {
      await this.options.adapter.continueConversation(this.options.appId, reference, async (context) => {
        await context.updateActivity({ ...message, id: at.messageId } as never);
      });
    } catch (error) {
      throw await this.failure(user, error);
    }
  }

  private async send(reference: TeamsReference, message: OutgoingMessage): Promise<PostedMessage> {
    let messageId = '';
    await this.options.adapter.continueConversation(this.options.appId, reference, async (context) => {
      messageId = (await newMessage(context).sendActivity(message as never))?.id ?? '';
    });
    return { platform: 'teams', conversationId: reference.conversation.id, messageId };
  }

  private async create(user: User, aadObjectId: string, message: OutgoingMessage): Promise<PostedMessage> {
    const { adapter, appId, tenantId, serviceUrl } = this.options;
    const bot = { id: `28:${appId}` };
    // The Bot Connector reads `bot`; the SDK's type names it `agent`: send both.
    const parameters = { isGroup: false, agent: bot, bot, members: [{ id: aadObjectId }], tenantId, channelData: { tenant: { id: tenantId } } } as unknown as CreateParameters;
    let posted: PostedMessage | undefined;
    await adapter.createConversationAsync(appId, 'msteams', serviceUrl, 'https://api.botframework.com', parameters, async (context) => {
      const conversationId = context.activity.conversation?.id;
      if (!conversationId) throw new AppError('UNAVAILABLE', 'Teams did not open a chat');
      const reference = {
        channelId: 'msteams',
        serviceUrl,
        conversation: { id: conversationId, conversationType: 'personal', tenantId, isGroup: false },
        agent: bot,
        user: { id: aadObjectId, aadObjectId },
      } as unknown as TeamsReference;
      await saveTeamsReference(this.options.db, user.id, reference);
      const sent = await newMessage(context).sendActivity(message as never);
      posted = { platform: 'teams', conversationId, messageId: sent?.id ?? '' };
    });
    if (!posted) throw new AppError('UNAVAILABLE', 'Teams did not open a chat');
    return posted;
  }

  private async failure(user: User, error: unknown): Promise<AppError> {
    if (isAppError(error)) return error;
    if (error instanceof HttpError && error.status === 403 && errorCode(error) === 'ConversationBlockedByUser') {
      await this.options.db.transaction().execute((tx) => setUnreachable(tx, user.id, (this.options.now ?? (() => new Date()))()));
      this.options.logger.warn({ userId: user.id }, 'teams: user blocked Tally; marked unreachable');
      return new AppError('UNAVAILABLE', 'this person has blocked Tally in Teams', { cause: error });
    }
    this.options.logger.error({ userId: user.id, err: errorName(error) }, 'teams: proactive send failed');
    return new AppError('UNAVAILABLE', 'Teams did not accept the message', { cause: error });
  }
}

/** A proactive post is a new message, not a reply to the synthetic activity that started the turn. */
function newMessage(context: TurnContext): TurnContext {
  return context.onSendActivities(async (_context, activities, next) => {
    for (const activity of activities) activity.replyToId = undefined;
    return next();
  });
}

function errorCode(error: HttpError): string | undefined {
  const data = error.response.data as { error?: { code?: unknown } } | undefined;
  return typeof data?.error?.code === 'string' ? data.error.code : undefined;
}
