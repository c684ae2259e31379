import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenLocally, type LocalServer } from '../local-server.js';
import { FakeSlackHistories, type FakeSlackMessage } from './fake-slack-history.js';
import { RateWindow, retryAfterFor, type AfterPostFailure, type RateLimit } from './fake-slack-scripts.js';

export type { FakeSlackMessage } from './fake-slack-history.js';
export type { AfterPostFailure } from './fake-slack-scripts.js';

/** A Slack account the fake knows (users.lookupByEmail, users.info). */
export interface FakeSlackUser {
  readonly id: string;
  readonly email?: string;
  readonly isBot?: boolean;
  readonly deleted?: boolean;
}

/** One request the fake received. */
export interface FakeSlackCall {
  readonly method: string;
  readonly params: Readonly<Record<string, string>>;
  /** The bearer token sent, or null. */
  readonly token: string | null;
  /** When it arrived (Date.now()). */
  readonly at: number;
  /** The HTTP status answered. */
  status: number;
  /** When the answer was sent (Date.now()); 0 while it is pending. */
  answeredAt: number;
  /** The raw request body (a response_url answer's JSON, an upload's bytes as latin1). */
  readonly raw: string;
}

export interface FakeSlackApiOptions {
  /** What auth.test answers for the bot. */
  readonly botUserId?: string;
  readonly botId?: string;
  readonly teamId?: string;
}

/**
 * A local stand-in for the Slack Web API, enough for bolt (auth.test) and Tally's capture reads:
 * conversations.history (fake-slack-history.ts), users.lookupByEmail and users.info; and for the
 * chat edge: chat.postMessage / chat.update (a post into a D… channel is kept, with its metadata, in
 * that channel's history), conversations.open (a D… IM per user unless scripted), views.open / push /
 * update, files.getUploadURLExternal + the upload URL (method "upload") + files.completeUploadExternal,
 * and response_url answers (method "respond", see {@link FakeSlackApi.responseUrl}). It records every
 * call, can answer 429 with Retry-After for the next N calls of a method, until a time, or over an
 * enforced rate; fail a method with a Slack error; fail chat.postMessage after it stored the message
 * (HTTP 500, no answer, dropped connection); or hold a method's answers until the test releases
 * them. Point clients at {@link FakeSlackApi.url} (it ends with "/api/").
 */
export class FakeSlackApi {
  readonly calls: FakeSlackCall[] = [];
  private readonly histories = new FakeSlackHistories();
  private readonly users: FakeSlackUser[] = [];
  private readonly rateLimits = new Map<string, RateLimit>();
  private readonly rateWindows = new Map<string, RateWindow>();
  private readonly failures = new Map<string, { error: string; times: number }>();
  private readonly holds = new Map<string, Promise<void>>();
  private readonly dms = new Map<string, { id: string; isIm: boolean }>();
  private afterPost: { mode: AfterPostFailure; times: number } | null = null;
  private counter = 0;
  /** Set by start(). */
  private local!: LocalServer;

  private constructor(private readonly options: FakeSlackApiOptions) {}

  /** Starts a fake on 127.0.0.1, on a free port. */
  static async start(options: FakeSlackApiOptions = {}): Promise<FakeSlackApi> {
    const fake = new FakeSlackApi(options);
    fake.local = await listenLocally((req, res) => void fake.handle(req, res));
    return fake;
  }

  /** The Web API base URL, with the trailing slash the SDK expects. */
  get url(): string {
    return `${this.local.url}/api/`;
  }

  get botUserId(): string {
    return this.options.botUserId ?? 'UBOT';
  }

  /** The calls made to one method, in order. */
  callsTo(method: string): FakeSlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Scripts a channel's history; pageSize caps each page below the caller's `limit`. */
  setHistory(channel: string, messages: readonly FakeSlackMessage[], options: { pageSize?: number } = {}): void {
    this.histories.set(channel, messages, options.pageSize);
  }

  /** A response_url for a command or action payload; answers to it are recorded as method "respond". */
  responseUrl(id: string): string {
    return `${this.local.url}/respond/${encodeURIComponent(id)}`;
  }

  /** What conversations.open answers for a user (default: an IM "D" + the user id without its "U"). */
  setDm(user: string, channel: { id: string; isIm: boolean }): void {
    this.dms.set(user, channel);
  }

