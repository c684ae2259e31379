import type { Activity } from '../../../core/activity.js';
import type { Logger } from '../../../core/logger.js';
import type { ActivityReader, CaptureUser, CaptureWindow, SyncStore } from '../source.js';
import { silentLogger, type GraphApi } from './graph-api.js';
import { DeltaSync, type GraphItem } from './graph-delta.js';
import { readThroughHorizon } from './graph-horizon.js';
import { DEFAULT_HORIZON_DAYS, addressesOf, mailboxIdOf, parseInstant, stringOr, userPath, type GraphReaderOptions } from './graph-values.js';

/** The only message fields Tally asks for: never a body, a preview or attachments. */
export const MAIL_SELECT = 'subject,toRecipients,ccRecipients,sentDateTime';

export function mailActivityId(messageId: string): string {
  return `graph:mail:${messageId}`;
}

/** A sent message as an Activity (a single moment: end = start = sentDateTime). */
export function messageToActivity(message: GraphItem, user: CaptureUser): Activity | null {
  if (typeof message.id !== 'string' || message.id === '') return null;
  const sent = parseInstant(message.sentDateTime);
  if (sent === null) return null;
  return {
    id: mailActivityId(message.id),
    source: 'email',
    user: user.email,
    start: sent,
    end: sent,
    title: stringOr(message.subject, ''),
    participants: addressesOf([message.toRecipients, message.ccRecipients], user.email),
    ref: null,
    meta: {},
  };
}

/**
 * Sent mail from the Sent Items delta feed, subjects and recipients only (`$select`, Mail.ReadBasic
 * is enough). The link is stored under `email`, with the last {@link DEFAULT_HORIZON_DAYS} days of
 * sent messages next to it; each read returns the messages sent inside the window. A message
 * later moved out of Sent Items (filed to a matter folder) or deleted stays captured: it was sent.
 */
export class GraphMailReader implements ActivityReader {
  readonly name = 'graph-mail';
  readonly kind = 'email' as const;
  private readonly delta: DeltaSync;
  private readonly now: () => Date;
  private readonly horizonDays: number;

  constructor(
    private readonly api: GraphApi,
    store: SyncStore,
    options: GraphReaderOptions = {},
  ) {
    const logger: Logger = options.logger ?? silentLogger;
    this.delta = new DeltaSync(api, store, logger);
    this.now = options.now ?? (() => new Date());
    this.horizonDays = options.horizonDays ?? DEFAULT_HORIZON_DAYS;
  }

  async read(user: CaptureUser, window: CaptureWindow): Promise<Activity[]> {
    if (!user.sources.includes(this.kind)) return [];
    const plan = {
      user,
      mailbox: mailboxIdOf(user),
      key: 'email',
      startUrl: `${userPath(user)}/mailFolders/sentitems/messages/delta?$select=${MAIL_SELECT}`,
      headers: { Prefer: 'odata.maxpagesize=50' },
      mode: 'accumulate' as const,
      toActivity: (item: GraphItem) => messageToActivity(item, user),
    };
    return readThroughHorizon(this.api, this.delta, plan, window, this.now(), this.horizonDays);
  }
}
