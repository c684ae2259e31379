import type { Draft } from './capture-types.js';
import { uniqueIgnoringCase } from './text-match.js';

/** The distinct titles of a draft's activities, earliest first. */
export function draftTitles(draft: Pick<Draft, 'activities'>): string[] {
  return uniqueIgnoringCase(draft.activities.map((activity) => activity.title));
}

/** Everyone taking part besides the draft's owner(s), each address once, in first-seen order. */
export function draftParticipants(draft: Pick<Draft, 'activities'>): string[] {
  const owners = new Set(draft.activities.map((activity) => activity.user.trim().toLowerCase()));
  return uniqueIgnoringCase(draft.activities.flatMap((activity) => activity.participants)).filter(
    (email) => !owners.has(email.toLowerCase()),
  );
}
