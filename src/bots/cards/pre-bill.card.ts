import type { PreBillMatterView, PreBillView } from '../views/pre-bill.view.js';
import { ACTION_IDS } from './action-ids.js';
import { parseInvoiceButton, type InvoiceButton } from './action-payload.js';
import { TEAMS_CARD_BUDGET, adaptiveCard, cardBytes, cardTemplate, plainRun, type CardJson } from './adaptive.js';
import { writeDownInputId } from './teams-inputs.js';

const run = (text: string, extra: CardJson = {}) => ({ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text, ...extra }] });
const exec = (title: string, verb: string, data: string, extra: CardJson = {}) => ({ type: 'Action.Execute', title, verb, data, associatedInputs: 'none', ...extra });
const confirmCard = (title: string, text: string, action: CardJson) => ({ type: 'Action.ShowCard', title, card: { type: 'AdaptiveCard', body: [run(text)], actions: [action] } });

interface MatterData {
  headline: string; totals: string; rows: { name: string; hours: string; rate: string; amount: string }[];
  notes: { text: string }[]; warnings: { text: string }[]; isDraft: boolean; isIssued: boolean; canVoid: boolean;
  total: string; finalizeText: string; voidText: string; ids: { amount: string; reason: string };
  finalize: CardJson; pdf: CardJson; ledes: CardJson; csv: CardJson; writeDown: CardJson; void: CardJson;
}

/** One matter's invoice: totals, timekeeper rows, notes, warnings and its buttons. */
const matterTemplate = cardTemplate<MatterData>({
  type: 'Container',
  separator: true,
  spacing: 'Medium',
  items: [
    run('${headline}', { weight: 'Bolder' }),
    { ...run('${totals}'), spacing: 'None' },
    {
      $data: '${rows}',
      type: 'ColumnSet',
      spacing: 'None',
      columns: [
        { type: 'Column', width: 'stretch', items: [run('${name}', { size: 'Small' })] },
        { type: 'Column', width: 'auto', items: [run('${hours} h × ${rate} = ${amount}', { size: 'Small' })] },
      ],
    },
    { $data: '${notes}', ...run('${text}', { size: 'Small', isSubtle: true }), spacing: 'Small' },
    { $data: '${warnings}', ...run('⚠ ${text}', { size: 'Small', color: 'Attention', weight: 'Bolder' }), spacing: 'Small' },
    {
      type: 'ActionSet',
      actions: [
        { $when: '${isDraft}', ...confirmCard('Finalize…', '${finalizeText}', exec('Finalize ${total}', ACTION_IDS.finalize, '${finalize}', { style: 'positive' })) },
        { $when: '${isDraft || isIssued}', ...exec('PDF', ACTION_IDS.filePdf, '${pdf}') },
        { $when: '${isDraft || isIssued}', ...exec('LEDES', ACTION_IDS.fileLedes, '${ledes}') },
        { $when: '${isDraft || isIssued}', ...exec('CSV', ACTION_IDS.fileCsv, '${csv}') },
        {
          $when: '${isDraft}',
          type: 'Action.ShowCard',
          title: 'Write down…',
          card: {
            type: 'AdaptiveCard',
            body: [
              { type: 'Input.Text', id: '${ids.amount}', label: 'Amount', placeholder: '-120.00 writes down, 50 writes up', maxLength: 20, isRequired: true },
              { type: 'Input.Text', id: '${ids.reason}', label: 'Reason', maxLength: 500, isRequired: true },
            ],
            actions: [{ ...exec('Save', ACTION_IDS.writeDown, '${writeDown}'), associatedInputs: 'auto' }],
          },
        },
        { $when: '${isIssued && canVoid}', ...confirmCard('Void…', '${voidText}', exec('Void', ACTION_IDS.void, '${void}', { style: 'destructive' })) },
      ],
    },
  ],
});

function data(m: PreBillMatterView, verb: InvoiceButton['verb'], format?: InvoiceButton['format']): CardJson {
  return { action: parseInvoiceButton(format ? { verb, invoiceId: m.invoiceId, format } : { verb, invoiceId: m.invoiceId }) };
}

function matterCard(view: PreBillView, m: PreBillMatterView): CardJson {
  const state = m.status === 'issued' ? ` — Invoice ${m.number ?? ''}` : m.status === 'void' ? ` — Invoice ${m.number ?? ''} (void)` : ' — draft';
  return matterTemplate.expand({
    headline: `${m.matter.code} · ${m.matter.name}${state}`,
    totals: `${m.hours} h · fees ${m.fees} · total ${m.total}`,
    rows: m.timekeepers.map((t) => ({ ...t })),
    notes: [...m.adjustments, ...(m.awaiting ? [`⏳ ${m.awaiting}`] : [])].map((text) => ({ text })),
    warnings: m.warnings.map((text) => ({ text })),
    isDraft: m.status === 'draft', isIssued: m.status === 'issued', canVoid: view.canVoid, total: m.total,
    finalizeText: `${m.matter.code}: total ${m.total}. Finalizing numbers the invoice and bills its entries.`,
    voidText: `Invoice ${m.number ?? ''} (${m.total}) will be void and its entries approved again. Its number is never reused.`,
    ids: { amount: writeDownInputId(m.invoiceId, 'amount'), reason: writeDownInputId(m.invoiceId, 'reason') },
    finalize: data(m, 'finalize'), pdf: data(m, 'file', 'pdf'), ledes: data(m, 'file', 'ledes'), csv: data(m, 'file', 'csv'),
    writeDown: data(m, 'write_down'), void: data(m, 'void'),
  });
}

/**
 * The pre-bill card as an Adaptive Card 1.5 (cards.md "Pre-bill"): per matter its totals,
 * timekeepers, write-downs and warnings; Finalize and Void ask to confirm inline, naming the total.
 * Matters past the 28 KB budget are listed one line each.
 */
export function preBillCard(view: PreBillView): CardJson {
  const tail: CardJson[] = [
    ...view.awaitingOnly.map((a) => plainRun(`⏳ ${a}`, { size: 'Small', isSubtle: true })),
    plainRun(`Total ${view.total}`, { weight: 'Bolder' }),
  ];
  const body: CardJson[] = [plainRun(view.title, { size: 'Medium', weight: 'Bolder' })];
  let size = cardBytes(adaptiveCard([...body, ...tail]));
  const rest: string[] = [];
  for (const m of view.matters) {
    const part = rest.length === 0 ? matterCard(view, m) : null;
    const bytes = part ? cardBytes(part) + 1 : 0;
    if (part && size + bytes <= TEAMS_CARD_BUDGET - 4096) {
      body.push(part);
      size += bytes;
    } else rest.push(`${m.matter.code} · ${m.hours} h · ${m.total}`);
  }
  if (rest.length > 0) body.push(plainRun(`…and ${rest.length} more matters (use /invoice with --matter for one): ${rest.slice(0, 100).join('; ')}`, { size: 'Small' }));
  return adaptiveCard([...body, ...tail]);
}
