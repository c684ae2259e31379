/** The longest title a narrative or a prompt ever carries. */
export const MAX_TITLE_LENGTH = 120;

// C0/C1 controls, zero-width characters and bidi overrides: invisible text can hide words from a reader.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const SLACK_LINK = /<(https?:\/\/|mailto:)[^|>]*(?:\|([^>]*))?>/gi;
const SLACK_CHANNEL = /<#[A-Z0-9]+(?:\|([^>]*))?>/gi;
const SLACK_MENTION = /<[@!][^>]*>/g;
const EMOJI = /:[a-z0-9_+-]*[a-z][a-z0-9_+-]*:/gi;
const PREFIX = /^\s*(?:(?:re|fw|fwd|aw|wg)\s*:|\[(?:external|ext)\]|external\s*:)\s*/i;
const FILE_EXTENSION = /\.(?:docx?|docm|xlsx?|xlsm|pptx?|pdf|txt|rtf|odt|ods|msg|eml|csv|md|pages|numbers|key|zip|png|jpe?g)\s*$/i;
const FILE_VERSION = /[\s.\-–—]*\(?(?:v\d+(?:\.\d+)*|ver\.?\s*\d+|version\s*\d+|final|\d+(?=\))|copy|clean)\)?\s*$/i;
const TITLE_VERSION = /[\s.\-–—]*\(?(?:[vV]\d+(?:\.\d+)*|FINAL)\)?\s*$/;
const DASHES_AT_END = /[\s\-–—:|,;]+$/;

/** Decodes the three entities Slack escapes in message text. */
function decodeSlackEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function stripRepeated(text: string, pattern: RegExp): string {
  let current = text;
  for (let next = current.replace(pattern, ''); next !== current; next = current.replace(pattern, '')) current = next;
  return current;
}

/** Cuts at the last space at or before `max` characters (code points), or hard at `max` for one long word. */
export function capLength(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const head = chars.slice(0, max + 1).join('');
  const space = head.lastIndexOf(' ');
  return (space > 0 ? head.slice(0, space) : chars.slice(0, max).join('')).replace(DASHES_AT_END, '');
}

/**
 * Turns an untrusted activity title (meeting subject, email subject, file name, Slack message) into
 * plain words fit for a narrative or a prompt: no control or invisible characters, no Slack markup
 * (mentions dropped, links and channels by their label), no "RE:"/"FW:"/"[EXTERNAL]" prefixes, no file
 * extension or version suffix ("v3", "FINAL", "(2)"), underscores as spaces, single spaces, at most
 * `maxLength` characters cut at a word. The words themselves are kept: it cleans, it does not judge.
 */
export function sanitizeTitle(title: string, maxLength = MAX_TITLE_LENGTH): string {
  let text = title.replace(INVISIBLE, ' ');
  text = text
    .replace(SLACK_LINK, (_match, _scheme: string, label: string | undefined) => label ?? ' ')
    .replace(SLACK_CHANNEL, (_match, label: string | undefined) => label ?? ' ')
    .replace(SLACK_MENTION, ' ')
    .replace(EMOJI, ' ')
    .replace(/[*~`]/g, '');
  text = decodeSlackEntities(text).replace(/\s+/g, ' ').trim();
  text = stripRepeated(text, PREFIX);
  const isFile = FILE_EXTENSION.test(text);
  text = text.replace(FILE_EXTENSION, '').replace(/_+/g, ' ').replace(/\s+/g, ' ').trim();
  // On a file name "(2)", "copy" and "final" are versions; in a sentence ("the ruling is final") they are words.
  const stripped = stripRepeated(text, isFile ? FILE_VERSION : TITLE_VERSION).replace(DASHES_AT_END, '').trim();
  text = stripped === '' ? text : stripped;
  return capLength(text, Math.max(1, maxLength));
}

const DURATION = /\b\d+(?:[.,]\d+)?\s*(?:h|hrs?|hours?|m|mins?|minutes?)\b/gi;
const MONEY = /(?:[$€£¥]\s*\d[\d,]*(?:\.\d+)?(?:\s*(?:k|m|million|thousand))?|\b\d[\d,]*(?:\.\d+)?\s*(?:usd|eur|gbp|dollars?)\b|\b(?:usd|eur|gbp)\s*\d[\d,]*(?:\.\d+)?)/gi;

/**
 * Removes amounts of time ("10 hours", "1.5h", "90 min") and money ("$5,000", "250 USD") from a
 * sanitized title: a narrative never states time or fees, and a title must not smuggle them in.
 */
export function withoutTimeOrMoney(text: string): string {
  return text
    .replace(DURATION, ' ')
    .replace(MONEY, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s+([,;])/g, '$1')
    .replace(/([,;])(?:\s*[,;])+/g, '$1')
    .replace(/^[\s,;]+/, '')
    .replace(DASHES_AT_END, '')
    .trim();
}
