/** Pure renderers from view models to Slack Block Kit and Teams Adaptive Cards, and their payload parsers. */
export { ACTION_IDS, ALL_ACTION_IDS, CALLBACK_IDS, FORM_FIELDS, invoiceActionId, reviewActionId, type ActionId } from './action-ids.js';
export { isInvoiceAction, parseActionValue, parseAddTimeValue, parseChangeMatter, type AddTimeButton } from './action-payload.js';
export { dailyReviewBlocks, MAX_PENDING_SHOWN, type SlackMessage } from './review.blocks.js';
export { addTimeModal, editEntryModal, loadingModal, showAllModal, type EditMetadata } from './review.modals.js';
export { preBillBlocks, writeDownModal } from './pre-bill.blocks.js';
export { replyBlocks } from './reply.blocks.js';
export { parseAddTimeSubmission, parseEditSubmission, parseWriteDownSubmission, type AddTimeForm, type SlackStateValues } from './slack-forms.js';
export { escapeMrkdwn, SLACK_LIMITS } from './slack-text.js';
export { cardBytes, TEAMS_CARD_BUDGET, type CardJson } from './adaptive.js';
export { dailyReviewCard, type DailyReviewCardOptions } from './review.card.js';
export { preBillCard } from './pre-bill.card.js';
export { parseChoiceInvoke, replyCard } from './reply.card.js';
export { parseAddTimeInvoke, parseInvokeData } from './teams-invoke.js';
export { ADD_TIME_INPUTS, changeMatterInputId, editInputId, writeDownInputId } from './teams-inputs.js';
