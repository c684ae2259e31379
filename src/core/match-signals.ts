import type { Client, Matter } from './firm.js';
import { indexFor, PhraseIndex } from './phrase-index.js';
import { emailDomain } from './text-match.js';

/** A matter the title points at, and the configured word or phrase that did it. */
export interface TitleHit {
  readonly matter: Matter;
  readonly phrase: string;
}

/** A client some participants belong to, with the domains they were seen at. */
export interface DomainHit {
  readonly client: Client;
  readonly domains: readonly string[];
}

/** Text the matcher reads: file names use "_" between words, so it counts as a space. */
export function matchText(title: string): string {
  return title.replace(/_+/g, ' ');
}

const CODE_INDEXES = new WeakMap<readonly Matter[], PhraseIndex<Matter>>();
const TITLE_INDEXES = new WeakMap<readonly Matter[], PhraseIndex<Matter>>();
const ALIAS_INDEXES = new WeakMap<readonly Client[], PhraseIndex<Client>>();

/** Keeps each value's first hit, in the order the values were configured. */
function firstHits<T>(hits: readonly { phrase: string; value: T }[]): { value: T; phrase: string }[] {
  const seen = new Set<T>();
  return hits.filter((hit) => !seen.has(hit.value) && seen.add(hit.value));
}

/** Open matters whose code stands in the text as a whole token ("ACME-001", not "ACME-0010" or "ACME-001-B"). */
export function mattersByCode(text: string, open: readonly Matter[]): Matter[] {
  const index = indexFor(CODE_INDEXES, open, () => new PhraseIndex(open.map((m) => [m.code, m] as const), '-'));
  return firstHits(index.find(text)).map((hit) => hit.value);
}

/** Matters whose keywords or name appear in the text as whole words, with the first phrase that hit. */
export function mattersByTitle(text: string, matters: readonly Matter[]): TitleHit[] {
  const index = indexFor(TITLE_INDEXES, matters, () => new PhraseIndex(matters.flatMap((m) => [...m.keywords, m.name].filter((p) => p.trim() !== '').map((p) => [p, m] as const))));
  return firstHits(index.find(text)).map((hit) => ({ matter: hit.value, phrase: hit.phrase }));
}

/** Clients named in the text by one of their aliases or their code, with the word that did it. */
export function clientsByAlias(text: string, clients: readonly Client[]): { client: Client; phrase: string }[] {
  const index = indexFor(ALIAS_INDEXES, clients, () => new PhraseIndex(clients.flatMap((c) => [...c.aliases, c.code].filter((p) => p.trim() !== '').map((p) => [p, c] as const))));
  return firstHits(index.find(text)).map((hit) => ({ client: hit.value, phrase: hit.phrase }));
}

const DOMAIN_INDEXES = new WeakMap<readonly Client[], Map<string, Client[]>>();

/** The clients at a domain or at any parent of it ("legal.acme.com" is at "acme.com"). */
function clientsAt(domain: string, index: ReadonlyMap<string, readonly Client[]>): readonly Client[] {
  const found: Client[] = [];
  for (let rest = domain; rest !== ''; rest = rest.includes('.') ? rest.slice(rest.indexOf('.') + 1) : '') {
    found.push(...(index.get(rest) ?? []));
  }
  return found;
}

/** The clients whose domains (or subdomains) the given addresses are at, in client order. */
export function clientsByDomain(emails: readonly string[], clients: readonly Client[]): DomainHit[] {
  const index = indexFor(DOMAIN_INDEXES, clients, () => {
    const map = new Map<string, Client[]>();
    for (const client of clients) for (const d of client.domains) {
      const base = d.trim().toLowerCase();
      if (base !== '') map.set(base, [...(map.get(base) ?? []), client]);
    }
    return map;
  });
  const seen = new Map<Client, Set<string>>();
  for (const email of emails) {
    const domain = emailDomain(email);
    if (domain === null) continue;
    for (const client of clientsAt(domain, index)) seen.set(client, (seen.get(client) ?? new Set()).add(domain));
  }
  return clients.filter((c) => seen.has(c)).map((client) => ({ client, domains: [...(seen.get(client) ?? [])].sort() }));
}

/** Open matters whose Slack channels include the channel id in `meta.channel`. */
export function mattersByChannel(meta: Readonly<Record<string, unknown>>, open: readonly Matter[]): { channel: string; matters: Matter[] } | null {
  const channel = meta['channel'];
  if (typeof channel !== 'string' || channel.trim() === '') return null;
  return { channel, matters: open.filter((matter) => matter.slackChannels.includes(channel)) };
}

/**
 * The matter earlier approved entries with any of these external addresses went to most often,
 * or null when there is none or a tie. Only open matters count.
 */
export function matterByHistory(
  external: readonly string[],
  history: readonly { readonly participants: readonly string[]; readonly matterId: number }[],
  open: readonly Matter[],
): Matter | null {
  const wanted = new Set(external.map((email) => email.trim().toLowerCase()));
  if (wanted.size === 0) return null;
  const votes = new Map<number, number>();
  for (const entry of history) {
    if (entry.participants.some((email) => wanted.has(email.trim().toLowerCase()))) {
      votes.set(entry.matterId, (votes.get(entry.matterId) ?? 0) + 1);
    }
  }
  const ranked = open
    .map((matter) => ({ matter, count: votes.get(matter.id) ?? 0 }))
    .filter((row) => row.count > 0)
    .sort((a, b) => b.count - a.count);
  const [best, next] = ranked;
  if (best === undefined || (next !== undefined && next.count === best.count)) return null;
  return best.matter;
}
