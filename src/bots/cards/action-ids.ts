import type { InvoiceAction, ReviewAction } from '../views/actions.js';

/**
 * Stable action ids (Slack `action_id`, Teams `Action.Execute` verb). The edges register one
 * handler per id; renaming one breaks cards already posted, so these never change.
 */
export const ACTION_IDS = {
  approve: 'review.approve',
  approveAll: 'review.approve_all',
  notBillable: 'review.not_billable',
  undo: 'review.undo',
  changeMatter: 'review.change_matter',
  edit: 'review.edit',
  showAll: 'review.show_all',
  addTime: 'review.add_time',
  finalize: 'invoice.finalize',
  filePdf: 'invoice.file.pdf',
  fileLedes: 'invoice.file.ledes',
  fileCsv: 'invoice.file.csv',
  void: 'invoice.void',
  writeDown: 'invoice.write_down',
  /** A choice of a `choices` reply; its value is the command text to run again. */
  choose: 'reply.choose',
} as const;

export type ActionId = (typeof ACTION_IDS)[keyof typeof ACTION_IDS];

/** Every action id a card can send, for the edges to register a handler for each. */
export const ALL_ACTION_IDS: readonly ActionId[] = Object.freeze(Object.values(ACTION_IDS));

/** Slack modal `callback_id`s (view submissions). */
export const CALLBACK_IDS = {
  editEntry: 'review.edit_submit',
  addTime: 'review.add_time_submit',
  writeDown: 'invoice.write_down_submit',
  showAll: 'review.show_all_modal',
  loading: 'review.loading',
} as const;

/** Input ids of the Edit, Add time and Write-down forms (Slack block_id = action_id = these). */
export const FORM_FIELDS = {
  narrative: 'narrative',
  hours: 'hours',
  matter: 'matter',
  taskCode: 'task_code',
  activityCode: 'activity_code',
  amount: 'amount',
  reason: 'reason',
} as const;

/** The action id a review action is sent under. */
export function reviewActionId(verb: ReviewAction['verb']): ActionId {
  const ids: Record<ReviewAction['verb'], ActionId> = {
    approve: ACTION_IDS.approve,
    approve_all: ACTION_IDS.approveAll,
    not_billable: ACTION_IDS.notBillable,
    undo: ACTION_IDS.undo,
    change_matter: ACTION_IDS.changeMatter,
    edit: ACTION_IDS.edit,
    show_all: ACTION_IDS.showAll,
  };
  return ids[verb];
}

/** The action id an invoice action is sent under (file buttons differ by format). */
export function invoiceActionId(action: Pick<InvoiceAction, 'verb' | 'format'>): ActionId {
  if (action.verb === 'file') {
    return action.format === 'ledes' ? ACTION_IDS.fileLedes : action.format === 'csv' ? ACTION_IDS.fileCsv : ACTION_IDS.filePdf;
  }
  const ids = { finalize: ACTION_IDS.finalize, void: ACTION_IDS.void, write_down: ACTION_IDS.writeDown } as const;
  return ids[action.verb];
}
