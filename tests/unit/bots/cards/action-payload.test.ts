import { describe, expect, it } from 'vitest';
import type { types } from '@slack/bolt';
import { ACTION_IDS, dailyReviewBlocks, parseActionValue, parseAddTimeValue, parseChangeMatter, preBillBlocks, showAllModal } from '../../../../src/bots/cards/index.js';
import { aDailyReviewView, aPreBillMatterView, aPreBillView, testUuid } from '../../../support/builders-views.js';
import { keysIn, objectsIn } from './card-walk.js';

const FORBIDDEN = ['hours', 'amount', 'narrative', 'edit', 'matter', 'reason', 'total', 'fees'];
const allButtons = () => {
  const review = aDailyReviewView({ pending: 14, done: 3 });
  const preBill = aPreBillView({}, { matters: [aPreBillMatterView(), aPreBillMatterView({ invoiceId: testUuid(600), status: 'issued', number: '2026-0012' })] });
  return [...dailyReviewBlocks(review).blocks, ...preBillBlocks(preBill).blocks, ...showAllModal(review).blocks]
    .flatMap((b) => objectsIn(b))
    .filter((o) => o.type === 'button') as unknown as types.Button[];
};

describe('button values', () => {
  it('carry ids only: never hours, amounts or narratives', () => {
    const buttons = allButtons();
    expect(buttons.length).toBeGreaterThan(40);
    for (const b of buttons) {
      const keys = keysIn(JSON.parse(b.value ?? '{}'));
      for (const k of FORBIDDEN) expect(keys.has(k), `${b.action_id} carries ${k}`).toBe(false);
    }
  });

  it('round-trip through parseActionValue under their own action id', () => {
    for (const b of allButtons()) {
      if (b.action_id === ACTION_IDS.addTime) {
        expect(parseAddTimeValue(b.value ?? '')).toEqual({ ownerId: 42, date: '2026-03-02' });
        continue;
      }
      const parsed = parseActionValue(b.value ?? '', b.action_id);
      expect(parsed, b.action_id).toEqual(JSON.parse(b.value ?? ''));
      expect(parseActionValue(b.value ?? '', 'review.something_else')).toBeNull();
    }
  });

  it('names the format of each file button', () => {
    const values = allButtons().filter((b) => b.action_id?.startsWith('invoice.file.')).map((b) => [b.action_id, parseActionValue(b.value ?? '')]);
    expect(values).toContainEqual([ACTION_IDS.fileLedes, { verb: 'file', invoiceId: testUuid(500), format: 'ledes' }]);
  });
});

describe('parseActionValue refuses', () => {
  const entry = { ownerId: 42, date: '2026-03-02', entryId: testUuid(1), version: 2 };
  it.each([
    ['not JSON', 'approve'],
    ['an array', '[]'],
    ['an unknown verb', JSON.stringify({ ...entry, verb: 'delete' })],
    ['hours in a button', JSON.stringify({ ...entry, verb: 'approve', hours: '9.9' })],
    ['an edit in a button', JSON.stringify({ ...entry, verb: 'edit', edit: { hours: '9.9' } })],
    ['a matter in a button', JSON.stringify({ ...entry, verb: 'change_matter', matter: 'ACME-001' })],
    ['approve without an entry', JSON.stringify({ verb: 'approve', ownerId: 42, date: '2026-03-02' })],
    ['approve without a version', JSON.stringify({ verb: 'approve', ownerId: 42, date: '2026-03-02', entryId: testUuid(1) })],
    ['approve_all naming an entry', JSON.stringify({ ...entry, verb: 'approve_all' })],
    ['a string owner', JSON.stringify({ ...entry, verb: 'approve', ownerId: '42' })],
    ['a negative owner', JSON.stringify({ ...entry, verb: 'approve', ownerId: -1 })],
    ['a bad date', JSON.stringify({ ...entry, verb: 'approve', date: 'monday' })],
    ['an entry id with punctuation', JSON.stringify({ ...entry, verb: 'approve', entryId: "1' or 1=1" })],
    ['a fractional version', JSON.stringify({ ...entry, verb: 'approve', version: 1.5 })],
    ['an amount on an invoice button', JSON.stringify({ verb: 'write_down', invoiceId: testUuid(5), amount: '-100' })],
    ['a file without a format', JSON.stringify({ verb: 'file', invoiceId: testUuid(5) })],
    ['a format on finalize', JSON.stringify({ verb: 'finalize', invoiceId: testUuid(5), format: 'pdf' })],
    ['an unknown format', JSON.stringify({ verb: 'file', invoiceId: testUuid(5), format: 'docx' })],
    ['more than 2,000 characters', JSON.stringify({ ...entry, verb: 'approve', pad: 'x'.repeat(2000) })],
  ])('%s', (_what, value) => {
    expect(parseActionValue(value)).toBeNull();
  });

  it.each([
    ['a wrong action id', JSON.stringify({ ...entry, verb: 'approve' }), ACTION_IDS.notBillable],
    ['a file under another format', JSON.stringify({ verb: 'file', invoiceId: testUuid(5), format: 'pdf' }), ACTION_IDS.fileCsv],
  ])('%s', (_what, value, actionId) => {
    expect(parseActionValue(value, actionId)).toBeNull();
  });
});

describe('parseChangeMatter', () => {
  const blockId = JSON.stringify({ verb: 'change_matter', ownerId: 42, date: '2026-03-02', entryId: testUuid(1), version: 2 });
  it.each([
    ['another verb in block_id', JSON.stringify({ verb: 'approve', ownerId: 42, date: '2026-03-02', entryId: testUuid(1), version: 2 }), 'ACME-001'],
    ['an ordinary block_id', 'entry:abc', 'ACME-001'],
    ['an empty matter', blockId, ''],
    ['a matter with spaces', blockId, 'ACME 001'],
  ])('refuses %s', (_what, b, matter) => {
    expect(parseChangeMatter(b, matter)).toBeNull();
  });
});
