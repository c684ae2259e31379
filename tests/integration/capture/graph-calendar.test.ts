import { describe, expect, it } from 'vitest';
import { eventToActivity } from '../../../src/capture/sources/graph/graph-calendar.reader.js';
import { GraphCalendarReader, createGraphApi } from '../../../src/capture/sources/graph/graph-readers.js';
import { captureUser, memorySyncStore, nyDay, recordingLogger, useFakeGraph } from '../../support/fakes/fake-graph-context.js';
import type { FakeEvent } from '../../support/fakes/fake-graph-server.js';

const alice = captureUser();
const mailbox = alice.aadObjectId as string;
const day = nyDay('2026-03-02');

/** A day of Alice's calendar: four meetings that count and five that do not. */
const EVENTS: FakeEvent[] = [
  { id: 'ev-accepted', subject: 'Acme v. Beta — deposition prep', start: '2026-03-02T14:00:00Z', end: '2026-03-02T15:00:00Z', response: 'accepted', organizer: 'jdoe@acme.com', attendees: ['JDoe@Acme.com', 'alice@firm.example', 'pat@firm.example'], isOnlineMeeting: true, sensitivity: 'private', webLink: 'https://outlook.example/ev-accepted' },
  { id: 'ev-organised', subject: 'Beta strategy call', start: '2026-03-02T16:00:00Z', end: '2026-03-02T16:30:00Z', response: 'organizer', attendees: ['cfo@beta.com'] },
  { id: 'ev-own-none', subject: 'Drafting block', start: '2026-03-02T18:00:00Z', end: '2026-03-02T19:00:00Z', response: 'none', isOrganizer: true },
  { id: 'ev-late', subject: 'Evening review', start: '2026-03-03T01:00:00Z', end: '2026-03-03T02:00:00Z', response: 'accepted' },
  { id: 'ev-declined', subject: 'Declined lunch', start: '2026-03-02T17:00:00Z', end: '2026-03-02T18:00:00Z', response: 'declined' },
  { id: 'ev-cancelled', subject: 'Cancelled sync', start: '2026-03-02T15:00:00Z', end: '2026-03-02T15:30:00Z', response: 'accepted', isCancelled: true },
  { id: 'ev-allday', subject: 'Conference', start: '2026-03-02T05:00:00Z', end: '2026-03-03T05:00:00Z', response: 'accepted', isAllDay: true },
  { id: 'ev-free', subject: 'Optional webinar', start: '2026-03-02T20:00:00Z', end: '2026-03-02T21:00:00Z', response: 'accepted', showAs: 'free' },
  { id: 'ev-tentative', subject: 'Maybe', start: '2026-03-02T21:00:00Z', end: '2026-03-02T22:00:00Z', response: 'tentativelyAccepted' },
];

