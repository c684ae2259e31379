import { once } from 'node:events';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP server listening on 127.0.0.1 for one test. */
export interface LocalServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  readonly server: Server;
  /** Drops open (keep-alive) connections and waits until the server has closed. */
  close(): Promise<void>;
}

/**
 * Serves `app` on 127.0.0.1, on a free port. An express app is a RequestListener too (this is
 * what its own `listen` does); plain listeners keep their parameter types inferred.
 */
export async function listenLocally(app: RequestListener): Promise<LocalServer> {
  const server = createServer(app);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
