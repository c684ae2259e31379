import type { Activity } from '../../../core/activity.js';
import type { ActivityReader, CaptureUser, CaptureWindow } from '../source.js';
import type { SlackDirectory } from './slack-directory.js';
import { dateToSlackTs, isCapturableMessage, slackMessageToActivity, slackTsToDate } from './slack-message.js';
import type { SlackReadApi } from './slack-read-api.js';

export interface SlackHistoryReaderOptions {
  readonly api: Pick<SlackReadApi, 'history'>;
  readonly directory: SlackDirectory;
  /** The channel ids mapped to matters: the only channels read (DMs with the bot are not). */
  readonly channels: readonly string[];
}

/**
 * The Slack catch-up: events can be lost, so a capture run re-reads the person's day from
 * `conversations.history` in every channel mapped to a matter and keeps the messages they wrote.
 * Same ids as the Events API path (`slack:<channel>:<ts>`), so nothing is stored twice.
 *
 * Rate limits: history is Tier 3 for an internal app (50+/min per workspace). Calls are made one
 * at a time (channel after channel, page after page), and a 429 is left to the WebClient, which
 * waits `Retry-After` and retries. A person with no Slack account reads as an empty day.
 */
export class SlackHistoryReader implements ActivityReader {
  readonly name = 'slack-history';
  readonly kind = 'slack' as const;
  private readonly channels: readonly string[];

  constructor(private readonly options: SlackHistoryReaderOptions) {
    this.channels = [...new Set(options.channels)];
  }

  async read(user: CaptureUser, window: CaptureWindow): Promise<Activity[]> {
    if (!user.sources.includes('slack') || this.channels.length === 0) return [];
    const slackId = await this.options.directory.slackIdOf(user);
    if (slackId === null) return [];
    const oldest = dateToSlackTs(window.start);
    const latest = dateToSlackTs(window.end);
    const found = new Map<string, Activity>();
    for (const channel of this.channels) {
      let cursor: string | null = null;
      do {
        const page = await this.options.api.history(channel, oldest, latest, cursor);
        for (const message of page.messages) {
          if (message.user !== slackId || !isCapturableMessage(message)) continue;
          const at = slackTsToDate(message.ts);
          // The window is [start, end): a message at exactly `end` belongs to the next day.
          if (at === null || at < window.start || at >= window.end) continue;
          const activity = slackMessageToActivity({ channel, ts: message.ts, text: message.text, threadTs: message.thread_ts }, user.email);
          found.set(activity.id, activity);
        }
        // A cursor that does not move would loop forever: stop instead.
        cursor = page.nextCursor !== null && page.nextCursor !== cursor ? page.nextCursor : null;
      } while (cursor !== null);
    }
    return [...found.values()].sort((a, b) => a.start.getTime() - b.start.getTime() || a.id.localeCompare(b.id));
  }
}