  /** The JSON bodies sent to response_urls, in order. */
  responses(): Record<string, unknown>[] {
    return this.callsTo('respond').map((c) => JSON.parse(c.raw) as Record<string, unknown>);
  }

  addUser(user: FakeSlackUser): void {
    this.users.push(user);
  }

  /**
   * Answers 429 with Retry-After for `times` calls of `method`, after letting `after` calls through;
   * with `until` (epoch ms) for every call before that time instead, Retry-After then counting the
   * seconds left (rounded up) unless `retryAfterSeconds` is given.
   */
  rateLimit(method: string, options: { times?: number; retryAfterSeconds?: number; after?: number; until?: number } = {}): void {
    this.rateLimits.set(method, { skip: options.after ?? 0, times: options.times ?? 1, until: options.until ?? null, retryAfterSeconds: options.retryAfterSeconds ?? null });
  }

  /** Enforces a rate on `method` as Slack does: calls over `perSecond` in any 1 s are answered 429. */
  enforceRate(method: string, options: { perSecond: number; retryAfterSeconds?: number }): void {
    this.rateWindows.set(method, new RateWindow(options.perSecond, options.retryAfterSeconds ?? null));
  }

  /**
   * The next `times` chat.postMessage calls store the message (it lands in the DM's history) and
   * then fail: `http500` answers HTTP 500, `hang` never answers (the client times out), `reset`
   * drops the connection.
   */
  failAfterPosting(mode: AfterPostFailure, times = 1): void {
    this.afterPost = { mode, times };
  }

  /** The messages kept in a channel's history (posts into a DM, or scripted), oldest first. */
  messagesIn(channel: string): FakeSlackMessage[] {
    return this.histories.messagesIn(channel);
  }

  /** Answers `{ ok: false, error }` for the next `times` calls of `method`. */
  fail(method: string, error: string, times = 1): void {
    this.failures.set(method, { error, times });
  }

  /** Holds every answer of `method` until the returned function is called. */
  hold(method: string): () => void {
    let release = () => undefined as void;
    this.holds.set(method, new Promise<void>((resolve) => (release = resolve)));
    return () => {
      this.holds.delete(method);
      release();
    };
  }

  /** Forgets recorded calls, scripted and enforced limits and failures, and channel histories (users stay). */
  resetCalls(): void {
    this.calls.length = 0;
    this.rateLimits.clear();
    this.rateWindows.clear();
    this.failures.clear();
    this.afterPost = null;
    this.histories.clear();
  }

