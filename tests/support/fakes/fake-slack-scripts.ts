/** A scripted 429 for one method of the fake Slack Web API. */
export interface RateLimit {
  /** Calls still let through before the 429s start. */
  skip: number;
  /** 429s still to answer. */
  times: number;
  /** Epoch ms: every call before it is answered 429 (`skip` and `times` ignored). */
  readonly until: number | null;
  /** The Retry-After to send; null: 1 s, or the seconds left until `until` (rounded up). */
  readonly retryAfterSeconds: number | null;
}

/** How chat.postMessage fails after it has stored the message (the send landed; the caller cannot know). */
export type AfterPostFailure = 'http500' | 'hang' | 'reset';

/** The Retry-After seconds when a call arriving at `at` is to be answered 429 (using up one), else null. */
export function retryAfterFor(limit: RateLimit, at: number): number | null {
  if (limit.until !== null) return at < limit.until ? (limit.retryAfterSeconds ?? Math.ceil((limit.until - at) / 1000)) : null;
  if (limit.skip > 0) {
    limit.skip -= 1;
    return null;
  }
  if (limit.times <= 0) return null;
  limit.times -= 1;
  return limit.retryAfterSeconds ?? 1;
}

/**
 * Slack's own pacing of one method, roughly: at most `perSecond` calls accepted in any 1 s window
 * (a sliding window, so calls bunched by the network pass while the rate holds); a call over it is
 * answered 429.
 */
export class RateWindow {
  private readonly accepted: number[] = [];

  constructor(
    private readonly perSecond: number,
    private readonly retryAfterSeconds: number | null,
  ) {}

  /** The Retry-After seconds when a call arriving at `at` is over the rate, else null (and it counts). */
  check(at: number): number | null {
    while (this.accepted.length > 0 && (this.accepted[0] ?? 0) <= at - 1000) this.accepted.shift();
    if (this.accepted.length >= this.perSecond) return this.retryAfterSeconds ?? Math.max(1, Math.ceil(((this.accepted[0] ?? at) + 1000 - at) / 1000));
    this.accepted.push(at);
    return null;
  }
}
