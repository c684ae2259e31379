import type { Warning } from '../../core/time-entry.js';
import { isValidActivityCode, isValidTaskCode } from '../../core/utbms-codes.js';
import type { NarrativeRequest, NarrativeSuggestion, NarratorResult } from './narrator.js';

/**
 * Checks a language model's answer before any of it reaches a draft. Pure: no I/O, no clock.
 * The model is an untrusted writer: only a narrative that passes every check, and codes from the
 * UTBMS lists, are kept; everything else falls back to the template narrative with a warning.
 */

/** One entry of a model's answer, as the response schema shapes it. */
export interface AnsweredEntry {
  readonly id: string;
  readonly narrative: string;
  readonly taskCode: string | null;
  readonly activityCode: string | null;
}

/** The warning code for a draft whose narrative stayed the template because the model's was not used. */
export const NARRATIVE_FALLBACK = 'narrative_fallback';

/** `reason` completes "the language model …", in plain words, ending with a full stop. */
export function fallbackWarning(reason: string): Warning {
  return { code: NARRATIVE_FALLBACK, message: `Narrative drafted from a template: the language model ${reason}` };
}

/** Every draft keeps its template narrative, each with the same warning (a failed call). */
export function fallbackForAll(requests: readonly NarrativeRequest[], reason: string): NarratorResult {
  const warning = fallbackWarning(reason);
  return { suggestions: new Map(), warnings: new Map(requests.map((r) => [r.id, [warning]])) };
}

/** Zero-width, joiner and bidirectional-override characters: invisible, and able to disguise text. */
const INVISIBLE = new Set([
  0x00ad, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e,
  0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff,
]);

/** Control characters (C0, DEL, C1, line/paragraph separators) become spaces; invisible ones go. */
export function stripControlCharacters(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) out += ' ';
    else if (!INVISIBLE.has(c)) out += ch;
  }
  return out;
}

/** Slack's angle-bracket tokens: <@U1>, <@U1|name>, <#C1|general>, <!here>, <https://x|label>, <mailto:a@b|a>. */
const SLACK_TOKEN = /<([@#!][^<>|]*|(?:https?|mailto):[^<>|\s]*)(?:\|([^<>]*))?>/gi;
const MARKDOWN_LINK = /\[([^\]]+)\]\((?:https?|mailto):[^)\s]*\)/gi;
const UNDERSCORE_EMPHASIS = /(^|[\s(])_([^_\s](?:[^_]*[^_\s])?)_(?=$|[\s).,;:!?])/g;

/**
 * Plain text from what a model (or Slack) may produce: control and invisible characters removed,
 * Slack entities decoded, mentions/links reduced to their labels, *bold* _italic_ ~strike~ `code`,
 * a leading quote or heading mark dropped, whitespace collapsed to single spaces.
 */
