import { addDays, addMonths, dateParts, dayOfWeek, makeLocalDate, parseLocalDate, type LocalDate } from './dates.js';
import { AppError } from './errors.js';
import { dayRange, monthPeriod, quarterOf, quarterPeriod, weekPeriod, yearPeriod, type Period } from './period-spans.js';
import { classifyWord, PERIOD_WORDS, splitPeriodWords, type PeriodUnit, type Token, type TokenKind } from './period-words.js';
import { didYouMean } from './suggest.js';

export type { Period } from './period-spans.js';

/** What the words matched by one rule contributed (0 or empty when a rule has no such word). */
interface Fields {
  year: number;
  month: number;
  quarter: number;
  unit: PeriodUnit | '';
  dates: LocalDate[];
}

/** `text` is the period as typed, spaces collapsed, for messages. */
interface Context {
  readonly asOf: LocalDate;
  readonly text: string;
}

type Build = (fields: Fields, context: Context) => Period;

const HINT = 'try "march", "q1", "last month" or "2026-03-01..2026-03-15"';

function fail(message: string): AppError {
  return new AppError('INVALID_PERIOD', message);
}

/** Explicit periods (a year, a dated month, a date) may not lie wholly in the future. */
function started(build: Build): Build {
  return (fields, context) => {
    const period = build(fields, context);
    if (period.start > context.asOf) throw fail(`period "${context.text}" has not started yet`);
    return period;
  };
}

/** "this …" (offset 0) and "last …" (offset -1) for each unit; weeks run Monday to Sunday. */
function relative(offset: number): Build {
  return ({ unit }, { asOf }) => {
    const now = dateParts(asOf);
    if (unit === 'week') {
      const monday = addDays(asOf, 1 - dayOfWeek(asOf));
      return offset === 0 ? weekPeriod(monday, asOf) : weekPeriod(addDays(monday, 7 * offset), addDays(monday, 7 * offset + 6));
    }
    if (unit === 'year') return yearPeriod(now.year + offset);
    if (unit === 'quarter') {
      const { year: y, month: m } = dateParts(addMonths(makeLocalDate(now.year, now.month, 1), 3 * offset));
      return quarterPeriod(y, quarterOf(m));
    }
    const { year: y, month: m } = dateParts(addMonths(makeLocalDate(now.year, now.month, 1), offset));
    return monthPeriod(y, m);
  };
}

/** A bare month or quarter means the most recent one that has started (this year's, else last year's). */
const recentMonth: Build = (f, { asOf }) => {
  const now = dateParts(asOf);
  return monthPeriod(f.month <= now.month ? now.year : now.year - 1, f.month);
};
const recentQuarter: Build = (f, { asOf }) => {
  const now = dateParts(asOf);
  return quarterPeriod(f.quarter <= quarterOf(now.month) ? now.year : now.year - 1, f.quarter);
};
const datedMonth = started((f) => monthPeriod(f.year, f.month));
const datedQuarter = started((f) => quarterPeriod(f.year, f.quarter));
const range = started(({ dates: [start = '', end = start] }, { text }) => {
  if (end < start) throw fail(`range "${text}" ends before it starts`);
  return dayRange(start, end);
});

/** The grammar: each rule is the exact sequence of word kinds it accepts. */
const RULES: readonly { readonly shape: readonly TokenKind[]; readonly build: Build }[] = [
  { shape: ['month'], build: recentMonth },
  { shape: ['month', 'year'], build: datedMonth },
  { shape: ['year', 'month'], build: datedMonth },
  { shape: ['yearMonth'], build: datedMonth },
  { shape: ['quarter'], build: recentQuarter },
  { shape: ['quarter', 'year'], build: datedQuarter },
  { shape: ['year', 'quarter'], build: datedQuarter },
  { shape: ['yearQuarter'], build: datedQuarter },
  { shape: ['year'], build: started((f) => yearPeriod(f.year)) },
  { shape: ['last', 'unit'], build: relative(-1) },
  { shape: ['this', 'unit'], build: relative(0) },
  { shape: ['ytd'], build: (_, { asOf }) => dayRange(makeLocalDate(dateParts(asOf).year, 1, 1), asOf) },
  { shape: ['today'], build: (_, { asOf }) => dayRange(asOf, asOf) },
  { shape: ['yesterday'], build: (_, { asOf }) => dayRange(addDays(asOf, -1), addDays(asOf, -1)) },
  { shape: ['date'], build: range },
  { shape: ['date', 'sep', 'date'], build: range },
];

function collect(tokens: readonly Token[]): Fields {
  const fields: Fields = { year: 0, month: 0, quarter: 0, unit: '', dates: [] };
  for (const t of tokens) {
    fields.year ||= t.year;
    fields.month ||= t.month;
    fields.quarter ||= t.quarter;
    fields.unit ||= t.unit;
    if (t.date !== '') fields.dates.push(t.date);
  }
  return fields;
}

/** Names the first word no rule can take at its position, or says the period stops short. */
function notUnderstood(tokens: readonly Token[], text: string): AppError {
  const reach = (shape: readonly TokenKind[]): number => {
    let n = 0;
    while (n < shape.length && shape[n] === tokens[n]?.kind) n += 1;
    return n;
  };
  const stuck = tokens[Math.max(...RULES.map((rule) => reach(rule.shape)))];
  return stuck === undefined ? fail(`incomplete period "${text}" — ${HINT}`) : fail(`did not understand "${stuck.raw}" in "${text}"`);
}

/**
 * Parses a period as people type it ("march", "q1 2026", "last month", "ytd", "2026-03-01..2026-03-15", …)
 * relative to `asOf`, today's date in the firm's time zone. Throws INVALID_PERIOD naming the word at fault.
 */
export function parsePeriod(input: string | readonly string[], asOf: LocalDate): Period {
  const today = parseLocalDate(asOf);
  const words = splitPeriodWords(input);
  if (words.length === 0) throw fail(`no period given — ${HINT}`);
  const text = (typeof input === 'string' ? input : input.join(' ')).trim().replace(/\s+/g, ' ');
  const tokens = words.map(classifyWord);
  const unknown = tokens.find((t) => t.kind === 'unknown');
  if (unknown !== undefined) {
    const where = tokens.length === 1 ? `period "${unknown.raw}"` : `word "${unknown.raw}" in "${text}"`;
    throw fail(`unknown ${where}${didYouMean(unknown.raw, PERIOD_WORDS)}`);
  }
  const rule = RULES.find(({ shape }) => shape.length === tokens.length && shape.every((kind, i) => tokens[i]?.kind === kind));
  if (rule === undefined) throw notUnderstood(tokens, text);
  return rule.build(collect(tokens), { asOf: today, text });
}
