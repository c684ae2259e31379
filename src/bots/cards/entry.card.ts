import type { DailyReviewView, EntryView } from '../views/review.view.js';
import { ACTION_IDS } from './action-ids.js';
import { parseReviewButton, type ReviewButton } from './action-payload.js';
import { cardTemplate, type CardJson } from './adaptive.js';
import { changeMatterInputId, editInputId } from './teams-inputs.js';

const run = (text: string, extra: CardJson = {}) => ({ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text, ...extra }] });
const exec = (title: string, verb: string, data: string, extra: CardJson = {}) => ({ type: 'Action.Execute', title, verb, data, associatedInputs: 'none', ...extra });

/** A pending draft in full: text, evidence, warnings, and Approve · Edit (inline form) · Not billable · Change matter. */
const fullEntry = cardTemplate<FullEntryData>({
  type: 'Container',
  separator: true,
  spacing: 'Medium',
  items: [
    { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '${headline}', weight: 'Bolder' }, { type: 'TextRun', text: ' — ${hoursLine}', isSubtle: true }] },
    { ...run('${narrative}'), spacing: 'Small' },
    { $when: '${hasQuiet}', ...run('${quiet}', { isSubtle: true, size: 'Small' }), spacing: 'Small' },
    { $data: '${warnings}', ...run('⚠ ${text}', { color: 'Attention', weight: 'Bolder', size: 'Small' }), spacing: 'Small' },
    {
      type: 'ActionSet',
      actions: [
        { $when: '${hasMatter}', ...exec('Approve', ACTION_IDS.approve, '${approve}', { style: 'positive' }) },
        {
          type: 'Action.ShowCard',
          title: 'Edit',
          card: {
            type: 'AdaptiveCard',
            body: [
              { type: 'Input.Text', id: '${ids.narrative}', label: 'Narrative', isMultiline: true, maxLength: '${maxLength}', value: '${narrative}' },
              { type: 'Input.Number', id: '${ids.hours}', label: 'Hours', min: 0.1, max: 24, placeholder: '1.5 (tenths of an hour)', value: '${hoursNumber}' },
              { $when: '${hasChoices}', type: 'Input.ChoiceSet', id: '${ids.matter}', label: 'Matter', style: 'compact', value: '${matterCode}', choices: [{ $data: '${choices}', title: '${title}', value: '${value}' }] },
              { $when: '${!hasChoices}', type: 'Input.Text', id: '${ids.matter}', label: 'Matter code', maxLength: 64, value: '${matterCode}' },
              { type: 'ColumnSet', columns: [
                { type: 'Column', items: [{ type: 'Input.Text', id: '${ids.taskCode}', label: 'Task code', maxLength: 8, value: '${taskCode}' }] },
                { type: 'Column', items: [{ type: 'Input.Text', id: '${ids.activityCode}', label: 'Activity code', maxLength: 8, value: '${activityCode}' }] },
              ] },
            ],
            actions: [{ ...exec('Save', ACTION_IDS.edit, '${edit}', { style: 'positive' }), associatedInputs: 'auto' }],
          },
        },
        exec('Not billable', ACTION_IDS.notBillable, '${notBillable}'),
        {
          $when: '${offerChange}',
          type: 'Action.ShowCard',
          title: '${changeTitle}',
          card: {
            type: 'AdaptiveCard',
            body: [{ type: 'Input.ChoiceSet', id: '${ids.change}', label: 'Matter', style: 'compact', isRequired: true, choices: [{ $data: '${choices}', title: '${title}', value: '${value}' }] }],
            actions: [{ ...exec('Set matter', ACTION_IDS.changeMatter, '${changeMatter}'), associatedInputs: 'auto' }],
          },
        },
      ],
    },
  ],
});

/** A decided entry on one line with ✓ and Undo. */
const doneEntry = cardTemplate<DoneEntryData>({
  type: 'ColumnSet',
  separator: true,
  columns: [
    { type: 'Column', width: 'stretch', verticalContentAlignment: 'Center', items: [run('${line}', { isSubtle: true })] },
    { $when: '${canUndo}', type: 'Column', width: 'auto', items: [{ type: 'ActionSet', actions: [exec('Undo', ACTION_IDS.undo, '${undo}')] }] },
  ],
});

