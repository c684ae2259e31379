import { describe, expect, it } from 'vitest';
import { ACTION_IDS, ALL_ACTION_IDS, dailyReviewCard, editInputId, parseAddTimeInvoke, parseInvokeData } from '../../../../src/bots/cards/index.js';
import { aDailyReviewView, anEntryView, someMatters } from '../../../support/builders-views.js';
import { keysIn, objectsIn } from './card-walk.js';

type Json = Record<string, unknown>;
const executes = (card: unknown) => objectsIn(card).filter((o) => o.type === 'Action.Execute') as { verb: string; title: string; data: Json }[];
const textRuns = (card: unknown) => objectsIn(card).filter((o) => o.type === 'TextRun').map((o) => String(o.text));
const KB28 = 28 * 1024;

const VIEWS = [0, 1, 12, 13, 30, 100].flatMap((pending) => [
  { name: `${pending} pending`, view: aDailyReviewView({ pending }) },
  { name: `${pending} pending, 40 done`, view: aDailyReviewView({ pending, done: 40 }) },
  { name: `${pending} pending, long narratives, 30 matters`, view: aDailyReviewView({ pending, matters: 30, entry: { narrative: 'Reviewed and analysed '.repeat(60), maxNarrativeLength: 2000, evidence: 'Meeting '.repeat(40) } }) },
]);

