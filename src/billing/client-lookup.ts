import { AppError } from '../core/errors.js';
import type { Client } from '../core/firm.js';
import { closestMatch } from '../core/suggest.js';
import type { Db } from '../db/connection.js';
import { listClients } from '../db/repositories/client.repository.js';

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
  const names = clients.flatMap((c) => [c.code.toLowerCase(), ...c.aliases.map((a) => a.toLowerCase())]);
  const guess = closestMatch(wanted, names);
  const suggestion = guess ? clients.find((c) => c.code.toLowerCase() === guess || c.aliases.some((a) => a.toLowerCase() === guess)) : undefined;
  throw new AppError('NOT_FOUND', `unknown client "${word.trim()}"${suggestion ? ` — did you mean ${suggestion.code} (${suggestion.name})?` : ''}`);
}