describe('Graph calendar reader (real SDK over HTTPS against the fake)', () => {
  const fake = useFakeGraph();

  function setUp() {
    fake.current.mailbox(mailbox).putEvent(...EVENTS);
    // Another day's meeting: outside the calendarView window.
    fake.current.mailbox(mailbox).putEvent({ id: 'ev-tomorrow', subject: 'Tomorrow', start: '2026-03-03T15:00:00Z', end: '2026-03-03T16:00:00Z' });
    const store = memorySyncStore();
    const api = createGraphApi(fake.current.graphConfig());
    return { store, reader: new GraphCalendarReader(api, store) };
  }

  it('pages calendarView/delta to its deltaLink and keeps only meetings the person organised or accepted', async () => {
    const { store, reader } = setUp();
    const activities = await reader.read(alice, day);

    expect(activities.map((a) => a.id)).toEqual(['graph:event:ev-accepted', 'graph:event:ev-organised', 'graph:event:ev-own-none', 'graph:event:ev-late']);
    expect(activities[0]).toEqual({
      id: 'graph:event:ev-accepted',
      source: 'calendar',
      user: 'alice@firm.example',
      start: new Date('2026-03-02T14:00:00Z'),
      end: new Date('2026-03-02T15:00:00Z'),
      title: 'Acme v. Beta — deposition prep',
      participants: ['jdoe@acme.com', 'pat@firm.example'],
      ref: 'https://outlook.example/ev-accepted',
      meta: { responseStatus: 'accepted', showAs: 'busy', sensitivity: 'private', isOnlineMeeting: true, organizer: 'jdoe@acme.com' },
    });
    expect(activities[2]?.meta.responseStatus).toBe('organizer');

    // 9 events in the window, 2 a page: five requests, the first with the window, then skip tokens.
    const calls = fake.current.requestsTo('calendarView/delta');
    expect(calls).toHaveLength(5);
    expect(calls[0]?.path).toBe(`/v1.0/users/${mailbox}/calendarView/delta`);
    expect(calls[0]?.query).toEqual({ startDateTime: '2026-03-02T05:00:00Z', endDateTime: '2026-03-03T05:00:00Z' });
    expect(calls.slice(1).every((c) => c.query.$skiptoken !== undefined)).toBe(true);
    expect(calls.every((c) => c.prefer?.includes('outlook.timezone="UTC"') && c.auth === 'valid')).toBe(true);

    const link = store.peek(alice.id, 'calendar:2026-03-02');
    expect(link).toMatch(new RegExp(`^${fake.current.origin}/v1\\.0/users/${mailbox}/calendarView/delta\\?\\$deltatoken=`));
  });

  it('reads the stored delta link next time: a changed event is updated, a removed one is gone', async () => {
    const { store, reader } = setUp();
    await reader.read(alice, day);
    const link = store.peek(alice.id, 'calendar:2026-03-02') as string;

    const box = fake.current.mailbox(mailbox);
    box.putEvent({ ...(EVENTS[0] as FakeEvent), subject: 'Acme v. Beta — deposition prep (moved)', start: '2026-03-02T14:30:00Z', end: '2026-03-02T15:30:00Z' });
    box.removeEvent('ev-organised');
    box.putEvent({ ...(EVENTS[4] as FakeEvent), response: 'accepted' }); // declined → accepted: now counts
    box.putEvent({ ...(EVENTS[3] as FakeEvent), response: 'declined' }); // accepted → declined: drops out
    const before = fake.current.requests.length;

    const activities = await reader.read(alice, day);

    const second = fake.current.requests.slice(before);
    expect(`${fake.current.origin}${second[0]?.url}`).toBe(link);
    expect(second.some((r) => r.query.startDateTime !== undefined)).toBe(false);
    expect(activities.map((a) => a.id)).toEqual(['graph:event:ev-accepted', 'graph:event:ev-declined', 'graph:event:ev-own-none']);
    expect(activities[0]).toMatchObject({ title: 'Acme v. Beta — deposition prep (moved)', start: new Date('2026-03-02T14:30:00Z'), end: new Date('2026-03-02T15:30:00Z') });
    expect(store.peek(alice.id, 'calendar:2026-03-02')).not.toBe(link);
  });

  it('forgets a link Graph answers 410 Gone for and reads the day again, with no duplicate ids', async () => {
    const { store, reader } = setUp();
    const logger = recordingLogger();
    const api = createGraphApi(fake.current.graphConfig());
    const logged = new GraphCalendarReader(api, store, { logger });
    const first = await reader.read(alice, day);
    const link = store.peek(alice.id, 'calendar:2026-03-02') as string;
    fake.current.expireDeltaLink(link, 'syncStateNotFound');
    fake.current.mailbox(mailbox).putEvent({ id: 'ev-new', subject: 'Added meanwhile', start: '2026-03-02T22:00:00Z', end: '2026-03-02T22:30:00Z', response: 'organizer' });
    const before = fake.current.requests.length;

    const again = await logged.read(alice, day);

    const second = fake.current.requests.slice(before);
    expect(second[0]?.status).toBe(410);
    expect(`${fake.current.origin}${second[0]?.url}`).toBe(link);
    expect(second[1]?.query).toEqual({ startDateTime: '2026-03-02T05:00:00Z', endDateTime: '2026-03-03T05:00:00Z' });
    const ids = again.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual([...first.map((a) => a.id), 'graph:event:ev-new'].sort());
    expect(store.peek(alice.id, 'calendar:2026-03-02')).not.toBe(link);
    expect(logger.lines.some((l) => l.message?.includes('no longer valid') && (l.fields as { code?: string }).code === 'syncStateNotFound')).toBe(true);
  });

  it('needs the UTC preference: without it Graph answers in a Windows zone, which the reader skips rather than guess', async () => {
    setUp();
    const api = createGraphApi(fake.current.graphConfig());
    const page = await api.get<{ value: Record<string, unknown>[] }>(`/users/${mailbox}/calendarView/delta?startDateTime=2026-03-02T05:00:00Z&endDateTime=2026-03-03T05:00:00Z`);
    const event = page.value.find((e) => e.id === 'ev-accepted') as Record<string, unknown>;
    expect(event.start).toEqual({ dateTime: '2026-03-02T06:00:00.0000000', timeZone: 'Pacific Standard Time' });
    expect(eventToActivity(event, alice)).toBeNull();
  });

  it('reads nothing for a person who did not allow calendar capture', async () => {
    const { reader } = setUp();
    expect(await reader.read({ ...alice, sources: ['email'] }, day)).toEqual([]);
    expect(fake.current.requests).toHaveLength(0);
  });

  it('reads the mailbox by email when the person has no Entra object id', async () => {
    fake.current.mailbox('bob@firm.example').putEvent({ id: 'ev-bob', subject: 'Bob meeting', start: '2026-03-02T14:00:00Z', end: '2026-03-02T15:00:00Z' });
    const reader = new GraphCalendarReader(createGraphApi(fake.current.graphConfig()), memorySyncStore());
    const activities = await reader.read(captureUser({ id: 2, email: 'bob@firm.example', aadObjectId: null }), day);
    expect(activities.map((a) => a.id)).toEqual(['graph:event:ev-bob']);
    expect(fake.current.requests[0]?.path).toBe('/v1.0/users/bob@firm.example/calendarView/delta');
  });
});
