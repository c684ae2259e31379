import { describe, expect, it } from 'vitest';
import { ACTION_IDS, ALL_ACTION_IDS, parseAddTimeInvoke, parseInvokeData, preBillCard, replyCard, writeDownInputId } from '../../../../src/bots/cards/index.js';
import { parseChoiceInvoke } from '../../../../src/bots/cards/reply.card.js';
import { aPreBillMatterView, aPreBillView, testUuid } from '../../../support/builders-views.js';
import { keysIn, objectsIn } from './card-walk.js';

type Json = Record<string, unknown>;
const executes = (card: unknown) => objectsIn(card).filter((o) => o.type === 'Action.Execute') as { verb: string; title: string; data: Json }[];
const entry = { ownerId: 42, date: '2026-03-02', entryId: testUuid(1), version: 2 };

describe('parseInvokeData refuses', () => {
  it.each([
    ['no data', ACTION_IDS.approve, null],
    ['data without an action', ACTION_IDS.approve, { verb: 'approve', ...entry }],
    ['a verb that does not match', ACTION_IDS.undo, { action: { verb: 'approve', ...entry } }],
    ['an unknown verb', 'review.delete', { action: { verb: 'approve', ...entry } }],
    ['hours inside the action', ACTION_IDS.approve, { action: { verb: 'approve', ...entry, hours: '9' } }],
    ['an edit inside the action', ACTION_IDS.edit, { action: { verb: 'edit', ...entry, edit: { hours: '9' } } }],
    ['a string owner', ACTION_IDS.approve, { action: { verb: 'approve', ...entry, ownerId: '42' } }],
    ['change matter without a choice', ACTION_IDS.changeMatter, { action: { verb: 'change_matter', ...entry } }],
    ['a write-down without a reason', ACTION_IDS.writeDown, { action: { verb: 'write_down', invoiceId: testUuid(5) }, [writeDownInputId(testUuid(5), 'amount')]: '-10' }],
    ['an amount inside the action', ACTION_IDS.writeDown, { action: { verb: 'write_down', invoiceId: testUuid(5), amount: '-10', reason: 'x' } }],
    ['a file under another format', ACTION_IDS.fileCsv, { action: { verb: 'file', invoiceId: testUuid(5), format: 'pdf' } }],
    ['an array', ACTION_IDS.approve, [{ verb: 'approve', ...entry }]],
    ['a key no card renders', ACTION_IDS.approve, { action: { verb: 'approve', ...entry }, billedMinutes: 600 }],
    ['a verb beside the action', ACTION_IDS.approve, { action: { verb: 'approve', ...entry }, verb: 'undo' }],
    ['an over-long narrative', ACTION_IDS.edit, { action: { verb: 'edit', ...entry }, [`edit.${entry.entryId}.narrative`]: 'x'.repeat(10_001) }],
    ['over-long hours', ACTION_IDS.edit, { action: { verb: 'edit', ...entry }, [`edit.${entry.entryId}.hours`]: '1'.repeat(17) }],
    ['an input that is an object', ACTION_IDS.edit, { action: { verb: 'edit', ...entry }, [`edit.${entry.entryId}.hours`]: { x: 1 } }],
    ['an over-long matter choice', ACTION_IDS.changeMatter, { action: { verb: 'change_matter', ...entry }, [`change.${entry.entryId}.matter`]: 'M'.repeat(65) }],
    ['a reply choice under a review verb', ACTION_IDS.approve, { value: 'invoice acme march' }],
  ])('%s', (_what, verb, data) => {
    expect(parseInvokeData(verb, data)).toBeNull();
  });

  it('takes another entry\'s inputs for nothing: only inputs named after the action\'s own entry count', () => {
    const other = { [`edit.${testUuid(9)}.hours`]: '9.9' };
    expect(parseInvokeData(ACTION_IDS.edit, { action: { verb: 'edit', ...entry }, ...other })).toEqual({ verb: 'edit', ...entry, edit: {} });
  });

  it('refuses an Add time invoke without hours or with a forged day', () => {
    expect(parseAddTimeInvoke(ACTION_IDS.addTime, { day: { ownerId: 42, date: '2026-03-02' } })).toBeNull();
    expect(parseAddTimeInvoke(ACTION_IDS.addTime, { day: { ownerId: 42, date: '2026-03-02', hours: '9' }, 'addtime.hours': '1' })).toBeNull();
    expect(parseAddTimeInvoke(ACTION_IDS.addTime, { day: { ownerId: 42, date: '2026-03-02' }, 'addtime.hours': '1', extra: 'x' })).toBeNull();
    expect(parseAddTimeInvoke(ACTION_IDS.addTime, { day: { ownerId: 42, date: '2026-03-02' }, 'addtime.hours': '1', 'addtime.narrative': 'x'.repeat(10_001) })).toBeNull();
    expect(parseAddTimeInvoke(ACTION_IDS.addTime, { day: { ownerId: 42, date: '2026-03-02' }, 'addtime.hours': 1.5, 'addtime.matter': 'ACME-001', 'addtime.narrative': ' Call ' }))
      .toEqual({ ownerId: 42, date: '2026-03-02', hours: '1.5', matter: 'ACME-001', narrative: 'Call' });
  });
});

