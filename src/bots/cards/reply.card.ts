import type { Reply } from '../views/reply.js';
import { ACTION_IDS } from './action-ids.js';
import { adaptiveCard, cardTemplate, type CardJson } from './adaptive.js';
import { digestCard } from './digest.card.js';
import { preBillCard } from './pre-bill.card.js';
import { dailyReviewCard } from './review.card.js';

const textCard = cardTemplate<{ text: string }>({ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '${text}' }] });
const choiceAction = cardTemplate<{ label: string; value: string }>({ type: 'Action.Execute', title: '${label}', verb: ACTION_IDS.choose, data: { value: '${value}' }, associatedInputs: 'none' });
const fileAction = cardTemplate<{ name: string; url: string }>({ type: 'Action.OpenUrl', title: '📄 ${name}', url: '${url}' });

/**
 * Any reply of the chat core as an Adaptive Card: text, choices (each an Action.Execute under
 * {@link ACTION_IDS.choose} whose data.value is the command text to run), the cards, or file links.
 */
export function replyCard(reply: Reply): CardJson {
  switch (reply.kind) {
    case 'daily-review':
      return dailyReviewCard(reply);
    case 'pre-bill':
      return preBillCard(reply);
    case 'digest':
      return digestCard(reply);
    case 'text':
      return adaptiveCard([textCard.expand({ text: reply.text })]);
    case 'choices':
      return adaptiveCard([textCard.expand({ text: reply.text })], reply.choices.slice(0, 25).map((c) => choiceAction.expand({ label: c.label, value: c.value })));
    case 'files':
      return adaptiveCard(
        [textCard.expand({ text: reply.text })],
        reply.files.filter((f) => /^https?:\/\//.test(f.url)).map((f) => fileAction.expand({ name: f.name, url: f.url })),
      );
  }
}

/** A choice's invoke (verb {@link ACTION_IDS.choose}) back to its command text, or null. */
export function parseChoiceInvoke(verb: string, data: unknown): string | null {
  if (verb !== ACTION_IDS.choose || typeof data !== 'object' || data === null) return null;
  const value = (data as Record<string, unknown>).value;
  return typeof value === 'string' && value.length > 0 && value.length <= 2000 ? value : null;
}
