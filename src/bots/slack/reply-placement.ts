import type { types } from '@slack/bolt';
import { formatDayLabel } from '../../core/dates.js';
import type { User } from '../../core/firm.js';
import type { Db } from '../../db/connection.js';
import { findSummaryCard, saveSummaryCard } from '../../db/repositories/summary-card.repository.js';
import { findUserById } from '../../db/repositories/user.repository.js';
import { replyBlocks } from '../cards/reply.blocks.js';
import type { CommandName } from '../views/chat-core.js';
import type { Reply } from '../views/reply.js';
import type { DailyReviewView } from '../views/review.view.js';
import type { SlackMessenger } from './slack-messenger.js';

/** An answer through `response_url`: always ephemeral (platforms.md: never `in_channel`). */
export interface EphemeralAnswer {
  readonly response_type: 'ephemeral';
  readonly replace_original: boolean;
  readonly text: string;
  readonly blocks?: types.KnownBlock[];
}

export type Respond = (answer: EphemeralAnswer) => Promise<unknown>;

/** Where a delivery came from, as far as answering it goes. */
export interface Origin {
  /** The actor's Slack user id (verified delivery). */
  readonly actor: string;
  /** The delivery's response_url, when it has one. */
  readonly respond?: Respond;
  /** The message whose button was clicked (or whose Edit modal was submitted). */
  readonly message?: { readonly channel: string; readonly ts: string; readonly ephemeral: boolean };
  /** The command that was run: a `choices` answer's buttons carry it before their command text. */
  readonly command?: CommandName;
}

export interface ReplyPlacementDeps {
  readonly db: Db;
  readonly messenger: SlackMessenger;
  /** A person's Slack id (the configured one, else looked up by email). */
  readonly slackIdOf: (user: User) => Promise<string | null>;
}

/**
 * Puts the core's reply where it belongs, to the actor only: a daily card in place of the message
 * clicked (chat.update in the actor's DM, or `replace_original` when it was ephemeral) or, after a
 * command, in the owner's DM (updated in place when that day's card exists); files into the DM;
 * anything else as an ephemeral answer.
 */
export class ReplyPlacement {
  constructor(private readonly deps: ReplyPlacementDeps) {}

  async place(origin: Origin, reply: Reply): Promise<void> {
    if (reply.kind === 'files') {
      await this.deps.messenger.postToSlackUser(origin.actor, reply);
      await origin.respond?.(ephemeral(`${reply.text} Sent to your direct messages with Tally.`, false));
      return;
    }
    const isCard = reply.kind === 'daily-review' || reply.kind === 'pre-bill';
    if (isCard && origin.message) {
      await this.replaceMessage(origin, origin.message, reply);
      return;
    }
    if (reply.kind === 'daily-review' && (await this.isOwner(origin.actor, reply))) {
      await this.putDailyCard(origin.actor, reply);
      await origin.respond?.(ephemeral(`Your card for ${formatDayLabel(reply.date)} is in your direct messages with Tally.`, false));
      return;
    }
    const answer = reply.kind === 'choices' && origin.command ? withCommand(reply, origin.command) : reply;
    if (origin.respond) {
      await origin.respond({ ...ephemeral('', false), ...replyBlocks(answer) });
      return;
    }
    await this.deps.messenger.postToSlackUser(origin.actor, answer);
  }

  private async replaceMessage(origin: Origin, message: NonNullable<Origin['message']>, reply: Reply): Promise<void> {
    if (message.ephemeral) {
      if (origin.respond) await origin.respond({ ...ephemeral('', true), ...replyBlocks(reply) });
      return;
    }
    await this.deps.messenger.updateForSlackUser(origin.actor, { platform: 'slack', conversationId: message.channel, messageId: message.ts }, reply);
    if (reply.kind === 'daily-review' && (await this.isOwner(origin.actor, reply))) {
      await saveSummaryCard(this.deps.db, { userId: reply.ownerId, workDate: reply.date, platform: 'slack', conversationId: message.channel, messageId: message.ts });
    }
  }

  /** The owner's card of that day: updated where it was posted, else posted and remembered. */
  private async putDailyCard(actor: string, view: DailyReviewView): Promise<void> {
    const existing = await findSummaryCard(this.deps.db, view.ownerId, view.date, 'slack');
    if (existing) {
      try {
        await this.deps.messenger.updateForSlackUser(actor, { platform: 'slack', conversationId: existing.conversationId, messageId: existing.messageId }, view);
        return;
      } catch {
        // The old message is gone or elsewhere (deleted by the person): post a fresh card below.
      }
    }
    const posted = await this.deps.messenger.postToSlackUser(actor, view);
    await saveSummaryCard(this.deps.db, { userId: view.ownerId, workDate: view.date, platform: 'slack', conversationId: posted.conversationId, messageId: posted.messageId });
  }

  private async isOwner(actor: string, view: DailyReviewView): Promise<boolean> {
    const owner = await findUserById(this.deps.db, view.ownerId);
    return owner !== null && (await this.deps.slackIdOf(owner)) === actor;
  }
}

/** Each choice's value as the full command ("time 1.5 ACME-001 …"), so a click knows what to run again. */
function withCommand(reply: Extract<Reply, { kind: 'choices' }>, command: CommandName): Reply {
  return { ...reply, choices: reply.choices.map((c) => ({ ...c, value: `${command} ${c.value}` })) };
}

function ephemeral(text: string, replaceOriginal: boolean): EphemeralAnswer {
  return { response_type: 'ephemeral', replace_original: replaceOriginal, text };
}
