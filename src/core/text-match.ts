/** Escapes every character that has a meaning in a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * A case-insensitive regular expression for `phrase` as whole words: letters or digits may not touch
 * either end ("beta" finds "Beta deposition", not "alphabetical"); any run of spaces matches a space.
 * `alsoJoining` lists further characters that may not touch the ends (codes use "-").
 */
export function phraseRegExp(phrase: string, alsoJoining = ''): RegExp {
  const key = `${alsoJoining}\u0000${phrase}`;
  const cached = COMPILED.get(key);
  if (cached !== undefined) return cached;
  // Bounded: the configured phrases of a firm fit many times over; anything else is recompiled.
  if (COMPILED.size >= 50_000) COMPILED.clear();
  const compiled = compile(phrase, alsoJoining);
  COMPILED.set(key, compiled);
  return compiled;
}

const COMPILED = new Map<string, RegExp>();

function compile(phrase: string, alsoJoining: string): RegExp {
  const body = phrase.trim().split(/\s+/).map(escapeRegExp).join('\\s+');
  const joining = `[\\p{L}\\p{N}${alsoJoining.replace(/[\]\\^-]/g, '\\$&')}]`;
  return new RegExp(`(?<!${joining})${body}(?!${joining})`, 'iu');
}

/** True when `phrase` (non-blank) occurs in `text` as whole words, case-insensitively. */
export function containsPhrase(text: string, phrase: string, alsoJoining = ''): boolean {
  if (phrase.trim() === '') return false;
  return phraseRegExp(phrase, alsoJoining).test(text);
}

/** The lower-cased domain of an email address, or null when it has none. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 0) return null;
  const domain = email.slice(at + 1).trim().toLowerCase();
  return domain === '' ? null : domain;
}

/** True when `domain` is one of `domains` or a subdomain of one ("legal.acme.com" is at "acme.com"). */
export function domainIn(domain: string, domains: readonly string[]): boolean {
  const lower = domain.toLowerCase();
  return domains.some((candidate) => {
    const base = candidate.trim().toLowerCase();
    return base !== '' && (lower === base || lower.endsWith(`.${base}`));
  });
}

/** The participants whose address is not at one of the firm's domains (no domain counts as external). */
export function externalParticipants(participants: readonly string[], firmDomains: readonly string[]): string[] {
  return participants.filter((email) => {
    const domain = emailDomain(email);
    return domain === null || !domainIn(domain, firmDomains);
  });
}

/** Unique values in first-seen order, compared case-insensitively. */
export function uniqueIgnoringCase(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const key = value.trim().toLowerCase();
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(value.trim());
  }
  return out;
}
