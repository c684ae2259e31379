import { once } from 'node:events';
import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';
import { openDatabase } from '../../src/db/connection.js';
import type { TestDatabase } from './test-database.js';

/** One message a PostgreSQL client sent (after the startup message), as the proxy saw it. */
export interface FrontendMessage {
  /** The type byte as a character: 'Q' simple query, 'P' parse, 'B' bind, 'X' terminate… */
  readonly type: string;
  /** The SQL text of a 'Q' or 'P' message; '' for others. */
  readonly sql: string;
}

/** True for the message that commits a transaction (simple query or extended-protocol Parse). */
export function isCommit(message: FrontendMessage): boolean {
  return (message.type === 'Q' || message.type === 'P') && /^\s*(commit|end)\b/i.test(message.sql);
}

/**
 * A TCP proxy between a pg pool and PostgreSQL, for hostile tests: it forwards bytes both ways and
 * can hold them (slow), cut every connection (drop) or cut the one connection that is about to send
 * a given message (a COMMIT) before that message reaches the server.
 */
export interface TcpProxy {
  /** The target URL with host and port replaced by the proxy's (same user, database, parameters). */
  readonly url: string;
  /** Connections opened through the proxy so far. */
  readonly opened: number;
  /** Connections the proxy cut. */
  readonly dropped: number;
  /** Every chunk (both directions) that arrives in the next `forMs` is held `delayMs` before it goes on; order is kept. */
  slow(delayMs: number, forMs: number): void;
  /** Cuts every open connection now (TCP reset to the client, close to the server); returns how many. */
  dropAll(): number;
  /**
   * Cuts the connection whose next client message matches, before forwarding that message; once.
   * Resolves with the message when it has happened.
   */
  dropWhen(matches: (message: FrontendMessage) => boolean): Promise<FrontendMessage>;
  close(): Promise<void>;
}

interface Pending {
  readonly data: Buffer;
  readonly releaseAt: number;
}

/** Writes chunks to a socket in order, each no earlier than its release time. */
class HeldPipe {
  private readonly queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly to: Socket, private readonly delayFor: () => number) {}

  push(data: Buffer): void {
    const last = this.queue.at(-1)?.releaseAt ?? 0;
    this.queue.push({ data, releaseAt: Math.max(last, Date.now() + this.delayFor()) });
    this.pump();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.queue.length = 0;
  }

  private pump(): void {
    clearTimeout(this.timer);
    while (this.queue.length > 0 && (this.queue[0]?.releaseAt ?? 0) <= Date.now()) {
      const next = this.queue.shift();
      if (next && !this.to.destroyed) this.to.write(next.data);
    }
    const head = this.queue[0];
    if (head) this.timer = setTimeout(() => this.pump(), head.releaseAt - Date.now());
  }
}

/** Splits the client's byte stream into whole protocol messages (the first one has no type byte). */
class FrontendParser {
  private buffer = Buffer.alloc(0);
  private started = false;

  /** Whole messages with their bytes; a partial message waits for the rest. */
  feed(chunk: Buffer): { bytes: Buffer; message: FrontendMessage | null }[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const out: { bytes: Buffer; message: FrontendMessage | null }[] = [];
    for (;;) {
      if (!this.started) {
        if (this.buffer.length < 8) break;
        const length = this.buffer.readInt32BE(0);
        if (this.buffer.length < length) break;
        // 196608 = protocol 3.0: the startup message; SSL/GSS requests come before it, untyped too.
        if (this.buffer.readInt32BE(4) === 196608) this.started = true;
        out.push({ bytes: this.buffer.subarray(0, length), message: null });
        this.buffer = this.buffer.subarray(length);
        continue;
      }
      if (this.buffer.length < 5) break;
      const total = 1 + this.buffer.readInt32BE(1);
      if (this.buffer.length < total) break;
      const bytes = this.buffer.subarray(0, total);
      out.push({ bytes, message: describe(bytes) });
      this.buffer = this.buffer.subarray(total);
    }
    return out;
  }
}

