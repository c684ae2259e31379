import { Template } from 'adaptivecards-templating';

/** An Adaptive Card element or the card itself: plain JSON. */
export type CardJson = Record<string, unknown>;

/** Teams shows cards up to about 100 KB per message; we aim for less than 28 KB per card. */
export const TEAMS_CARD_BUDGET = 28 * 1024;

/** A reusable template (parsed once at module load, expanded per card). */
export interface CardTemplate<T> {
  expand(data: T): CardJson;
}

/**
 * Wraps adaptivecards-templating. Data values are never re-evaluated, so a narrative holding
 * "${…}" stays literal; every field the template names must be present (unbound ones stay literal).
 */
export function cardTemplate<T extends object>(json: CardJson): CardTemplate<T> {
  const template = new Template(json);
  return { expand: (data: T) => template.expand({ $root: data }) as CardJson };
}

/** The size Teams counts: UTF-8 bytes of the JSON. */
export function cardBytes(json: unknown): number {
  return Buffer.byteLength(JSON.stringify(json), 'utf8');
}

/** The card envelope, schema 1.5. */
export function adaptiveCard(body: CardJson[], actions: CardJson[] = []): CardJson {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

/** One line of untrusted text that Teams must not read as markdown: a RichTextBlock's TextRun is never parsed. */
export function plainRun(text: string, style: Record<string, unknown> = {}): CardJson {
  return { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text, ...style }] };
}
