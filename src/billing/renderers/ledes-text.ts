import { capLength } from '../../core/sanitize-title.js';

/** The longest value LEDES allows: e-billing platforms reject descriptions of 1,024 characters or more. */
export const LEDES_MAX_VALUE_LENGTH = 1023;

// Characters that Unicode decomposition (NFKD) does not turn into ASCII, with their usual ASCII spelling.
const SPELLINGS: Readonly<Record<string, string>> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'", '\u2039': "'", '\u203A': "'", '\u00B4': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u2033': '"', '\u00AB': '"', '\u00BB': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u2022': '-', '\u00B7': '-', '\u2026': '...', '\u2044': '/', '\u00D7': 'x', '\u00F7': '/',
  '\u00DF': 'ss', '\u1E9E': 'SS', '\u00E6': 'ae', '\u00C6': 'AE', '\u0153': 'oe', '\u0152': 'OE',
  '\u00F8': 'o', '\u00D8': 'O', '\u0142': 'l', '\u0141': 'L', '\u0111': 'd', '\u0110': 'D',
  '\u00F0': 'd', '\u00D0': 'D', '\u00FE': 'th', '\u00DE': 'Th', '\u0131': 'i',
  '\u00A7': 'Section', '\u00B6': 'Paragraph', '\u20AC': 'EUR', '\u00A3': 'GBP', '\u00A5': 'JPY',
  '\u00A9': '(c)', '\u00AE': '(R)',
};

const COMBINING_MARKS = /\p{M}/gu;
// Anything left outside printable ASCII: separators and controls become a space, everything else is dropped.
const NON_ASCII = /[^\x20-\x7E]/gu;
const SPACE_LIKE = /[\s\p{Z}\p{Cc}]/u;
const PLAIN_ASCII = /^[\x20-\x7E]*$/;

/** Spells a string in printable ASCII: accents dropped ("Núñez" → "Nunez"), curly quotes straightened. */
function toAscii(text: string): string {
  // Most values are plain ASCII already; decomposing every one made a 10,000-line file take a second.
  if (PLAIN_ASCII.test(text)) return text;
  const decomposed = text.replace(/\u00A7\u00A7/g, 'Sections').normalize('NFKD').replace(COMBINING_MARKS, '');
  return Array.from(decomposed, (char) => SPELLINGS[char] ?? char)
    .join('')
    .replace(NON_ASCII, (char) => (SPACE_LIKE.test(char) ? ' ' : ''));
}

/**
 * The one sanitiser every LEDES 1998B value goes through. LEDES has no quoting or escaping, so a value
 * must never hold the field separator `|`, the record end `[]`, CR or LF. The result is printable ASCII
 * (accents and curly quotes transliterated, other characters dropped), `|` and whitespace runs become one
 * space, every `[]` is removed (repeatedly, so "[[]]" cannot leave one behind), a trailing `[` is dropped
 * (it would touch the record end), and the value is cut at a word below 1,024 characters. A value that
 * reads `NULL` becomes empty: platforms such as Collaborati reject that text, and empty is LEDES's "none".
 * Numbers and dates pass through unchanged.
 */
export function ledesText(value: string): string {
  let text = toAscii(value).replaceAll('|', ' ').replace(/\s+/g, ' ');
  while (text.includes('[]')) text = text.replaceAll('[]', '');
  text = capLength(text.replace(/\s+/g, ' ').trim(), LEDES_MAX_VALUE_LENGTH).replace(/[\s[]+$/, '');
  return text.toUpperCase() === 'NULL' ? '' : text;
}
