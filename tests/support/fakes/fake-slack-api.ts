import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenLocally, type LocalServer } from '../local-server.js';

/** A message as the fake serves it from conversations.history. */
export interface FakeSlackMessage {
  readonly ts: string;
  readonly user?: string;
  readonly text?: string;
  readonly subtype?: string;
  readonly bot_id?: string;
  readonly thread_ts?: string;
  readonly type?: string;
}

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

interface RateLimit {
  skip: number;
  times: number;
  readonly retryAfterSeconds: number;
}

/**
 * A local stand-in for the Slack Web API, enough for bolt (auth.test) and Tally's capture reads:
 * conversations.history (scripted per channel, newest first, oldest/latest/inclusive honoured,
 * paged with response_metadata.next_cursor), users.lookupByEmail and users.info; and for the chat
 * edge: chat.postMessage / chat.update, conversations.open (a D… IM per user unless scripted),
 * views.open / push / update, files.getUploadURLExternal + the upload URL (method "upload") +
 * files.completeUploadExternal, and response_url answers (method "respond", see
 * {@link FakeSlackApi.responseUrl}). It records every call, can answer 429 with Retry-After for the
 * next N calls of a method, fail a method with a Slack error, or hold a method's answers until the
 * test releases them. Point clients at {@link FakeSlackApi.url} (it ends with "/api/").
 */
export class FakeSlackApi {
  readonly calls: FakeSlackCall[] = [];
  private readonly histories = new Map<string, { messages: FakeSlackMessage[]; pageSize: number }>();
  private readonly users: FakeSlackUser[] = [];
  private readonly rateLimits = new Map<string, RateLimit>();
  private readonly failures = new Map<string, { error: string; times: number }>();
  private readonly holds = new Map<string, Promise<void>>();
  private readonly dms = new Map<string, { id: string; isIm: boolean }>();
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
    this.histories.set(channel, { messages: [...messages], pageSize: options.pageSize ?? 1000 });
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

  /** Answers 429 with Retry-After for `times` calls of `method`, after letting `after` calls through. */
  rateLimit(method: string, options: { times?: number; retryAfterSeconds?: number; after?: number } = {}): void {
    this.rateLimits.set(method, { skip: options.after ?? 0, times: options.times ?? 1, retryAfterSeconds: options.retryAfterSeconds ?? 1 });
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

  /** Forgets recorded calls, scripted limits and failures (histories and users stay). */
  resetCalls(): void {
    this.calls.length = 0;
    this.rateLimits.clear();
    this.failures.clear();
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
    if (limit && limit.skip > 0) {
      limit.skip -= 1;
    } else if (limit && limit.times > 0) {
      limit.times -= 1;
      call.status = 429;
      res.writeHead(429, { 'retry-after': String(limit.retryAfterSeconds), 'content-type': 'application/json' });
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
    this.json(res, this.answer(method, params));
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
        return this.history(params);
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
        return { ok: true, channel: params.channel, ts: this.nextTs(), message: { text: params.text } };
      case 'chat.update':
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

  private nextTs(): string {
    this.counter += 1;
    return `1772470800.${String(this.counter).padStart(6, '0')}`;
  }

  private userJson(user: FakeSlackUser): unknown {
    return { id: user.id, team_id: 'T0TEST', name: user.id.toLowerCase(), deleted: user.deleted ?? false, is_bot: user.isBot ?? false, profile: { ...(user.email ? { email: user.email } : {}), real_name: user.id } };
  }

  private history(params: Record<string, string>): unknown {
    const channel = params.channel ?? '';
    const script = this.histories.get(channel);
    if (!script) return { ok: false, error: 'channel_not_found' };
    const inclusive = params.inclusive === 'true' || params.inclusive === '1';
    const oldest = params.oldest !== undefined ? Number(params.oldest) : 0;
    const latest = params.latest !== undefined ? Number(params.latest) : Number.POSITIVE_INFINITY;
    const inRange = script.messages
      .filter((m) => {
        const ts = Number(m.ts);
        return inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest;
      })
      .sort((a, b) => Number(b.ts) - Number(a.ts));
    const offset = params.cursor ? Number(Buffer.from(params.cursor, 'base64').toString('utf8').replace('offset:', '')) : 0;
    const size = Math.min(Number(params.limit ?? 100), script.pageSize);
    const page = inRange.slice(offset, offset + size);
    const more = offset + size < inRange.length;
    return {
      ok: true,
      messages: page.map((m) => ({ type: 'message', ...m })),
      has_more: more,
      response_metadata: { next_cursor: more ? Buffer.from(`offset:${String(offset + size)}`).toString('base64') : '' },
    };
  }
}
