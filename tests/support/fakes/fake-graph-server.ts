import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import type { GraphConfig } from '../../../src/config.js';
import { readTestCertificate } from '../tls.js';

/** A calendar event as a test scripts it; the fake renders Graph's JSON from it. */
export interface FakeEvent {
  readonly id: string;
  readonly subject: string;
  /** ISO instants (UTC). */
  readonly start: string;
  readonly end: string;
  /** The mailbox owner's response; default accepted. */
  readonly response?: 'organizer' | 'accepted' | 'tentativelyAccepted' | 'declined' | 'notResponded' | 'none';
  readonly isOrganizer?: boolean;
  readonly isAllDay?: boolean;
  readonly isCancelled?: boolean;
  readonly showAs?: 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';
  readonly sensitivity?: 'normal' | 'personal' | 'private' | 'confidential';
  readonly isOnlineMeeting?: boolean;
  readonly organizer?: string;
  readonly attendees?: readonly string[];
  readonly body?: string;
  readonly webLink?: string;
}

export interface FakeSentMessage {
  readonly id: string;
  readonly subject: string;
  readonly sentDateTime: string;
  readonly to: readonly string[];
  readonly cc?: readonly string[];
  /** Served only when a request does not `$select` (Tally's never do). */
  readonly body?: string;
}

export interface FakeDriveItem {
  readonly id: string;
  readonly name: string;
  readonly folder?: boolean;
  readonly lastModifiedDateTime: string;
  readonly lastModifiedBy: { readonly email?: string; readonly id?: string; readonly displayName?: string };
  readonly webUrl?: string;
}

export interface FakeCallParticipant {
  /** An Entra object id (user) or a phone number (phone). */
  readonly id: string;
  readonly kind?: 'user' | 'phone' | 'application';
  readonly userPrincipalName?: string;
  readonly displayName?: string;
}

export interface FakeCallRecord {
  readonly id: string;
  readonly startDateTime: string;
  readonly endDateTime: string;
  readonly type?: 'groupCall' | 'peerToPeer' | 'unknown';
  readonly modalities?: readonly string[];
  readonly organizerId?: string;
  readonly joinWebUrl?: string;
  readonly participants: readonly FakeCallParticipant[];
}

/** One inner request of a `$batch`, as the fake answered it. */
export interface FakeBatchInner {
  readonly id: string;
  readonly url: string;
  readonly status: number;
}

/** One request the fake received on a Graph path (token requests are in `tokenRequests`). */
export interface FakeGraphRequest {
  readonly method: string;
  /** The decoded path, e.g. `/v1.0/users/alice@firm.example/calendarView/delta`. */
  readonly path: string;
  /** Decoded query parameters. */
  readonly query: Readonly<Record<string, string>>;
  /** The request target as sent (path and raw query). */
  readonly url: string;
  /** Date.now() on arrival. */
  readonly at: number;
  /** Whether an Authorization header came, and whether its Bearer token was one the fake issued. */
  readonly auth: 'valid' | 'invalid' | 'missing';
  /** The `{id}` of `/users/{id}/…`, lower case; null for tenant-wide paths. */
  readonly mailbox: string | null;
  readonly prefer: string | null;
  status: number;
  /** Date.now() when answered; 0 while pending. */
  answeredAt: number;
  /** For `POST /$batch`: the inner requests and what each got. */
  batch?: FakeBatchInner[];
}

export interface FakeTokenRequest {
  readonly at: number;
  readonly clientId: string | null;
  readonly scope: string | null;
  readonly granted: boolean;
}

/** A scripted failure for the next `times` Graph requests that `match`. */
export interface FakeFault {
  readonly status: number;
  /** Sent as the Retry-After header: seconds ("1") or an HTTP date. */
  readonly retryAfter?: string;
  /** Graph's error.code in the body. */
  readonly code?: string;
  readonly match?: (request: { readonly path: string; readonly mailbox: string | null; readonly method: string }) => boolean;
}

