import type { types } from '@slack/bolt';

/** Block Kit limits we render within (characters unless noted). */
export const SLACK_LIMITS = {
  blocks: 50,
  modalBlocks: 100,
  sectionText: 3000,
  contextText: 3000,
  header: 150,
  buttonText: 75,
  actionId: 255,
  blockId: 255,
  value: 2000,
  optionText: 75,
  optionValue: 150,
  options: 100,
  modalTitle: 24,
  modalButton: 24,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  inputLabel: 2000,
  placeholder: 150,
  inputMaxLength: 3000,
  privateMetadata: 3000,
  fallbackText: 3000,
} as const;

const ZWSP = '\u200B';

/** Cuts text to `max` characters, ending in "…" when cut (never splitting a surrogate pair). */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/**
 * Makes untrusted text inert in mrkdwn: `& < >` escaped (so no `<!channel>`, `<@U…>` or forged
 * `<url|label>`), bare @channel/@here/@everyone broken, and formatting markers (* _ ~ `) followed by a
 * zero-width space, because Slack has no escape for them. Whitespace runs collapse to one space.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|everyone)\b/gi, `@${ZWSP}$1`)
    .replace(/[*_~`]/g, (m) => `${m}${ZWSP}`);
}

/** Truncates already-escaped mrkdwn without leaving half an entity (`&am…`). */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = truncate(text, max).slice(0, -1).replace(/&[a-z]{0,4}$/, '');
  return `${cut}…`;
}

/** A plain_text object within `max` characters (never empty: Slack rejects empty text). */
export function plain(text: string, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: truncate(text.trim() === '' ? '-' : text, max), emoji: true };
}

/** A mrkdwn object from our own markup (parts already escaped), verbatim so Slack links nothing itself. */
export function mrkdwn(text: string, max: number = SLACK_LIMITS.sectionText): types.MrkdwnElement {
  return { type: 'mrkdwn', text: truncateMrkdwn(text.trim() === '' ? '-' : text, max), verbatim: true };
}

/** A section block of mrkdwn text. */
export function section(text: string, blockId?: string): types.SectionBlock {
  return { type: 'section', ...(blockId ? { block_id: blockId } : {}), text: mrkdwn(text) };
}

/** A context block of one mrkdwn line. */
export function context(text: string): types.ContextBlock {
  return { type: 'context', elements: [mrkdwn(text, SLACK_LIMITS.contextText)] };
}

/** A button; `value` must already fit (action values are small JSON). */
export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): types.Button {
  return { type: 'button', text: plain(text, SLACK_LIMITS.buttonText), action_id: actionId, value, ...(style ? { style } : {}) };
}

/** A static_select option (text and value cut to Slack's limits). */
export function option(text: string, value: string): types.PlainTextOption {
  return { text: plain(text, SLACK_LIMITS.optionText), value: value.slice(0, SLACK_LIMITS.optionValue) };
}
