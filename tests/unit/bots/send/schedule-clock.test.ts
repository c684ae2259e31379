import { describe, expect, it } from 'vitest';
import { scheduleClock } from '../../../../src/bots/send/schedule-wiring.js';
import { SEND_HEADROOM, sendGate } from '../../../../src/bots/send/rate-gate.js';
import { loadConfig } from '../../../../src/config.js';
import { VirtualClock } from '../../../support/virtual-clock.js';

describe('scheduleClock', () => {
  it('is the real clock unless a test clock is configured', () => {
    const real = () => new Date('2026-11-29T12:00:00Z');
    expect(scheduleClock(loadConfig({}), real)()).toEqual(new Date('2026-11-29T12:00:00Z'));
  });

  it('starts at TALLY_TEST_CLOCK and runs TALLY_TEST_CLOCK_SPEED times as fast as the real one', () => {
    let realMs = Date.parse('2026-11-29T12:00:00Z');
    const now = scheduleClock(loadConfig({ TALLY_TEST_CLOCK: '2026-03-06T22:00:00Z', TALLY_TEST_CLOCK_SPEED: '600', VITEST: 'true' }), () => new Date(realMs));
    expect(now().toISOString()).toBe('2026-03-06T22:00:00.000Z');
    realMs += 3_000;
    expect(now().toISOString()).toBe('2026-03-06T22:30:00.000Z');
  });
});

describe('sendGate', () => {
  it('paces 3 % under the platform’s limit: 100 sends at a limit of 100/s take just over a second', async () => {
    const clock = new VirtualClock(0);
    const gate = sendGate(100, { clock });
    const released: number[] = [];
    const all = Promise.all(Array.from({ length: 100 }, () => gate.take().then(() => released.push(clock.now()))));
    await clock.runAll();
    await all;
    expect(SEND_HEADROOM).toBe(0.97);
    expect(released.at(-1)).toBe(Math.ceil((99 * 1000) / (100 * SEND_HEADROOM)));
  });
});
