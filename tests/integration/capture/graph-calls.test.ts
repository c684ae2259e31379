import { describe, expect, it } from 'vitest';
import { GraphCallsReader, createGraphApi } from '../../../src/capture/sources/graph/graph-readers.js';
import { captureUser, memorySyncStore, nyDay, recordingLogger, useFakeGraph } from '../../support/fakes/fake-graph-context.js';
import type { FakeCallRecord } from '../../support/fakes/fake-graph-server.js';

const alice = captureUser();
const oid = alice.aadObjectId as string;
const PAT = '0a11ce00-0000-4000-8000-00000000002a';
const day = nyDay('2026-03-02');

function call(id: string, start: string, participants: FakeCallRecord['participants'], extra: Partial<FakeCallRecord> = {}): FakeCallRecord {
  return { id, startDateTime: start, endDateTime: new Date(Date.parse(start) + 30 * 60_000).toISOString(), participants, ...extra };
}

describe('Graph calls reader (call records)', () => {
  const fake = useFakeGraph();

  it('lists the person’s call records for the window and reads their participants through $batch', async () => {
    fake.current.putCallRecord(
      call('c1', '2026-03-02T14:00:00Z', [{ id: oid, userPrincipalName: 'alice@firm.example' }, { id: 'ext-1', userPrincipalName: 'JDoe@Acme.com' }, { id: '+15551234', kind: 'phone' }, { id: 'bot-1', kind: 'application' }], { type: 'groupCall', modalities: ['audio', 'video'], organizerId: oid, joinWebUrl: 'https://teams.example/join/c1' }),
      call('c2', '2026-03-02T18:00:00Z', [{ id: oid }, { id: PAT }], { type: 'peerToPeer' }),
      call('c3', '2026-03-03T14:00:00Z', [{ id: oid }, { id: PAT }]),
      call('c4', '2026-03-02T15:00:00Z', [{ id: PAT }, { id: 'ext-1' }]),
    );
    const reader = new GraphCallsReader(createGraphApi(fake.current.graphConfig()), memorySyncStore());
    const activities = await reader.read(alice, day);

    expect(activities).toEqual([
      { id: 'graph:call:c1', source: 'call', user: 'alice@firm.example', start: new Date('2026-03-02T14:00:00Z'), end: new Date('2026-03-02T14:30:00Z'), title: 'Teams meeting', participants: ['jdoe@acme.com', 'tel:+15551234'], ref: 'https://teams.example/join/c1', meta: { callType: 'groupCall', modalities: ['audio', 'video'], organizerId: oid } },
      { id: 'graph:call:c2', source: 'call', user: 'alice@firm.example', start: new Date('2026-03-02T18:00:00Z'), end: new Date('2026-03-02T18:30:00Z'), title: 'Teams call', participants: [`user:${PAT}`], ref: null, meta: { callType: 'peerToPeer', modalities: ['audio'], organizerId: null } },
    ]);
    const list = fake.current.requestsTo('/communications/callRecords').filter((r) => r.query.$filter !== undefined);
    expect(list).toHaveLength(1);
    expect(list[0]?.query.$filter).toBe(`participants_v2/any(p:p/id eq '${oid}') and startDateTime ge 2026-03-02T05:00:00Z and startDateTime lt 2026-03-03T05:00:00Z`);
    const batches = fake.current.requestsTo('$batch');
    expect(batches).toHaveLength(1);
    expect(batches[0]?.batch?.map((b) => [b.url, b.status])).toEqual([
      ['/communications/callRecords/c1?$expand=participants_v2', 200],
      ['/communications/callRecords/c2?$expand=participants_v2', 200],
    ]);
  });

  it('retries inner 429s of a $batch singly, not before their Retry-After', async () => {
    fake.current.putCallRecord(
      call('c1', '2026-03-02T14:00:00Z', [{ id: oid }, { id: 'ext-1', userPrincipalName: 'a@acme.com' }]),
      call('c2', '2026-03-02T15:00:00Z', [{ id: oid }, { id: 'ext-2', userPrincipalName: 'b@acme.com' }]),
      call('c3', '2026-03-02T16:00:00Z', [{ id: oid }, { id: 'ext-3', userPrincipalName: 'c@acme.com' }]),
    );
    fake.current.throttleBatchInner(2, '1');
    const reader = new GraphCallsReader(createGraphApi(fake.current.graphConfig()), memorySyncStore());
    const activities = await reader.read(alice, day);

    expect(activities.map((a) => a.participants)).toEqual([['a@acme.com'], ['b@acme.com'], ['c@acme.com']]);
    const batch = fake.current.requestsTo('$batch');
    expect(batch).toHaveLength(1);
    expect(batch[0]?.batch?.map((b) => b.status)).toEqual([429, 429, 200]);
    const singles = fake.current.requests.filter((r) => /^\/v1\.0\/communications\/callRecords\/c\d$/.test(r.path));
    expect(singles.map((r) => r.path).sort()).toEqual(['/v1.0/communications/callRecords/c1', '/v1.0/communications/callRecords/c2']);
    for (const single of singles) {
      expect(single.query.$expand).toBe('participants_v2');
      expect(single.at).toBeGreaterThanOrEqual((batch[0]?.answeredAt ?? Infinity) + 1000);
    }
  });

  it('sends at most 20 requests per $batch', async () => {
    for (let i = 0; i < 25; i++) fake.current.putCallRecord(call(`c${String(i).padStart(2, '0')}`, new Date(Date.parse('2026-03-02T13:00:00Z') + i * 60_000).toISOString(), [{ id: oid }, { id: PAT }]));
    fake.current.pageSize = 10;
    const reader = new GraphCallsReader(createGraphApi(fake.current.graphConfig()), memorySyncStore());
    const activities = await reader.read(alice, day);
    expect(activities).toHaveLength(25);
    expect(new Set(activities.map((a) => a.id)).size).toBe(25);
    expect(fake.current.requestsTo('$batch').map((r) => r.batch?.length)).toEqual([20, 5]);
    expect(fake.current.requestsTo('/communications/callRecords').filter((r) => r.query.$skiptoken !== undefined)).toHaveLength(2);
  });

  it('reads a 403 (CallRecords.Read.All not granted) as no calls and logs it once', async () => {
    fake.current.putCallRecord(call('c1', '2026-03-02T14:00:00Z', [{ id: oid }, { id: PAT }]));
    fake.current.denyCallRecords();
    const logger = recordingLogger();
    const reader = new GraphCallsReader(createGraphApi(fake.current.graphConfig()), memorySyncStore(), { logger });
    expect(await reader.read(alice, day)).toEqual([]);
    expect(await reader.read(alice, nyDay('2026-03-03'))).toEqual([]);
    expect(fake.current.requestsTo('/communications/callRecords').map((r) => r.status)).toEqual([403, 403]);
    expect(logger.lines.filter((l) => l.level === 'warn' && l.message?.includes('not permitted'))).toHaveLength(1);
  });

  it('skips people without an Entra object id (call records name participants by object id)', async () => {
    const reader = new GraphCallsReader(createGraphApi(fake.current.graphConfig()), memorySyncStore());
    expect(await reader.read(captureUser({ aadObjectId: null }), day)).toEqual([]);
    expect(fake.current.requests).toHaveLength(0);
  });
});
