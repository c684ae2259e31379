import { AppError } from '../../core/errors.js';

/** Time as the gate sees it; tests pass a virtual clock so no test really waits. */
export interface GateClock {
  /** Epoch milliseconds. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The wall clock and setTimeout. */
export const realClock: GateClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A steady rate with room for a short burst. */
export interface RateLimit {
  /** Sends per second; fractional rates allowed (0.5 = one every 2 s). */
  readonly perSecond: number;
  /** How many sends may go at once after a quiet spell (default 1: strictly spaced). */
  readonly burst?: number;
}

export interface RateGateOptions extends RateLimit {
  /** A further limit for each key given to {@link RateGate.take} (Teams: 7/s per conversation). */
  readonly perKey?: RateLimit;
  readonly clock?: GateClock;
}

interface Waiter {
  readonly key: string | undefined;
  readonly resolve: () => void;
}

/**
 * A token bucket's "theoretical arrival time" (GCRA): a send is allowed once `now` reaches
 * `tat − (burst − 1) × interval`; each send pushes `tat` one interval further.
 */
class Bucket {
  private readonly interval: number;
  private readonly slack: number;
  tat = Number.NEGATIVE_INFINITY;

  constructor(limit: RateLimit) {
    this.interval = 1000 / limit.perSecond;
    this.slack = ((limit.burst ?? 1) - 1) * this.interval;
  }

  /** Milliseconds until a send is allowed (0 when allowed now). */
  waitAt(now: number): number {
    return Math.max(0, this.tat - this.slack - now);
  }

  take(now: number): void {
    // A send let through up to 1 ms late only because sleeps are whole ms keeps its slot: no drift.
    this.tat = (now - this.tat < 1 ? this.tat : now) + this.interval;
  }

  /** After a pause: the first send at `until`, then the steady rate, with no burst at the restart. */
  emptyAt(until: number): void {
    this.tat = Math.max(this.tat, until + this.slack);
  }

  /** True when the bucket is full again, so forgetting it changes nothing. */
  idleAt(now: number): boolean {
    return this.tat <= now;
  }
}

/**
 * Paces proactive sends for one platform: a token bucket for the whole gate, optionally one per key
 * (a conversation), and a pause that a 429's Retry-After puts on every send not yet let through.
 * Waiters go in arrival order; one whose own key is still limited lets later waiters for other keys
 * pass. Nothing polls: the gate sleeps exactly until the earliest moment a waiter could go.
 * In memory and per process (each instance paces its own sends; the platform's 429 covers the rest).
 */
export class RateGate {
  private readonly clock: GateClock;
  private readonly overall: Bucket;
  private readonly perKey: RateLimit | undefined;
  private readonly keys = new Map<string, Bucket>();
  private readonly queue: Waiter[] = [];
  private pausedUntil = Number.NEGATIVE_INFINITY;
  /** When the earliest pending sleep ends; null when none is pending. */
  private wakeAt: number | null = null;

  constructor(options: RateGateOptions) {
    this.clock = options.clock ?? realClock;
    this.overall = new Bucket(checked(options, 'send'));
    this.perKey = options.perKey ? checked(options.perKey, 'per-key') : undefined;
  }

  /** Resolves when one send (for `key`, when given) may go; callers are let through in order. */
  take(key?: string): Promise<void> {
    return new Promise<void>((resolve) => {
      this.queue.push({ key, resolve });
      this.pump();
    });
  }

  /** Stops every send not yet let through until `epochMs` (a 429's Retry-After); never shortens a pause. */
  pauseUntil(epochMs: number): void {
    if (!Number.isFinite(epochMs) || epochMs <= this.pausedUntil) return;
    this.pausedUntil = epochMs;
    this.overall.emptyAt(epochMs);
  }

  /** {@link pauseUntil} `ms` from now. */
  pauseFor(ms: number): void {
    this.pauseUntil(this.clock.now() + Math.max(0, ms));
  }

  /** How many callers are waiting. */
  get waiting(): number {
    return this.queue.length;
  }

  private pump(): void {
    const now = this.clock.now();
    const wait = this.release(now);
    if (wait === null) return;
    const target = now + wait;
    if (this.wakeAt !== null && this.wakeAt <= target) return;
    this.wakeAt = target;
    void this.clock.sleep(wait).then(() => {
      if (this.wakeAt === target) this.wakeAt = null;
      this.pump();
    });
  }

  /** Lets through every waiter allowed at `now`; the whole ms until the next could go, or null when none waits. */
  private release(now: number): number | null {
    for (;;) {
      if (this.queue.length === 0) return null;
      const common = Math.max(this.pausedUntil - now, this.overall.waitAt(now));
      if (common > 0) return Math.max(1, Math.ceil(common));
      const index = this.queue.findIndex((w) => this.keyWait(w.key, now) === 0);
      if (index < 0) {
        let soonest = Number.POSITIVE_INFINITY;
        for (const w of this.queue) soonest = Math.min(soonest, this.keyWait(w.key, now));
        return Math.max(1, Math.ceil(soonest));
      }
      const [waiter] = this.queue.splice(index, 1);
      this.overall.take(now);
      if (waiter?.key !== undefined && this.perKey) this.bucketOf(waiter.key).take(now);
      this.forgetIdleKeys(now);
      waiter?.resolve();
    }
  }

  private keyWait(key: string | undefined, now: number): number {
    if (key === undefined || !this.perKey) return 0;
    return this.keys.get(key)?.waitAt(now) ?? 0;
  }

  private bucketOf(key: string): Bucket {
    let bucket = this.keys.get(key);
    if (!bucket) {
      bucket = new Bucket(this.perKey as RateLimit);
      this.keys.set(key, bucket);
    }
    return bucket;
  }

  private forgetIdleKeys(now: number): void {
    for (const [key, bucket] of this.keys) if (bucket.idleAt(now)) this.keys.delete(key);
  }
}

function checked(limit: RateLimit, name: string): RateLimit {
  const burst = limit.burst ?? 1;
  if (!(Number.isFinite(limit.perSecond) && limit.perSecond > 0)) throw new AppError('INVALID_CONFIG', `${name} rate must be a positive number per second`);
  if (!(Number.isSafeInteger(burst) && burst >= 1)) throw new AppError('INVALID_CONFIG', `${name} burst must be a whole number from 1`);
  return { perSecond: limit.perSecond, burst };
}

/**
 * Share of a platform's limit that scheduled sends use. A send paced exactly at the limit is
 * refused now and then (a request delayed on the way lands in the same one-second window as the
 * next), and every 429 costs a whole Retry-After for everyone; 3 % under the limit avoids that.
 */
export const SEND_HEADROOM = 0.97;

/** The gate for one platform's scheduled sends under `limitPerSecond` (and a per-key limit, e.g. Teams' per conversation). */
export function sendGate(limitPerSecond: number, options: { readonly perKeyPerSecond?: number; readonly clock?: GateClock } = {}): RateGate {
  return new RateGate({
    perSecond: limitPerSecond * SEND_HEADROOM,
    ...(options.perKeyPerSecond ? { perKey: { perSecond: options.perKeyPerSecond * SEND_HEADROOM } } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
}