function describe(bytes: Buffer): FrontendMessage {
  const type = String.fromCharCode(bytes[0] ?? 0);
  const body = bytes.subarray(5);
  const cString = (from: number) => {
    const end = body.indexOf(0, from);
    return { text: body.toString('utf8', from, end < 0 ? body.length : end), next: end + 1 };
  };
  if (type === 'Q') return { type, sql: cString(0).text };
  if (type === 'P') return { type, sql: cString(cString(0).next).text };
  return { type, sql: '' };
}

interface Link {
  readonly client: Socket;
  readonly server: Socket;
  readonly pipes: readonly HeldPipe[];
}

/** Starts a proxy on 127.0.0.1 (a free port) in front of the PostgreSQL server of `targetUrl`. */
export async function startTcpProxy(targetUrl: string): Promise<TcpProxy> {
  const target = new URL(targetUrl);
  const links = new Set<Link>();
  const watchers: { matches: (m: FrontendMessage) => boolean; resolve: (m: FrontendMessage) => void }[] = [];
  let slowUntil = 0;
  let delayMs = 0;
  let opened = 0;
  let dropped = 0;
  const delayFor = () => (Date.now() < slowUntil ? delayMs : 0);

  const cut = (link: Link): boolean => {
    if (!links.delete(link)) return false;
    for (const pipe of link.pipes) pipe.stop();
    link.client.resetAndDestroy();
    link.server.destroy();
    return true;
  };
  const drop = (link: Link) => {
    if (cut(link)) dropped += 1;
  };

  const server = createServer((client) => {
    opened += 1;
    const upstream = createConnection({ host: target.hostname, port: Number(target.port || 5432) });
    const toServer = new HeldPipe(upstream, delayFor);
    const toClient = new HeldPipe(client, delayFor);
    const link: Link = { client, server: upstream, pipes: [toServer, toClient] };
    links.add(link);
    const parser = new FrontendParser();
    client.on('data', (chunk: Buffer) => {
      for (const { bytes, message } of parser.feed(chunk)) {
        const watcher = message ? watchers.find((w) => w.matches(message)) : undefined;
        if (watcher && message) {
          watchers.splice(watchers.indexOf(watcher), 1);
          drop(link);
          watcher.resolve(message);
          return;
        }
        toServer.push(Buffer.from(bytes));
      }
    });
    upstream.on('data', (chunk: Buffer) => toClient.push(chunk));
    const end = () => {
      if (!links.delete(link)) return;
      for (const pipe of link.pipes) pipe.stop();
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      socket.on('error', end);
      socket.on('close', end);
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);

  return {
    url: url.toString(),
    get opened() {
      return opened;
    },
    get dropped() {
      return dropped;
    },
    slow(delay, forMs) {
      delayMs = delay;
      slowUntil = Date.now() + forMs;
    },
    dropAll() {
      const all = [...links];
      for (const link of all) drop(link);
      return all.length;
    },
    dropWhen(matches) {
      return new Promise((resolve) => watchers.push({ matches, resolve }));
    },
    async close() {
      for (const link of [...links]) cut(link);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The test's PostgreSQL schema opened a second time, through the proxy: a TestDatabase to hand to
 * the app (startTally) while the test seeds and inspects through the direct one. `close` closes
 * only this pool; reset is the direct database's.
 */
export async function openThroughProxy(direct: TestDatabase, proxy: TcpProxy, poolSize = 4): Promise<TestDatabase> {
  if (direct.kind !== 'postgres' || direct.handle.schema === null) throw new Error('a proxy needs the PostgreSQL test database');
  const handle = await openDatabase({ url: proxy.url, dataDir: '', schema: direct.handle.schema, poolSize });
  return { ...direct, handle, db: handle.db, close: () => handle.close() };
}
