import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { listenLocally, type LocalServer } from '../local-server.js';

/** A chat message as the fake reads it from a request. */
export interface FakeChatMessage {
  readonly role: string;
  readonly content: string;
}

/** One POST /v1/chat/completions the fake received. */
export interface FakeChatRequest {
  /** The parsed JSON body, exactly as sent. */
  readonly body: Readonly<Record<string, unknown>>;
  /** The raw body text (to assert that something was never sent). */
  readonly raw: string;
  readonly messages: readonly FakeChatMessage[];
  readonly headers: IncomingHttpHeaders;
  /** When it arrived (Date.now()). */
  readonly at: number;
  /** Characters of all message contents. */
  readonly promptChars: number;
  /** A rough token count: promptChars / 4, rounded up (for benchmarks, not billing). */
  readonly promptTokens: number;
  /** The HTTP status answered; 0 while pending or when the client went away first. */
  status: number;
  /** True when the client closed the connection before the answer (its timeout fired). */
  abandoned: boolean;
}

/** How the fake answers one request. */
export type FakeOpenAiReply =
  /** A structured answer: `build` returns the object that becomes the message content (as JSON). */
  | { readonly kind: 'answer'; readonly build: (request: FakeChatRequest) => unknown }
  /** A refusal: content null, `refusal` set, finish_reason "stop". */
  | { readonly kind: 'refusal'; readonly refusal?: string }
  /** finish_reason "length" with a cut-off JSON content. */
  | { readonly kind: 'length' }
  /** Any content as is (invalid JSON, schema-invalid JSON), with an optional finish_reason. */
  | { readonly kind: 'content'; readonly content: string; readonly finishReason?: string }
  /** An HTTP error with an OpenAI-style error body; optional Retry-After / retry-after-ms. */
  | { readonly kind: 'error'; readonly status: number; readonly retryAfter?: string; readonly retryAfterMs?: string }
  /** Waits `delayMs` (the client's timeout should fire first), then replies with `then`. */
  | { readonly kind: 'slow'; readonly delayMs: number; readonly then: FakeOpenAiReply };

/** The data entries Tally put in a request's user message (it is JSON: `{"entries":[…]}`). */
export function sentEntries(request: FakeChatRequest): Array<Record<string, unknown>> {
  const user = request.messages.find((m) => m.role === 'user');
  if (!user) return [];
  const parsed = JSON.parse(user.content) as { entries?: Array<Record<string, unknown>> };
  return parsed.entries ?? [];
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function messagesOf(body: Record<string, unknown>): FakeChatMessage[] {
  const raw = Array.isArray(body.messages) ? (body.messages as unknown[]) : [];
  return raw.map((m) => {
    const message = (m ?? {}) as { role?: unknown; content?: unknown };
    return { role: String(message.role ?? ''), content: typeof message.content === 'string' ? message.content : JSON.stringify(message.content ?? '') };
  });
}

/**
 * A local OpenAI-compatible server for POST /v1/chat/completions, on 127.0.0.1 and a free port.
 * Replies are scripted: {@link enqueue} one-shot replies (used first, in order), then the default
 * set by {@link reply}. Every request is recorded with its body and a rough prompt-token count.
 */
export class FakeOpenAiServer {
  readonly requests: FakeChatRequest[] = [];
  private readonly queue: FakeOpenAiReply[] = [];
  private fallback: FakeOpenAiReply;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Set by start(). */
  private local!: LocalServer;
  private sequence = 0;

  private constructor(initial: FakeOpenAiReply) {
    this.fallback = initial;
  }

  /** Starts a fake answering every request with `initial` until told otherwise. */
  static async start(initial: FakeOpenAiReply = { kind: 'answer', build: () => ({ entries: [] }) }): Promise<FakeOpenAiServer> {
    const fake = new FakeOpenAiServer(initial);
    fake.local = await listenLocally((req, res) => void fake.handle(req, res));
    return fake;
  }

  /** The base URL for the SDK (`baseURL`), ending in /v1. */
  get baseUrl(): string {
    return `${this.local.url}/v1`;
  }

  /** The reply for every request from now on (after any queued ones). */
  reply(reply: FakeOpenAiReply): void {
    this.fallback = reply;
  }

  /** One-shot replies for the next requests, in order. */
  enqueue(...replies: FakeOpenAiReply[]): void {
    this.queue.push(...replies);
  }

  /** Forgets recorded requests and queued replies. */
  reset(reply?: FakeOpenAiReply): void {
    this.requests.length = 0;
    this.queue.length = 0;
    if (reply) this.fallback = reply;
  }

  /** Rough prompt tokens of all recorded requests. */
  get promptTokens(): number {
    return this.requests.reduce((sum, r) => sum + r.promptTokens, 0);
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.local.close();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    if (req.method !== 'POST' || req.url?.split('?')[0] !== '/v1/chat/completions') {
      json(res, 404, { error: { message: `no route ${String(req.method)} ${String(req.url)}`, type: 'invalid_request_error' } });
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      json(res, 400, { error: { message: 'body is not JSON', type: 'invalid_request_error' } });
      return;
    }
    const messages = messagesOf(body);
    const promptChars = messages.reduce((sum, m) => sum + m.content.length, 0);
    const request: FakeChatRequest = { body, raw, messages, headers: req.headers, at: Date.now(), promptChars, promptTokens: Math.ceil(promptChars / 4), status: 0, abandoned: false };
    this.requests.push(request);
    res.on('close', () => {
      if (!res.writableFinished) request.abandoned = true;
    });
    this.answer(request, res, this.queue.shift() ?? this.fallback);
  }

  private answer(request: FakeChatRequest, res: ServerResponse, reply: FakeOpenAiReply): void {
    if (reply.kind === 'slow') {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (!request.abandoned && !res.destroyed) this.answer(request, res, reply.then);
      }, reply.delayMs);
      this.timers.add(timer);
      return;
    }
    if (reply.kind === 'error') {
      const headers: Record<string, string> = {};
      if (reply.retryAfter !== undefined) headers['retry-after'] = reply.retryAfter;
      if (reply.retryAfterMs !== undefined) headers['retry-after-ms'] = reply.retryAfterMs;
      request.status = reply.status;
      const type = reply.status === 429 ? 'rate_limit_exceeded' : reply.status >= 500 ? 'server_error' : 'invalid_request_error';
      json(res, reply.status, { error: { message: `fake error ${String(reply.status)}`, type, code: type } }, headers);
      return;
    }
    let content: string | null;
    let refusal: string | null = null;
    let finishReason = 'stop';
    switch (reply.kind) {
      case 'answer':
        content = JSON.stringify(reply.build(request));
        break;
      case 'refusal':
        content = null;
        refusal = reply.refusal ?? "I'm sorry, I can't help with that.";
        break;
      case 'length':
        content = '{"entries":[{"id":"e1","narrative":"Prepare for and att';
        finishReason = 'length';
        break;
      case 'content':
        content = reply.content;
        finishReason = reply.finishReason ?? 'stop';
        break;
    }
    this.sequence += 1;
    request.status = 200;
    const completionTokens = Math.ceil((content ?? refusal ?? '').length / 4);
    json(res, 200, {
      id: `chatcmpl-fake-${String(this.sequence)}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: typeof request.body.model === 'string' ? request.body.model : 'fake-model',
      choices: [{ index: 0, message: { role: 'assistant', content, refusal }, finish_reason: finishReason, logprobs: null }],
      usage: { prompt_tokens: request.promptTokens, completion_tokens: completionTokens, total_tokens: request.promptTokens + completionTokens },
    });
  }
}
