import { CardFactory } from '@microsoft/agents-hosting';
import { dailyReviewCard } from '../cards/review.card.js';
import type { Reply } from '../views/reply.js';

/** Turns a reply into an Adaptive Card (the renderer of src/bots/cards, passed in). */
export type TeamsRender = (reply: Reply) => object;

/** The plain object an outgoing Teams message is built from (the SDK fills in the conversation). */
export interface OutgoingMessage {
  readonly type: 'message';
  readonly text?: string;
  readonly textFormat?: 'plain';
  readonly attachments?: readonly { readonly contentType: string; readonly content: unknown }[];
}

/** How a card is drawn: `showAll` after "Show all" (every draft in full, as far as 28 KB allows). */
export interface CardOptions {
  readonly showAll?: boolean;
}

/** The card of a reply; "Show all" draws the day card in full whatever renderer is plugged in. */
function cardOf(reply: Reply, render: TeamsRender, options: CardOptions): object {
  return options.showAll && reply.kind === 'daily-review' ? dailyReviewCard(reply, { showAll: true }) : render(reply);
}

/** A text reply goes as plain text (never markdown: it may quote what someone typed); anything else as one Adaptive Card. */
export function replyMessage(reply: Reply, render: TeamsRender, options: CardOptions = {}): OutgoingMessage {
  if (reply.kind === 'text') return { type: 'message', text: reply.text, textFormat: 'plain' };
  const { contentType, content } = CardFactory.adaptiveCard(cardOf(reply, render, options));
  return { type: 'message', attachments: [{ contentType: String(contentType), content }] };
}

/** The Universal Actions answer to an `adaptiveCard/action` invoke: the refreshed card, or a message. */
export interface AdaptiveCardActionResponse {
  readonly statusCode: 200;
  readonly type: 'application/vnd.microsoft.card.adaptive' | 'application/vnd.microsoft.activity.message';
  readonly value: unknown;
}

/** The invoke answer body for a reply (Universal Actions: card in place, or a short message). */
export function actionResponse(reply: Reply, render: TeamsRender, options: CardOptions = {}): AdaptiveCardActionResponse {
  if (reply.kind === 'text') return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: reply.text };
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: cardOf(reply, render, options) };
}

/** The `invokeResponse` activity the CloudAdapter turns into the HTTP answer of an invoke. */
export function invokeResponseActivity(body: AdaptiveCardActionResponse): { type: 'invokeResponse'; value: { status: 200; body: AdaptiveCardActionResponse } } {
  return { type: 'invokeResponse', value: { status: 200, body } };
}
