import { backoffMs } from '../../core/backoff.js';
import { isAppError } from '../../core/errors.js';
import type { User } from '../../core/firm.js';
import { errorFields, type Logger } from '../../core/logger.js';
import { sendKey, type ScheduledSend, type SendOutcome } from '../../core/schedule.js';
import { transaction } from '../../db/connection.js';
import { findSummaryCard, saveSummaryCard } from '../../db/repositories/summary-card.repository.js';
import { findUserById, setUnreachable } from '../../db/repositories/user.repository.js';
import type { Deliverer, LandedMessage } from '../../jobs/send-worker.js';
import type { Messenger, PostedMessage } from './messenger.js';
import { sendContent, type SendContentDeps } from './send-content.js';
import { isSendFailure } from './send-failure.js';

/** Paces one platform's sends (rate-gate.ts); a 429's Retry-After pauses it for everyone. */
export interface Pacer {
  take(key?: string): Promise<void>;
  pauseFor(ms: number): void;
}

/** One platform Tally can send on, with its pace. */
export interface Channel {
  readonly messenger: Messenger;
  readonly pacer: Pacer;
}

export interface NotifierDeps extends SendContentDeps {
  readonly logger: Logger;
  readonly slack?: Channel | undefined;
  readonly teams?: Channel | undefined;
  /** Waits between retries of a send refused before it was posted. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Attempts per send before it is recorded as failed. */
  readonly maxAttempts?: number;
}

const BACKOFF = { baseMs: 1000, capMs: 60_000 };
const MAX_RATE_LIMIT_WAITS = 500;

/**
 * Where a reconciliation starts looking in the person's DM. The send key is unique per person,
 * day and kind, so the window only bounds the read; it is on the platform's (wall) clock, not the
 * scheduler's, and wide enough for a job retried hours later.
 */
function lookBackFrom(): Date {
  return new Date(Date.now() - 2 * 86_400_000);
}

/**
 * The one channel-agnostic notifier (DESIGN.md): picks each person's platform, paces the sends,
 * waits out Retry-After, backs off with jitter, stops at a block, and after an ambiguous failure
 * looks for the message before sending again — so a user-day never gets two cards.
 */
export class Notifier implements Deliverer {
  constructor(private readonly deps: NotifierDeps) {}

  async deliver(send: ScheduledSend): Promise<SendOutcome> {
    const user = await findUserById(this.deps.db, send.userId);
    if (!user?.active) return { status: 'skipped', reason: 'no longer an active person at the firm' };
    const channel = this.channelFor(user);
    if (!channel) return { status: 'skipped', reason: 'no chat platform can reach this person' };
    const content = await sendContent(this.deps, send, user);
    if ('skip' in content) return { status: 'skipped', reason: content.skip };
    const { messenger } = channel;
    if (send.kind === 'daily_review') {
      const updated = await this.updateExistingCard(messenger, user, send, content.reply);
      if (updated) return { status: 'delivered', ...updated };
    }
    const outcome = await this.post(channel, user, send, content.reply);
    if (outcome.status === 'delivered' && send.kind === 'daily_review') {
      await saveSummaryCard(this.deps.db, { userId: user.id, workDate: send.localDate, platform: outcome.platform, conversationId: outcome.conversationId, messageId: outcome.messageId });
    }
    return outcome;
  }

  async reconcile(send: ScheduledSend): Promise<LandedMessage | null | 'unknown'> {
    const user = await findUserById(this.deps.db, send.userId);
    const channel = user && this.channelFor(user, send.platform);
    if (!user || !channel?.messenger.findPosted) return 'unknown';
    return channel.messenger.findPosted(user, sendKey(send), lookBackFrom());
  }

  /** Slack when the person has a Slack id (or Teams is not set up), else Teams. */
  private channelFor(user: User, platform?: 'slack' | 'teams' | null): Channel | undefined {
    const { slack, teams } = this.deps;
    if (platform) return platform === 'slack' ? slack : teams;
    if (slack && (user.slackUserId || !teams)) return slack;
    return teams ?? slack;
  }

