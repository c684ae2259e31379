import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenLocally, type LocalServer } from '../local-server.js';

/** One request the fake Bot Connector received. */
export interface ConnectorCall {
  readonly kind: 'createConversation' | 'send' | 'reply' | 'update' | 'other';
  readonly method: string;
  readonly path: string;
  readonly conversationId: string | null;
  readonly activityId: string | null;
  /** The bearer token sent, or null. */
  readonly token: string | null;
  readonly body: Record<string, unknown>;
  /** The HTTP status answered; 0 while none (or never, for a hung send). */
  status: number;
  /** When it arrived (Date.now()). */
  readonly at: number;
  /** When the answer was sent (Date.now()); 0 while none. */
  answeredAt: number;
  /** For sends and replies: whether the message is in the conversation (true also for a 500 after accepting). */
  landed: boolean;
}

/** A scripted answer for the next sends (POST of an activity into a conversation, new or reply). */
interface SendScript {
  /** Sends it still applies to (ignored with `until`). */
  times: number;
  /** Epoch ms: applies to every send before it instead. */
  readonly until: number | null;
  readonly answer: { readonly kind: 'status'; readonly status: number; readonly code: string; readonly retryAfter: string | null } | { readonly kind: 'hang' };
  /** Whether the message lands although the answer says otherwise. */
  readonly landed: boolean;
}

