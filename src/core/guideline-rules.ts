import { distinctTasks } from './block-billing.js';
import type { WorkKind } from './capture-types.js';
import { formatHours } from './duration.js';
import type { Client } from './firm.js';
import type { Warning } from './time-entry.js';

/** What the guideline rules look at in one entry. */
export interface GuidelineEntry {
  readonly narrative: string;
  readonly billedMinutes: number;
  readonly taskCode: string | null;
  readonly activityCode: string | null;
  readonly kind?: WorkKind;
}

function words(source: string, flags = 'iu'): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, flags);
}

// A court's scheduling order or conference is legal work, not clerical calendaring.
const CLERICAL = words(
  [
    'filing',
    'copying',
    'photocopying',
    'scanning',
    'data entry',
    'calendaring',
    'calendared',
    'scheduling(?!\\s+(?:order|conference))',
    'bill preparation',
    'prepar(?:e|ed|ing) (?:the )?bills?',
    'invoice preparation',
    'binders?',
    'transmittal letters?',
    'organi[sz](?:e|ed|ing) (?:the )?files?',
    'file (?:opening|closing)',
    '(?:open|opened|close|closed) (?:the )?file',
  ].join('|'),
  'giu',
);
const TRAVEL = words('travel(?:ed|led|ing|ling)?|drive to|drove to|flight to|fly to|flew to');

function hours(minutes: number): string {
  return `${formatHours(minutes)} h`;
}

/**
 * The client's outside-counsel guideline rules this entry breaks, each a warning naming the rule:
 * banned_phrase (case-insensitive substring, so "one" hits "phone" as the e-billing platforms do),
 * block_billing, clerical, max_hours_per_day (`dayBilledMinutesForClient` is this person's billed time
 * for the client's matters that day, this entry included), description_too_long, task_code_required,
 * travel_rate, below_minimum. Pure: the same input gives the same warnings, in this order.
 */
export function checkGuidelines(entry: GuidelineEntry, client: Client, dayBilledMinutesForClient: number): Warning[] {
  const rules = client.guidelines;
  const who = client.name;
  const lower = entry.narrative.toLowerCase();
  const warnings: Warning[] = [];
  for (const phrase of rules.bannedPhrases) {
    const wanted = phrase.trim().toLowerCase();
    if (wanted !== '' && lower.includes(wanted)) warnings.push({ code: 'banned_phrase', message: `${who} forbids "${phrase.trim()}"` });
  }
  const tasks = distinctTasks(entry.narrative);
  if (rules.forbidBlockBilling && tasks.length >= 2) {
    warnings.push({ code: 'block_billing', message: `${who} forbids block billing: this entry lists ${String(tasks.length)} tasks (${tasks.join(', ')}); give each its own entry` });
  }
  const clerical = [...new Set([...entry.narrative.matchAll(CLERICAL)].map((hit) => hit[0].toLowerCase()))];
  if (rules.forbidClerical && clerical.length > 0) {
    warnings.push({ code: 'clerical', message: `${who} does not pay for clerical work (${clerical.map((hit) => `"${hit}"`).join(', ')})` });
  }
  if (dayBilledMinutesForClient > rules.maxMinutesPerDay) {
    warnings.push({ code: 'max_hours_per_day', message: `${who} allows at most ${hours(rules.maxMinutesPerDay)} a day per timekeeper; this day has ${hours(dayBilledMinutesForClient)}` });
  }
  const length = Array.from(entry.narrative).length;
  if (length > rules.maxDescriptionLength) {
    warnings.push({ code: 'description_too_long', message: `${who} allows descriptions of at most ${String(rules.maxDescriptionLength)} characters; this one has ${String(length)}` });
  }
  if (rules.requireTaskCodes && entry.taskCode === null) {
    warnings.push({ code: 'task_code_required', message: `${who} requires a UTBMS task code on every entry` });
  }
  if (rules.travelRatePercent < 100 && TRAVEL.test(entry.narrative)) {
    warnings.push({ code: 'travel_rate', message: `${who} pays non-working travel at ${String(rules.travelRatePercent)}% of the rate` });
  }
  if (rules.minimumMinutes > 0 && entry.billedMinutes < rules.minimumMinutes) {
    warnings.push({ code: 'below_minimum', message: `${who} bills at least ${String(rules.minimumMinutes)} min per entry; this one has ${String(entry.billedMinutes)} min` });
  }
  return warnings;
}
