import { AppError } from '../../core/errors.js';
import type { SlackWebApi } from './slack-web-api.js';

/**
 * Each person's 1:1 DM channel with the bot, learned once through `conversations.open` (Tier 3)
 * and kept in memory: it never changes for a user and bot, and any instance can learn it again,
 * so nothing needs storing. Only a channel Slack calls an IM (`is_im`, id D…) is ever returned:
 * this is what keeps a narrative out of channels and group DMs.
 */
export class DmChannels {
  private readonly inFlight = new Map<string, Promise<string>>();

  /** `known` may be shared between the lanes' instances: a DM learned by one serves the other. */
  constructor(
    private readonly api: Pick<SlackWebApi, 'openDm'>,
    private readonly known: Map<string, string> = new Map(),
  ) {}

  /** The DM channel id with this Slack user; throws AppError('UNAVAILABLE') when it is not a 1:1 IM. */
  async channelOf(slackUserId: string): Promise<string> {
    const hit = this.known.get(slackUserId);
    if (hit) return hit;
    const pending = this.inFlight.get(slackUserId);
    if (pending) return pending;
    const call = this.open(slackUserId).finally(() => this.inFlight.delete(slackUserId));
    this.inFlight.set(slackUserId, call);
    return call;
  }

  /** True when `channel` is the DM with this Slack user (learning it when not yet known). */
  async isDmOf(slackUserId: string, channel: string): Promise<boolean> {
    return (await this.channelOf(slackUserId)) === channel;
  }

  private async open(slackUserId: string): Promise<string> {
    const dm = await this.api.openDm(slackUserId);
    if (!isImChannel(dm)) throw new AppError('UNAVAILABLE', 'Slack did not open a direct message with that person');
    this.known.set(slackUserId, dm.id);
    return dm.id;
  }
}

/** Whether `conversations.open` answered with a 1:1 IM: Slack's `is_im`, and an IM id (D…). */
export function isImChannel(dm: { readonly id: string; readonly isIm: boolean }): boolean {
  return dm.isIm && /^D[A-Z0-9]+$/.test(dm.id);
}
