import type { types } from '@slack/bolt';
import type { PreBillMatterView, PreBillView } from '../views/pre-bill.view.js';
import { ACTION_IDS, CALLBACK_IDS, FORM_FIELDS } from './action-ids.js';
import { invoiceButtonValue, type InvoiceButton } from './action-payload.js';
import type { SlackMessage } from './review.blocks.js';
import { SLACK_LIMITS, button, context, escapeMrkdwn, plain, section, truncate } from './slack-text.js';

const MATTER_BLOCKS = 4;

function value(m: PreBillMatterView, verb: InvoiceButton['verb'], format?: InvoiceButton['format']): string {
  return invoiceButtonValue({ verb, invoiceId: m.invoiceId, format });
}

/** "*ACME-001 · Acme v. Beta* — Invoice 2026-0012\n12.5 h · fees $4,000.00 · total $4,210.00". */
export function matterSummary(m: PreBillMatterView): string {
  const state = m.status === 'issued' ? ` — Invoice ${escapeMrkdwn(m.number ?? '')}` : m.status === 'void' ? ` — ~Invoice ${escapeMrkdwn(m.number ?? '')}~ void` : ' — draft';
  return `*${escapeMrkdwn(`${m.matter.code} · ${m.matter.name}`)}*${state}\n${escapeMrkdwn(m.hours)} h · fees ${escapeMrkdwn(m.fees)} · total *${escapeMrkdwn(m.total)}*`;
}

function timekeeperTable(m: PreBillMatterView): string {
  return m.timekeepers.map((t) => `${escapeMrkdwn(t.name)} — ${escapeMrkdwn(t.hours)} h × ${escapeMrkdwn(t.rate)} = ${escapeMrkdwn(t.amount)}`).join('\n');
}

function notes(m: PreBillMatterView): string {
  const parts = [...m.adjustments.map(escapeMrkdwn), ...m.warnings.map((w) => `⚠️ *${escapeMrkdwn(w)}*`)];
  if (m.awaiting) parts.push(`⏳ ${escapeMrkdwn(m.awaiting)}`);
  return parts.join('\n');
}

function matterButtons(view: PreBillView, m: PreBillMatterView): types.Button[] {
  const files = [
    button('PDF', ACTION_IDS.filePdf, value(m, 'file', 'pdf')),
    button('LEDES', ACTION_IDS.fileLedes, value(m, 'file', 'ledes')),
    button('CSV', ACTION_IDS.fileCsv, value(m, 'file', 'csv')),
  ];
  if (m.status === 'draft') {
    const finalize = button('Finalize', ACTION_IDS.finalize, value(m, 'finalize'), 'primary');
    finalize.confirm = {
      title: plain('Finalize this invoice?', SLACK_LIMITS.confirmTitle),
      text: plain(`${m.matter.code}: total ${m.total}. Finalizing numbers the invoice and bills its entries.`, SLACK_LIMITS.confirmText),
      confirm: plain(`Finalize ${m.total}`, SLACK_LIMITS.confirmButton),
      deny: plain('Cancel', SLACK_LIMITS.confirmButton),
    };
    return [finalize, ...files, button('Write down…', ACTION_IDS.writeDown, value(m, 'write_down'))];
  }
  if (m.status === 'issued' && view.canVoid) {
    const voidButton = button('Void', ACTION_IDS.void, value(m, 'void'), 'danger');
    voidButton.confirm = {
      title: plain('Void this invoice?', SLACK_LIMITS.confirmTitle),
      text: plain(`Invoice ${m.number ?? ''} (${m.total}) will be void and its entries approved again. Its number is never reused.`, SLACK_LIMITS.confirmText),
      confirm: plain('Void', SLACK_LIMITS.confirmButton),
      deny: plain('Cancel', SLACK_LIMITS.confirmButton),
      style: 'danger',
    };
    return [...files, voidButton];
  }
  return m.status === 'issued' ? files : [];
}

