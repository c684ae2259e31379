import { describe, expect, it } from 'vitest';
import type { types } from '@slack/bolt';
import { ACTION_IDS, ALL_ACTION_IDS, SLACK_LIMITS, preBillBlocks, replyBlocks } from '../../../../src/bots/cards/index.js';
import { aDailyReviewView, aPreBillMatterView, aPreBillView } from '../../../support/builders-views.js';
import { objectsIn } from './card-walk.js';

const buttons = (tree: unknown) => objectsIn(tree).filter((o) => o.type === 'button') as unknown as types.Button[];

describe('preBillBlocks', () => {
  it('shows totals, timekeepers, write-downs, warnings and awaiting drafts', () => {
    const joined = JSON.stringify(preBillBlocks(aPreBillView({ matters: 1 })).blocks);
    for (const text of ['12.5 h', '$4,210.00', 'Lee Park — 4.0 h × $550.00 = $2,200.00', 'Write-down −$120.00', "⚠️ *2 entries over Acme's 8 h/day cap*", '⏳ 3 drafts (2.4 h)', 'ACME-009: 2 drafts']) {
      expect(joined).toContain(text);
    }
  });

  it('asks to confirm Finalize naming the total', () => {
    const finalize = buttons(preBillBlocks(aPreBillView({ matters: 1 })).blocks).find((b) => b.action_id === ACTION_IDS.finalize);
    expect(finalize?.style).toBe('primary');
    expect(finalize?.confirm?.text.text).toContain('$4,210.00');
    expect(finalize?.confirm?.confirm?.text).toContain('$4,210.00');
  });

  it.each([
    ['draft', true, [ACTION_IDS.finalize, ACTION_IDS.filePdf, ACTION_IDS.fileLedes, ACTION_IDS.fileCsv, ACTION_IDS.writeDown]],
    ['issued', true, [ACTION_IDS.filePdf, ACTION_IDS.fileLedes, ACTION_IDS.fileCsv, ACTION_IDS.void]],
    ['issued', false, [ACTION_IDS.filePdf, ACTION_IDS.fileLedes, ACTION_IDS.fileCsv]],
    ['void', true, []],
  ] as const)('a %s invoice (may void: %s) offers %j', (status, canVoid, ids) => {
    const view = aPreBillView({}, { canVoid, matters: [aPreBillMatterView({ status, number: status === 'draft' ? null : '2026-0012' })] });
    expect(buttons(preBillBlocks(view).blocks).map((b) => b.action_id)).toEqual(ids);
  });

  it.each([1, 9, 10, 40])('%i matters stay within 50 blocks, later ones listed in a line each', (n) => {
    const { blocks } = preBillBlocks(aPreBillView({ matters: n }));
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    const joined = JSON.stringify(blocks);
    expect(joined).toContain(`ACME-${String(n).padStart(3, '0')}`);
    for (const id of objectsIn(blocks).filter((o) => typeof o.action_id === 'string').map((o) => o.action_id)) expect(ALL_ACTION_IDS).toContain(id);
  });
});

describe('replyBlocks', () => {
  it('renders choices as buttons under one registered id, each sending its command text', () => {
    const { blocks } = replyBlocks({ kind: 'choices', text: 'Which client?', choices: [{ label: 'Acme Corp', value: 'ACME march' }, { label: 'Acme Labs', value: 'ACMEL march' }] });
    expect(buttons(blocks).map((b) => [b.action_id, b.value])).toEqual([[ACTION_IDS.choose, 'ACME march'], [ACTION_IDS.choose, 'ACMEL march']]);
  });

  it('hands the cards to their renderers', () => {
    expect(replyBlocks(aDailyReviewView()).blocks[0]?.type).toBe('header');
    expect(replyBlocks(aPreBillView()).text).toContain('pre-bill');
  });
});
