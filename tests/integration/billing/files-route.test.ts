import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fileLink, fileSigningKey } from '../../../src/billing/file-links.service.js';
import { signFileToken } from '../../../src/billing/file-token.js';
import { compileInvoices } from '../../../src/billing/invoice-compile.service.js';
import { finalizeInvoice } from '../../../src/billing/invoice-finalize.service.js';
import { loadConfig } from '../../../src/config.js';
import { parsePeriod } from '../../../src/core/period.js';
import { createApp } from '../../../src/server.js';
import { quietLogger } from '../../support/capture-harness.js';
import { NOW, SHELL, seedApprovedMarch } from '../../support/billing-harness.js';
import { parseLedes } from '../../support/ledes-parser.js';
import { databaseKinds, useTestDatabase } from '../../support/test-database.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.close();
    await once(s, 'close');
  }
});

describe.each(databaseKinds())('GET /files/:token on %s', (kind) => {
  const t = useTestDatabase(kind);

  async function serve(): Promise<string> {
    const app = createApp({ config: loadConfig({}, process.cwd()), database: t.current.handle, logger: quietLogger });
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('serves the invoice file a signed link names, and nothing for a forged, altered or expired one', async () => {
    await seedApprovedMarch(t.current.db);
    const doc = (await compileInvoices(t.current.db, { client: 'acme', period: parsePeriod('march 2026', '2026-04-02'), actor: SHELL })).invoices[0];
    await finalizeInvoice(t.current.db, doc?.id ?? '', SHELL, NOW);
    const base = await serve();
    const link = await fileLink(t.current.db, { publicUrl: base, secretKey: null, now: new Date() }, doc?.id ?? '', 'ledes');
    const ok = await fetch(link);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-disposition')).toBe('attachment; filename="2026-0001.txt"');
    expect(parseLedes(await ok.text()).problems).toEqual([]);

    const key = await fileSigningKey(t.current.db, null);
    const expired = signFileToken({ invoiceId: doc?.id ?? '', format: 'ledes', expires: Math.floor(Date.now() / 1000) - 1 }, key);
    const forged = signFileToken({ invoiceId: doc?.id ?? '', format: 'ledes', expires: Math.floor(Date.now() / 1000) + 60 }, 'not-the-key');
    const other = signFileToken({ invoiceId: '00000000-0000-4000-8000-000000000000', format: 'ledes', expires: Math.floor(Date.now() / 1000) + 60 }, key);
    for (const token of [expired, forged, other, `${link.split('/').pop()}x`, 'list']) {
      const res = await fetch(`${base}/files/${token}`);
      expect(res.status, token).toBe(404);
      expect(await res.json()).toEqual({ error: 'not found' });
    }
    expect((await fetch(`${base}/files/`)).status).toBe(404);
  });
});
