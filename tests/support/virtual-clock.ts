import type { GateClock } from '../../src/bots/send/rate-gate.js';

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly resolve: () => void;
}

/** Lets every promise callback that is ready run (one macrotask turn). */
export async function settle(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * A clock whose time moves only when the test says so: `sleep` registers a timer, and
 * {@link VirtualClock.advance} / {@link VirtualClock.runAll} fire timers in time order, letting
 * promise callbacks run between them. Nothing really waits.
 */
export class VirtualClock implements GateClock {
  /** Every sleep asked for, in ms, in order (to see that nothing polls). */
  readonly sleeps: number[] = [];
  private timers: Timer[] = [];
  private seq = 0;

  constructor(private time = 0) {}

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    return new Promise<void>((resolve) => this.timers.push({ at: this.time + Math.max(0, ms), seq: (this.seq += 1), resolve }));
  }

  /** Timers not yet fired. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing the timers due on the way. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    await settle();
    for (let next = this.earliest(); next && next.at <= end; next = this.earliest()) await this.fire(next);
    this.time = end;
    await settle();
  }

  /** Fires timers in time order until none is left. */
  async runAll(limit = 100_000): Promise<void> {
    await settle();
    for (let i = 0; i < limit; i += 1) {
      const next = this.earliest();
      if (!next) return;
      await this.fire(next);
    }
    throw new Error(`still ${String(this.timers.length)} timers after ${String(limit)}`);
  }

  private earliest(): Timer | undefined {
    return this.timers.reduce<Timer | undefined>((best, t) => (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq) ? t : best), undefined);
  }

  private async fire(timer: Timer): Promise<void> {
    this.timers = this.timers.filter((t) => t !== timer);
    this.time = Math.max(this.time, timer.at);
    timer.resolve();
    await settle();
  }
}
