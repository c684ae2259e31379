/**
 * The chat commands Tally declares to the platforms: Slack slash commands (`/time`, `/invoice`,
 * `/tally`) and the Teams bot command list. The manifests must declare exactly these, and the chat
 * core must have a handler for each (tests hold both sides to this list).
 */
export const CHAT_COMMANDS = ['time', 'invoice', 'tally'] as const;

/** One declared chat command name, without the slash. */
export type ChatCommand = (typeof CHAT_COMMANDS)[number];

/** The commands every manifest declares; the chat core checks its handlers against this list. */
export const DECLARED_COMMANDS: readonly ChatCommand[] = CHAT_COMMANDS;

/** Narrows a platform's command name (`/time`, `time`, `TIME`) to a declared command, or null. */
export function toChatCommand(name: string): ChatCommand | null {
  const bare = name.trim().replace(/^\//, '').toLowerCase();
  return (CHAT_COMMANDS as readonly string[]).includes(bare) ? (bare as ChatCommand) : null;
}

/**
 * The Slack bot scopes of manifests/slack/manifest.yml, each with the reason it is needed. The
 * manifest must ask for exactly these: a new scope needs a reason here first.
 */
export const SLACK_BOT_SCOPES = {
  'chat:write': 'post and update the daily card and replies in the DM',
  commands: 'the /time, /invoice and /tally slash commands',
  'im:write': 'open the 1:1 DM with a person (conversations.open)',
  'users:read': 'resolve a Slack user id to the person in the firm file',
  'users:read.email': 'match Slack users to the firm file by email (users.lookupByEmail)',
  'channels:history': 'message.channels events in matter channels, and the catch-up sync',
  'im:history': 'message.im events: commands typed into the DM with the bot (Slack refuses the event without it)',
  'files:write': 'deliver invoice PDF, LEDES and CSV into the requester DM (files.getUploadURLExternal / completeUploadExternal)',
} as const satisfies Record<string, string>;

/** The Slack bot events Tally subscribes to. */
export const SLACK_BOT_EVENTS = ['message.channels', 'message.im'] as const;
