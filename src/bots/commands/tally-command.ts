import type { LocalDate } from '../../core/dates.js';
import { AppError } from '../../core/errors.js';
import { didYouMean } from '../../core/suggest.js';
import { resolveDateWord } from './date-word.js';

/** What `/tally …` asks for: this help, or the review card of a day (the chat core renders it). */
export type TallyCommand = { readonly kind: 'help' } | { readonly kind: 'digest' } | { readonly kind: 'summary'; readonly date: LocalDate; readonly forEmail?: string };

/** Every chat command with one example: the answer to `/tally help` (and to an empty `/tally`). */
export const TALLY_HELP = [
  'Tally commands:',
  '• /time HOURS MATTER [DAY] WHAT YOU DID — add time to your card, e.g. /time 1.5 acme-001 drafted motion to compel (hours as 1.5, 1h30m or 90m; day: today, yesterday, mon or 2026-03-02; a client or matter name works for the matter)',
  '• /invoice CLIENT PERIOD — a pre-bill for billing staff, e.g. /invoice acme march (or q1 2026, last month, 2026-03-01..2026-03-15)',
  '• /tally summary [DAY] [EMAIL] — your review card again, e.g. /tally summary yesterday; a delegate adds the lawyer\'s email: /tally summary robert@firm.example',
  '• /tally digest — managers: this week\'s digest of your team\'s unbilled time',
  '• /tally help — this list',
].join('\n');

const SUBCOMMANDS = ['help', 'summary', 'digest'];

/**
 * Parses the text after `/tally`: "" or "help" → help; "summary [DAY] [EMAIL]" → the day (default
 * `asOf`, today in the person's timezone) and, for a delegate, whose card (Slack may wrap an email as
 * `<mailto:a@b|a@b>`). Throws INVALID_INPUT naming the word it did not understand.
 */
export function parseTallyCommand(text: string, asOf: LocalDate): TallyCommand {
  const [sub = 'help', ...rest] = text.trim().split(/\s+/).filter((w) => w !== '');
  const name = sub.toLowerCase();
  if (name === 'help' && rest.length === 0) return { kind: 'help' };
  if (name === 'digest') {
    if (rest.length > 0) throw new AppError('INVALID_INPUT', `did not understand "${rest.join(' ')}" — /tally digest takes nothing more`);
    return { kind: 'digest' };
  }
  if (name === 'summary') {
    // A delegate names whose card they want by email, anywhere after "summary".
    const emails = rest.filter((w) => w.includes('@'));
    if (emails.length > 1) throw new AppError('INVALID_INPUT', `name one person, not ${String(emails.length)} — e.g. /tally summary robert@firm.example`);
    const forEmail = emails[0]?.replace(/^<mailto:([^|>]+)(\|[^>]*)?>$/, '$1').toLowerCase();
    const summary = (date: LocalDate): TallyCommand => (forEmail === undefined ? { kind: 'summary', date } : { kind: 'summary', date, forEmail });
    const [word, ...extra] = rest.filter((w) => !w.includes('@'));
    if (word === undefined) return summary(asOf);
    const date = resolveDateWord(word, asOf);
    if (date === null) throw new AppError('INVALID_INPUT', `"${word}" is not a day — try today, yesterday, mon or 2026-03-02`);
    if (extra.length > 0) throw new AppError('INVALID_INPUT', `did not understand "${extra.join(' ')}" — try /tally summary yesterday`);
    return summary(date);
  }
  if (name === 'help') throw new AppError('INVALID_INPUT', `did not understand "${rest.join(' ')}" — /tally help takes nothing more`);
  throw new AppError('INVALID_INPUT', `unknown command "${sub}"${didYouMean(name, SUBCOMMANDS)} — /tally help lists the commands`);
}
