import type { User } from '../core/firm.js';
import { transaction, type Db } from '../db/connection.js';
import { saveActivities } from '../db/repositories/activity.repository.js';
import { claimKey } from '../db/repositories/idempotency.repository.js';
import { findMatterByChannel } from '../db/repositories/matter.repository.js';
import { findUserByEmail, listUsers } from '../db/repositories/user.repository.js';
import { toStoredActivity } from './activity-record.js';
import type { SlackDirectory } from './sources/slack/slack-directory.js';
import { slackMessageToActivity, slackTsToDate, type SlackMessageEvent } from './sources/slack/slack-message.js';

export type { SlackMessageEvent };

export interface SlackIngestDeps {
  /**
   * Maps an author whose Slack id is not in the firm config, through their Slack account's email
   * (`users.info`). Without it only configured Slack ids are recognised.
   */
  readonly directory?: Pick<SlackDirectory, 'emailOf'>;
}

/** Why a message was not stored; safe to log (no text). */
export type IgnoredReason = 'unmapped-channel' | 'unknown-author' | 'not-permitted' | 'invalid-ts';

export type IngestResult =
  | { readonly status: 'stored'; readonly activityId: string; readonly userId: number }
  | { readonly status: 'duplicate'; readonly activityId: string }
  | { readonly status: 'ignored'; readonly reason: IgnoredReason };

/** The idempotency key of an Events API delivery: the same on every retry of one event. */
export function slackEventKey(eventId: string): string {
  return `slack:event:${eventId}`;
}

const SCOPE = 'slack.event';

/**
 * The Tally person who wrote a Slack message: the user whose configured Slack id it is, else (with
 * a directory) the user whose email is the Slack account's email and who has no other Slack id
 * configured. Nobody is guessed from names or text; an unknown author is null.
 */
async function authorOf(db: Db, slackUserId: string, deps: SlackIngestDeps): Promise<User | null> {
  const configured = (await listUsers(db)).find((u) => u.slackUserId === slackUserId);
  if (configured) return configured;
  if (!deps.directory) return null;
  const email = await deps.directory.emailOf(slackUserId);
  if (email === null) return null;
  const user = await findUserByEmail(db, email);
  return user && user.slackUserId === null ? user : null;
}

/**
 * Stores the Activity of one Slack message received as an Events API event, at most once per
 * event. Stored only when the message is in a channel mapped to a matter or in a direct message
 * with the bot, its author is a known, active Tally person who allows Slack capture, and this
 * event id was not seen before. Claiming the event id and storing the activity happen in one
 * transaction, so a repeated (or concurrent) delivery changes nothing.
 *
 * Lookups (and any Slack call of the directory) happen before the transaction: on PGlite the
 * transaction holds the only connection, and no network call should hold a transaction open.
 */
export async function ingestSlackMessage(db: Db, event: SlackMessageEvent, deps: SlackIngestDeps = {}): Promise<IngestResult> {
  if (slackTsToDate(event.ts) === null) return { status: 'ignored', reason: 'invalid-ts' };
  if (event.channelType !== 'im' && (await findMatterByChannel(db, event.channel)) === null) {
    return { status: 'ignored', reason: 'unmapped-channel' };
  }
  const author = await authorOf(db, event.user, deps);
  if (author === null) return { status: 'ignored', reason: 'unknown-author' };
  if (!author.active || !author.sources.includes('slack')) return { status: 'ignored', reason: 'not-permitted' };

  const activity = slackMessageToActivity({ channel: event.channel, ts: event.ts, text: event.text, threadTs: event.threadTs }, author.email);
  const stored = toStoredActivity(activity, author);
  return transaction(db, async (tx) => {
    if (!(await claimKey(tx, slackEventKey(event.eventId), SCOPE))) return { status: 'duplicate', activityId: activity.id } as const;
    await saveActivities(tx, [stored]);
    return { status: 'stored', activityId: activity.id, userId: author.id } as const;
  });
}
