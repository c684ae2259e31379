import { BackgroundWork } from '../../src/bots/slack/background-work.js';
import type { SlackEdge } from '../../src/bots/slack/slack-app.js';
import type { ChatContext, InvoiceAction, ReviewAction } from '../../src/bots/views/actions.js';
import type { ChatCore, CommandName } from '../../src/bots/views/chat-core.js';
import type { Reply } from '../../src/bots/views/reply.js';
import { loadConfig } from '../../src/config.js';
import type { Logger } from '../../src/core/logger.js';
import { createApp } from '../../src/server.js';
import type { FakeSlackApi } from './fakes/fake-slack-api.js';
import { listenLocally } from './local-server.js';
import type { TestDatabase } from './test-database.js';

export const SECRET = 'test-signing-secret-8f2c1e';
const SECRET_KEY = 'test-secret-key-0123456789abcdefghijklmnop';

export type CoreCall =
  | { readonly method: 'command'; readonly ctx: ChatContext; readonly name: CommandName; readonly text: string }
  | { readonly method: 'review'; readonly ctx: ChatContext; readonly action: ReviewAction }
  | { readonly method: 'invoice'; readonly ctx: ChatContext; readonly action: InvoiceAction };

/**
 * A ChatCore that records what the edge asked and answers what the test scripted: the Slack edge's
 * contract is "verified delivery in, Reply placed", and this shows both sides of it. With `inner`
 * (the real core createApp would build) it records and passes every call through.
 */
export class ScriptedCore implements ChatCore {
  readonly calls: CoreCall[] = [];
  answer: (call: CoreCall) => Reply | Promise<Reply> = () => ({ kind: 'text', text: 'ok' });

  constructor(inner?: ChatCore) {
    if (inner) {
      this.answer = (call) => (call.method === 'command' ? inner.command(call.ctx, call.name, call.text) : call.method === 'review' ? inner.review(call.ctx, call.action) : inner.invoice(call.ctx, call.action));
    }
  }

  async command(ctx: ChatContext, name: CommandName, text: string): Promise<Reply> {
    return this.record({ method: 'command', ctx, name, text });
  }

  async review(ctx: ChatContext, action: ReviewAction): Promise<Reply> {
    return this.record({ method: 'review', ctx, action });
  }

  async invoice(ctx: ChatContext, action: InvoiceAction): Promise<Reply> {
    return this.record({ method: 'invoice', ctx, action });
  }

  private async record(call: CoreCall): Promise<Reply> {
    this.calls.push(call);
    return this.answer(call);
  }
}

export interface LogEntry {
  readonly level: string;
  readonly fields: object;
  readonly message: string | undefined;
}

export function recordingLogger(): { logger: Logger; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const make = (bindings: object): Logger => {
    const at = (level: string) => (fields: object, message?: string) => void entries.push({ level, fields: { ...bindings, ...fields }, message });
    return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: (more) => make({ ...bindings, ...more }) };
  };
  return { logger: make({}), entries };
}

export interface RunningTally {
  readonly url: string;
  readonly background: BackgroundWork;
  readonly logs: LogEntry[];
  close(): Promise<void>;
}

export interface StartTallyOptions {
  /** Replaces the chat core createApp would build (edge-contract tests). */
  readonly core?: ChatCore;
  /** Config variables added to (or overriding) the Slack test config. */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Wait for bolt's auth.test before answering (default). False leaves it to the first request,
   * as a freshly started server does (tests of the 503-while-not-ready path).
   */
  readonly awaitReady?: boolean;
}

/**
 * The real server (src/server.ts createApp) on a free port with Slack configured and pointed at the
 * fake Web API. Without `core` createApp builds the real chat core; a ScriptedCore given here
 * replaces it (edge-contract tests).
 */
export async function startTally(database: TestDatabase, fake: FakeSlackApi, options: StartTallyOptions = {}): Promise<RunningTally> {
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.url, LOG_LEVEL: 'silent',
    TALLY_SECRET_KEY: SECRET_KEY, PUBLIC_URL: 'https://tally.test.example', ...options.env,
  });
  if (!config.slack) throw new Error('test config has no Slack');
  const background = new BackgroundWork();
  const { logger, entries } = recordingLogger();
  const mounted: { edge?: SlackEdge } = {};
  const app = createApp({
    config, database: database.handle, logger, background,
    ...(options.core ? { core: options.core } : {}),
    slack: { mounted: (edge) => (mounted.edge = edge) },
  });
  if (options.awaitReady ?? true) await mounted.edge?.ready();
  const local = await listenLocally(app);
  return {
    url: local.url,
    background,
    logs: entries,
    close: async () => {
      await background.idle();
      await local.close();
    },
  };
}

/** Calls the fake saw other than bolt's own auth.test. */
export function outboundCalls(fake: FakeSlackApi): string[] {
  return fake.calls.filter((c) => c.method !== 'auth.test').map((c) => c.method);
}
