import type { types } from '@slack/bolt';
import type { Reply } from '../views/reply.js';
import { ACTION_IDS } from './action-ids.js';
import { digestBlocks } from './digest.blocks.js';
import { preBillBlocks } from './pre-bill.blocks.js';
import { dailyReviewBlocks, type SlackMessage } from './review.blocks.js';
import { SLACK_LIMITS, button, escapeMrkdwn, section, truncate } from './slack-text.js';

/** Actions blocks hold at most 25 elements. */
const MAX_CHOICES = 25;

/** A link only to our own http(s) file URLs; anything that could break out of `<url|label>` is refused. */
function fileLink(name: string, url: string): string {
  const safe = /^https?:\/\/[^\s<>|]+$/.test(url) && url.length < 1000;
  return safe ? `📄 <${url}|${escapeMrkdwn(name)}>` : `📄 ${escapeMrkdwn(name)}`;
}

/**
 * Any reply of the chat core as a Slack message: plain text, a choice of buttons (each sending
 * its value back as command text under {@link ACTION_IDS.choose}), the cards, or file links.
 */
export function replyBlocks(reply: Reply): SlackMessage {
  switch (reply.kind) {
    case 'daily-review':
      return dailyReviewBlocks(reply);
    case 'pre-bill':
      return preBillBlocks(reply);
    case 'digest':
      return digestBlocks(reply);
    case 'text':
      return { text: truncate(reply.text, SLACK_LIMITS.fallbackText), blocks: [section(escapeMrkdwn(reply.text))] };
    case 'choices': {
      const blocks: types.KnownBlock[] = [section(escapeMrkdwn(reply.text))];
      const choices = reply.choices.slice(0, MAX_CHOICES).filter((c) => c.value.length <= SLACK_LIMITS.value);
      // One actions block per choice: action_ids must be unique within a block, and one stable id is simpler to route.
      choices.forEach((c, i) => blocks.push({ type: 'actions', block_id: `reply.choice.${i}`, elements: [button(c.label, ACTION_IDS.choose, c.value)] }));
      return { text: truncate(reply.text, SLACK_LIMITS.fallbackText), blocks };
    }
    case 'files': {
      const lines = reply.files.map((f) => fileLink(f.name, f.url));
      return { text: truncate(reply.text, SLACK_LIMITS.fallbackText), blocks: [section([escapeMrkdwn(reply.text), ...lines].join('\n'))] };
    }
  }
}
