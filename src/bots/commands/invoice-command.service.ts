import { clientCandidates, clientSuggestion } from '../../billing/client-lookup.js';
import { compileInvoices, requireBilling } from '../../billing/invoice-compile.service.js';
import { localDateOf } from '../../core/dates.js';
import type { Client } from '../../core/firm.js';
import { parsePeriod } from '../../core/period.js';
import type { Db } from '../../db/connection.js';
import { listClients } from '../../db/repositories/client.repository.js';
import { getFirm } from '../../db/repositories/firm.repository.js';
import type { Reply } from '../views/reply.js';
import { replyOrRefusal, requirePerson, type CommandRequest } from './command-reply.js';
import { buildPreBillView } from './pre-bill.view-builder.js';

export const INVOICE_USAGE = 'Usage: /invoice CLIENT PERIOD — e.g. /invoice acme march (periods: march, q1 2026, last month, ytd, 2026-03-01..2026-03-15)';

/**
 * The client words at the start of the text: the longest run of words that is exactly a client's
 * name or alias ("acme corp march" → "acme corp"), else the first word.
 */
function splitClientWords(clients: readonly Client[], words: readonly string[]): { clientWord: string; periodWords: string[] } {
  for (let n = words.length - 1; n >= 2; n -= 1) {
    const phrase = words.slice(0, n).join(' ').toLowerCase();
    if (clients.some((c) => c.name.toLowerCase() === phrase || c.aliases.some((a) => a.toLowerCase() === phrase))) {
      return { clientWord: words.slice(0, n).join(' '), periodWords: words.slice(n) };
    }
  }
  return { clientWord: words[0] ?? '', periodWords: words.slice(1) };
}

/**
 * `/invoice CLIENT PERIOD…`: the pre-bill card, compiled by the same engine and period parser as
 * `tally invoice` (the period read as of today in the firm's timezone). The billing or admin role is
 * checked before anything is looked up, so a refusal names no client. Several clients match the
 * word → a choice (value: the command with the client code); none → a did-you-mean.
 */
export async function invoiceCommand(db: Db, request: CommandRequest): Promise<Reply> {
  return replyOrRefusal(async () => {
    requirePerson(request.actor);
    await requireBilling(db, request.actor);
    const words = request.text.trim().split(/\s+/).filter((w) => w !== '');
    if (words.length === 0) return { kind: 'text', text: INVOICE_USAGE };
    const clients = await listClients(db);
    const { clientWord, periodWords } = splitClientWords(clients, words);
    const matches = clientCandidates(clients, clientWord);
    const [client] = matches;
    if (client === undefined) return { kind: 'text', text: `Unknown client "${clientWord}"${clientSuggestion(clients, clientWord) || '.'}` };
    if (matches.length > 1) {
      return {
        kind: 'choices',
        text: `"${clientWord}" matches ${String(matches.length)} clients — which one?`,
        choices: matches.map((c) => ({ label: `${c.code} — ${c.name}`, value: [c.code, ...periodWords].join(' ') })),
      };
    }
    if (periodWords.length === 0) return { kind: 'text', text: `Which period? e.g. /invoice ${client.code.toLowerCase()} march or /invoice ${client.code.toLowerCase()} last month` };
    const firm = await getFirm(db);
    const period = parsePeriod(periodWords, localDateOf(request.now, firm?.timezone ?? 'UTC'));
    const result = await compileInvoices(db, { client: client.code, period, actor: request.actor });
    if (result.invoices.length === 0 && result.awaitingOnly.length === 0) {
      return { kind: 'text', text: `Nothing to invoice for ${client.name} in ${period.label}: no approved, unbilled time.` };
    }
    return buildPreBillView({ clientName: client.name, periodLabel: period.label, invoices: result.invoices, awaitingOnly: result.awaitingOnly, currency: firm?.currency ?? 'USD', canVoid: true });
  });
}
