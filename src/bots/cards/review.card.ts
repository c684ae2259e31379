import type { DailyReviewView } from '../views/review.view.js';
import { ACTION_IDS } from './action-ids.js';
import { TEAMS_CARD_BUDGET, adaptiveCard, cardBytes, cardTemplate, type CardJson } from './adaptive.js';
import { actionData, compactEntryCard, cut, doneEntryCard, fullEntryCard } from './entry.card.js';
import { approveAllLabel, MAX_PENDING_SHOWN } from './review.blocks.js';
import { ADD_TIME_INPUTS } from './teams-inputs.js';

/** Room kept for the "…and N more" line and the envelope when filling the card. */
const MORE_RESERVE = 512;
/** One-line rows guaranteed room beside the full drafts; further ones only fill what is left. */
const MAX_ROWS = 24;

const header = cardTemplate<{ title: string; subtitle: string; note: string; hasNote: boolean; complete: string; isComplete: boolean }>({
  type: 'Container',
  items: [
    { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '${title}', size: 'Medium', weight: 'Bolder' }] },
    { type: 'RichTextBlock', spacing: 'None', inlines: [{ type: 'TextRun', text: '${subtitle}', isSubtle: true }] },
    { $when: '${hasNote}', type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'ℹ ${note}', italic: true }] },
    { $when: '${isComplete}', type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '✓ ${complete}', weight: 'Bolder', color: 'Good' }] },
  ],
});

const more = cardTemplate<{ text: string }>({ type: 'RichTextBlock', spacing: 'Small', inlines: [{ type: 'TextRun', text: '${text}', isSubtle: true, size: 'Small' }] });

const footer = cardTemplate<{ hasApproveAll: boolean; approveAllTitle: string; approveAll: CardJson; hasShowAll: boolean; showAllTitle: string; showAll: CardJson; day: CardJson; choices: { title: string; value: string }[] }>({
  type: 'ActionSet',
  separator: true,
  spacing: 'Medium',
  actions: [
    { $when: '${hasApproveAll}', type: 'Action.Execute', title: '${approveAllTitle}', verb: ACTION_IDS.approveAll, data: '${approveAll}', associatedInputs: 'none', style: 'positive' },
    { $when: '${hasShowAll}', type: 'Action.Execute', title: '${showAllTitle}', verb: ACTION_IDS.showAll, data: '${showAll}', associatedInputs: 'none' },
    {
      type: 'Action.ShowCard',
      title: 'Add time',
      card: {
        type: 'AdaptiveCard',
        body: [
          { type: 'Input.Number', id: ADD_TIME_INPUTS.hours, label: 'Hours', min: 0.1, max: 24, placeholder: '1.5 (tenths of an hour)', isRequired: true },
          { type: 'Input.ChoiceSet', id: ADD_TIME_INPUTS.matter, label: 'Matter', style: 'compact', choices: [{ $data: '${choices}', title: '${title}', value: '${value}' }] },
          { type: 'Input.Text', id: ADD_TIME_INPUTS.narrative, label: 'Narrative', isMultiline: true, maxLength: 3000 },
        ],
        actions: [{ type: 'Action.Execute', title: 'Add', verb: ACTION_IDS.addTime, data: { day: '${day}' }, associatedInputs: 'auto' }],
      },
    },
  ],
});

interface Sized {
  readonly json: CardJson;
  readonly bytes: number;
}
const sized = (json: CardJson): Sized => ({ json, bytes: cardBytes(json) + 1 });
const sum = (xs: readonly Sized[]) => xs.reduce((n, x) => n + x.bytes, 0);

/**
 * Picks the most drafts shown in full (up to `fullCap`) such that every other pending draft still
 * gets its one-line row; decided entries fill what room is left.
 */
function fitEntries(view: DailyReviewView, available: number, fullCap: number): { body: CardJson[]; fullShown: number; pendingShown: number; doneShown: number } {
  const full = view.pending.slice(0, fullCap).map((e) => sized(fullEntryCard(view, e)));
  // One-line rows are expanded only when needed (templating is the card's main cost).
  const rows: (Sized | undefined)[] = [];
  const compact = (from: number, to: number) => view.pending.slice(from, to).map((e, i) => (rows[from + i] ??= sized(compactEntryCard(e))));
  let k = full.length;
  while (k > 0 && sum(full.slice(0, k)) + sum(compact(k, k + MAX_ROWS)) > available) k--;
  const chosen = [...full.slice(0, k)];
  let room = available - sum(chosen);
  for (const row of compact(k, view.pending.length)) {
    if (row.bytes > room) break;
    chosen.push(row);
    room -= row.bytes;
  }
  const pendingShown = chosen.length;
  for (const e of view.done) {
    const row = sized(doneEntryCard(view, e));
    if (row.bytes > room) break;
    chosen.push(row);
    room -= row.bytes;
  }
  return { body: chosen.map((c) => c.json), fullShown: k, pendingShown, doneShown: chosen.length - pendingShown };
}

/** Options of the Teams daily card. */
export interface DailyReviewCardOptions {
  /** After "Show all": every pending draft in full as far as the size budget allows (no 12-entry cap). */
  readonly showAll?: boolean;
}

/**
 * The daily review card as an Adaptive Card 1.5 (cards.md "Daily review"): up to 12 pending drafts in
 * full (Edit expands inline), the rest as one-line rows, decided entries with Undo, the footer, and
 * "Show all (N)" when anything is not in full. Whatever the day holds, the card stays under 28 KB.
 */
export function dailyReviewCard(view: DailyReviewView, options: DailyReviewCardOptions = {}): CardJson {
  const footerPart = (hasShowAll: boolean) => footer.expand({
    hasApproveAll: view.approveAll !== null && view.approveAll.count > 0,
    approveAllTitle: view.approveAll ? approveAllLabel(view.approveAll) : '',
    approveAll: actionData(view, null, 'approve_all'),
    hasShowAll,
    showAllTitle: `Show all (${view.pending.length + view.done.length})`,
    showAll: actionData(view, null, 'show_all'),
    day: { ownerId: view.ownerId, date: view.date },
    choices: view.recentMatters.slice(0, 50).map((m) => ({ title: `${m.code} · ${m.name}`.slice(0, 60), value: m.code })),
  });
  const body: CardJson[] = [header.expand({ title: cut(view.title, 300), subtitle: cut(view.subtitle, 300), note: cut(view.note ?? '', 500), hasNote: view.note !== null, complete: cut(view.complete ?? '', 300), isComplete: view.complete !== null })];
  const available = TEAMS_CARD_BUDGET - cardBytes(adaptiveCard(body)) - cardBytes(footerPart(true)) - MORE_RESERVE;
  const fit = fitEntries(view, available, options.showAll ? view.pending.length : MAX_PENDING_SHOWN);
  body.push(...fit.body);
  const hidden = view.pending.length - fit.pendingShown + view.done.length - fit.doneShown;
  if (hidden > 0) body.push(more.expand({ text: `…and ${hidden} more` }));
  body.push(footerPart(!options.showAll && (hidden > 0 || fit.fullShown < view.pending.length)));
  return adaptiveCard(body);
}
