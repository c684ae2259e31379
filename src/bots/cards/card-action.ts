import { z } from 'zod';
import { ACTION_IDS, ALL_ACTION_IDS } from './action-ids.js';
import { isInvoiceAction } from './action-payload.js';
import { parseChoiceInvoke } from './reply.card.js';
import { parseAddTimeInvoke, parseInvokeData } from './teams-invoke.js';
import type { InvoiceAction, ReviewAction } from '../views/actions.js';
import type { CommandName } from '../views/chat-core.js';
import { parseTypedCommand } from './typed-command.js';

/** What an `adaptiveCard/action` invoke asks for, once validated against the cards that were rendered. */
export type CardAction =
  | { readonly kind: 'review'; readonly action: ReviewAction }
  | { readonly kind: 'invoice'; readonly action: InvoiceAction }
  /** A choice of a `choices` reply, or the Add time form: a command run again as if typed. */
  | { readonly kind: 'command'; readonly name: CommandName; readonly text: string }
  /** Readable, but missing what the person must fill in: answered with this text, nothing run. */
  | { readonly kind: 'incomplete'; readonly text: string };

const KNOWN_VERBS = new Set<string>(ALL_ACTION_IDS);
const invokeValue = z.object({
  action: z.object({ type: z.literal('Action.Execute'), verb: z.string().min(1).max(64), data: z.unknown().optional() }),
});

export const ADD_TIME_NEEDS_MATTER = 'Choose a matter for the time you add.';

/**
 * Validates the value of an `adaptiveCard/action` invoke with the cards' own parsers: the verb is
 * one of our stable action ids, the button part of `data` holds ids only, any other key is an
 * input one of our cards renders, with a bounded value. Null when anything does not fit: the
 * payload is untrusted, and ids in it are re-read and authorized by the core.
 */
export function parseCardAction(value: unknown): CardAction | null {
  const parsed = invokeValue.safeParse(value);
  if (!parsed.success || !KNOWN_VERBS.has(parsed.data.action.verb)) return null;
  const { verb, data } = parsed.data.action;
  if (verb === ACTION_IDS.choose) {
    // A choice carries its command text and nothing else.
    if (typeof data !== 'object' || data === null || Object.keys(data).some((k) => k !== 'value')) return null;
    const text = parseChoiceInvoke(verb, data);
    return text === null ? null : { kind: 'command', ...parseTypedCommand(text) };
  }
  if (verb === ACTION_IDS.addTime) {
    const form = parseAddTimeInvoke(verb, data);
    if (!form) return null;
    if (form.matter === null) return { kind: 'incomplete', text: ADD_TIME_NEEDS_MATTER };
    // The same words /time takes, the day first (Slack's Add time modal builds them the same way).
    return { kind: 'command', name: 'time', text: [form.date, form.hours, form.matter, form.narrative].filter(Boolean).join(' ') };
  }
  const action = parseInvokeData(verb, data);
  if (!action) return null;
  return isInvoiceAction(action) ? { kind: 'invoice', action } : { kind: 'review', action };
}
