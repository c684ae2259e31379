import { describe, expect, it } from 'vitest';
import type { types } from '@slack/bolt';
import { ACTION_IDS, ALL_ACTION_IDS, SLACK_LIMITS, dailyReviewBlocks, parseActionValue, parseChangeMatter } from '../../../../src/bots/cards/index.js';
import { aDailyReviewView, anEntryView, someMatters, testUuid } from '../../../support/builders-views.js';
import { objectsIn } from './card-walk.js';

const SIZES = [0, 1, 12, 13, 30, 100];
const texts = (blocks: unknown) => objectsIn(blocks).filter((o) => o.type === 'mrkdwn' || o.type === 'plain_text').map((o) => String(o.text));
const buttons = (blocks: unknown) => objectsIn(blocks).filter((o) => o.type === 'button') as unknown as types.Button[];

describe('dailyReviewBlocks', () => {
  it.each(SIZES.flatMap((pending) => [0, 40].map((done) => ({ pending, done }))))('$pending pending and $done done stay within 50 blocks and every text limit', ({ pending, done }) => {
    const { blocks, text } = dailyReviewBlocks(aDailyReviewView({ pending, done }));
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    expect(text.length).toBeGreaterThan(0);
    for (const o of objectsIn(blocks)) {
      if (o.type === 'section') expect(((o.text as { text: string }).text).length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      if (o.type === 'header') expect(((o.text as { text: string }).text).length).toBeLessThanOrEqual(SLACK_LIMITS.header);
      if (typeof o.block_id === 'string') expect(o.block_id.length).toBeLessThanOrEqual(SLACK_LIMITS.blockId);
    }
    for (const b of buttons(blocks)) {
      expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
      expect(b.action_id?.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.actionId);
      expect(b.value?.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.value);
    }
    const blockIds = objectsIn(blocks).filter((o) => 'block_id' in o && o.type !== undefined).map((o) => o.block_id);
    expect(new Set(blockIds).size).toBe(blockIds.length);
  });

  it.each(SIZES)('%i pending: at most 12 in full, and "Show all (N)" past 12', (pending) => {
    const { blocks } = dailyReviewBlocks(aDailyReviewView({ pending }));
    const shown = buttons(blocks).filter((b) => b.action_id === ACTION_IDS.edit).length;
    expect(shown).toBe(Math.min(pending, 12));
    const showAll = buttons(blocks).find((b) => b.action_id === ACTION_IDS.showAll);
    expect(showAll?.text.text).toBe(pending > 12 ? `Show all (${pending})` : undefined);
  });

  it('uses only registered action ids, each unique within its block', () => {
    const view = aDailyReviewView({ pending: 14, done: 3 });
    const { blocks } = dailyReviewBlocks(view);
    const ids = objectsIn(blocks).filter((o) => typeof o.action_id === 'string').map((o) => o.action_id as string);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(ALL_ACTION_IDS).toContain(id);
    for (const block of blocks) {
      if (block.type !== 'actions') continue;
      const inBlock = block.elements.map((e) => e.action_id);
      expect(new Set(inBlock).size).toBe(inBlock.length);
    }
  });

  it('shows header, subtitle, Approve all with count and hours, and Add time', () => {
    const view = aDailyReviewView({ pending: 2 }, { approveAll: { count: 2, hours: '3.0' }, note: 'That entry changed since this card was shown.' });
    const { blocks } = dailyReviewBlocks(view);
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: view.title } });
    expect(texts(blocks)).toEqual(expect.arrayContaining([view.subtitle, 'ℹ️ That entry changed since this card was shown.']));
    const approveAll = buttons(blocks).find((b) => b.action_id === ACTION_IDS.approveAll);
    expect(approveAll).toMatchObject({ style: 'primary', text: { text: 'Approve all (2 entries, 3.0 h)' } });
    expect(buttons(blocks).map((b) => b.action_id)).toContain(ACTION_IDS.addTime);
  });

  it('marks warnings with ⚠ and asks to confirm approving despite them', () => {
    const entry = anEntryView({ warnings: ["Globex forbids 'review file'"] });
    const { blocks } = dailyReviewBlocks(aDailyReviewView({}, { pending: [entry], approveAll: null }));
    expect(texts(blocks).some((t) => t.includes("⚠️ *Globex forbids 'review file'*"))).toBe(true);
    const approve = buttons(blocks).find((b) => b.action_id === ACTION_IDS.approve);
    expect(approve?.confirm?.text.text).toContain('Globex forbids');
    expect(buttons(blocks).some((b) => b.action_id === ACTION_IDS.approveAll)).toBe(false);
  });

  it('asks "Which matter?" for an unassigned draft: no Approve, a select of recent matters whose block_id carries the ids', () => {
    const entry = anEntryView({ matter: null, offerChangeMatter: true });
    const view = aDailyReviewView({}, { pending: [entry], recentMatters: someMatters(3) });
    const { blocks } = dailyReviewBlocks(view);
    expect(buttons(blocks).some((b) => b.action_id === ACTION_IDS.approve)).toBe(false);
    const section = blocks.find((b): b is types.SectionBlock => b.type === 'section' && b.accessory?.type === 'static_select');
    expect(section?.text?.text).toContain('*Which matter?*');
    const select = section?.accessory as types.StaticSelect;
    expect(select.action_id).toBe(ACTION_IDS.changeMatter);
    expect(select.options?.map((o) => o.value)).toEqual(['ACME-001', 'ACME-002', 'ACME-003']);
    expect(parseChangeMatter(section?.block_id ?? '', 'ACME-002')).toEqual({ verb: 'change_matter', ownerId: 42, date: '2026-03-02', entryId: entry.id, version: entry.version, matter: 'ACME-002' });
  });

  it('collapses decided entries to one ✓ line with Undo, and says when the day is complete', () => {
    const view = aDailyReviewView({ pending: 0, done: 0 }, {
      done: [anEntryView({ status: 'approved' }), anEntryView({ id: testUuid(2), status: 'non_billable' }), anEntryView({ id: testUuid(3), status: 'billed' })],
      complete: 'Day complete — 4.5 h approved',
    });
    const { blocks } = dailyReviewBlocks(view);
    expect(texts(blocks)).toContain('✅ *Day complete — 4.5 h approved*');
    const lines = blocks.filter((b): b is types.SectionBlock => b.type === 'section' && (b.text?.text ?? '').startsWith('✓'));
    expect(lines).toHaveLength(3);
    expect(lines[1]?.text?.text).toContain('Not billable');
    expect(lines.map((l) => (l.accessory as types.Button | undefined)?.action_id)).toEqual([ACTION_IDS.undo, ACTION_IDS.undo, undefined]);
    expect(parseActionValue((lines[0]?.accessory as types.Button).value ?? '', ACTION_IDS.undo)).toMatchObject({ verb: 'undo', entryId: testUuid(1) });
  });

  it('truncates long texts with "…"', () => {
    const entry = anEntryView({ narrative: 'x'.repeat(5000) });
    const view = aDailyReviewView({}, { pending: [entry], title: 'T'.repeat(400) });
    const { blocks } = dailyReviewBlocks(view);
    expect((blocks[0] as types.HeaderBlock).text.text).toHaveLength(150);
    expect((blocks[0] as types.HeaderBlock).text.text.endsWith('…')).toBe(true);
    const section = blocks.find((b): b is types.SectionBlock => b.type === 'section');
    expect(section?.text?.text.length).toBeLessThanOrEqual(3000);
    expect(section?.text?.text).toContain('…');
  });
});
