import { describe, expect, it } from 'vitest';
import type { types } from '@slack/bolt';
import { dailyReviewBlocks, escapeMrkdwn, preBillBlocks, replyBlocks } from '../../../../src/bots/cards/index.js';
import { aDailyReviewView, aPreBillMatterView, aPreBillView, anEntryView } from '../../../support/builders-views.js';
import { objectsIn } from './card-walk.js';

const ZWSP = '\u200B';
const mrkdwnTexts = (tree: unknown) => objectsIn(tree).filter((o) => o.type === 'mrkdwn') as unknown as types.MrkdwnElement[];

describe('escapeMrkdwn', () => {
  it.each([
    ['<!channel> deadline', '&lt;!channel&gt; deadline'],
    ['<http://evil.example|Acme invoice>', '&lt;http://evil.example|Acme invoice&gt;'],
    ['<@U123> and <#C1>', '&lt;@U123&gt; and &lt;#C1&gt;'],
    ['Smith & Jones', 'Smith &amp; Jones'],
    ['already &lt; escaped', 'already &amp;lt; escaped'],
    ['*bold* _italic_ ~gone~ `code`', `*${ZWSP}bold*${ZWSP} _${ZWSP}italic_${ZWSP} ~${ZWSP}gone~${ZWSP} \`${ZWSP}code\`${ZWSP}`],
    ['ping @channel and @here', `ping @${ZWSP}channel and @${ZWSP}here`],
    ['line one\n> quoted', 'line one &gt; quoted'],
  ])('%j → %j', (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });
});

describe('untrusted text on Slack cards', () => {
  const evil = '<!channel> *urgent* _now_ <https://evil.example|click> & @everyone';

  it.each([
    ['narrative', { narrative: evil }],
    ['evidence', { evidence: evil }],
    ['warning', { warnings: [evil] }],
    ['matter name', { matter: { code: 'ACME-001', name: evil } }],
  ])('a %s cannot ping, link or format', (_what, entry) => {
    const { blocks } = dailyReviewBlocks(aDailyReviewView({}, { pending: [anEntryView(entry)], done: [anEntryView({ ...entry, status: 'approved' })] }));
    const all = mrkdwnTexts(blocks);
    expect(all.every((t) => t.verbatim === true)).toBe(true);
    const joined = all.map((t) => t.text).join('\n');
    expect(joined).not.toMatch(/<!|<https?:|<@/);
    expect(joined).not.toContain('*urgent*');
    expect(joined).not.toContain('_now_');
    expect(joined).not.toMatch(/@everyone/);
    expect(joined).toContain('&lt;!channel&gt;');
    expect(joined).toContain('&amp;');
  });

  it('escapes pre-bill names, notes and the title stays plain text', () => {
    const view = aPreBillView({}, { title: '<!here> Acme', matters: [aPreBillMatterView({ timekeepers: [{ name: '<@U1>', hours: '1.0', rate: '$1', amount: '$1' }], adjustments: ['<x|y>'] })] });
    const { blocks } = preBillBlocks(view);
    expect(blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: '<!here> Acme' } });
    const joined = mrkdwnTexts(blocks).map((t) => t.text).join('\n');
    expect(joined).not.toMatch(/<[!@#a-z]/i);
  });

  it.each([
    { kind: 'text' as const, text: '<!channel> done' },
    { kind: 'choices' as const, text: '<!channel> which?', choices: [{ label: 'Acme', value: 'acme march' }] },
    { kind: 'files' as const, text: '<!channel> files', files: [{ name: 'x|<y>', url: 'https://tally.example/files/abc', content: '' }] },
  ])('escapes a $kind reply', (reply) => {
    const joined = mrkdwnTexts(replyBlocks(reply).blocks).map((t) => t.text).join('\n');
    expect(joined).toContain('&lt;!channel&gt;');
    expect(joined).not.toContain('<!channel>');
  });

  it('links a file only to a plain http(s) URL', () => {
    const files = [
      { name: 'ok.pdf', url: 'https://tally.example/files/abc', content: '' },
      { name: 'bad.pdf', url: 'https://x.example|<!channel>', content: '' },
    ];
    const joined = mrkdwnTexts(replyBlocks({ kind: 'files', text: 'Files', files }).blocks).map((t) => t.text).join('\n');
    expect(joined).toContain('<https://tally.example/files/abc|ok.pdf>');
    expect(joined).toContain('📄 bad.pdf');
    expect(joined).not.toContain('<!channel>');
  });
});
