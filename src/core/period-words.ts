import { isLocalDate, type LocalDate } from './dates.js';
import { AppError } from './errors.js';

/** A calendar unit that "last" and "this" can refer to. */
export type PeriodUnit = 'month' | 'week' | 'quarter' | 'year';

/** What one word of a period can be; the grammar in period.ts is written in these kinds. */
export type TokenKind =
  | 'month'
  | 'quarter'
  | 'year'
  | 'yearMonth'
  | 'yearQuarter'
  | 'date'
  | 'unit'
  | 'sep'
  | 'last'
  | 'this'
  | 'ytd'
  | 'today'
  | 'yesterday'
  | 'unknown';

/** One word of a period with what it contributes: numbers are 0 and unit/date empty when not applicable. */
export interface Token {
  readonly kind: TokenKind;
  /** The word as typed (original case), for messages. */
  readonly raw: string;
  readonly year: number;
  readonly month: number;
  readonly quarter: number;
  readonly unit: PeriodUnit | '';
  readonly date: LocalDate | '';
}

const MONTH_WORDS: readonly (readonly [string, number])[] = [
  ['january', 1], ['jan', 1], ['february', 2], ['feb', 2], ['march', 3], ['mar', 3], ['april', 4], ['apr', 4],
  ['may', 5], ['june', 6], ['jun', 6], ['july', 7], ['jul', 7], ['august', 8], ['aug', 8],
  ['september', 9], ['sep', 9], ['sept', 9], ['october', 10], ['oct', 10], ['november', 11], ['nov', 11],
  ['december', 12], ['dec', 12],
];
const MONTHS = new Map<string, number>(MONTH_WORDS);
const UNITS: ReadonlySet<string> = new Set<PeriodUnit>(['month', 'week', 'quarter', 'year']);
const KEYWORDS: ReadonlySet<string> = new Set<TokenKind>(['last', 'this', 'ytd', 'today', 'yesterday']);
const SEPARATORS: ReadonlySet<string> = new Set(['..', 'to', '-', '–', '—']);

/** Every word a period may contain, in the order suggestions prefer them. */
export const PERIOD_WORDS: readonly string[] = [
  ...MONTH_WORDS.map(([word]) => word),
  ...['q1', 'q2', 'q3', 'q4', 'last', 'this', 'month', 'week', 'quarter', 'year', 'ytd', 'today', 'yesterday', 'to'],
];

function token(kind: TokenKind, raw: string, fields: Partial<Omit<Token, 'kind' | 'raw'>> = {}): Token {
  return { kind, raw, year: 0, month: 0, quarter: 0, unit: '', date: '', ...fields };
}

function checkedMonth(raw: string, year: number, month: number): Token {
  if (month < 1 || month > 12) throw new AppError('INVALID_PERIOD', `month ${String(month)} in "${raw}" does not exist`);
  return token('yearMonth', raw, { year, month });
}

/** Classifies one word (as typed); throws INVALID_PERIOD for a date-shaped word that is no real date. */
export function classifyWord(raw: string): Token {
  const word = raw.toLowerCase();
  const month = MONTHS.get(word);
  if (month !== undefined) return token('month', raw, { month });
  if (UNITS.has(word)) return token('unit', raw, { unit: word as PeriodUnit });
  if (KEYWORDS.has(word)) return token(word as TokenKind, raw);
  if (SEPARATORS.has(word)) return token('sep', raw);
  let match = /^q([1-4])$/.exec(word);
  if (match !== null) return token('quarter', raw, { quarter: Number(match[1]) });
  if (/^[1-9]\d{3}$/.test(word)) return token('year', raw, { year: Number(word) });
  if (/^\d{4}-\d{2}-\d{2}$/.test(word)) {
    if (!isLocalDate(word)) throw new AppError('INVALID_PERIOD', `invalid date "${raw}"`);
    return token('date', raw, { date: word });
  }
  match = /^([1-9]\d{3})-q([1-4])$/.exec(word);
  if (match !== null) return token('yearQuarter', raw, { year: Number(match[1]), quarter: Number(match[2]) });
  match = /^([1-9]\d{3})-(\d{2})$/.exec(word);
  if (match !== null) return checkedMonth(raw, Number(match[1]), Number(match[2]));
  match = /^(\d{1,2})\/([1-9]\d{3})$/.exec(word);
  if (match !== null) return checkedMonth(raw, Number(match[2]), Number(match[1]));
  return token('unknown', raw);
}

/**
 * Splits a period as typed into words: parts are joined by spaces, extra spaces are ignored and
 * range separators ("..", "–") need no spaces around them.
 */
export function splitPeriodWords(input: string | readonly string[]): string[] {
  const text = typeof input === 'string' ? input : input.join(' ');
  return text
    .replaceAll('..', ' .. ')
    .replace(/[–—]/g, ' $& ')
    .split(/\s+/)
    .filter((word) => word !== '');
}
