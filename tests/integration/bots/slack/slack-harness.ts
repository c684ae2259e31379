import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { BackgroundWork } from '../../../../src/bots/slack/background-work.js';
import { mountSlack } from '../../../../src/bots/slack/slack-app.js';
import type { ChatContext, InvoiceAction, ReviewAction } from '../../../../src/bots/views/actions.js';
import type { ChatCore, CommandName } from '../../../../src/bots/views/chat-core.js';
import type { Reply } from '../../../../src/bots/views/reply.js';
import { loadConfig } from '../../../../src/config.js';
import type { Logger } from '../../../../src/core/logger.js';
import type { Db } from '../../../../src/db/connection.js';
import type { FakeSlackApi } from '../../../support/fakes/fake-slack-api.js';

export const SECRET = 'test-signing-secret-8f2c1e';

export type CoreCall =
  | { readonly method: 'command'; readonly ctx: ChatContext; readonly name: CommandName; readonly text: string }
  | { readonly method: 'review'; readonly ctx: ChatContext; readonly action: ReviewAction }
  | { readonly method: 'invoice'; readonly ctx: ChatContext; readonly action: InvoiceAction };

/**
 * A ChatCore that records what the edge asked and answers what the test scripted: the Slack edge's
 * contract is "verified delivery in, Reply placed", and this shows both sides of it.
 */
export class ScriptedCore implements ChatCore {
  readonly calls: CoreCall[] = [];
  answer: (call: CoreCall) => Reply = () => ({ kind: 'text', text: 'ok' });

  async command(ctx: ChatContext, name: CommandName, text: string): Promise<Reply> {
    return this.record({ method: 'command', ctx, name, text });
  }

  async review(ctx: ChatContext, action: ReviewAction): Promise<Reply> {
    return this.record({ method: 'review', ctx, action });
  }

  async invoice(ctx: ChatContext, action: InvoiceAction): Promise<Reply> {
    return this.record({ method: 'invoice', ctx, action });
  }

  private record(call: CoreCall): Reply {
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

export interface RunningEdge {
  readonly url: string;
  readonly background: BackgroundWork;
  readonly logs: LogEntry[];
  close(): Promise<void>;
}

/**
 * Tally's Slack edge on a real express app and port, as createApp mounts it, with the chat core
 * given (createApp does not take one yet), pointed at the fake Web API.
 */
export async function startSlackEdge(db: Db, fake: FakeSlackApi, core: ChatCore): Promise<RunningEdge> {
  const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.url, LOG_LEVEL: 'silent' });
  if (!config.slack) throw new Error('test config has no Slack');
  const background = new BackgroundWork();
  const { logger, entries } = recordingLogger();
  const app = express();
  const edge = mountSlack(app, { config: config.slack, db, logger, background, core });
  app.use((_req, res) => void res.status(404).end());
  await edge.ready();
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    background,
    logs: entries,
    close: async () => {
      await background.idle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Calls the fake saw other than bolt's own auth.test. */
export function outboundCalls(fake: FakeSlackApi): string[] {
  return fake.calls.filter((c) => c.method !== 'auth.test').map((c) => c.method);
}
