import { AppError } from '../core/errors.js';
import type { Client, Matter } from '../core/firm.js';
import { closestMatch, didYouMean } from '../core/suggest.js';
import type { Db } from '../db/connection.js';
import { listClients } from '../db/repositories/client.repository.js';
import { listMatters } from '../db/repositories/matter.repository.js';

/**
 * The client a person means by "acme", "ACME" or "Acme Corp": its code, an alias or its name,
 * case-insensitively. Unknown → NOT_FOUND with the closest names to try. Callers check the
 * person's role BEFORE calling, so a refusal never reveals whether a client exists.
 */
export async function findClientByWord(db: Db, word: string): Promise<Client> {
  const wanted = word.trim().toLowerCase();
  const clients = await listClients(db);
  const hit = clients.find((c) => c.code.toLowerCase() === wanted) ?? clients.find((c) => c.aliases.some((a) => a.toLowerCase() === wanted) || c.name.toLowerCase() === wanted);
  if (hit) return hit;
  throw new AppError('NOT_FOUND', `unknown client "${word.trim()}"${clientSuggestion(clients, wanted)}`);
}

/** ` — did you mean ACME (Acme Corp)?` for the client whose code or alias is closest to the word, else ''. */
export function clientSuggestion(clients: readonly Client[], word: string): string {
  const wanted = word.trim().toLowerCase();
  const names = clients.flatMap((c) => [c.code.toLowerCase(), ...c.aliases.map((a) => a.toLowerCase())]);
  const guess = closestMatch(wanted, names);
  const suggestion = guess ? clients.find((c) => c.code.toLowerCase() === guess || c.aliases.some((a) => a.toLowerCase() === guess)) : undefined;
  return suggestion ? ` — did you mean ${suggestion.code} (${suggestion.name})?` : '';
}

/** The words of a name, lower case: "Acme v. Beta Industries" → acme, v, beta, industries. */
function nameWords(name: string): string[] {
  return name.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
}

/** A word of 3+ characters starting one of the name's words ("corp" → "Globex Corporation"). */
function startsAWord(wanted: string, name: string): boolean {
  return wanted.length >= 3 && nameWords(name).some((w) => w.startsWith(wanted));
}

/**
 * Every client a word may mean: those whose code, an alias or the whole name is the word; when none
 * is, those with a name word it begins ("corp" → Acme Corp and Globex Corporation). Several → the
 * person picks; none → see {@link clientSuggestion}. Pure, over a list from the caller.
 */
export function clientCandidates(clients: readonly Client[], word: string): Client[] {
  const wanted = word.trim().toLowerCase();
  if (wanted === '') return [];
  const exact = clients.filter((c) => c.code.toLowerCase() === wanted || c.name.toLowerCase() === wanted || c.aliases.some((a) => a.toLowerCase() === wanted));
  if (exact.length > 0) return exact;
  return clients.filter((c) => startsAWord(wanted, c.name) || c.aliases.some((a) => startsAWord(wanted, a)));
}

/** The open matters a word may mean, and a did-you-mean hint for when there are none. */
export interface MatterLookup {
  readonly matters: readonly Matter[];
  /** ` — did you mean "acme-001"?` or ''. */
  readonly hint: string;
}

/**
 * The open matters a person means by a word: the matter with that code (CONFLICT when it is closed);
 * else the open matters of every client the word names (see {@link clientCandidates}) and those
 * whose code or a name word it begins ("beta" → Acme v. Beta Industries), ordered by code.
 */
export async function findOpenMatters(db: Db, word: string): Promise<MatterLookup> {
  const wanted = word.trim().toLowerCase();
  const [clients, matters] = await Promise.all([listClients(db), listMatters(db)]);
  const byCode = matters.find((m) => m.code.toLowerCase() === wanted);
  if (byCode?.status === 'open') return { matters: [byCode], hint: '' };
  if (byCode) throw new AppError('CONFLICT', `matter ${byCode.code} is closed — time goes only on open matters`);
  const open = matters.filter((m) => m.status === 'open');
  const clientIds = new Set(clientCandidates(clients, wanted).map((c) => c.id));
  const hits = open.filter((m) => clientIds.has(m.clientId) || startsAWord(wanted, m.name) || (wanted.length >= 3 && m.code.toLowerCase().startsWith(wanted)));
  if (hits.length > 0) return { matters: hits, hint: '' };
  const names = [...open.map((m) => m.code.toLowerCase()), ...clients.flatMap((c) => [c.code.toLowerCase(), ...c.aliases.map((a) => a.toLowerCase())])];
  return { matters: [], hint: didYouMean(wanted, names) };
}
