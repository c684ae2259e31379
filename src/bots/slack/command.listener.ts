import type { App } from '@slack/bolt';
import { CHAT_COMMANDS } from '../manifests/commands.js';
import { answerFailure, ephemeralRespond, slackContext, type InteractiveDeps } from './interactive-deps.js';
import type { Origin } from './reply-placement.js';

/** Commands whose work may outlast the 3 s ack: they answer "Working on it…" first. */
const SLOW_COMMANDS: ReadonlySet<string> = new Set(['invoice']);

/**
 * `/time`, `/invoice`, `/tally` → the chat core. Each is acknowledged at once (empty, or a short
 * ephemeral "Working on it…" for slow ones), then run as background work and answered through the
 * response_url, ephemerally; `/tally summary` puts the day's card in the person's DM instead
 * (updated in place when it is already there). The delivery key is the command's trigger_id,
 * which a redelivery of the same payload repeats.
 */
export function registerCommandListeners(bolt: App, deps: InteractiveDeps): void {
  for (const name of CHAT_COMMANDS) {
    bolt.command(`/${name}`, async ({ command, ack, respond }) => {
      await ack(SLOW_COMMANDS.has(name) ? { response_type: 'ephemeral', text: 'Working on it…' } : undefined);
      const ids = { command: name, user: command.user_id };
      const respondTo = ephemeralRespond(respond);
      const origin: Origin = { actor: command.user_id, command: name, ...(respondTo ? { respond: respondTo } : {}) };
      await deps.background.run(async () => {
        try {
          const ctx = slackContext(deps, command.user_id, `slack:cmd:${command.trigger_id}`);
          const reply = await deps.core.command(ctx, name, command.text ?? '');
          await deps.placement.place(origin, reply);
        } catch (error) {
          await answerFailure(deps, origin, error, ids);
        }
      });
    });
  }
}
