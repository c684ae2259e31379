import { afterAll, beforeAll, beforeEach } from 'vitest';
import { FakeSlackApi, type FakeSlackApiOptions } from './fake-slack-api.js';

/**
 * Registers hooks that start one fake Slack Web API for the enclosing describe block and forget
 * its recorded calls, limits and failures before each test. Read `.current` inside tests.
 * (Kept apart from fake-slack-api.ts, which the benchmarks load outside vitest.)
 */
export function useFakeSlack(options: FakeSlackApiOptions = {}): { readonly current: FakeSlackApi } {
  const holder: { current: FakeSlackApi } = { current: undefined as unknown as FakeSlackApi };
  beforeAll(async () => {
    holder.current = await FakeSlackApi.start(options);
  });
  beforeEach(() => {
    holder.current.resetCalls();
  });
  afterAll(async () => {
    await holder.current?.close();
  });
  return holder;
}
