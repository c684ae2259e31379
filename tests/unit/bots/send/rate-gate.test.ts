import { describe, expect, it } from 'vitest';
import { RateGate, type RateGateOptions } from '../../../../src/bots/send/rate-gate.js';
import { VirtualClock } from '../../../support/virtual-clock.js';

/** Starts one take per key (undefined: no key) at once and answers when each was let through. */
async function grantTimes(gate: RateGate, clock: VirtualClock, keys: readonly (string | undefined)[]): Promise<number[]> {
  const times: number[] = [];
  const takes = keys.map((key, i) => gate.take(key).then(() => (times[i] = clock.now())));
  await clock.runAll();
  await Promise.all(takes);
  return times;
}

function gateOf(options: Omit<RateGateOptions, 'clock'>, start = 0): { gate: RateGate; clock: VirtualClock } {
  const clock = new VirtualClock(start);
  return { gate: new RateGate({ ...options, clock }), clock };
}

describe('RateGate spacing', () => {
  it.each<[number, number[]]>([
    [1, [0, 1000, 2000, 3000]],
    [0.5, [0, 2000, 4000, 6000]],
    [100, [0, 10, 20, 30]],
    [30, [0, 34, 67, 100]],
  ])('at %d/s lets sends through at %j', async (perSecond, expected) => {
    const { gate, clock } = gateOf({ perSecond });
    expect(await grantTimes(gate, clock, [undefined, undefined, undefined, undefined])).toEqual(expected);
  });

  it('lets callers through in the order they asked', async () => {
    const { gate, clock } = gateOf({ perSecond: 2 });
    const order: number[] = [];
    const takes = [0, 1, 2, 3, 4].map((i) => gate.take().then(() => order.push(i)));
    expect(gate.waiting).toBe(4);
    await clock.runAll();
    await Promise.all(takes);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('sleeps once per send it holds back, never polling', async () => {
    const { gate, clock } = gateOf({ perSecond: 1 });
    await grantTimes(gate, clock, Array.from({ length: 10 }, () => undefined));
    expect(clock.sleeps.length).toBeLessThanOrEqual(9);
    expect(clock.sleeps.every((ms) => Number.isInteger(ms) && ms >= 1)).toBe(true);
  });

  it('lets a send through at once after a quiet spell, and spaces the next', async () => {
    const { gate, clock } = gateOf({ perSecond: 1 }, 1_000_000);
    await gate.take();
    await clock.advance(5000);
    const times = await grantTimes(gate, clock, [undefined, undefined]);
    expect(times).toEqual([1_005_000, 1_006_000]);
  });
});

describe('RateGate burst', () => {
  it('lets `burst` sends through together, then the steady rate', async () => {
    const { gate, clock } = gateOf({ perSecond: 1, burst: 3 });
    expect(await grantTimes(gate, clock, [undefined, undefined, undefined, undefined, undefined])).toEqual([0, 0, 0, 1000, 2000]);
  });

  it('refills the burst while idle, up to its size', async () => {
    const { gate, clock } = gateOf({ perSecond: 1, burst: 3 });
    await grantTimes(gate, clock, [undefined, undefined, undefined]);
    await clock.advance(2000);
    expect(await grantTimes(gate, clock, [undefined, undefined, undefined])).toEqual([2000, 2000, 3000]);
    await clock.advance(60_000);
    expect(await grantTimes(gate, clock, [undefined, undefined, undefined, undefined])).toEqual([63_000, 63_000, 63_000, 64_000]);
  });
});

describe('RateGate pause (Retry-After)', () => {
  it('holds every send not yet through until the pause ends, then resumes at the steady rate', async () => {
    const { gate, clock } = gateOf({ perSecond: 1 });
    const times: number[] = [];
    const takes = [0, 1, 2, 3].map((i) =>
      gate.take().then(() => {
        times[i] = clock.now();
        if (i === 1) gate.pauseFor(5000);
      }),
    );
    await clock.runAll();
    await Promise.all(takes);
    expect(times).toEqual([0, 1000, 6000, 7000]);
  });

  it('restarts after a pause at the steady rate, without a burst', async () => {
    const { gate, clock } = gateOf({ perSecond: 1, burst: 5 });
    gate.pauseFor(5000);
    expect(await grantTimes(gate, clock, [undefined, undefined, undefined])).toEqual([5000, 6000, 7000]);
  });

  it('delays a take that arrives during the pause; a shorter pause never shortens it', async () => {
    const { gate, clock } = gateOf({ perSecond: 10 }, 10_000);
    gate.pauseUntil(40_000);
    gate.pauseFor(1000);
    expect(await grantTimes(gate, clock, [undefined, undefined])).toEqual([40_000, 40_100]);
  });

  it('extends a pause already running', async () => {
    const { gate, clock } = gateOf({ perSecond: 1 });
    const first = gate.take();
    await first;
    gate.pauseFor(3000);
    const second = gate.take().then(() => clock.now());
    await clock.advance(2000);
    gate.pauseFor(4000);
    await clock.runAll();
    expect(await second).toBe(6000);
  });
});

describe('RateGate per key', () => {
  it('spaces sends to one key at the per-key rate inside the overall rate', async () => {
    const { gate, clock } = gateOf({ perSecond: 30, burst: 30, perKey: { perSecond: 7 } });
    expect(await grantTimes(gate, clock, ['c1', 'c1', 'c1', 'c1'])).toEqual([0, 143, 286, 429]);
  });

  it('lets a later send to another key pass one held back only by its own key', async () => {
    const { gate, clock } = gateOf({ perSecond: 30, perKey: { perSecond: 7 } });
    const times = await grantTimes(gate, clock, ['c1', 'c1', 'c2', 'c3', undefined]);
    expect(times).toEqual([0, 143, 34, 67, 100]);
  });

  it('keeps the overall rate across keys', async () => {
    const { gate, clock } = gateOf({ perSecond: 2, perKey: { perSecond: 7 } });
    expect(await grantTimes(gate, clock, ['a', 'b', 'c', 'd'])).toEqual([0, 500, 1000, 1500]);
  });

  it('honours a per-key burst', async () => {
    const { gate, clock } = gateOf({ perSecond: 100, burst: 100, perKey: { perSecond: 1, burst: 2 } });
    expect(await grantTimes(gate, clock, ['a', 'a', 'a'])).toEqual([0, 0, 1000]);
  });
});

describe('RateGate configuration', () => {
  it.each<[string, Omit<RateGateOptions, 'clock'>]>([
    ['a zero rate', { perSecond: 0 }],
    ['a negative rate', { perSecond: -1 }],
    ['an infinite rate', { perSecond: Number.POSITIVE_INFINITY }],
    ['a fractional burst', { perSecond: 1, burst: 1.5 }],
    ['a zero burst', { perSecond: 1, burst: 0 }],
    ['a zero per-key rate', { perSecond: 1, perKey: { perSecond: 0 } }],
  ])('refuses %s', (_name, options) => {
    expect(() => new RateGate(options)).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }) as Error);
  });
});
