import { describe, expect, it } from 'vitest';
import { GraphCalendarReader, GraphCallsReader, GraphMailReader, createGraphApi, graphReaders } from '../../../src/capture/sources/graph/graph-readers.js';
import { AppError, isAppError } from '../../../src/core/errors.js';
import { captureUser, memorySyncStore, nyDay, recordingLogger, useFakeGraph } from '../../support/fakes/fake-graph-context.js';

const alice = captureUser();
const mailbox = alice.aadObjectId as string;
const day = nyDay('2026-03-02');
const SUBJECTS = ['Acme v. Beta — privileged strategy', 'Beta settlement terms', 'Draft merger memo'];

/** A clock that starts now and moves only when slept on: waits are recorded, not waited. */
function recordedSleep(): { sleeps: number[]; sleep: (ms: number) => Promise<void>; now: () => number } {
  const sleeps: number[] = [];
  const start = Date.now();
  let slept = 0;
  return {
    sleeps,
    now: () => start + slept,
    sleep: async (ms) => {
      sleeps.push(ms);
      slept += ms;
    },
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('Graph reliability: retries, Retry-After, concurrency and auth', () => {
  const fake = useFakeGraph();

  function seedCalendar(id = mailbox) {
    const box = fake.current.mailbox(id);
    SUBJECTS.forEach((subject, i) => box.putEvent({ id: `ev-${i}`, subject, start: `2026-03-02T1${4 + i}:00:00Z`, end: `2026-03-02T1${4 + i}:30:00Z`, response: 'accepted' }));
  }

  it('waits Retry-After (seconds) after a 429 before sending the retry', async () => {
    seedCalendar();
    fake.current.failNext(1, { status: 429, retryAfter: '1' });
    const reader = new GraphCalendarReader(createGraphApi(fake.current.graphConfig()), memorySyncStore());
    const activities = await reader.read(alice, day);
    expect(activities).toHaveLength(3);
    const [refused, retry] = fake.current.requestsTo('calendarView/delta');
    expect(refused?.status).toBe(429);
    expect(retry?.status).toBe(200);
    expect(retry?.url).toBe(refused?.url);
    expect(retry?.at).toBeGreaterThanOrEqual((refused?.at ?? Infinity) + 1000);
  });

  it('holds every request to the throttled mailbox until Retry-After has passed, not just the refused one', async () => {
    seedCalendar();
    fake.current.failNext(1, { status: 429, retryAfter: '1' });
    fake.current.latencyMs = 50;
    const api = createGraphApi(fake.current.graphConfig(), { concurrencyPerMailbox: 1 });
    const path = `/users/${mailbox}/calendarView/delta?startDateTime=2026-03-02T05:00:00Z&endDateTime=2026-03-03T05:00:00Z`;
    await Promise.all([api.get(path), api.get(path), api.get(path)]);
    const [refused, ...rest] = fake.current.requestsTo('calendarView/delta');
    expect(refused?.status).toBe(429);
    expect(rest).toHaveLength(3);
    for (const r of rest) expect(r.at).toBeGreaterThanOrEqual((refused?.answeredAt ?? Infinity) + 1000);
  });

  it('reads Retry-After as an HTTP date too', async () => {
    seedCalendar();
    const { sleeps, sleep, now } = recordedSleep();
    const at = new Date(now() + 3000).toUTCString();
    fake.current.failNext(1, { status: 503, retryAfter: at });
    const reader = new GraphCalendarReader(createGraphApi(fake.current.graphConfig(), { sleep, now }), memorySyncStore());
    await reader.read(alice, day);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(1500);
    expect(sleeps[0]).toBeLessThanOrEqual(3000 + 300);
  });

  it('backs off exponentially with jitter and a cap when 503/504 come without Retry-After', async () => {
    seedCalendar();
    const { sleeps, sleep, now } = recordedSleep();
    fake.current.failNext(2, { status: 503 }).failNext(1, { status: 504 });
    const api = createGraphApi(fake.current.graphConfig(), { sleep, now, random: () => 0.5, retry: { baseDelayMs: 1000, maxDelayMs: 2500 } });
    const activities = await new GraphCalendarReader(api, memorySyncStore()).read(alice, day);
    expect(activities).toHaveLength(3);
    // Steps 1 s, 2 s, then 4 s capped at 2.5 s; half of each step fixed, half jittered (0.5 here).
    expect(sleeps).toEqual([750, 1500, 1875]);
    expect(fake.current.requestsTo('calendarView').map((r) => r.status)).toEqual([503, 503, 504, 200, 200]);
  });

  it('gives up after a bounded number of attempts with UNAVAILABLE naming the mailbox id only', async () => {
    seedCalendar();
    const { sleep, now } = recordedSleep();
    fake.current.failNext(100, { status: 429, retryAfter: '0' });
    const reader = new GraphCalendarReader(createGraphApi(fake.current.graphConfig(), { sleep, now }), memorySyncStore());
    const error = await rejection(reader.read(alice, day));
    expect(isAppError(error, 'UNAVAILABLE')).toBe(true);
    const message = (error as AppError).message;
    expect(message).toContain(`mailbox ${mailbox}`);
    expect(message).toContain('5 attempts');
    for (const subject of SUBJECTS) expect(message).not.toContain(subject);
    expect(message).not.toMatch(/calendarView|deltatoken|https?:/);
    expect(fake.current.requests).toHaveLength(5);
  });

  it('does not retry early when Retry-After is longer than Tally waits: it fails at once', async () => {
    seedCalendar();
    const { sleeps, sleep, now } = recordedSleep();
    fake.current.failNext(1, { status: 429, retryAfter: '3600' });
    const reader = new GraphCalendarReader(createGraphApi(fake.current.graphConfig(), { sleep, now }), memorySyncStore());
    const error = await rejection(reader.read(alice, day));
    expect(isAppError(error, 'UNAVAILABLE')).toBe(true);
    expect(sleeps).toEqual([]);
    expect(fake.current.requests).toHaveLength(1);
  });

  it('keeps at most 4 requests in flight per mailbox, while other mailboxes proceed in parallel', async () => {
    const bob = captureUser({ id: 2, email: 'bob@firm.example', aadObjectId: null });
    seedCalendar();
    seedCalendar('bob@firm.example');
    fake.current.latencyMs = 40;
    const store = memorySyncStore();
    const reader = new GraphCalendarReader(createGraphApi(fake.current.graphConfig()), store);
    const days = Array.from({ length: 10 }, (_, i) => nyDay(`2026-03-${String(i + 2).padStart(2, '0')}`));
    await Promise.all(days.flatMap((d) => [reader.read(alice, d), reader.read(bob, d)]));
    expect(fake.current.maxInFlight(mailbox)).toBe(4);
    expect(fake.current.maxInFlight('bob@firm.example')).toBe(4);
    expect(fake.current.maxInFlight()).toBeGreaterThan(4);
    expect(store.values.size).toBe(40);
  });

  it('sends a bearer token from the token endpoint on every Graph call; the fake refuses calls without it', async () => {
    seedCalendar();
    fake.current.putCallRecord({ id: 'c1', startDateTime: '2026-03-02T14:00:00Z', endDateTime: '2026-03-02T14:10:00Z', participants: [{ id: mailbox }] });
    const api = createGraphApi(fake.current.graphConfig());
    const store = memorySyncStore();
    for (const reader of graphReaders(api, store)) await reader.read(alice, day);

    expect(fake.current.requests.length).toBeGreaterThan(4);
    expect(fake.current.requests.every((r) => r.auth === 'valid' && r.status === 200)).toBe(true);
    expect(fake.current.tokenRequests).toEqual([expect.objectContaining({ clientId: fake.current.clientId, scope: 'https://graph.microsoft.com/.default', granted: true })]);

    const path = `/v1.0/users/${mailbox}/calendarView/delta?startDateTime=2026-03-02T05:00:00Z&endDateTime=2026-03-03T05:00:00Z`;
    const bare = await fetch(`${fake.current.origin}${path}`);
    expect(bare.status).toBe(401);
    const forged = await fetch(`${fake.current.origin}${path}`, { headers: { Authorization: 'Bearer not-a-token-it-issued' } });
    expect(forged.status).toBe(401);
  });

  it('fails with UNAVAILABLE (sign-in) when the client secret is wrong, and sends nothing to Graph', async () => {
    seedCalendar();
    const api = createGraphApi(fake.current.graphConfig({ clientSecret: 'wrong' }));
    const error = await rejection(new GraphCalendarReader(api, memorySyncStore()).read(alice, day));
    expect(isAppError(error, 'UNAVAILABLE')).toBe(true);
    expect((error as AppError).message).toMatch(/sign in/);
    expect((error as AppError).message).not.toContain('wrong');
    expect(fake.current.tokenRequests.every((t) => !t.granted)).toBe(true);
    expect(fake.current.requests).toHaveLength(0);
  });

  it('refuses an http Graph base URL (the SDK would never attach the token) and links to other hosts', async () => {
    expect(() => createGraphApi(fake.current.graphConfig({ baseUrl: fake.current.origin.replace('https:', 'http:') }))).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
    const api = createGraphApi(fake.current.graphConfig());
    const error = await rejection(api.get('https://elsewhere.example/v1.0/users/x/messages'));
    expect(error).toBeInstanceOf(AppError);
    expect(fake.current.requests).toHaveLength(0);
  });

  it('never logs subjects or titles, through throttling, resync and a refused permission', async () => {
    seedCalendar();
    fake.current.mailbox(mailbox).putSentMessage({ id: 'm1', subject: SUBJECTS[1] as string, sentDateTime: '2026-03-02T15:00:00Z', to: ['x@acme.com'] });
    const logger = recordingLogger();
    const { sleep, now } = recordedSleep();
    const api = createGraphApi(fake.current.graphConfig(), { logger, sleep, now });
    const store = memorySyncStore();
    const options = { logger, now: () => new Date('2026-03-03T12:00:00Z') };
    const calendar = new GraphCalendarReader(api, store, options);
    const mail = new GraphMailReader(api, store, options);
    const calls = new GraphCallsReader(api, store, options);
    fake.current.failNext(2, { status: 429, retryAfter: '1' });
    await calendar.read(alice, day);
    await mail.read(alice, day);
    fake.current.expireDeltaLinks();
    await calendar.read(alice, day);
    fake.current.denyCallRecords();
    await calls.read(alice, day);

    expect(logger.lines.some((l) => l.level === 'warn' && l.message?.includes('throttled'))).toBe(true);
    expect(logger.lines.some((l) => l.message?.includes('no longer valid'))).toBe(true);
    const text = JSON.stringify(logger.lines);
    for (const subject of SUBJECTS) expect(text).not.toContain(subject);
    expect(text).not.toMatch(/deltatoken|skiptoken/);
  });
});
