import type { Reminder } from '../../billing/reminder.service.js';
import { formatDayLabel } from '../../core/dates.js';
import { formatHours } from '../../core/duration.js';
import type { Reply } from '../views/reply.js';
import { countOf } from './review-words.js';

/** At most this many "Review DAY" buttons, the oldest days first. */
export const REMINDER_DAY_BUTTONS = 5;

/**
 * The nudge about old drafts: "You have 4 drafts (3.5 h) from Mon 2 Mar to Wed 4 Mar waiting for
 * approval." and a "Review Mon 2 Mar" button per day (the oldest {@link REMINDER_DAY_BUTTONS}).
 * A button's value is the whole command text, `tally summary 2026-03-02`: the reminder is sent
 * unprompted, so no command name is put in front of it later, and a click opens that day's card.
 */
export function reminderReply(reminder: Reminder): Reply {
  const newest = reminder.dates[reminder.dates.length - 1] ?? reminder.oldestDate;
  const when = newest === reminder.oldestDate ? `from ${formatDayLabel(newest)}` : `from ${formatDayLabel(reminder.oldestDate)} to ${formatDayLabel(newest)}`;
  const more = reminder.dates.length > REMINDER_DAY_BUTTONS ? ` The ${String(REMINDER_DAY_BUTTONS)} oldest days are below.` : '';
  const text = `You have ${countOf(reminder.count, 'draft', 'drafts')} (${formatHours(reminder.minutes)} h) ${when} waiting for approval.${more}`;
  const choices = reminder.dates.slice(0, REMINDER_DAY_BUTTONS).map((date) => ({ label: `Review ${formatDayLabel(date)}`, value: `tally summary ${date}` }));
  return choices.length === 0 ? { kind: 'text', text } : { kind: 'choices', text, choices };
}
