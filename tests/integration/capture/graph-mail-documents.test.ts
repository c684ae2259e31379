import { describe, expect, it } from 'vitest';
import { GraphDocumentsReader, GraphMailReader, createGraphApi } from '../../../src/capture/sources/graph/graph-readers.js';
import { captureUser, memorySyncStore, nyDay, useFakeGraph } from '../../support/fakes/fake-graph-context.js';

const alice = captureUser();
const mailbox = alice.aadObjectId as string;
const now = () => new Date('2026-03-03T12:00:00Z');

describe('Graph sent-mail reader', () => {
  const fake = useFakeGraph();

  function setUp() {
    fake.current.mailbox(mailbox).putSentMessage(
      { id: 'm1', subject: 'Acme v. Beta: draft motion', sentDateTime: '2026-03-02T15:00:00Z', to: ['JDoe@Acme.com'], cc: ['pat@firm.example'], body: 'PRIVILEGED BODY TEXT' },
      { id: 'm2', subject: 'Beta settlement figures', sentDateTime: '2026-03-02T20:00:00Z', to: ['alice@firm.example', 'cfo@beta.com'], body: 'PRIVILEGED BODY TEXT' },
      { id: 'm3', subject: 'Sunday note', sentDateTime: '2026-03-01T20:00:00Z', to: ['x@acme.com'] },
      { id: 'm4', subject: 'Early Tuesday', sentDateTime: '2026-03-03T06:00:00Z', to: ['y@acme.com'] },
    );
    const store = memorySyncStore();
    return { store, reader: new GraphMailReader(createGraphApi(fake.current.graphConfig()), store, { now }) };
  }

  it('reads Sent Items through delta with $select (subjects and recipients, never bodies) and keeps the window', async () => {
    const { store, reader } = setUp();
    const activities = await reader.read(alice, nyDay('2026-03-02'));

    expect(activities).toEqual([
      { id: 'graph:mail:m1', source: 'email', user: 'alice@firm.example', start: new Date('2026-03-02T15:00:00Z'), end: new Date('2026-03-02T15:00:00Z'), title: 'Acme v. Beta: draft motion', participants: ['jdoe@acme.com', 'pat@firm.example'], ref: null, meta: {} },
      { id: 'graph:mail:m2', source: 'email', user: 'alice@firm.example', start: new Date('2026-03-02T20:00:00Z'), end: new Date('2026-03-02T20:00:00Z'), title: 'Beta settlement figures', participants: ['cfo@beta.com'], ref: null, meta: {} },
    ]);
    const calls = fake.current.requestsTo('mailFolders/sentitems/messages/delta');
    expect(calls).toHaveLength(2);
    expect(calls[0]?.query.$select).toBe('subject,toRecipients,ccRecipients,sentDateTime');
    expect(calls.every((c) => !/body|preview|attachment/i.test(c.query.$select ?? '') && c.auth === 'valid')).toBe(true);
    expect(JSON.stringify(activities)).not.toContain('PRIVILEGED');
    expect(store.peek(alice.id, 'email')).toMatch(/\$deltatoken=/);
    expect(store.peek(alice.id, 'email:items') ?? '').not.toContain('PRIVILEGED');
  });

  it('answers a later day from the stored link plus the kept messages, and keeps a message later moved out of Sent Items', async () => {
    const { store, reader } = setUp();
    await reader.read(alice, nyDay('2026-03-02'));
    const link = store.peek(alice.id, 'email') as string;
    fake.current.mailbox(mailbox).putSentMessage({ id: 'm5', subject: 'Tuesday follow-up', sentDateTime: '2026-03-03T15:00:00Z', to: ['jdoe@acme.com'] });
    fake.current.mailbox(mailbox).removeSentMessage('m1'); // filed to a matter folder
    const before = fake.current.requests.length;

    const tuesday = await reader.read(alice, nyDay('2026-03-03'));
    const monday = await reader.read(alice, nyDay('2026-03-02'));

    const later = fake.current.requests.slice(before);
    expect(`${fake.current.origin}${later[0]?.url}`).toBe(link);
    expect(later.every((r) => r.query.$deltatoken !== undefined)).toBe(true);
    // m4 was sent before the first run and outside its window: still found from the kept messages.
    expect(tuesday.map((a) => a.id)).toEqual(['graph:mail:m4', 'graph:mail:m5']);
    expect(monday.map((a) => a.id)).toEqual(['graph:mail:m1', 'graph:mail:m2']);
  });

  it('starts over when Graph answers syncStateNotFound for the link, without doubling any message', async () => {
    const { store, reader } = setUp();
    await reader.read(alice, nyDay('2026-03-02'));
    fake.current.expireDeltaLinks('syncStateNotFound', 400);
    const before = fake.current.requests.length;
    const again = await reader.read(alice, nyDay('2026-03-02'));
    const later = fake.current.requests.slice(before);
    expect(later[0]?.status).toBe(400);
    expect(later[1]?.query.$select).toBe('subject,toRecipients,ccRecipients,sentDateTime');
    expect(again.map((a) => a.id)).toEqual(['graph:mail:m1', 'graph:mail:m2']);
    expect(store.peek(alice.id, 'email')).toMatch(/\$deltatoken=/);
  });

  it('reads a day older than the kept horizon in one full pass, leaving the stored link alone', async () => {
    const { store, reader } = setUp();
    fake.current.mailbox(mailbox).putSentMessage({ id: 'm-old', subject: 'January', sentDateTime: '2026-01-15T15:00:00Z', to: ['old@acme.com'] });
    await reader.read(alice, nyDay('2026-03-02'));
    const link = store.peek(alice.id, 'email');
    const old = await reader.read(alice, nyDay('2026-01-15'));
    expect(old.map((a) => a.id)).toEqual(['graph:mail:m-old']);
    expect(store.peek(alice.id, 'email')).toBe(link);
    expect(store.peek(alice.id, 'email:items')).not.toContain('m-old');
  });
});