type Kind = 'calendar' | 'mail' | 'drive';

interface Versioned<T> {
  data: T | null;
  seq: number;
}

interface Window {
  readonly start: number;
  readonly end: number;
}

interface DeltaToken {
  readonly kind: Kind;
  readonly mailbox: string;
  readonly window: Window | null;
  readonly select: readonly string[] | null;
  readonly since: number;
  readonly generation: number;
}

interface PageToken {
  readonly kind: Kind | 'callRecords';
  readonly mailbox: string;
  readonly window: Window | null;
  readonly select: readonly string[] | null;
  readonly items: readonly object[];
  readonly offset: number;
  /** The seq the final deltaLink will start from. */
  readonly nextSince: number;
  readonly generation: number;
}

interface Answer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body: unknown;
}

/** The data of one mailbox: its calendar, Sent Items and OneDrive, each change-tracked. */
export class FakeMailbox {
  readonly events = new Map<string, Versioned<FakeEvent>>();
  readonly sent = new Map<string, Versioned<FakeSentMessage>>();
  readonly drive = new Map<string, Versioned<FakeDriveItem>>();

  constructor(
    readonly id: string,
    private readonly tick: () => number,
  ) {}

  putEvent(...events: FakeEvent[]): this {
    for (const e of events) this.events.set(e.id, { data: e, seq: this.tick() });
    return this;
  }

  removeEvent(id: string): this {
    this.events.set(id, { data: null, seq: this.tick() });
    return this;
  }

  putSentMessage(...messages: FakeSentMessage[]): this {
    for (const m of messages) this.sent.set(m.id, { data: m, seq: this.tick() });
    return this;
  }

  removeSentMessage(id: string): this {
    this.sent.set(id, { data: null, seq: this.tick() });
    return this;
  }

  putDriveItem(...items: FakeDriveItem[]): this {
    for (const i of items) this.drive.set(i.id, { data: i, seq: this.tick() });
    return this;
  }

  removeDriveItem(id: string): this {
    this.drive.set(id, { data: null, seq: this.tick() });
    return this;
  }
}

const MAILBOX_PATH = /^\/(?:v1\.0|beta)\/users\/([^/]+)\/(.+)$/;

function graphError(status: number, code: string, message = code): Answer {
  return { status, body: { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomBytes(8).toString('hex') } } } };
}

