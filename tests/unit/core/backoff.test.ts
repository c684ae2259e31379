import { describe, expect, it } from 'vitest';
import { backoffMs } from '../../../src/core/backoff.js';
import { expectAppError } from '../../support/expect-app-error.js';

const fixed = (r: number) => () => r;

describe('backoffMs', () => {
  it.each<[number, number, number, number, number]>([
    // attempt, base, cap, random, expected
    [1, 1000, 60_000, 0, 0],
    [1, 1000, 60_000, 0.5, 500],
    [1, 1000, 60_000, 0.999999, 1000],
    [2, 1000, 60_000, 0.999999, 2000],
    [3, 1000, 60_000, 0.5, 2000],
    [6, 1000, 60_000, 0.999999, 32_000],
    [7, 1000, 60_000, 0.999999, 60_000],
    [7, 1000, 60_000, 0.5, 30_000],
    [40, 1000, 60_000, 0.999999, 60_000],
    [10_000, 1000, 60_000, 0.25, 15_000],
    [1, 0, 60_000, 0.7, 0],
    [5, 250, 0, 0.9, 0],
    [2, 333, 10_000, 0.5, 333],
  ])('attempt %i (base %i, cap %i, random %d) waits %i ms', (attempt, baseMs, capMs, r, expected) => {
    expect(backoffMs(attempt, { baseMs, capMs, random: fixed(r) })).toBe(expected);
  });

  it('always answers a whole number of ms within [0, min(cap, base × 2^(attempt−1))]', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let attempt = 1; attempt <= 30; attempt += 1) {
      for (let i = 0; i < 50; i += 1) {
        const ms = backoffMs(attempt, { baseMs: 500, capMs: 30_000, random });
        expect(Number.isInteger(ms)).toBe(true);
        expect(ms).toBeGreaterThanOrEqual(0);
        expect(ms).toBeLessThanOrEqual(Math.min(30_000, 500 * 2 ** (attempt - 1)));
      }
    }
  });

  it('keeps a misbehaving random inside the range', () => {
    expect(backoffMs(1, { baseMs: 1000, capMs: 5000, random: fixed(1.5) })).toBe(1000);
    expect(backoffMs(1, { baseMs: 1000, capMs: 5000, random: fixed(-1) })).toBe(0);
    expect(backoffMs(1, { baseMs: 1000, capMs: 5000, random: fixed(Number.NaN) })).toBe(0);
  });

  it.each<[string, number, number, number]>([
    ['attempt 0', 0, 1000, 5000],
    ['a fractional attempt', 1.5, 1000, 5000],
    ['a negative base', 1, -1, 5000],
    ['an infinite cap', 1, 1000, Number.POSITIVE_INFINITY],
  ])('refuses %s', (_name, attempt, baseMs, capMs) => {
    expectAppError(() => backoffMs(attempt, { baseMs, capMs, random: fixed(0.5) }), 'INTERNAL', /backoff/);
  });
});