describe('Graph documents reader', () => {
  const fake = useFakeGraph();

  function setUp() {
    fake.current.mailbox(mailbox).putDriveItem(
      { id: 'd1', name: 'Motion to compel.docx', lastModifiedDateTime: '2026-03-02T15:00:00Z', lastModifiedBy: { email: 'Alice@Firm.example', displayName: 'Alice' }, webUrl: 'https://sp.example/d1' },
      { id: 'd2', name: 'Beta timeline.xlsx', lastModifiedDateTime: '2026-03-02T16:00:00Z', lastModifiedBy: { id: mailbox } },
      { id: 'd3', name: 'Someone else.docx', lastModifiedDateTime: '2026-03-02T17:00:00Z', lastModifiedBy: { email: 'pat@firm.example' } },
      { id: 'd4', name: 'Acme', folder: true, lastModifiedDateTime: '2026-03-02T17:30:00Z', lastModifiedBy: { email: 'alice@firm.example' } },
      { id: 'd5', name: 'Last week.docx', lastModifiedDateTime: '2026-02-27T17:00:00Z', lastModifiedBy: { email: 'alice@firm.example' } },
    );
    const store = memorySyncStore();
    return { store, reader: new GraphDocumentsReader(createGraphApi(fake.current.graphConfig()), store, { now }) };
  }

  it('keeps files (not folders) the person last modified, by email or by object id, inside the window', async () => {
    const { store, reader } = setUp();
    const activities = await reader.read(alice, nyDay('2026-03-02'));
    expect(activities).toEqual([
      { id: 'graph:doc:d1:2026-03-02T15:00:00.000Z', source: 'document', user: 'alice@firm.example', start: new Date('2026-03-02T15:00:00Z'), end: new Date('2026-03-02T15:00:00Z'), title: 'Motion to compel.docx', participants: [], ref: 'https://sp.example/d1', meta: { documentId: 'd1', driveId: `drive-${mailbox}` } },
      expect.objectContaining({ id: 'graph:doc:d2:2026-03-02T16:00:00.000Z', title: 'Beta timeline.xlsx', meta: { documentId: 'd2', driveId: `drive-${mailbox}` } }),
    ]);
    const calls = fake.current.requestsTo('drive/root/delta');
    expect(calls[0]?.path).toBe(`/v1.0/users/${mailbox}/drive/root/delta`);
    expect(calls.every((c) => c.auth === 'valid')).toBe(true);
    expect(store.peek(alice.id, 'documents')).toMatch(/drive\/root\/delta\?\$deltatoken=/);
  });

  it('makes each modification its own activity and keeps earlier ones when a file changes hands or is deleted', async () => {
    const { reader } = setUp();
    await reader.read(alice, nyDay('2026-03-02'));
    const box = fake.current.mailbox(mailbox);
    box.putDriveItem({ id: 'd1', name: 'Motion to compel v2.docx', lastModifiedDateTime: '2026-03-02T19:00:00Z', lastModifiedBy: { email: 'alice@firm.example' } });
    box.putDriveItem({ id: 'd3', name: 'Someone else.docx', lastModifiedDateTime: '2026-03-02T21:00:00Z', lastModifiedBy: { email: 'alice@firm.example' } });
    box.removeDriveItem('d2');
    const activities = await reader.read(alice, nyDay('2026-03-02'));
    expect(activities.map((a) => a.id)).toEqual([
      'graph:doc:d1:2026-03-02T15:00:00.000Z',
      'graph:doc:d2:2026-03-02T16:00:00.000Z',
      'graph:doc:d1:2026-03-02T19:00:00.000Z',
      'graph:doc:d3:2026-03-02T21:00:00.000Z',
    ]);
  });

  it('starts over on resyncRequired (410) without doubling any modification', async () => {
    const { store, reader } = setUp();
    const first = await reader.read(alice, nyDay('2026-03-02'));
    const link = store.peek(alice.id, 'documents');
    fake.current.expireDeltaLinks('resyncRequired');
    const again = await reader.read(alice, nyDay('2026-03-02'));
    expect(fake.current.requests.some((r) => r.status === 410)).toBe(true);
    expect(again.map((a) => a.id)).toEqual(first.map((a) => a.id));
    expect(store.peek(alice.id, 'documents')).not.toBe(link);
  });
});
