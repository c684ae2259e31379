import type { Express } from 'express';
import { checkFileToken } from '../billing/file-links.service.js';
import { loadInvoiceDocument } from '../billing/invoice-document.service.js';
import { prebillJson, renderInvoiceFile } from '../billing/renderers/invoice-file.js';
import type { Logger } from '../core/logger.js';
import { isAppError } from '../core/errors.js';
import type { Db } from '../db/connection.js';

/**
 * GET /files/:token — one invoice file through a signed, expiring token. Anything that is not a
 * valid token of ours gets the same plain 404: no listing, no guessing, no hint why.
 */
export function mountFiles(app: Express, deps: { db: Db; secretKey: string | null; logger: Logger; now?: () => Date }): void {
  app.get('/files/:token', async (req, res) => {
    const grant = await checkFileToken(deps.db, deps.secretKey, req.params.token, (deps.now ?? (() => new Date()))());
    if (!grant) {
      res.status(404).json({ error: 'not found' });
      return;
    }
    try {
      const doc = await loadInvoiceDocument(deps.db, grant.invoiceId);
      const period = { start: doc.periodStart, end: doc.periodEnd, label: `${doc.periodStart} to ${doc.periodEnd}` };
      const file = grant.format === 'json'
        ? { body: prebillJson({ client: doc.client, period, invoices: [doc] }), contentType: 'application/json', extension: 'json' }
        : await renderInvoiceFile(grant.format, { client: doc.client, period, invoices: [doc] });
      const name = `${doc.number ?? `prebill-${doc.matter.code}`}.${file.extension}`.replace(/[^A-Za-z0-9._-]/g, '_');
      res.setHeader('Content-Type', file.contentType);
      res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
      res.setHeader('Cache-Control', 'private, no-store');
      res.send(file.body);
    } catch (error) {
      if (isAppError(error, 'NOT_FOUND')) {
        res.status(404).json({ error: 'not found' });
        return;
      }
      deps.logger.error({ invoiceId: grant.invoiceId, err: error instanceof Error ? error.message : String(error) }, 'file download failed');
      res.status(500).json({ error: 'internal error' });
    }
  });
}