export function cleanNarrative(text: string): string {
  let s = stripControlCharacters(text);
  s = s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  s = s.replace(SLACK_TOKEN, (_all, target: string, label: string | undefined) => {
    if (label !== undefined && label.trim() !== '') return label.replace(/^[@#]/, '');
    return /^(?:https?|mailto):/i.test(target) ? target.replace(/^mailto:/i, '') : '';
  });
  s = s.replace(MARKDOWN_LINK, '$1');
  s = s.replace(/[*`~]+/g, '');
  s = s.replace(UNDERSCORE_EMPHASIS, '$1$2');
  s = s.replace(/\s+/g, ' ').trim();
  return s.replace(/^(?:>+\s*|#{1,6}\s+)/, '').trim();
}

const MONEY_SYMBOL = /[$€£¥₹¢]/u;
const NUMBER_WITH_UNIT = /\d+(?:[.,]\d+)?\s*(?:h|hrs?|hours?|mins?|minutes?|tenths?|units?|dollars?|cents?|usd|eur|gbp|bucks?)\b/i;
const CURRENCY_THEN_NUMBER = /\b(?:usd|eur|gbp|cad|aud)\s*\d/i;
const WORDS_WITH_UNIT = /\b(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half an?|a quarter of an?)\s+(?:hours?|hrs?)\b|\b(?:one|two|three|four|five|six|ten|fifteen|twenty|thirty|forty|forty-five|sixty|ninety)\s+(?:minutes?|mins?)\b/i;

/** True when the text states a duration or an amount ("10 hours", "1.5 h", "$", "USD 200"). */
export function mentionsHoursOrMoney(text: string): boolean {
  return MONEY_SYMBOL.test(text) || NUMBER_WITH_UNIT.test(text) || CURRENCY_THEN_NUMBER.test(text) || WORDS_WITH_UNIT.test(text);
}

/** The first banned phrase the text contains (case-insensitive substring), or null. */
export function bannedPhraseIn(text: string, bannedPhrases: readonly string[]): string | null {
  const lower = text.toLowerCase();
  for (const phrase of bannedPhrases) {
    const p = phrase.trim().toLowerCase();
    if (p !== '' && lower.includes(p)) return phrase.trim();
  }
  return null;
}

/** Why a cleaned narrative cannot be used for this request, as a reason for {@link fallbackWarning}; null when it can. */
export function narrativeProblem(narrative: string, request: Pick<NarrativeRequest, 'maxLength' | 'bannedPhrases'>): string | null {
  if (narrative === '') return 'returned an empty narrative.';
  if (narrative.length > request.maxLength) return `wrote a narrative longer than this client's limit of ${String(request.maxLength)} characters.`;
  const banned = bannedPhraseIn(narrative, request.bannedPhrases);
  if (banned !== null) return `used "${banned}", a phrase this client does not accept.`;
  if (mentionsHoursOrMoney(narrative)) return 'mentioned hours or money; time and amounts come only from your activity.';
  return null;
}

/** A suggested code in canonical form ("l120 " → "L120") when `isValid` accepts it; otherwise null. */
function canonicalCode(value: unknown, isValid: (code: string) => boolean): string | null {
  if (typeof value !== 'string') return null;
  const code = value.trim().toUpperCase();
  return isValid(code) ? code : null;
}

/** The task code when it is a UTBMS litigation task leaf (L110…L530, never a phase like L300). */
export function suggestedTaskCode(value: unknown): string | null {
  return canonicalCode(value, isValidTaskCode);
}

/** The activity code when it is one of A101–A111. */
export function suggestedActivityCode(value: unknown): string | null {
  return canonicalCode(value, isValidActivityCode);
}

/** What happened to the answer, for logs (counts only: narratives and titles are privileged). */
export interface AnswerCounts {
  readonly accepted: number;
  readonly rejected: number;
  readonly missing: number;
  /** Entries for ids that were not asked for. */
  readonly unknown: number;
  /** Second and later entries for the same id (the first one counts). */
  readonly duplicate: number;
  /** Suggested codes dropped because they are not UTBMS task leaves or activity codes. */
  readonly codesDropped: number;
}

export interface ValidatedAnswer extends NarratorResult {
  readonly counts: AnswerCounts;
}

/**
 * Keeps what may be kept of a model's answer for the given requests: per request id, the first
 * answered entry is cleaned and checked; a good one becomes a suggestion (with codes only when they
 * are valid UTBMS codes), a bad or missing one leaves the template with a warning. Entries for ids
 * not asked for are ignored. Nothing but id, narrative and the two codes is ever read from an entry.
 */
export function validateAnswer(requests: readonly NarrativeRequest[], entries: readonly AnsweredEntry[]): ValidatedAnswer {
  const asked = new Map(requests.map((r) => [r.id, r]));
  const firstAnswer = new Map<string, AnsweredEntry>();
  let unknown = 0;
  let duplicate = 0;
  for (const entry of entries) {
    if (!asked.has(entry.id)) unknown += 1;
    else if (firstAnswer.has(entry.id)) duplicate += 1;
    else firstAnswer.set(entry.id, entry);
  }

  const suggestions = new Map<string, NarrativeSuggestion>();
  const warnings = new Map<string, readonly Warning[]>();
  let rejected = 0;
  let missing = 0;
  let codesDropped = 0;
  for (const request of asked.values()) {
    const entry = firstAnswer.get(request.id);
    if (entry === undefined) {
      missing += 1;
      warnings.set(request.id, [fallbackWarning('returned no narrative for this entry.')]);
      continue;
    }
    const narrative = cleanNarrative(typeof entry.narrative === 'string' ? entry.narrative : '');
    const problem = narrativeProblem(narrative, request);
    if (problem !== null) {
      rejected += 1;
      warnings.set(request.id, [fallbackWarning(problem)]);
      continue;
    }
    const taskCode = suggestedTaskCode(entry.taskCode);
    const activityCode = suggestedActivityCode(entry.activityCode);
    if (taskCode === null && entry.taskCode !== null) codesDropped += 1;
    if (activityCode === null && entry.activityCode !== null) codesDropped += 1;
    suggestions.set(request.id, { id: request.id, narrative, taskCode, activityCode });
  }
  return { suggestions, warnings, counts: { accepted: suggestions.size, rejected, missing, unknown, duplicate, codesDropped } };
}
