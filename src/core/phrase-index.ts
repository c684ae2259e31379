import { phraseRegExp } from './text-match.js';

const WORD = /[\p{L}\p{N}]+/gu;

/** The lower-cased words (runs of letters and digits) of a text. */
export function wordsOf(text: string): Set<string> {
  return new Set(text.toLowerCase().match(WORD) ?? []);
}

/** A text's words in order, with where each starts and ends, so phrases can be checked without regexes. */
interface Tokens {
  readonly text: string;
  readonly words: readonly string[];
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  readonly positions: ReadonlyMap<string, readonly number[]>;
}

function tokenize(text: string): Tokens {
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const positions = new Map<string, number[]>();
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const at = words.length;
    words.push(match[0]);
    starts.push(match.index);
    ends.push(match.index + match[0].length);
    const list = positions.get(match[0]);
    if (list) list.push(at);
    else positions.set(match[0], [at]);
  }
  return { text, words, starts, ends, positions };
}

/**
 * How an entry is tested: one word (the text has it), words separated by spaces only (the text has
 * them in a row with only white space between), or anything else (its regular expression).
 */
type Test = { readonly kind: 'word' } | { readonly kind: 'words'; readonly words: readonly string[] } | { readonly kind: 'pattern'; readonly pattern: RegExp };

interface Entry<T> {
  readonly order: number;
  readonly phrase: string;
  readonly value: T;
  readonly test: Test;
}

function inRow(tokens: Tokens, words: readonly string[]): boolean {
  const [first, ...rest] = words;
  if (first === undefined) return false;
  for (const at of tokens.positions.get(first) ?? []) {
    let ok = true;
    for (let k = 0; k < rest.length && ok; k++) {
      const i = at + k + 1;
      ok = tokens.words[i] === rest[k] && /^\s+$/.test(tokens.text.slice(tokens.ends[i - 1], tokens.starts[i]));
    }
    if (ok) return true;
  }
  return false;
}

function passes(test: Test, tokens: Tokens): boolean {
  if (test.kind === 'word') return true;
  if (test.kind === 'words') return inRow(tokens, test.words);
  return test.pattern.test(tokens.text);
}

/**
 * Finds which of many configured phrases occur in a text as whole words, case-insensitively — the
 * same answer as testing each phrase's regular expression (see phraseRegExp), but fast: each phrase
 * is filed under its rarest word and only phrases whose word the text has are checked, plain ones by
 * comparing words. Capture matches ~100k titles against every keyword of every matter; testing each
 * regular expression was the whole cost of drafting.
 */
export class PhraseIndex<T> {
  private readonly byWord = new Map<string, Entry<T>[]>();

  constructor(entries: Iterable<readonly [phrase: string, value: T]>, alsoJoining = '') {
    const list = [...entries].map(([phrase, value]) => ({ phrase, value, words: phrase.toLowerCase().match(WORD) ?? [] }));
    const frequency = new Map<string, number>();
    for (const { words } of list) for (const word of new Set(words)) frequency.set(word, (frequency.get(word) ?? 0) + 1);
    list.forEach(({ phrase, value, words }, order) => {
      const rarest = words.reduce<string | undefined>((best, word) => (best === undefined || (frequency.get(word) ?? 0) < (frequency.get(best) ?? 0) ? word : best), undefined);
      if (rarest === undefined) return;
      const plain = alsoJoining === '' && phrase.trim().toLowerCase() === words.join(' ') && !/\s\s/.test(phrase.trim());
      const test: Test = !plain ? { kind: 'pattern', pattern: phraseRegExp(phrase, alsoJoining) } : words.length === 1 ? { kind: 'word' } : { kind: 'words', words };
      const filed = this.byWord.get(rarest) ?? [];
      filed.push({ order, phrase, value, test });
      this.byWord.set(rarest, filed);
    });
  }

  /** The phrases found in the text, in the order they were given. */
  find(text: string): { readonly phrase: string; readonly value: T }[] {
    const tokens = tokenize(text);
    const hits: Entry<T>[] = [];
    for (const word of tokens.positions.keys()) {
      for (const entry of this.byWord.get(word) ?? []) if (passes(entry.test, tokens)) hits.push(entry);
    }
    return hits.sort((a, b) => a.order - b.order);
  }
}

/**
 * One index per configuration list: the same `matters` array serves every activity of a capture,
 * so its index is built once and dropped with the array.
 */
export function indexFor<K extends object, T>(cache: WeakMap<K, T>, key: K, build: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = build();
    cache.set(key, value);
  }
  return value;
}
