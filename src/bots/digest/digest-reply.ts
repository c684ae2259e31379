import { buildDigest } from '../../billing/digest.service.js';
import type { User } from '../../core/firm.js';
import type { Db } from '../../db/connection.js';
import type { Reply } from '../views/reply.js';
import { buildDigestView } from './digest.view-builder.js';

/**
 * The manager's weekly digest card, as the notifier sends it: the figures of their direct reports
 * as of `asOf` (default: today in the manager's timezone) worded for Slack and Teams alike.
 * Throws FORBIDDEN when `manager` lacks the manager role or is inactive.
 */
export async function digestReply(db: Db, manager: User, asOf: string | undefined, now: () => Date): Promise<Reply> {
  const figures = await buildDigest(db, { managerId: manager.id, asOf, now });
  return buildDigestView(figures);
}