  /** The day's card already posted (e.g. by `/tally summary`) is updated in place, never doubled. */
  private async updateExistingCard(messenger: Messenger, user: User, send: ScheduledSend, reply: Parameters<Messenger['updateInDm']>[2]): Promise<PostedMessage | null> {
    const card = await findSummaryCard(this.deps.db, user.id, send.localDate, messenger.platform);
    if (!card) return null;
    try {
      const at = { platform: card.platform, conversationId: card.conversationId, messageId: card.messageId };
      await messenger.updateInDm(user, at, reply);
      return at;
    } catch (error) {
      this.deps.logger.warn({ sendId: send.id, ...errorFields(error) }, 'could not update the posted card; posting it again');
      return null;
    }
  }

  private async post(channel: Channel, user: User, send: ScheduledSend, reply: Parameters<Messenger['postToDm']>[1]): Promise<SendOutcome> {
    const { messenger, pacer } = channel;
    const key = sendKey(send);
    const platform = messenger.platform;
    const maxAttempts = this.deps.maxAttempts ?? 8;
    // A 429 is not a failed attempt: Slack and Teams ask us to wait, and a storm can last minutes.
    let attempt = 0;
    let waits = 0;
    while (attempt < maxAttempts && waits < MAX_RATE_LIMIT_WAITS) {
      attempt += 1;
      await pacer.take(String(user.id));
      try {
        const posted = await messenger.postToDm(user, reply, { sendKey: key });
        return { status: 'delivered', platform, conversationId: posted.conversationId, messageId: posted.messageId };
      } catch (error) {
        if (!isSendFailure(error)) {
          if (isAppError(error, 'UNAVAILABLE')) return { status: 'unreachable', reason: error.message, platform };
          throw error;
        }
        this.deps.logger.warn({ sendId: send.id, attempt, kind: error.kind, platform }, 'scheduled send refused');
        switch (error.kind) {
          case 'rate_limited':
            waits += 1;
            attempt -= 1;
            pacer.pauseFor(error.retryAfterMs ?? backoffMs(waits, { ...BACKOFF, random: this.random }));
            continue;
          case 'retryable':
            await this.sleep(backoffMs(attempt, { ...BACKOFF, random: this.random }));
            continue;
          case 'ambiguous': {
            if (!messenger.findPosted) return { status: 'delivery_unknown', reason: 'the platform did not confirm the message and cannot be asked; not sent again', platform };
            // Give a slow platform time to finish the post it may still be making before looking.
            await this.sleep(backoffMs(attempt, { ...BACKOFF, random: this.random }));
            let landed: PostedMessage | null;
            try {
              landed = await messenger.findPosted(user, key, lookBackFrom());
            } catch (checkError) {
              // Not known whether it landed, and not sendable again until it is: the job looks later.
              this.deps.logger.warn({ sendId: send.id, ...errorFields(checkError) }, 'could not check whether the send landed');
              return { status: 'delivery_unknown', reason: 'the platform did not confirm the message; it will be looked for before any resend', platform, recheck: true };
            }
            if (landed) return { status: 'delivered', platform, conversationId: landed.conversationId, messageId: landed.messageId };
            continue;
          }
          case 'blocked':
            await transaction(this.deps.db, (tx) => setUnreachable(tx, user.id, this.deps.now()));
            return { status: 'unreachable', reason: error.message, platform };
          case 'permanent':
            return { status: 'failed', reason: error.message, platform };
        }
      }
    }
    return { status: 'failed', reason: `not accepted after ${String(attempt)} attempts and ${String(waits)} rate-limit waits`, platform };
  }

  private get random(): () => number {
    return this.deps.random ?? Math.random;
  }

  private sleep(ms: number): Promise<void> {
    return (this.deps.sleep ?? ((t: number) => new Promise<void>((resolve) => setTimeout(resolve, t))))(ms);
  }
}
