import type { Client, Matter } from './firm.js';
import { containsPhrase, domainIn, emailDomain } from './text-match.js';

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

/** Open matters whose code stands in the text as a whole token ("ACME-001", not "ACME-0010" or "ACME-001-B"). */
export function mattersByCode(text: string, open: readonly Matter[]): Matter[] {
  return open.filter((matter) => containsPhrase(text, matter.code, '-'));
}

/** Matters whose keywords or name appear in the text as whole words, with the first phrase that hit. */
export function mattersByTitle(text: string, matters: readonly Matter[]): TitleHit[] {
  const hits: TitleHit[] = [];
  for (const matter of matters) {
    const phrase = [...matter.keywords, matter.name].find((candidate) => containsPhrase(text, candidate));
    if (phrase !== undefined) hits.push({ matter, phrase });
  }
  return hits;
}

/** Clients named in the text by one of their aliases or their code, with the word that did it. */
export function clientsByAlias(text: string, clients: readonly Client[]): { client: Client; phrase: string }[] {
  const hits: { client: Client; phrase: string }[] = [];
  for (const client of clients) {
    const phrase = [...client.aliases, client.code].find((candidate) => containsPhrase(text, candidate));
    if (phrase !== undefined) hits.push({ client, phrase });
  }
  return hits;
}

/** The clients whose domains (or subdomains) the given addresses are at, in client order. */
export function clientsByDomain(emails: readonly string[], clients: readonly Client[]): DomainHit[] {
  const hits: DomainHit[] = [];
  for (const client of clients) {
    const domains = new Set<string>();
    for (const email of emails) {
      const domain = emailDomain(email);
      if (domain !== null && domainIn(domain, client.domains)) domains.add(domain);
    }
    if (domains.size > 0) hits.push({ client, domains: [...domains].sort() });
  }
  return hits;
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
