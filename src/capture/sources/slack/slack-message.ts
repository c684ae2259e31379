import type { Activity } from '../../../core/activity.js';

/**
 * Slack messages as Tally reads them, from an Events API `message` event or from
 * `conversations.history`, and their conversion to an Activity. Pure: no I/O.
 *
 * What counts as work evidence (decided here, once, for both paths):
 * - a plain message (no subtype), a `thread_broadcast` (a reply also sent to the channel) and a
 *   `file_share` (a file posted with or without a comment) are captured;
 * - every other subtype is skipped: `message_changed` and `message_deleted` (an edit or a
 *   deletion is not a new moment of work, and the stored activity of the original message stays
 *   as evidence that the work happened; catch-up re-reads the current text of an edited message),
 *   joins/leaves/topic changes, `bot_message`, `me_message`, and whatever Slack adds later;
 * - anything posted by a bot or app (`bot_id` set) or without a human author is skipped.
 */

/** The fields of a Slack message Tally reads; everything else Slack sends is ignored. */
export interface SlackMessage {
  readonly type?: string;
  readonly subtype?: string;
  readonly user?: string;
  readonly bot_id?: string;
  readonly text?: string;
  readonly ts: string;
  readonly thread_ts?: string;
}

/** A human message from the Events API, normalised for the ingest service. */
export interface SlackMessageEvent {
  /** The envelope's `event_id`: one per event, repeated on every retried delivery. */
  readonly eventId: string;
  readonly channel: string;
  /** The author's Slack user id. */
  readonly user: string;
  readonly ts: string;
  /** Untrusted text, as posted. */
  readonly text: string;
  /** The parent's ts when the message is a reply in a thread. */
  readonly threadTs?: string | null;
  /** `channel`, `group`, `im` or `mpim`. */
  readonly channelType: string;
}

/** Subtypes that are a person's own message; the rest are system notices, edits or deletions. */
const CAPTURED_SUBTYPES: ReadonlySet<string> = new Set(['thread_broadcast', 'file_share']);

/** Longest title kept from a message (characters, not bytes). */
export const SLACK_TITLE_MAX = 500;

const TS = /^(\d{1,12})\.(\d{1,6})$/;

/** The instant of a Slack ts ("1712345678.123456"), to the millisecond; null when it is not one. */
export function slackTsToDate(ts: string): Date | null {
  const match = TS.exec(ts);
  if (match === null) return null;
  const seconds = Number(match[1]);
  const millis = Number((match[2] ?? '').padEnd(6, '0').slice(0, 3));
  return new Date(seconds * 1000 + millis);
}

/** A Slack ts for an instant, for `oldest`/`latest` in history calls ("1712345678.123000"). */
export function dateToSlackTs(instant: Date): string {
  const ms = instant.getTime();
  return `${String(Math.floor(ms / 1000))}.${String(ms % 1000).padStart(3, '0')}000`;
}

/** The stable activity id of a message: the same from an event and from history. */
export function slackActivityId(channel: string, ts: string): string {
  return `slack:${channel}:${ts}`;
}

/** True for a message a person wrote (see the rules at the top of this file). */
export function isCapturableMessage(message: SlackMessage): boolean {
  if (message.subtype !== undefined && !CAPTURED_SUBTYPES.has(message.subtype)) return false;
  if (message.bot_id !== undefined && message.bot_id !== '') return false;
  if (typeof message.user !== 'string' || message.user === '') return false;
  return slackTsToDate(message.ts) !== null;
}

/** The message text as a title: surrounding whitespace removed, at most 500 characters. */
export function slackTitle(text: string | undefined): string {
  const chars = Array.from((text ?? '').trim());
  return chars.length <= SLACK_TITLE_MAX ? chars.join('') : chars.slice(0, SLACK_TITLE_MAX).join('').trimEnd();
}

/**
 * The Activity of a message owned by `ownerEmail`. A message is one moment: start = end = its ts.
 * `meta.thread` is set only for a reply (thread_ts differs from ts), so a thread's parent looks the
 * same whether it is read before or after someone replied. The event id is deliberately not in
 * meta: the activity (and its content hash) must be identical from an event and from history,
 * and the idempotency row already records the event id.
 */
export function slackMessageToActivity(
  message: { readonly channel: string; readonly ts: string; readonly text?: string | undefined; readonly threadTs?: string | null | undefined },
  ownerEmail: string,
): Activity {
  const at = slackTsToDate(message.ts);
  if (at === null) throw new TypeError(`not a Slack ts: ${JSON.stringify(message.ts)}`);
  const thread = message.threadTs && message.threadTs !== message.ts ? message.threadTs : null;
  return {
    id: slackActivityId(message.channel, message.ts),
    source: 'slack',
    user: ownerEmail,
    start: at,
    end: at,
    title: slackTitle(message.text),
    participants: [],
    ref: null,
    meta: thread === null ? { channel: message.channel } : { channel: message.channel, thread },
  };
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The message of an Events API `message` event, or null when it is not one a person wrote
 * (edits, deletions, bots, notices) or lacks what Tally needs. The event is untrusted input:
 * every field is checked, nothing is assumed from its shape.
 */
export function slackMessageEventFrom(eventId: unknown, event: unknown): SlackMessageEvent | null {
  if (typeof eventId !== 'string' || eventId === '' || typeof event !== 'object' || event === null) return null;
  const e = event as Record<string, unknown>;
  if (e.type !== 'message') return null;
  const channel = stringField(e, 'channel');
  const ts = stringField(e, 'ts');
  if (!channel || ts === undefined) return null;
  const message: SlackMessage = {
    ts,
    ...(stringField(e, 'subtype') !== undefined ? { subtype: stringField(e, 'subtype') } : {}),
    ...(stringField(e, 'user') !== undefined ? { user: stringField(e, 'user') } : {}),
    ...(e.bot_id !== undefined && e.bot_id !== null ? { bot_id: String(e.bot_id) } : {}),
  };
  if (!isCapturableMessage(message) || message.user === undefined) return null;
  const threadTs = stringField(e, 'thread_ts');
  return {
    eventId,
    channel,
    user: message.user,
    ts,
    text: stringField(e, 'text') ?? '',
    threadTs: threadTs ?? null,
    channelType: stringField(e, 'channel_type') ?? '',
  };
}
