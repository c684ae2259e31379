import type { RespondFn } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';
import type { Db } from '../../db/connection.js';
import { failureText } from '../chat/user-text.js';
import type { ChatContext } from '../views/actions.js';
import type { ChatCore } from '../views/chat-core.js';
import type { BackgroundWork } from './background-work.js';
import { errorFields } from '../../core/logger.js';
import type { Origin, ReplyPlacement, Respond } from './reply-placement.js';
import type { SlackWebApi } from './slack-web-api.js';

/** What the slash-command, button and modal listeners share. */
export interface InteractiveDeps {
  readonly db: Db;
  readonly core: ChatCore;
  readonly logger: Logger;
  readonly background: BackgroundWork;
  /** The interactive lane: views.open / views.update after a click. */
  readonly api: SlackWebApi;
  readonly placement: ReplyPlacement;
  /** The clock in ms. */
  readonly now: () => number;
}

/** The core's view of a verified Slack delivery. */
export function slackContext(deps: Pick<InteractiveDeps, 'now'>, platformUserId: string, deliveryKey: string): ChatContext {
  return { platform: 'slack', platformUserId, deliveryKey, now: new Date(deps.now()) };
}

/** Bolt's `respond`, narrowed to what Tally ever sends through a response_url (ephemeral only). */
export function ephemeralRespond(respond: RespondFn | undefined): Respond | undefined {
  return respond ? (answer) => respond({ ...answer }) : undefined;
}

/**
 * Tells the actor, ephemerally, that their delivery failed (plain words from {@link failureText},
 * never a stack trace) and logs ids only. Never throws.
 */
export async function answerFailure(deps: Pick<InteractiveDeps, 'logger'>, origin: Origin, error: unknown, ids: Record<string, string>): Promise<void> {
  const failure = failureText(error);
  (failure.internal ? deps.logger.error : deps.logger.warn)({ ...ids, ...errorFields(error) }, 'slack interaction failed');
  try {
    await origin.respond?.({ response_type: 'ephemeral', replace_original: false, text: failure.text });
  } catch (again) {
    deps.logger.error({ ...ids, ...errorFields(again) }, 'slack interaction failure not delivered');
  }
}