/** One matter's blocks: summary, timekeepers, notes, buttons. */
function matterBlocks(view: PreBillView, m: PreBillMatterView): types.KnownBlock[] {
  const blocks: types.KnownBlock[] = [section(matterSummary(m))];
  const table = timekeeperTable(m);
  if (table) blocks.push(section(table));
  const n = notes(m);
  if (n) blocks.push(context(n));
  const buttons = matterButtons(view, m);
  if (buttons.length > 0) blocks.push({ type: 'actions', block_id: truncate(`invoice:${m.invoiceId}`, SLACK_LIMITS.blockId), elements: buttons });
  return blocks;
}

/**
 * The pre-bill card as Block Kit (cards.md "Pre-bill"): per matter its totals, timekeeper table,
 * write-downs, warnings and buttons (Finalize confirms with the total). Matters beyond 50 blocks are
 * listed in one line each.
 */
export function preBillBlocks(view: PreBillView): SlackMessage {
  const blocks: types.KnownBlock[] = [{ type: 'header', text: plain(view.title, SLACK_LIMITS.header) }];
  const tail: types.KnownBlock[] = [];
  if (view.awaitingOnly.length > 0) tail.push(context(view.awaitingOnly.map((a) => `⏳ ${escapeMrkdwn(a)}`).join('\n')));
  tail.push(context(`Total *${escapeMrkdwn(view.total)}*`));
  const rest: PreBillMatterView[] = [];
  for (const m of view.matters) {
    if (rest.length === 0 && blocks.length + MATTER_BLOCKS + 1 <= SLACK_LIMITS.blocks - tail.length - 1) {
      blocks.push(...matterBlocks(view, m), { type: 'divider' });
    } else rest.push(m);
  }
  if (rest.length > 0) {
    const lines = rest.map((m) => `${escapeMrkdwn(m.matter.code)} · ${escapeMrkdwn(m.hours)} h · ${escapeMrkdwn(m.total)}`);
    blocks.push(section(`…and ${rest.length} more matters (use \`/invoice\` with \`--matter\` for one):\n${lines.join('\n')}`));
  }
  blocks.push(...tail);
  return { text: truncate(`${view.title} — total ${view.total}`, SLACK_LIMITS.fallbackText), blocks };
}

/** What the Write down… form is opened for: the invoice id the button carries, and an optional label. */
export interface WriteDownTarget {
  readonly invoiceId: string;
  /** Shown above the inputs; only when the actor may already see the invoice (else a neutral line). */
  readonly label?: string;
}

/**
 * The Write down… form of one invoice: amount ("-120.00" writes down) and reason. Built from the
 * button alone (no database read before views.open); private_metadata carries the invoice id and
 * the click's response_url only, dropped when it would not fit Slack's 3000 characters.
 */
export function writeDownModal(target: WriteDownTarget, responseUrl?: string): types.ModalView {
  const input = (field: string, label: string, hint: string, max: number): types.InputBlock => ({
    type: 'input',
    block_id: field,
    label: plain(label, SLACK_LIMITS.inputLabel),
    hint: plain(hint, SLACK_LIMITS.inputLabel),
    element: { type: 'plain_text_input', action_id: field, max_length: max },
  });
  const withUrl = JSON.stringify(responseUrl ? { invoiceId: target.invoiceId, responseUrl } : { invoiceId: target.invoiceId });
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.writeDown,
    title: plain('Write down', SLACK_LIMITS.modalTitle),
    submit: plain('Save', SLACK_LIMITS.modalButton),
    close: plain('Cancel', SLACK_LIMITS.modalButton),
    private_metadata: withUrl.length <= 3000 ? withUrl : JSON.stringify({ invoiceId: target.invoiceId }),
    blocks: [
      context(target.label ? escapeMrkdwn(target.label) : 'Write down or up this pre-bill.'),
      input(FORM_FIELDS.amount, 'Amount', '-120.00 writes down, 50 writes up', 20),
      input(FORM_FIELDS.reason, 'Reason', 'Shown on the pre-bill, e.g. duplicate research', 500),
    ],
  };
}

