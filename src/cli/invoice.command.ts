import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { compileInvoices, type CompileResult } from '../billing/invoice-compile.service.js';
import { loadInvoiceDocument } from '../billing/invoice-document.service.js';
import { finalizeInvoice, voidInvoice } from '../billing/invoice-finalize.service.js';
import { renderInvoiceFile, type InvoiceFormat, INVOICE_FORMATS } from '../billing/renderers/invoice-file.js';
import { localDateOf, parseLocalDate } from '../core/dates.js';
import { AppError } from '../core/errors.js';
import { parsePeriod } from '../core/period.js';
import { getFirm } from '../db/repositories/firm.repository.js';
import { actorFor } from './cli-actor.js';
import { withDatabase } from './cli-context.js';
import type { CliIo } from './cli-io.js';
import { formatPrebill } from './invoice-summary.js';

interface InvoiceOptions {
  matter?: string;
  finalize?: boolean;
  format?: string;
  out?: string;
  asOf?: string;
  as?: string;
  reason?: string;
}

function parseFormat(value: string | undefined): InvoiceFormat | undefined {
  if (value === undefined) return undefined;
  const format = value.trim().toLowerCase();
  if ((INVOICE_FORMATS as readonly string[]).includes(format)) return format as InvoiceFormat;
  throw new AppError('INVALID_INPUT', `unknown format "${value}" — use one of ${INVOICE_FORMATS.join(', ')}`);
}

async function runVoid(io: CliIo, args: readonly string[], options: InvoiceOptions): Promise<void> {
  const [number, ...extra] = args;
  if (!number || extra.length > 0) throw new AppError('INVALID_INPUT', 'usage: tally invoice void NUMBER --reason TEXT');
  if (!options.reason) throw new AppError('INVALID_INPUT', '--reason is required to void an invoice');
  const result = await withDatabase(io, async ({ db }) => voidInvoice(db, number, options.reason as string, await actorFor(db, options.as), io.now()));
  io.stdout(`voided ${result.number}: ${result.entries} entries are approved again (the number is not reused)\n`);
}

/** `tally invoice CLIENT PERIOD…`: the pre-bill, optionally finalized, and its files. */
export function registerInvoice(program: Command, io: CliIo): void {
  program
    .command('invoice')
    .description('compile a client\'s pre-bill for a period (one invoice per matter), finalize it, write PDF/LEDES/CSV/JSON;\n`tally invoice void NUMBER --reason TEXT` voids an issued invoice')
    .argument('<client>', 'client code, alias or name (e.g. acme)')
    .argument('[period...]', 'e.g. march, "mar 2026", q1, "last month", 2026-03-01..2026-03-15, ytd')
    .option('--matter <code>', 'only this matter')
    .option('--finalize', 'issue the invoices: number them and mark their entries billed')
    .option('--format <format>', `write the invoices as ${INVOICE_FORMATS.join(', ')} (to stdout unless --out)`)
    .option('--out <file>', 'write the chosen format to this file')
    .option('--as-of <date>', 'today, for reading the period (default: today in the firm\'s timezone)')
    .option('--as <email>', 'act as this person (billing or admin role required)')
    .option('--reason <text>', 'with void: why the invoice is voided')
    .action(async (client: string, periodWords: string[], options: InvoiceOptions) => {
      if (client.toLowerCase() === 'void') return runVoid(io, periodWords, options);
      const format = parseFormat(options.format);
      if (format === 'pdf' && !options.out) throw new AppError('INVALID_INPUT', 'a PDF is binary: give --out FILE.pdf');
      const { result, file } = await withDatabase(io, async ({ db }) => {
        const firm = await getFirm(db);
        const asOf = options.asOf ? parseLocalDate(options.asOf) : localDateOf(io.now(), firm?.timezone ?? 'UTC');
        const period = parsePeriod(periodWords, asOf);
        const actor = await actorFor(db, options.as);
        let compiled: CompileResult = await compileInvoices(db, { client, period, actor, ...(options.matter ? { matter: options.matter } : {}) });
        if (options.finalize) {
          for (const doc of compiled.invoices) await finalizeInvoice(db, doc.id, actor, io.now());
          compiled = { ...compiled, invoices: await Promise.all(compiled.invoices.map((d) => loadInvoiceDocument(db, d.id))) };
        }
        const file = format && compiled.invoices.length > 0 ? await renderInvoiceFile(format, compiled) : null;
        return { result: compiled, file };
      });
      const summary = formatPrebill(result);
      if (file && options.out) {
        await writeFile(resolve(io.cwd, options.out), file.body);
        io.stdout(`${summary}wrote ${options.out}\n`);
      } else if (file) {
        io.stdout(String(file.body));
        io.stderr(summary);
      } else io.stdout(summary);
    });
}
