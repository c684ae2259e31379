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
  status: number;
}

const BLOCKED = { error: { code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' } };

/**
 * A local stand-in for the Bot Connector REST API (v3) that Teams' serviceUrl points at: it opens
 * 1:1 conversations (`POST /v3/conversations` → 201 `{ id }`), accepts sends and replies (201
 * `{ id }`) and updates (200 `{ id }`), records every call with its token, answers 401 to a
 * missing or wrong token and 403 ConversationBlockedByUser for users or conversations the test
 * blocked. Point the serviceUrl at {@link BotConnectorFake.serviceUrl}.
 */
export class BotConnectorFake {
  readonly calls: ConnectorCall[] = [];
  private readonly blockedUsers = new Set<string>();
  private readonly blockedConversations = new Set<string>();
  private readonly conversationsByUser = new Map<string, string>();
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
    return this.calls.filter((c) => (c.kind === 'send' || c.kind === 'reply') && c.conversationId === conversationId);
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
    const call: ConnectorCall = { kind, method: req.method ?? '', path, conversationId, activityId, token: auth?.startsWith('Bearer ') ? auth.slice(7) : null, body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {}, status: 0 };
    this.calls.push(call);
    const answer = (status: number, body: unknown) => {
      call.status = status;
      res.writeHead(status, { 'content-type': 'application/json' });
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
    return answer(201, { id: `activity-${String((this.sequence += 1))}` });
  }
}