const BLOCKED = { error: { code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' } };

/**
 * A local stand-in for the Bot Connector REST API (v3) that Teams' serviceUrl points at: it opens
 * 1:1 conversations (`POST /v3/conversations` → 201 `{ id }`), accepts sends and replies (201
 * `{ id }`) and updates (200 `{ id }`), records every call with its token, answers 401 to a
 * missing or wrong token and 403 ConversationBlockedByUser for users or conversations the test
 * blocked. Sends can be scripted to answer 429 with Retry-After (next N, or until a time), any other
 * status (a 5xx after accepting the message by default), or no answer at all. Every call records
 * when it arrived and was answered. Point the serviceUrl at {@link BotConnectorFake.serviceUrl}.
 */
export class BotConnectorFake {
  readonly calls: ConnectorCall[] = [];
  private readonly blockedUsers = new Set<string>();
  private readonly blockedConversations = new Set<string>();
  private readonly conversationsByUser = new Map<string, string>();
  private readonly scripts: SendScript[] = [];
  private sequence = 0;
  /** Set by start(). */
  private local!: LocalServer;

  private constructor(readonly token: string) {}

  /** Starts the fake on 127.0.0.1; it accepts only `Bearer {token}`. */
  static async start(token = 'test-bot-token'): Promise<BotConnectorFake> {
    const fake = new BotConnectorFake(token);
    fake.local = await listenLocally((req, res) => void fake.handle(req, res));
    return fake;
  }

  /** The serviceUrl activities carry (trailing slash, as Teams sends it). */
  get serviceUrl(): string {
    return `${this.local.url}/teams/`;
  }

  /** Messages (sends and replies) that landed in one conversation. */
  messagesIn(conversationId: string): ConnectorCall[] {
    return this.calls.filter((c) => (c.kind === 'send' || c.kind === 'reply') && c.landed && c.conversationId === conversationId);
  }

  /**
   * Answers 429 to the next `times` sends (default 1), or with `until` (epoch ms) to every send
   * before then; Retry-After is `retryAfterSeconds` (default 1; null sends none).
   */
  rateLimitSends(options: { times?: number; until?: number; retryAfterSeconds?: number | null } = {}): void {
    const seconds = options.retryAfterSeconds === undefined ? 1 : options.retryAfterSeconds;
    this.scripts.push({ times: options.times ?? 1, until: options.until ?? null, landed: false, answer: { kind: 'status', status: 429, code: 'TooManyRequests', retryAfter: seconds === null ? null : String(seconds) } });
  }

  /** Answers `status` to the next `times` sends; a 5xx lands the message first unless `landed` is false. */
  failSends(status: number, options: { times?: number; landed?: boolean; code?: string } = {}): void {
    this.scripts.push({ times: options.times ?? 1, until: null, landed: options.landed ?? status >= 500, answer: { kind: 'status', status, code: options.code ?? `Http${String(status)}`, retryAfter: null } });
  }

  /** The next `times` sends get no answer (the message lands unless `landed` is false). */
  hangSends(options: { times?: number; landed?: boolean } = {}): void {
    this.scripts.push({ times: options.times ?? 1, until: null, landed: options.landed ?? true, answer: { kind: 'hang' } });
  }

  /** Forgets recorded calls, scripted answers and blocks (the conversations opened stay). */
  resetCalls(): void {
    this.calls.length = 0;
    this.scripts.length = 0;
    this.blockedUsers.clear();
    this.blockedConversations.clear();
  }

  /** The user (AAD object id as a member) has blocked the bot: creating or sending to their chat answers 403. */
  blockUser(aadObjectId: string): void {
    this.blockedUsers.add(aadObjectId);
  }

  blockConversation(conversationId: string): void {
    this.blockedConversations.add(conversationId);
  }

  async close(): Promise<void> {
    await this.local.close();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(/^\/teams/, '');
    const auth = req.headers.authorization;
    const match = /^\/v3\/conversations(?:\/([^/]+)\/activities(?:\/([^/]+))?)?$/.exec(path);
    const conversationId = match?.[1] ? decodeURIComponent(match[1]) : null;
    const activityId = match?.[2] ? decodeURIComponent(match[2]) : null;
    const kind: ConnectorCall['kind'] = !match ? 'other' : !conversationId && req.method === 'POST' ? 'createConversation' : req.method === 'PUT' && activityId ? 'update' : req.method === 'POST' && activityId ? 'reply' : req.method === 'POST' ? 'send' : 'other';
    const call: ConnectorCall = { kind, method: req.method ?? '', path, conversationId, activityId, token: auth?.startsWith('Bearer ') ? auth.slice(7) : null, body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {}, status: 0, at: Date.now(), answeredAt: 0, landed: false };
    this.calls.push(call);
    res.on('finish', () => (call.answeredAt = Date.now()));
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (call.token !== this.token) return answer(401, { error: { code: 'Unauthorized', message: 'bad token' } });
    if (kind === 'createConversation') {
      const member = ((call.body.members as { id?: string }[] | undefined) ?? [])[0]?.id ?? '';
      if (this.blockedUsers.has(member)) return answer(403, BLOCKED);
      const id = this.conversationsByUser.get(member) ?? `a:conv-${String((this.sequence += 1))}`;
      this.conversationsByUser.set(member, id);
      return answer(201, { id });
    }
    if (kind === 'other') return answer(404, { error: { code: 'NotFound', message: 'no such route' } });
    const owner = [...this.conversationsByUser.entries()].find(([, id]) => id === conversationId)?.[0];
    if (this.blockedConversations.has(conversationId ?? '') || (owner && this.blockedUsers.has(owner))) return answer(403, BLOCKED);
    if (kind === 'update') return answer(200, { id: activityId });
    const script = this.scriptFor(call.at);
    if (script) {
      call.landed = script.landed;
      if (script.answer.kind === 'hang') return; // close() drops the connection
      const { status, code, retryAfter } = script.answer;
      return answer(status, { error: { code, message: `scripted ${String(status)}` } }, retryAfter === null ? {} : { 'retry-after': retryAfter });
    }
    call.landed = true;
    return answer(201, { id: `activity-${String((this.sequence += 1))}` });
  }

  /** The scripted answer for a send arriving at `at` (using up one of its times), or undefined. */
  private scriptFor(at: number): SendScript | undefined {
    for (;;) {
      const script = this.scripts[0];
      if (!script) return undefined;
      if (script.until !== null ? at < script.until : script.times > 0) {
        if (script.until === null) script.times -= 1;
        return script;
      }
      this.scripts.shift();
    }
  }
}
