import type { LocalDate } from '../../core/dates.js';
import { parseDuration } from '../../core/duration.js';
import { AppError, isAppError } from '../../core/errors.js';
import { resolveDateWord } from './date-word.js';

/** `/time 1.5 acme-001 drafted motion to compel`, understood; the matter word is resolved later. */
export interface TimeCommand {
  readonly minutes: number;
  /** As typed: a matter code, or a client or matter name to look up. */
  readonly matterWord: string;
  readonly date: LocalDate;
  readonly narrative: string;
  /** The words as typed and where the matter word sits, for {@link withMatter}. */
  readonly words: readonly string[];
  readonly matterIndex: number;
}

const EXAMPLE = '/time 1.5 acme-001 drafted motion to compel';
export const TIME_USAGE = `usage: /time HOURS MATTER [DAY] WHAT YOU DID — e.g. ${EXAMPLE} (day: today, yesterday, mon or 2026-03-02)`;

const HOURS_ONLY = /^\d*\.?\d+\s*(?:h|hr|hrs|hour|hours)$/i;
const MINUTES_ONLY = /^\d+\s*(?:m|min|mins|minute|minutes)$/i;

function minutesOf(word: string): number {
  try {
    return parseDuration(word);
  } catch (error) {
    if (!isAppError(error, 'INVALID_DURATION')) throw error;
    const reason = error.message.split(' — ')[1] ?? '';
    // Format problems get one plain hint; range problems ("at most 24 hours") keep their reason.
    const text = reason === '' || reason.startsWith('use ') || reason.startsWith('enter ') ? 'is not a duration — try 1.5, 1h30m or 90m' : `— ${reason}`;
    throw new AppError('INVALID_DURATION', `hours "${word}" ${text}`, { cause: error });
  }
}

/**
 * Parses the text after `/time`: HOURS MATTER NARRATIVE…, with one optional day word ("today",
 * "yesterday", "mon", "2026-03-02") before, between or after the first two; without one the day is
 * `asOf` (today in the person's timezone). "1h 30m" may be typed as two words. Throws an AppError
 * naming the word at fault.
 */
export function parseTimeCommand(text: string, asOf: LocalDate): TimeCommand {
  const words = text.trim().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) throw new AppError('INVALID_INPUT', TIME_USAGE);
  let i = 0;
  let date: LocalDate | null = null;
  const takeDate = (): void => {
    const word = words[i];
    if (date !== null || word === undefined) return;
    const day = resolveDateWord(word, asOf);
    if (day !== null) {
      date = day;
      i += 1;
    }
  };
  takeDate();
  const first = words[i];
  if (first === undefined) throw new AppError('INVALID_INPUT', TIME_USAGE);
  const second = words[i + 1];
  const split = HOURS_ONLY.test(first) && second !== undefined && MINUTES_ONLY.test(second);
  const minutes = minutesOf(split ? `${first} ${second}` : first);
  i += split ? 2 : 1;
  takeDate();
  const matterIndex = i;
  const matterWord = words[matterIndex];
  if (matterWord === undefined) throw new AppError('INVALID_INPUT', `say which matter after the hours — e.g. ${EXAMPLE}`);
  i += 1;
  takeDate();
  const narrative = words.slice(i).join(' ');
  if (narrative === '') throw new AppError('INVALID_INPUT', `say what you did after the matter — e.g. ${EXAMPLE}`);
  return { minutes, matterWord, date: date ?? asOf, narrative, words, matterIndex };
}

/** The command text again with the matter word replaced by a chosen matter code (a choice's value). */
export function withMatter(command: Pick<TimeCommand, 'words' | 'matterIndex'>, code: string): string {
  return command.words.map((word, index) => (index === command.matterIndex ? code : word)).join(' ');
}