describe('preBillCard', () => {
  it.each([1, 5, 40])('%i matters: Adaptive Card 1.5 under 28 KB with registered verbs and ids-only data', (n) => {
    const card = preBillCard(aPreBillView({ matters: n }));
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(JSON.stringify(card).length).toBeLessThan(28 * 1024);
    for (const a of executes(card)) {
      expect(ALL_ACTION_IDS).toContain(a.verb);
      expect(keysIn(a.data).has('amount')).toBe(false);
    }
    expect(JSON.stringify(card)).toContain(`ACME-${String(n).padStart(3, '0')}`);
  });

  it('confirms Finalize inline naming the total, and round-trips every action', () => {
    const m = aPreBillMatterView();
    const card = preBillCard(aPreBillView({}, { matters: [m] }));
    const confirm = objectsIn(card).find((o) => o.type === 'Action.ShowCard' && o.title === 'Finalize…');
    expect(JSON.stringify(confirm)).toContain('total $4,210.00');
    expect(executes(confirm).map((a) => a.title)).toEqual(['Finalize $4,210.00']);
    const inputs = { [writeDownInputId(m.invoiceId, 'amount')]: '-120.00', [writeDownInputId(m.invoiceId, 'reason')]: 'duplicate research' };
    const parsed = executes(card).map((a) => parseInvokeData(a.verb, { ...a.data, ...inputs }));
    expect(parsed).toEqual([
      { verb: 'finalize', invoiceId: m.invoiceId },
      { verb: 'file', invoiceId: m.invoiceId, format: 'pdf' },
      { verb: 'file', invoiceId: m.invoiceId, format: 'ledes' },
      { verb: 'file', invoiceId: m.invoiceId, format: 'csv' },
      { verb: 'write_down', invoiceId: m.invoiceId, amount: '-120.00', reason: 'duplicate research' },
    ]);
  });

  it.each([
    [true, [ACTION_IDS.filePdf, ACTION_IDS.fileLedes, ACTION_IDS.fileCsv, ACTION_IDS.void]],
    [false, [ACTION_IDS.filePdf, ACTION_IDS.fileLedes, ACTION_IDS.fileCsv]],
  ])('an issued invoice (may void: %s) offers %j', (canVoid, verbs) => {
    const card = preBillCard(aPreBillView({}, { canVoid, matters: [aPreBillMatterView({ status: 'issued', number: '2026-0012' })] }));
    expect(executes(card).map((a) => a.verb)).toEqual(verbs);
    expect(JSON.stringify(card)).toContain('Invoice 2026-0012');
  });
});

describe('replyCard', () => {
  it('renders text literally, choices as Action.Execute and files as links', () => {
    expect(JSON.stringify(replyCard({ kind: 'text', text: 'Hi ${name} **x**' }))).toContain('"text":"Hi ${name} **x**"');
    const choices = replyCard({ kind: 'choices', text: 'Which client?', choices: [{ label: 'Acme Corp', value: 'ACME march' }] });
    const [choice] = executes(choices);
    expect(choice?.verb).toBe(ACTION_IDS.choose);
    expect(parseChoiceInvoke(choice?.verb ?? '', choice?.data)).toBe('ACME march');
    const files = replyCard({ kind: 'files', text: 'Your files', files: [{ name: 'a.pdf', url: 'https://t.example/files/x', content: '' }, { name: 'b', url: 'javascript:alert(1)', content: '' }] });
    expect(objectsIn(files).filter((o) => o.type === 'Action.OpenUrl').map((o) => o.url)).toEqual(['https://t.example/files/x']);
  });
});
