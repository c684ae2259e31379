import type { SlackReadApi } from './slack-read-api.js';

export interface SlackDirectoryOptions {
  /** How long a "no such Slack user" answer is believed before asking again (default 24 h). */
  readonly notFoundTtlMs?: number;
  /** The clock, in ms (tests). */
  readonly now?: () => number;
}

interface Entry {
  readonly value: string | null;
  readonly at: number;
}

const DAY_MS = 86_400_000;

/**
 * Maps Tally people to Slack accounts and back, for people whose Slack user id is not in the firm
 * config. An id configured in the firm file always wins and costs no call. Otherwise Slack is
 * asked once by email (`users.lookupByEmail`, Tier 3) or by id (`users.info`, Tier 4) and the
 * answer is kept; "not found" is kept too (for `notFoundTtlMs`), so an unknown address is not
 * looked up on every read. Failures other than "not found" are not kept: the next call asks again.
 * The cache is per process and only a cache: the firm config stays the source of truth.
 */
export class SlackDirectory {
  private readonly byEmail = new Map<string, Entry>();
  private readonly byId = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<string | null>>();
  private readonly notFoundTtlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly api: Pick<SlackReadApi, 'lookupByEmail' | 'userInfo'>,
    options: SlackDirectoryOptions = {},
  ) {
    this.notFoundTtlMs = options.notFoundTtlMs ?? DAY_MS;
    this.now = options.now ?? Date.now;
  }

  /** The person's Slack user id: the configured one, else learned from their email; null when Slack has none. */
  async slackIdOf(user: { readonly email: string; readonly slackUserId: string | null }): Promise<string | null> {
    if (user.slackUserId) return user.slackUserId;
    const email = user.email.trim().toLowerCase();
    return this.cached(this.byEmail, `email:${email}`, email, async () => {
      const profile = await this.api.lookupByEmail(email);
      return profile && !profile.deleted && !profile.isBot ? profile.id : null;
    });
  }

  /** The email of a Slack account (lower-cased); null for bots, deleted accounts and unknown ids. */
  async emailOf(slackUserId: string): Promise<string | null> {
    return this.cached(this.byId, `id:${slackUserId}`, slackUserId, async () => {
      const profile = await this.api.userInfo(slackUserId);
      return profile && !profile.deleted && !profile.isBot && profile.email ? profile.email.trim().toLowerCase() : null;
    });
  }

  private async cached(map: Map<string, Entry>, flightKey: string, key: string, ask: () => Promise<string | null>): Promise<string | null> {
    const hit = map.get(key);
    if (hit && (hit.value !== null || this.now() - hit.at < this.notFoundTtlMs)) return hit.value;
    // Concurrent reads of the same person share one call.
    const pending = this.inFlight.get(flightKey);
    if (pending) return pending;
    const call = ask()
      .then((value) => {
        map.set(key, { value, at: this.now() });
        return value;
      })
      .finally(() => this.inFlight.delete(flightKey));
    this.inFlight.set(flightKey, call);
    return call;
  }
}
