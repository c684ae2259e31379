import type { User } from '../../core/firm.js';
import type { ScheduledSend } from '../../core/schedule.js';
import type { Db } from '../../db/connection.js';
import { findReminder } from '../../billing/reminder.service.js';
import { buildDailyReview } from '../review/daily-review.service.js';
import { reminderReply } from '../review/reminder-reply.js';
import { digestReply } from '../digest/digest-reply.js';
import type { Reply } from '../views/reply.js';

export interface SendContentDeps {
  readonly db: Db;
  readonly now: () => Date;
  /** Captures the person's day before their card is built (sources read, drafts written). */
  readonly captureDay?: (user: User, date: string) => Promise<void>;
}

/** What a scheduled send says, or why it says nothing (then it is skipped, not sent). */
export type SendContent = { readonly reply: Reply } | { readonly skip: string };

/**
 * The message of one scheduled send: the day's review card (after capturing the day), the
 * manager's weekly digest, or the reminder of old drafts.
 */
export async function sendContent(deps: SendContentDeps, send: ScheduledSend, user: User): Promise<SendContent> {
  switch (send.kind) {
    case 'daily_review': {
      await deps.captureDay?.(user, send.localDate);
      const view = await buildDailyReview(deps.db, { ownerId: user.id, date: send.localDate, viewerId: user.id });
      if (view.pending.length === 0 && view.done.length === 0) return { skip: 'no time captured for the day' };
      return { reply: view };
    }
    case 'digest':
      return { reply: await digestReply(deps.db, user, send.localDate, deps.now) };
    case 'reminder': {
      const reminder = await findReminder(deps.db, user, send.localDate);
      return reminder ? { reply: reminderReply(reminder) } : { skip: 'no drafts waiting long enough' };
    }
  }
}