/** Graph's `dateTimeTimeZone` wall time: 2026-03-02T14:00:00.0000000. */
function wallTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}.0000000`;
}

function recipients(addresses: readonly string[] | undefined): object[] {
  return (addresses ?? []).map((address) => ({ emailAddress: { address, name: address.split('@')[0] } }));
}

/**
 * A local HTTPS stand-in for Microsoft Graph and its token authority, enough for Tally's
 * capture readers through the real SDK and @azure/identity:
 * - `/{tenant}/v2.0/.well-known/openid-configuration` and `/{tenant}/oauth2/v2.0/token`
 *   (client credentials; issues tokens it then requires as Bearer on every Graph call, else 401);
 * - per mailbox: `calendarView/delta` (window, paging by `pageSize`, final deltaLink, changes and
 *   `@removed` on the link, UTC only when asked with `Prefer: outlook.timezone="UTC"`),
 *   `mailFolders/sentitems/messages/delta` (honours `$select`), `drive/root/delta`;
 * - `communications/callRecords` (`$filter` on participant id and startDateTime) and
 *   `callRecords/{id}?$expand=participants_v2`; `POST /$batch` (≤ 20 requests);
 * - faults: any status (429 with Retry-After, 503…) for the next N matching calls, a given delta
 *   link (or all issued so far) answering 410 syncStateNotFound/resyncRequired, inner 429s in
 *   `$batch`, 403 on call records, and a latency to make concurrency visible.
 * It records every request with its arrival time and auth state, and the most requests it had
 * in flight at once, per mailbox and overall.
 */
export class FakeGraphServer {
  readonly tenantId = 'fake-tenant';
  readonly clientId = 'fake-client-id';
  readonly clientSecret = 'fake-client-secret';
  readonly requests: FakeGraphRequest[] = [];
  readonly tokenRequests: FakeTokenRequest[] = [];
  /** Items per page of every paged answer. */
  pageSize = 2;
  /** Milliseconds each Graph answer is held back. */
  latencyMs = 0;

  private readonly mailboxes = new Map<string, FakeMailbox>();
  private readonly callRecords = new Map<string, FakeCallRecord>();
  private readonly tokens = new Set<string>();
  private readonly deltaTokens = new Map<string, DeltaToken>();
  private readonly pageTokens = new Map<string, PageToken>();
  private readonly faults: { fault: FakeFault; left: number }[] = [];
  private readonly inFlight = new Map<string, number>();
  private readonly maxInFlightBy = new Map<string, number>();
  private inFlightAll = 0;
  private maxInFlightAll = 0;
  private seq = 0;
  private generation = 0;
  private expiredBelow = 0;
  private expiryCode: { status: number; code: string } = { status: 410, code: 'syncStateNotFound' };
  private readonly expiredTokens = new Map<string, { status: number; code: string }>();
  private batchInnerThrottle = { left: 0, retryAfter: '1' };
  private callRecordsDenied = false;

  private constructor(private readonly server: Server) {}

  /** Starts a fake on 127.0.0.1, a free port, serving the run's test certificate. */
  static async start(): Promise<FakeGraphServer> {
    const tls = await readTestCertificate({ certPath: inject('tlsCertPath'), keyPath: inject('tlsKeyPath') });
    const server = createServer({ cert: tls.cert, key: tls.key });
    const fake = new FakeGraphServer(server);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void fake.handle(req, res));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return fake;
  }

  /** `https://127.0.0.1:PORT`: the Graph base URL and the authority host alike. */
  get origin(): string {
    return `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** A GraphConfig pointing Tally at this fake. */
  graphConfig(overrides: Partial<GraphConfig> = {}): GraphConfig {
    return { tenantId: this.tenantId, clientId: this.clientId, clientSecret: this.clientSecret, baseUrl: this.origin, authorityHost: this.origin, ...overrides };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }

  /** The scripted data of a mailbox (by the id Tally uses: object id or email). */
  mailbox(id: string): FakeMailbox {
    const key = id.toLowerCase();
    let mailbox = this.mailboxes.get(key);
    if (mailbox === undefined) {
      mailbox = new FakeMailbox(key, () => ++this.seq);
      this.mailboxes.set(key, mailbox);
    }
    return mailbox;
  }

  putCallRecord(...records: FakeCallRecord[]): this {
    for (const r of records) this.callRecords.set(r.id, r);
    return this;
  }

  /** The next `times` Graph requests matching `fault.match` (default: any) get the fault. */
  failNext(times: number, fault: FakeFault): this {
    this.faults.push({ fault, left: times });
    return this;
  }

  /** Every delta and paging link issued so far answers `status` with `code` from now on. */
  expireDeltaLinks(code: 'syncStateNotFound' | 'resyncRequired' = 'syncStateNotFound', status = 410): this {
    this.expiredBelow = ++this.generation;
    this.expiryCode = { status, code };
    return this;
  }

  /** This one delta link (as Graph returned it) answers `status` with `code` from now on. */
  expireDeltaLink(link: string, code: 'syncStateNotFound' | 'resyncRequired' = 'syncStateNotFound', status = 410): this {
    const token = new URL(link).searchParams.get('$deltatoken');
    if (token === null || !this.deltaTokens.has(token)) throw new Error('not a delta link this fake issued');
    this.expiredTokens.set(token, { status, code });
    return this;
  }

  /** The next `times` inner requests of `$batch` calls answer 429 with this Retry-After. */
  throttleBatchInner(times: number, retryAfter = '1'): this {
    this.batchInnerThrottle = { left: times, retryAfter };
    return this;
  }

  /** Call records answer 403 (CallRecords.Read.All not granted) while on. */
  denyCallRecords(on = true): this {
    this.callRecordsDenied = on;
    return this;
  }

  /** The most Graph requests that were in flight at once for a mailbox (or overall). */
  maxInFlight(mailbox?: string): number {
    return mailbox === undefined ? this.maxInFlightAll : (this.maxInFlightBy.get(mailbox.toLowerCase()) ?? 0);
  }

  /** Requests on a path containing `fragment` (e.g. 'calendarView/delta'). */
  requestsTo(fragment: string): FakeGraphRequest[] {
    return this.requests.filter((r) => r.path.includes(fragment));
  }

  // ---- HTTP ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = req.url ?? '/';
    const url = new URL(target, this.origin);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = decodeURIComponent(url.pathname);

    if (!/^\/(v1\.0|beta)\//.test(path)) {
      const answer = this.authority(req.method ?? 'GET', path, body);
      this.send(res, answer);
      return;
    }

    const mailbox = MAILBOX_PATH.exec(path)?.[1]?.toLowerCase() ?? null;
    const record: FakeGraphRequest = {
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      url: target,
      at: Date.now(),
      auth: this.authState(req.headers.authorization),
      mailbox,
      prefer: typeof req.headers.prefer === 'string' ? req.headers.prefer : null,
      status: 0,
      answeredAt: 0,
    };
    this.requests.push(record);
    const keys = path.endsWith('/$batch') ? this.batchKeys(body) : [mailbox ?? 'tenant'];
    this.enter(keys);
    try {
      if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
      const answer = this.answer(record, url, body);
      record.status = answer.status;
      record.answeredAt = Date.now();
      this.send(res, answer);
    } finally {
      this.leave(keys);
    }
  }

  private send(res: ServerResponse, answer: Answer): void {
    res.statusCode = answer.status;
    for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
    if (answer.body === null || answer.body === undefined) {
      res.end();
      return;
    }
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(answer.body));
  }

  private authState(header: string | undefined): FakeGraphRequest['auth'] {
    if (header === undefined) return 'missing';
    const match = /^Bearer (.+)$/.exec(header);
    return match?.[1] !== undefined && this.tokens.has(match[1]) ? 'valid' : 'invalid';
  }

  private enter(keys: readonly string[]): void {
    this.inFlightAll++;
    this.maxInFlightAll = Math.max(this.maxInFlightAll, this.inFlightAll);
    for (const key of new Set(keys)) {
      const n = (this.inFlight.get(key) ?? 0) + 1;
      this.inFlight.set(key, n);
      this.maxInFlightBy.set(key, Math.max(this.maxInFlightBy.get(key) ?? 0, n));
    }
  }

  private leave(keys: readonly string[]): void {
    this.inFlightAll--;
    for (const key of new Set(keys)) this.inFlight.set(key, (this.inFlight.get(key) ?? 1) - 1);
  }

  private batchKeys(body: string): string[] {
    try {
      const requests = (JSON.parse(body) as { requests?: { url?: string }[] }).requests ?? [];
      return requests.map((r) => /^\/?users\/([^/?]+)/.exec(r.url ?? '')?.[1]?.toLowerCase() ?? 'tenant');
    } catch {
      return ['tenant'];
    }
  }

  // ---- the token authority ----

  private authority(method: string, path: string, body: string): Answer {
    const discovery = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(path);
    if (method === 'GET' && discovery) {
      const base = `${this.origin}/${discovery[1]}`;
      return {
        status: 200,
        body: {
          issuer: `${base}/v2.0`,
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          token_endpoint: `${base}/oauth2/v2.0/token`,
          jwks_uri: `${base}/discovery/v2.0/keys`,
          response_types_supported: ['code', 'id_token', 'token'],
          subject_types_supported: ['pairwise'],
          id_token_signing_alg_values_supported: ['RS256'],
          tenant_region_scope: null,
        },
      };
    }
    if (method === 'GET' && /^\/[^/]+\/discovery\/v2\.0\/keys$/.test(path)) return { status: 200, body: { keys: [] } };
    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
    if (method === 'POST' && token) {
      const form = new URLSearchParams(body);
      const granted = token[1] === this.tenantId && form.get('grant_type') === 'client_credentials' && form.get('client_id') === this.clientId && form.get('client_secret') === this.clientSecret;
      this.tokenRequests.push({ at: Date.now(), clientId: form.get('client_id'), scope: form.get('scope'), granted });
      if (!granted) return { status: 401, body: { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.', error_codes: [7000215] } };
      const accessToken = `fake-graph-${randomBytes(12).toString('hex')}`;
      this.tokens.add(accessToken);
      return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken } };
    }
    return { status: 404, body: { error: 'not_found' } };
  }

  // ---- Graph ----

  private answer(record: FakeGraphRequest, url: URL, body: string): Answer {
    if (record.auth !== 'valid') return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');
    for (const entry of this.faults) {
      if (entry.left <= 0 || (entry.fault.match && !entry.fault.match(record))) continue;
      entry.left--;
      const error = graphError(entry.fault.status, entry.fault.code ?? (entry.fault.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable'));
      return { ...error, headers: entry.fault.retryAfter === undefined ? {} : { 'Retry-After': entry.fault.retryAfter } };
    }
    if (record.method === 'POST' && /^\/(v1\.0|beta)\/\$batch$/.test(record.path)) return this.batch(body);
    if (record.method !== 'GET') return graphError(405, 'MethodNotAllowed');
    return this.route(record.path.replace(/^\/(v1\.0|beta)/, ''), url.searchParams, record.prefer);
  }

  private batch(body: string): Answer {
    let requests: { id?: unknown; method?: unknown; url?: unknown; headers?: Record<string, string> }[];
    try {
      requests = (JSON.parse(body) as { requests: typeof requests }).requests;
    } catch {
      return graphError(400, 'BadRequest', 'Invalid batch payload.');
    }
    if (!Array.isArray(requests) || requests.length === 0) return graphError(400, 'BadRequest', 'Invalid batch payload.');
    if (requests.length > 20) return graphError(400, 'BadRequest', 'Number of batch requests exceeds 20.');
    const inner: FakeBatchInner[] = [];
    const responses = requests.map((r) => {
      const id = String(r.id);
      const target = String(r.url);
      let answer: Answer;
      if (this.batchInnerThrottle.left > 0) {
        this.batchInnerThrottle.left--;
        answer = { ...graphError(429, 'TooManyRequests'), headers: { 'Retry-After': this.batchInnerThrottle.retryAfter } };
      } else if (r.method !== 'GET') {
        answer = graphError(405, 'MethodNotAllowed');
      } else {
        const url = new URL(target.startsWith('/') ? target : `/${target}`, this.origin);
        const prefer = Object.entries(r.headers ?? {}).find(([k]) => k.toLowerCase() === 'prefer')?.[1] ?? null;
        answer = this.route(decodeURIComponent(url.pathname), url.searchParams, prefer);
      }
      inner.push({ id, url: target, status: answer.status });
      return { id, status: answer.status, headers: { 'Content-Type': 'application/json', ...(answer.headers ?? {}) }, body: answer.body };
    });
    const last = this.requests[this.requests.length - 1];
    if (last !== undefined) last.batch = inner;
    return { status: 200, body: { responses } };
  }

  private route(path: string, query: URLSearchParams, prefer: string | null): Answer {
    const skip = query.get('$skiptoken');
    const delta = query.get('$deltatoken');
    const users = /^\/users\/([^/]+)\/(.+)$/.exec(path);
    if (users) {
      const mailbox = this.mailbox(users[1] as string);
      const rest = users[2] as string;
      const kind: Kind | null = rest === 'calendarView/delta' ? 'calendar' : rest === 'mailFolders/sentitems/messages/delta' ? 'mail' : rest === 'drive/root/delta' ? 'drive' : null;
      if (kind === null) return graphError(404, 'ResourceNotFound', 'Resource not found for the segment.');
      if (skip !== null) return this.nextPage(skip, kind, mailbox.id, prefer);
      if (delta !== null) return this.deltaRound(delta, kind, mailbox, prefer);
      return this.firstRound(kind, mailbox, query, prefer);
    }
    if (path === '/communications/callRecords' || path.startsWith('/communications/callRecords/')) {
      if (this.callRecordsDenied) return graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
      if (path === '/communications/callRecords') return skip !== null ? this.nextPage(skip, 'callRecords', 'tenant', prefer) : this.listCallRecords(query);
      const id = path.slice('/communications/callRecords/'.length);
      const record = this.callRecords.get(id);
      if (record === undefined) return graphError(404, 'NotFound', 'Call record not found.');
      return { status: 200, body: this.renderCallRecord(record, (query.get('$expand') ?? '').includes('participants_v2')) };
    }
    return graphError(404, 'ResourceNotFound', 'Resource not found for the segment.');
  }

  private firstRound(kind: Kind, mailbox: FakeMailbox, query: URLSearchParams, prefer: string | null): Answer {
    let window: Window | null = null;
    if (kind === 'calendar') {
      const start = Date.parse(query.get('startDateTime') ?? '');
      const end = Date.parse(query.get('endDateTime') ?? '');
      if (Number.isNaN(start) || Number.isNaN(end)) return graphError(400, 'ErrorInvalidParameter', 'startDateTime and endDateTime are required.');
      window = { start, end };
    }
    const select = query.get('$select')?.split(',').map((s) => s.trim()) ?? null;
    return this.startPaging(kind, mailbox, window, select, 0, prefer);
  }

  private deltaRound(token: string, kind: Kind, mailbox: FakeMailbox, prefer: string | null): Answer {
    const state = this.deltaTokens.get(token);
    if (state === undefined || state.kind !== kind || state.mailbox !== mailbox.id) return graphError(400, 'BadRequest', 'Unknown delta token.');
    const expired = this.expiredTokens.get(token) ?? (state.generation < this.expiredBelow ? this.expiryCode : null);
    if (expired !== null) return graphError(expired.status, expired.code, 'The sync state generation is no longer valid.');
    return this.startPaging(kind, mailbox, state.window, state.select, state.since, prefer);
  }

  /** Everything in scope (since = 0) or what changed after `since`, as Graph items, paged. */
  private startPaging(kind: Kind, mailbox: FakeMailbox, window: Window | null, select: readonly string[] | null, since: number, prefer: string | null): Answer {
    const nextSince = this.seq;
    const items: object[] = [];
    const utc = (prefer ?? '').includes('outlook.timezone="UTC"');
    if (kind === 'calendar') {
      for (const [id, v] of mailbox.events) {
        if (v.seq <= since) continue;
        const overlaps = v.data !== null && window !== null && Date.parse(v.data.start) < window.end && Date.parse(v.data.end) > window.start;
        if (overlaps && v.data !== null) items.push(this.renderEvent(v.data, mailbox.id, utc));
        else if (since > 0) items.push({ id, '@removed': { reason: v.data === null ? 'deleted' : 'changed' } });
      }
    } else if (kind === 'mail') {
      for (const [id, v] of mailbox.sent) {
        if (v.seq <= since) continue;
        if (v.data !== null) items.push(this.renderMessage(v.data, select));
        else if (since > 0) items.push({ id, '@removed': { reason: 'deleted' } });
      }
    } else {
      if (since === 0) items.push({ id: `root-${mailbox.id}`, name: 'root', root: {}, folder: { childCount: mailbox.drive.size } });
      for (const [id, v] of mailbox.drive) {
        if (v.seq <= since) continue;
        if (v.data !== null) items.push(this.renderDriveItem(v.data, mailbox.id));
        else if (since > 0) items.push({ id, deleted: { state: 'deleted' }, parentReference: { driveId: `drive-${mailbox.id}` } });
      }
    }
    const page: PageToken = { kind, mailbox: mailbox.id, window, select, items, offset: 0, nextSince, generation: this.generation };
    return this.servePage(page, prefer);
  }

  private nextPage(token: string, kind: PageToken['kind'], mailbox: string, prefer: string | null): Answer {
    const page = this.pageTokens.get(token);
    if (page === undefined || page.kind !== kind || page.mailbox !== mailbox) return graphError(400, 'BadRequest', 'Unknown skip token.');
    if (page.kind !== 'callRecords' && page.generation < this.expiredBelow) return graphError(this.expiryCode.status, this.expiryCode.code, 'The sync state generation is no longer valid.');
    return this.servePage(page, prefer);
  }

  private servePage(page: PageToken, _prefer: string | null): Answer {
    const slice = page.items.slice(page.offset, page.offset + this.pageSize);
    const body: Record<string, unknown> = { '@odata.context': `${this.origin}/v1.0/$metadata`, value: slice };
    const base = page.kind === 'callRecords' ? `${this.origin}/v1.0/communications/callRecords` : `${this.origin}/v1.0/users/${encodeURIComponent(page.mailbox)}/${pathOf(page.kind)}`;
    if (page.offset + this.pageSize < page.items.length) {
      const token = randomBytes(9).toString('base64url');
      this.pageTokens.set(token, { ...page, offset: page.offset + this.pageSize });
      body['@odata.nextLink'] = `${base}?$skiptoken=${token}`;
    } else if (page.kind !== 'callRecords') {
      const token = randomBytes(9).toString('base64url');
      this.deltaTokens.set(token, { kind: page.kind, mailbox: page.mailbox, window: page.window, select: page.select, since: page.nextSince, generation: this.generation });
      body['@odata.deltaLink'] = `${base}?$deltatoken=${token}`;
    }
    return { status: 200, body };
  }

  private listCallRecords(query: URLSearchParams): Answer {
    const filter = query.get('$filter');
    let participant: string | null = null;
    const bounds: { op: string; at: number }[] = [];
    if (filter !== null) {
      const p = /participants_v2\/any\(p:\s*p\/id eq '((?:[^']|'')*)'\)/.exec(filter);
      if (p) participant = (p[1] as string).replace(/''/g, "'");
      for (const m of filter.matchAll(/startDateTime (ge|gt|le|lt) (\S+)/g)) bounds.push({ op: m[1] as string, at: Date.parse(m[2] as string) });
      if (participant === null && bounds.length === 0) return graphError(400, 'BadRequest', 'Unsupported filter.');
    }
    const items = [...this.callRecords.values()]
      .filter((r) => participant === null || r.participants.some((x) => x.id === participant))
      .filter((r) => {
        const at = Date.parse(r.startDateTime);
        return bounds.every((b) => (b.op === 'ge' ? at >= b.at : b.op === 'gt' ? at > b.at : b.op === 'le' ? at <= b.at : at < b.at));
      })
      .map((r) => this.renderCallRecord(r, false));
    return this.servePage({ kind: 'callRecords', mailbox: 'tenant', window: null, select: null, items, offset: 0, nextSince: 0, generation: this.generation }, null);
  }

  // ---- rendering Graph JSON ----

  private renderEvent(e: FakeEvent, owner: string, utc: boolean): object {
    // Without the UTC preference Graph answers in the mailbox's zone (here a Windows zone name).
    const shift = utc ? 0 : -8 * 3_600_000;
    const zone = utc ? 'UTC' : 'Pacific Standard Time';
    const response = e.response ?? 'accepted';
    return {
      id: e.id,
      subject: e.subject,
      bodyPreview: e.body ?? '',
      body: { contentType: 'text', content: e.body ?? '' },
      start: { dateTime: wallTime(Date.parse(e.start) + shift), timeZone: zone },
      end: { dateTime: wallTime(Date.parse(e.end) + shift), timeZone: zone },
      isAllDay: e.isAllDay ?? false,
      isCancelled: e.isCancelled ?? false,
      isOrganizer: e.isOrganizer ?? response === 'organizer',
      showAs: e.showAs ?? 'busy',
      sensitivity: e.sensitivity ?? 'normal',
      isOnlineMeeting: e.isOnlineMeeting ?? false,
      responseStatus: { response, time: '0001-01-01T00:00:00Z' },
      organizer: { emailAddress: { address: e.organizer ?? owner, name: (e.organizer ?? owner).split('@')[0] } },
      attendees: (e.attendees ?? []).map((address) => ({ type: 'required', status: { response: 'none', time: '0001-01-01T00:00:00Z' }, emailAddress: { address, name: address.split('@')[0] } })),
      webLink: e.webLink ?? `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(e.id)}`,
    };
  }

  private renderMessage(m: FakeSentMessage, select: readonly string[] | null): object {
    const full: Record<string, unknown> = {
      id: m.id,
      subject: m.subject,
      sentDateTime: m.sentDateTime,
      toRecipients: recipients(m.to),
      ccRecipients: recipients(m.cc),
      body: { contentType: 'text', content: m.body ?? '' },
      bodyPreview: m.body ?? '',
      uniqueBody: { contentType: 'text', content: m.body ?? '' },
      isRead: true,
    };
    if (select === null) return full;
    return Object.fromEntries(Object.entries(full).filter(([k]) => k === 'id' || select.includes(k)));
  }

  private renderDriveItem(i: FakeDriveItem, owner: string): object {
    return {
      id: i.id,
      name: i.name,
      ...(i.folder ? { folder: { childCount: 0 } } : { file: { mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' } }),
      lastModifiedDateTime: i.lastModifiedDateTime,
      lastModifiedBy: { user: { ...i.lastModifiedBy } },
      webUrl: i.webUrl ?? `https://firm-my.sharepoint.com/personal/${encodeURIComponent(owner)}/Documents/${encodeURIComponent(i.name)}`,
      parentReference: { driveId: `drive-${owner}`, driveType: 'business' },
    };
  }

  private renderCallRecord(r: FakeCallRecord, withParticipants: boolean): object {
    const identity = (p: FakeCallParticipant): object => {
      const kind = p.kind ?? 'user';
      if (kind === 'phone') return { phone: { id: p.id, displayName: p.displayName ?? null } };
      return { [kind]: { id: p.id, displayName: p.displayName ?? null, ...(p.userPrincipalName ? { userPrincipalName: p.userPrincipalName } : {}) } };
    };
    return {
      id: r.id,
      version: 1,
      type: r.type ?? 'groupCall',
      modalities: r.modalities ?? ['audio'],
      lastModifiedDateTime: r.endDateTime,
      startDateTime: r.startDateTime,
      endDateTime: r.endDateTime,
      joinWebUrl: r.joinWebUrl ?? null,
      organizer_v2: r.organizerId ? { id: r.organizerId, identity: { user: { id: r.organizerId } } } : null,
      ...(withParticipants ? { participants_v2: r.participants.map((p) => ({ id: p.id, identity: identity(p) })) } : {}),
    };
  }
}

function pathOf(kind: Kind): string {
  return kind === 'calendar' ? 'calendarView/delta' : kind === 'mail' ? 'mailFolders/sentitems/messages/delta' : 'drive/root/delta';
}
