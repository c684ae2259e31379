import type { LocalDate } from '../../core/dates.js';
import { AppError } from '../../core/errors.js';
import { didYouMean } from '../../core/suggest.js';
import { resolveDateWord } from './date-word.js';

/** What `/tally …` asks for: this help, or the review card of a day (the chat core renders it). */
export type TallyCommand = { readonly kind: 'help' } | { readonly kind: 'summary'; readonly date: LocalDate };

/** Every chat command with one example: the answer to `/tally help` (and to an empty `/tally`). */
export const TALLY_HELP = [
  'Tally commands:',
  '• /time HOURS MATTER [DAY] WHAT YOU DID — add time to your card, e.g. /time 1.5 acme-001 drafted motion to compel (hours as 1.5, 1h30m or 90m; day: today, yesterday, mon or 2026-03-02; a client or matter name works for the matter)',
  '• /invoice CLIENT PERIOD — a pre-bill for billing staff, e.g. /invoice acme march (or q1 2026, last month, 2026-03-01..2026-03-15)',
  '• /tally summary [DAY] — your review card again, e.g. /tally summary yesterday',
  '• /tally help — this list',
].join('\n');

const SUBCOMMANDS = ['help', 'summary'];

/**
 * Parses the text after `/tally`: "" or "help" → help; "summary [DAY]" → the day (default `asOf`,
 * today in the person's timezone). Throws INVALID_INPUT naming the word it did not understand.
 */
export function parseTallyCommand(text: string, asOf: LocalDate): TallyCommand {
  const [sub = 'help', ...rest] = text.trim().split(/\s+/).filter((w) => w !== '');
  const name = sub.toLowerCase();
  if (name === 'help' && rest.length === 0) return { kind: 'help' };
  if (name === 'summary') {
    const [word, ...extra] = rest;
    if (word === undefined) return { kind: 'summary', date: asOf };
    const date = resolveDateWord(word, asOf);
    if (date === null) throw new AppError('INVALID_INPUT', `"${word}" is not a day — try today, yesterday, mon or 2026-03-02`);
    if (extra.length > 0) throw new AppError('INVALID_INPUT', `did not understand "${extra.join(' ')}" — try /tally summary yesterday`);
    return { kind: 'summary', date };
  }
  if (name === 'help') throw new AppError('INVALID_INPUT', `did not understand "${rest.join(' ')}" — /tally help takes nothing more`);
  throw new AppError('INVALID_INPUT', `unknown command "${sub}"${didYouMean(name, SUBCOMMANDS)} — /tally help lists the commands`);
}
