import { isAppError } from '../../core/errors.js';

/** What a person reads when something they asked for failed: the one place errors become chat text. */
export interface FailureText {
  readonly text: string;
  /** True when Tally broke (log it by id); false when the person asked for something wrong. */
  readonly internal: boolean;
}

/**
 * Translates any thrown value into plain words for a chat reply. An AppError's message is written
 * for people (and never names what the actor may not know, see the services); anything else is
 * Tally's fault and gets a fixed sentence — never a stack trace, never the raw message.
 */
export function failureText(error: unknown): FailureText {
  if (isAppError(error)) {
    if (error.code === 'UNAVAILABLE') return { text: `That can't be done right now: ${error.message}. Nothing was changed; try again in a minute.`, internal: false };
    if (error.code === 'INTERNAL') return { text: INTERNAL_TEXT, internal: true };
    const problems = error.problems.map((p) => `• ${p.path}: ${p.message}`);
    return { text: [sentence(error.message), ...problems].join('\n'), internal: false };
  }
  return { text: INTERNAL_TEXT, internal: true };
}

const INTERNAL_TEXT = 'Something went wrong on our side and nothing was changed. Please try again; if it keeps happening, tell your Tally administrator.';

function sentence(message: string): string {
  const first = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}
