import { TALLY_HELP, parseTallyCommand } from '../commands/tally-command.js';
import { replyOrRefusal } from '../commands/command-reply.js';
import { invoiceAction } from '../commands/invoice-action.service.js';
import { invoiceCommand } from '../commands/invoice-command.service.js';
import { timeCommand } from '../commands/time-command.service.js';
import { digestReply } from '../digest/digest-reply.js';
import { buildDailyReview } from '../review/daily-review.service.js';
import { resolveChatUser } from '../review/chat-user.service.js';
import { reviewAction } from '../review/review-actions.service.js';
import { cardRefusal } from '../review/review-access.js';
import { findUserByEmail } from '../../db/repositories/user.repository.js';
import type { Actor } from '../../core/audit.js';
import { localDateOf } from '../../core/dates.js';
import type { User } from '../../core/firm.js';
import { errorFields, type Logger } from '../../core/logger.js';
import type { Db } from '../../db/connection.js';
import type { ChatContext, ReviewAction } from '../views/actions.js';
import type { ChatCore, CommandName } from '../views/chat-core.js';
import type { Reply } from '../views/reply.js';
import { failureText } from './user-text.js';

export interface ChatCoreDeps {
  readonly db: Db;
  readonly logger: Logger;
  /** Where invoice download links point and what signs them (PUBLIC_URL, TALLY_SECRET_KEY). */
  readonly files: { readonly publicUrl: string; readonly secretKey: string | null };
}

// C0 controls but tab and newlines, DEL and C1: PostgreSQL cannot store NUL, and the others are invisible.
const CONTROL = /(?![\t\n\r])\p{Cc}/gu;
// Half a surrogate pair: jsonb (the audit row) refuses its "\ud83d" escape.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** What a person typed, storable: control characters as spaces, half surrogate pairs as U+FFFD (PostgreSQL holds neither). */
function typed<T extends string | undefined>(text: T): T {
  return (text === undefined ? text : text.replace(CONTROL, ' ').replace(LONE_SURROGATE, '\ufffd')) as T;
}

/** A review action with every typed field (the Edit form's) cleaned. */
function typedReview(action: ReviewAction): ReviewAction {
  if (!action.edit) return action;
  const edit = Object.fromEntries(Object.entries(action.edit).map(([key, value]) => [key, typeof value === 'string' ? typed(value) : value]));
  return { ...action, edit: edit as NonNullable<ReviewAction['edit']> };
}

const UNKNOWN_PERSON = 'Tally does not know your account yet. Ask your Tally administrator to add your Slack or Teams id to the firm file.';

/**
 * The one bot behind both platforms: resolves the person from the database (never from the
 * payload), runs the command or action, and turns every failure into a text reply. Tally's own
 * failures are logged by ids only — a delivery key and an error class, never what was typed.
 */
export function createChatCore(deps: ChatCoreDeps): ChatCore {
  const { db } = deps;

  async function asPerson(ctx: ChatContext, work: (user: User, actor: Actor) => Promise<Reply>): Promise<Reply> {
    try {
      const user = await resolveChatUser(db, ctx.platform, ctx.platformUserId);
      if (user === null) return { kind: 'text', text: UNKNOWN_PERSON };
      return await replyOrRefusal(() => work(user, { userId: user.id, label: user.name, via: ctx.platform }));
    } catch (error) {
      const failure = failureText(error);
      deps.logger.error({ platform: ctx.platform, deliveryKey: ctx.deliveryKey, ...errorFields(error) }, 'chat request failed');
      return { kind: 'text', text: failure.text };
    }
  }

  async function tally(user: User, text: string, now: Date): Promise<Reply> {
    const command = parseTallyCommand(text, localDateOf(now, user.timezone));
    if (command.kind === 'help') return { kind: 'text', text: TALLY_HELP };
    // Only a manager, about their own reports (the digest service refuses anyone else).
    if (command.kind === 'digest') return digestReply(db, user, undefined, () => now);
    // A delegate asks for a lawyer's card by email; an unknown email gets the card's one refusal.
    const owner = command.forEmail === undefined ? user : await findUserByEmail(db, command.forEmail);
    if (owner === null) throw cardRefusal();
    return buildDailyReview(db, { ownerId: owner.id, date: command.date, viewerId: user.id });
  }

  return {
    command(ctx: ChatContext, name: CommandName, raw: string) {
      const text = typed(raw);
      return asPerson(ctx, (user, actor) => {
        const request = { actor, text, now: ctx.now, deliveryKey: ctx.deliveryKey };
        if (name === 'time') return timeCommand(db, request);
        if (name === 'invoice') return invoiceCommand(db, request);
        return tally(user, text, ctx.now);
      });
    },
    review(ctx, action) {
      return asPerson(ctx, (_user, actor) => reviewAction(db, { actor, deliveryKey: ctx.deliveryKey, action: typedReview(action), now: ctx.now }));
    },
    invoice(ctx, action) {
      const cleaned = { ...action, ...(action.reason !== undefined ? { reason: typed(action.reason) } : {}), ...(action.amount !== undefined ? { amount: typed(action.amount) } : {}) };
      return asPerson(ctx, (_user, actor) => invoiceAction(db, { actor, deliveryKey: ctx.deliveryKey, action: cleaned, now: ctx.now, files: deps.files }));
    },
  };
}
