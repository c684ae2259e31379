import { replyCard } from '../cards/reply.card.js';
import type { CardJson } from '../cards/adaptive.js';
import type { Reply } from '../views/reply.js';

/** A reply as the console page shows it (contract: README "Console"). */
export type ConsoleReply =
  | { readonly kind: 'card'; readonly replyKind: 'daily-review' | 'pre-bill' | 'digest' | 'choices'; readonly card: CardJson }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'files'; readonly text: string; readonly files: readonly { readonly name: string; readonly url: string }[] };

/**
 * The chat core's reply for the browser: cards through the same Adaptive Card renderer as Teams
 * (the page renders them with the official renderer), text as text, files as download links.
 */
export function consoleReply(reply: Reply): ConsoleReply {
  switch (reply.kind) {
    case 'text':
      return { kind: 'text', text: reply.text };
    case 'files':
      return { kind: 'files', text: reply.text, files: reply.files.filter((f) => /^https?:\/\//.test(f.url)).map((f) => ({ name: f.name, url: f.url })) };
    default:
      return { kind: 'card', replyKind: reply.kind, card: replyCard(reply) };
  }
}
