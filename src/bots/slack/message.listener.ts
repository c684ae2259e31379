import type { App } from '@slack/bolt';
import { slackMessageEventFrom } from '../../capture/sources/slack/slack-message.js';
import { ingestSlackMessage, type SlackIngestDeps } from '../../capture/slack-ingest.service.js';
import { errorFields, type Logger } from '../../core/logger.js';
import type { Db } from '../../db/connection.js';
import type { BackgroundWork } from './background-work.js';

export interface MessageListenerDeps extends SlackIngestDeps {
  readonly db: Db;
  readonly logger: Logger;
  readonly background: BackgroundWork;
}

/**
 * `message` events → {@link ingestSlackMessage}. Bolt acknowledges an Events API request before it
 * calls listeners (with processBeforeResponse false, the 200 is already sent), so this runs after
 * the ack; the work is tracked so shutdown can wait for it. Logs carry ids only.
 */
export function registerMessageListener(bolt: App, deps: MessageListenerDeps): void {
  bolt.event('message', async ({ event, body }) => {
    const message = slackMessageEventFrom(body.event_id, event);
    if (message === null) return;
    const ids = { eventId: message.eventId, channel: message.channel, ts: message.ts };
    await deps.background.run(async () => {
      try {
        const result = await ingestSlackMessage(deps.db, message, deps);
        deps.logger.debug({ ...ids, status: result.status, ...(result.status === 'ignored' ? { reason: result.reason } : {}) }, 'slack message');
      } catch (error) {
        deps.logger.error({ ...ids, ...errorFields(error) }, 'slack message not stored');
      }
    });
  });
}
