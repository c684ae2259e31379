import { slackSignature, type PostedResponse, type SignedPostOptions } from './fakes/fake-slack-events.js';

export interface SignedFormOptions extends SignedPostOptions {
  /** Leave out both signature headers. */
  readonly unsigned?: boolean;
  /** Change the body after signing it (appended bytes). */
  readonly tamper?: string;
}

let counter = 0;

/** A fresh id ("…-17"), unique within the test run. */
export function freshId(prefix: string): string {
  counter += 1;
  return `${prefix}${String(Date.now())}${String(counter)}`;
}

/** Posts a signed form body (slash command, or `payload=` for interactivity) to /slack/events, as Slack does. */
export async function postSlackForm(baseUrl: string, secret: string, body: string, options: SignedFormOptions = {}): Promise<PostedResponse> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (!options.unsigned) {
    headers['x-slack-request-timestamp'] = timestamp;
    headers['x-slack-signature'] = options.signature ?? slackSignature(options.signWith ?? secret, timestamp, body);
  }
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = options.retryReason ?? 'http_timeout';
  }
  const response = await fetch(new URL('/slack/events', baseUrl), { method: 'POST', headers, body: body + (options.tamper ?? '') });
  const at = Date.now();
  return { status: response.status, body: await response.text(), at };
}

/** The form body of a slash command. */
export function aSlashCommand(fields: { command: string; text: string; user: string; responseUrl: string; triggerId?: string }): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T0TEST',
    team_domain: 'tally-test',
    channel_id: 'C0SOMEWHERE',
    channel_name: 'general',
    user_id: fields.user,
    user_name: fields.user.toLowerCase(),
    command: fields.command,
    text: fields.text,
    api_app_id: 'A0TALLY',
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId ?? freshId('trig-'),
  }).toString();
}

/** The form body (`payload=`) of a block_actions click on a message button. */
export function aBlockAction(fields: {
  user: string;
  actionId: string;
  value?: string;
  blockId?: string;
  selected?: string;
  responseUrl: string;
  container?: Record<string, unknown>;
  triggerId?: string;
  actionTs?: string;
}): string {
  const element = fields.selected !== undefined
    ? { type: 'static_select', action_id: fields.actionId, block_id: fields.blockId ?? 'b', selected_option: { text: { type: 'plain_text', text: fields.selected }, value: fields.selected }, action_ts: fields.actionTs ?? freshTs() }
    : { type: 'button', action_id: fields.actionId, block_id: fields.blockId ?? 'b', value: fields.value, text: { type: 'plain_text', text: 'x' }, action_ts: fields.actionTs ?? freshTs() };
  const container = fields.container ?? { type: 'message', message_ts: '1772470800.000001', channel_id: 'DLEE', is_ephemeral: false };
  const payload = {
    type: 'block_actions',
    team: { id: 'T0TEST', domain: 'tally-test' },
    user: { id: fields.user, username: fields.user.toLowerCase(), team_id: 'T0TEST' },
    api_app_id: 'A0TALLY',
    token: 'legacy-verification-token',
    container,
    trigger_id: fields.triggerId ?? freshId('trig-'),
    channel: { id: String(container.channel_id ?? 'DLEE'), name: 'directmessage' },
    message: { type: 'message', ts: String(container.message_ts ?? '1772470800.000001'), text: 'card' },
    response_url: fields.responseUrl,
    actions: [element],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** The form body of a view_submission with the given input values (block_id = action_id = field). */
export function aViewSubmission(fields: { user: string; callbackId: string; privateMetadata: string; values: Record<string, string | { selected: string }>; viewId?: string }): string {
  const values = Object.fromEntries(
    Object.entries(fields.values).map(([block, v]) => [
      block,
      { [block]: typeof v === 'string' ? { type: 'plain_text_input', value: v } : { type: 'static_select', selected_option: { text: { type: 'plain_text', text: v.selected }, value: v.selected } } },
    ]),
  );
  const payload = {
    type: 'view_submission',
    team: { id: 'T0TEST', domain: 'tally-test' },
    user: { id: fields.user, name: fields.user.toLowerCase(), team_id: 'T0TEST' },
    api_app_id: 'A0TALLY',
    token: 'legacy-verification-token',
    trigger_id: freshId('trig-'),
    view: {
      id: fields.viewId ?? freshId('V'),
      type: 'modal',
      callback_id: fields.callbackId,
      team_id: 'T0TEST',
      app_id: 'A0TALLY',
      bot_id: 'BBOT',
      title: { type: 'plain_text', text: 'Edit entry' },
      blocks: [],
      close: null,
      submit: null,
      state: { values },
      hash: 'hash-0',
      private_metadata: fields.privateMetadata,
      root_view_id: null,
      previous_view_id: null,
      clear_on_close: false,
      notify_on_close: false,
    },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

function freshTs(): string {
  counter += 1;
  return `${String(Math.floor(Date.now() / 1000))}.${String(counter).padStart(6, '0')}`;
}