/** A pending draft beyond the size budget: one line, acted on after "Show all". */
const compactEntry = cardTemplate<{ line: string }>({ ...run('${line}', { size: 'Small' }), spacing: 'Small' });

interface FullEntryData {
  headline: string; hoursLine: string; narrative: string; quiet: string; hasQuiet: boolean;
  warnings: { text: string }[]; hasMatter: boolean; offerChange: boolean; changeTitle: string; hasChoices: boolean;
  choices: { title: string; value: string }[]; matterCode: string; taskCode: string; activityCode: string;
  maxLength: number; hoursNumber: number; ids: Record<string, string>;
  approve: CardJson; notBillable: CardJson; edit: CardJson; changeMatter: CardJson;
}
interface DoneEntryData { line: string; canUndo: boolean; undo: CardJson }

/** An Action.Execute `data`: the action's ids only (validated by the same schema the parser uses). */
export function actionData(view: DailyReviewView, entry: EntryView | null, verb: ReviewButton['verb']): CardJson {
  const action = parseReviewButton(entry ? { verb, ownerId: view.ownerId, date: view.date, entryId: entry.id, version: entry.version } : { verb, ownerId: view.ownerId, date: view.date });
  return { action };
}

const matterLine = (e: EntryView) => (e.matter ? `${e.matter.code} · ${e.matter.name}` : 'Which matter?');

/** The full card part of a pending draft. */
export function fullEntryCard(view: DailyReviewView, e: EntryView): CardJson {
  const choices = view.recentMatters.map((m) => ({ title: `${m.code} · ${m.name}`.slice(0, 60), value: m.code }));
  if (e.matter && !view.recentMatters.some((m) => m.code === e.matter?.code)) choices.unshift({ title: matterLine(e).slice(0, 60), value: e.matter.code });
  return fullEntry.expand({
    headline: matterLine(e),
    hoursLine: e.actualNote ? `${e.hours} h (${e.actualNote})` : `${e.hours} h`,
    narrative: e.narrative, quiet: [e.codes, e.evidence].filter(Boolean).join('  ·  '), hasQuiet: e.codes !== '' || e.evidence !== '',
    warnings: e.warnings.map((text) => ({ text })),
    hasMatter: e.matter !== null, offerChange: e.offerChangeMatter && view.recentMatters.length > 0,
    changeTitle: e.matter ? 'Change matter' : 'Which matter?', hasChoices: choices.length > 0, choices,
    matterCode: e.matter?.code ?? '', taskCode: e.taskCode ?? '', activityCode: e.activityCode ?? '',
    maxLength: e.maxNarrativeLength, hoursNumber: Number(e.hours) || 0.1,
    ids: {
      narrative: editInputId(e.id, 'narrative'), hours: editInputId(e.id, 'hours'), matter: editInputId(e.id, 'matter'),
      taskCode: editInputId(e.id, 'taskCode'), activityCode: editInputId(e.id, 'activityCode'), change: changeMatterInputId(e.id),
    },
    approve: actionData(view, e, 'approve'), notBillable: actionData(view, e, 'not_billable'),
    edit: actionData(view, e, 'edit'), changeMatter: actionData(view, e, 'change_matter'),
  });
}

/** The one-line card part of a decided entry. */
export function doneEntryCard(view: DailyReviewView, e: EntryView): CardJson {
  const what = e.status === 'non_billable' ? 'Not billable · ' : '';
  return doneEntry.expand({
    line: `✓ ${what}${e.matter?.code ?? 'No matter'} · ${e.hours} h — ${cut(e.narrative, 100)}`,
    canUndo: e.status === 'approved' || e.status === 'non_billable',
    undo: actionData(view, e, 'undo'),
  });
}

/** The one-line card part of a pending draft past the budget. */
export function compactEntryCard(e: EntryView): CardJson {
  return compactEntry.expand({ line: `• ${e.matter?.code ?? 'Which matter?'} · ${e.hours} h — ${cut(e.narrative, 80)}${e.warnings.length > 0 ? ' ⚠' : ''}` });
}

/** Cuts text to `max` characters, ending in "…" when cut. */
export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