describe('dailyReviewCard', () => {
  it.each(VIEWS)('$name: Adaptive Card 1.5 under 28 KB', ({ view }) => {
    const card = dailyReviewCard(view);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(JSON.stringify(card).length).toBeLessThan(KB28);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(KB28);
  });

  it.each(VIEWS)('$name: only registered verbs; payloads carry ids only', ({ view }) => {
    for (const action of executes(dailyReviewCard(view))) {
      expect(ALL_ACTION_IDS).toContain(action.verb);
      const keys = keysIn(action.data);
      for (const k of ['hours', 'amount', 'narrative', 'edit', 'matter']) expect(keys.has(k), `${action.verb} carries ${k}`).toBe(false);
    }
  });

  it('shows a 30-entry day compactly: some drafts in full, the rest one line each, and "Show all (30)"', () => {
    const view = aDailyReviewView({ pending: 30 });
    const card = dailyReviewCard(view);
    const edits = executes(card).filter((a) => a.verb === ACTION_IDS.edit).length;
    expect(edits).toBeGreaterThanOrEqual(5);
    expect(edits).toBeLessThanOrEqual(12);
    const rows = textRuns(card).filter((t) => t.startsWith('• '));
    expect(edits + rows.length).toBe(30);
    expect(executes(card).find((a) => a.verb === ACTION_IDS.showAll)?.title).toBe('Show all (30)');
  });

  it('shows a small day in full without "Show all"', () => {
    const card = dailyReviewCard(aDailyReviewView({ pending: 3, done: 2 }));
    expect(executes(card).filter((a) => a.verb === ACTION_IDS.edit)).toHaveLength(3);
    expect(executes(card).filter((a) => a.verb === ACTION_IDS.undo)).toHaveLength(2);
    expect(executes(card).some((a) => a.verb === ACTION_IDS.showAll)).toBe(false);
  });

  it('keeps "${…}" in a narrative literal and never reads user text as markdown', () => {
    const narrative = 'Reviewed ${evil} and ${coalesce(x, 1)} **bold** [link](https://evil.example)';
    const card = dailyReviewCard(aDailyReviewView({}, { pending: [anEntryView({ narrative })], title: 'Time for ${owner}' }));
    expect(textRuns(card)).toContain(narrative);
    expect(textRuns(card)).toContain('Time for ${owner}');
    const narrativeInput = objectsIn(card).find((o) => o.type === 'Input.Text' && String(o.id).endsWith('.narrative'));
    expect(narrativeInput?.value).toBe(narrative);
    expect(objectsIn(card).some((o) => o.type === 'TextBlock')).toBe(false);
  });

  it('expands Edit inline: narrative limited to the client maximum, hours from 0.1, matter choices', () => {
    const entry = anEntryView({ maxNarrativeLength: 320, hours: '2.3' });
    const card = dailyReviewCard(aDailyReviewView({}, { pending: [entry], recentMatters: someMatters(4) }));
    const edit = objectsIn(card).find((o) => o.type === 'Action.ShowCard' && o.title === 'Edit') as { card: Json };
    const inputs = objectsIn(edit.card).filter((o) => String(o.type).startsWith('Input.'));
    expect(inputs.find((i) => i.id === editInputId(entry.id, 'narrative'))).toMatchObject({ type: 'Input.Text', isMultiline: true, maxLength: 320 });
    expect(inputs.find((i) => i.id === editInputId(entry.id, 'hours'))).toMatchObject({ type: 'Input.Number', min: 0.1, value: 2.3 });
    expect(inputs.find((i) => i.id === editInputId(entry.id, 'matter'))).toMatchObject({ type: 'Input.ChoiceSet', value: 'ACME-001' });
    expect((inputs.find((i) => i.id === editInputId(entry.id, 'matter'))?.choices as unknown[]).length).toBe(4);
  });

  it('marks warnings in the attention colour and offers no Approve without a matter', () => {
    const card = dailyReviewCard(aDailyReviewView({}, { pending: [anEntryView({ matter: null, offerChangeMatter: true, warnings: ["Globex forbids 'review file'"] })] }));
    expect(objectsIn(card).find((o) => o.type === 'TextRun' && String(o.text).startsWith('⚠'))).toMatchObject({ color: 'Attention', text: "⚠ Globex forbids 'review file'" });
    expect(executes(card).some((a) => a.verb === ACTION_IDS.approve)).toBe(false);
    expect(textRuns(card)).toContain('Which matter?');
  });

  it('round-trips every action, folding the Edit, Change matter and Add time inputs in', () => {
    const entry = anEntryView({ matter: null, offerChangeMatter: true });
    const view = aDailyReviewView({}, { pending: [entry], done: [anEntryView({ id: '00000000-0000-4000-8000-00000000beef', status: 'approved' })], approveAll: { count: 1, hours: '1.5' } });
    const inputs: Json = {
      [editInputId(entry.id, 'narrative')]: 'New text', [editInputId(entry.id, 'hours')]: 2.5, [editInputId(entry.id, 'matter')]: 'ACME-002',
      [editInputId(entry.id, 'taskCode')]: '', [`change.${entry.id}.matter`]: 'ACME-003',
      'addtime.hours': '0.4', 'addtime.matter': 'ACME-001', 'addtime.narrative': 'Call',
    };
    const verbs = new Map<string, unknown>();
    for (const a of executes(dailyReviewCard(view))) {
      const parsed = a.verb === ACTION_IDS.addTime ? parseAddTimeInvoke(a.verb, { ...a.data, ...inputs }) : parseInvokeData(a.verb, { ...a.data, ...inputs });
      expect(parsed, a.verb).not.toBeNull();
      verbs.set(a.verb, parsed);
    }
    const ids = { ownerId: 42, date: '2026-03-02', entryId: entry.id, version: entry.version };
    expect(verbs.get(ACTION_IDS.edit)).toEqual({ verb: 'edit', ...ids, edit: { narrative: 'New text', hours: '2.5', matter: 'ACME-002' } });
    expect(verbs.get(ACTION_IDS.changeMatter)).toEqual({ verb: 'change_matter', ...ids, matter: 'ACME-003' });
    expect(verbs.get(ACTION_IDS.notBillable)).toEqual({ verb: 'not_billable', ...ids });
    expect(verbs.get(ACTION_IDS.approveAll)).toEqual({ verb: 'approve_all', ownerId: 42, date: '2026-03-02' });
    expect(verbs.get(ACTION_IDS.undo)).toMatchObject({ verb: 'undo', entryId: '00000000-0000-4000-8000-00000000beef' });
    expect(verbs.get(ACTION_IDS.addTime)).toEqual({ ownerId: 42, date: '2026-03-02', hours: '0.4', matter: 'ACME-001', narrative: 'Call' });
  });

  it('after "Show all" lists every pending draft and drops the button', () => {
    const view = aDailyReviewView({ pending: 40 });
    const card = dailyReviewCard(view, { showAll: true });
    expect(JSON.stringify(card).length).toBeLessThan(KB28);
    expect(executes(card).some((a) => a.verb === ACTION_IDS.showAll)).toBe(false);
    const full = executes(card).filter((a) => a.verb === ACTION_IDS.edit).length;
    expect(full + textRuns(card).filter((t) => t.startsWith('• ')).length).toBe(40);
  });
});