  async close(): Promise<void> {
    await this.local.close();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    if (url.pathname.startsWith('/respond/') || url.pathname.startsWith('/upload/')) {
      const method = url.pathname.startsWith('/respond/') ? 'respond' : 'upload';
      const call: FakeSlackCall = { method, params: { id: decodeURIComponent(url.pathname.split('/')[2] ?? '') }, token: null, at: Date.now(), status: 200, answeredAt: 0, raw: method === 'upload' ? bytes.toString('latin1') : raw };
      res.on('finish', () => (call.answeredAt = Date.now()));
      this.calls.push(call);
      const held = this.holds.get(method);
      if (held) await held;
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(method === 'upload' ? `OK - ${String(bytes.length)}` : 'ok');
      return;
    }
    if ((req.headers['content-type'] ?? '').includes('application/json') && raw) {
      for (const [k, v] of Object.entries(JSON.parse(raw) as Record<string, unknown>)) params[k] = String(v);
    } else {
      for (const [k, v] of new URLSearchParams(raw)) params[k] = v;
    }
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : (params.token ?? null);
    const method = url.pathname.startsWith('/api/') ? url.pathname.slice(5) : url.pathname;
    const call: FakeSlackCall = { method, params, token, at: Date.now(), status: 200, answeredAt: 0, raw };
    res.on('finish', () => (call.answeredAt = Date.now()));
    this.calls.push(call);

    const held = this.holds.get(method);
    if (held) await held;

    const limit = this.rateLimits.get(method);
    const retryAfter = (limit ? retryAfterFor(limit, call.at) : null) ?? this.rateWindows.get(method)?.check(call.at) ?? null;
    if (retryAfter !== null) {
      call.status = 429;
      res.writeHead(429, { 'retry-after': String(retryAfter), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const failure = this.failures.get(method);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      this.json(res, { ok: false, error: failure.error });
      return;
    }
    if (!token) {
      this.json(res, { ok: false, error: 'not_authed' });
      return;
    }
    const body = this.answer(method, params);
    const after = method === 'chat.postMessage' && this.afterPost && this.afterPost.times > 0 ? this.afterPost : null;
    if (!after) return this.json(res, body);
    after.times -= 1;
    if (after.mode === 'http500') {
      call.status = 500;
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal Server Error');
    } else {
      call.status = 0;
      // hang: no answer until the client gives up (close() drops the connection); reset: drop it now.
      if (after.mode === 'reset') req.socket.destroy();
    }
  }

  private json(res: ServerResponse, body: unknown): void {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private answer(method: string, params: Record<string, string>): unknown {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://tally-test.slack.com/', team: 'Tally Test', user: 'tally', team_id: this.options.teamId ?? 'T0TEST', user_id: this.botUserId, bot_id: this.options.botId ?? 'BBOT' };
      case 'conversations.history':
        return this.histories.page(params);
      case 'users.lookupByEmail': {
        const email = (params.email ?? '').toLowerCase();
        const user = this.users.find((u) => u.email?.toLowerCase() === email);
        return user ? { ok: true, user: this.userJson(user) } : { ok: false, error: 'users_not_found' };
      }
      case 'users.info': {
        const user = this.users.find((u) => u.id === params.user);
        return user ? { ok: true, user: this.userJson(user) } : { ok: false, error: 'user_not_found' };
      }
      case 'chat.postMessage':
        return this.post(params);
      case 'chat.update':
        if (/^D/.test(params.channel ?? '') && params.ts && params.text !== undefined) this.histories.edit(params.channel ?? '', params.ts, params.text);
        return { ok: true, channel: params.channel, ts: params.ts, text: params.text };
      case 'conversations.open': {
        const user = params.users ?? '';
        const dm = this.dms.get(user) ?? { id: `D${user.replace(/^U/, '')}`, isIm: true };
        return { ok: true, channel: { id: dm.id, is_im: dm.isIm, user } };
      }
      case 'views.open':
      case 'views.push':
        return { ok: true, view: { id: `V${String(++this.counter)}`, hash: `hash-${String(this.counter)}` } };
      case 'views.update':
        return { ok: true, view: { id: params.view_id, hash: `hash-${String(++this.counter)}` } };
      case 'files.getUploadURLExternal': {
        const id = `F${String(++this.counter)}`;
        return { ok: true, file_id: id, upload_url: `${this.local.url}/upload/${id}` };
      }
      case 'files.completeUploadExternal':
        return { ok: true, files: JSON.parse(params.files ?? '[]') as unknown[] };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  /** Posts; a post into a DM (D…) is kept in that channel's history, with its metadata. */
  private post(params: Record<string, string>): unknown {
    const channel = params.channel ?? '';
    const ts = this.nextTs();
    const metadata = params.metadata ? (JSON.parse(params.metadata) as FakeSlackMessage['metadata']) : undefined;
    if (/^D[A-Z0-9]+$/.test(channel)) {
      this.histories.keep(channel, { ts, type: 'message', user: this.botUserId, bot_id: this.options.botId ?? 'BBOT', ...(params.text !== undefined ? { text: params.text } : {}), ...(metadata ? { metadata } : {}) });
    }
    return { ok: true, channel, ts, message: { text: params.text } };
  }

  /** Slack's ts: the wall clock in seconds with microseconds, unique and rising within the fake. */
  private nextTs(): string {
    this.counter = Math.max(this.counter + 1, Date.now() * 1000);
    return `${String(Math.floor(this.counter / 1_000_000))}.${String(this.counter % 1_000_000).padStart(6, '0')}`;
  }

  private userJson(user: FakeSlackUser): unknown {
    return { id: user.id, team_id: 'T0TEST', name: user.id.toLowerCase(), deleted: user.deleted ?? false, is_bot: user.isBot ?? false, profile: { ...(user.email ? { email: user.email } : {}), real_name: user.id } };
  }
}
