import type { CommandName } from '../views/chat-core.js';

/** A DM typed to the bot, as the command the core runs. */
export interface TypedCommand {
  readonly name: CommandName;
  readonly text: string;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/**
 * Turns what a person typed in their 1:1 chat into a command: "time 1.5 acme-001 drafted…" →
 * time, "invoice acme march" → invoice, "help" / "summary [date]" / anything else → tally.
 * Teams may wrap text in HTML (rich text) and mentions in `<at>`; both are stripped.
 */
export function parseTypedCommand(raw: string | undefined): TypedCommand {
  const text = (raw ?? '')
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (m) => ENTITIES[m] ?? m)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\//, '');
  const [first = '', ...others] = text.split(' ');
  const word = first.toLowerCase();
  const rest = others.join(' ');
  if (word === 'time' || word === 'invoice') return { name: word, text: rest };
  if (word === 'tally') return { name: 'tally', text: rest || 'help' };
  return { name: 'tally', text: text || 'help' };
}
