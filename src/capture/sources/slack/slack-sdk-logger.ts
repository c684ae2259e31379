import { LogLevel, type Logger as SlackSdkLogger } from '@slack/web-api';
import type { Logger } from '../../../core/logger.js';

export type { SlackSdkLogger };

const MAX_LINE = 300;

/** The SDK's log arguments as one short line: strings and error messages only, never objects. */
function line(parts: readonly unknown[]): string {
  const text = parts
    .map((part) => (typeof part === 'string' ? part : part instanceof Error ? part.message : ''))
    .filter((part) => part !== '')
    .join(' ');
  return text.length > MAX_LINE ? `${text.slice(0, MAX_LINE)}…` : text;
}

/**
 * The logger the Slack SDKs (@slack/web-api, and bolt, which shares its Logger interface) write to,
 * forwarded to Tally's logger. Debug output is dropped: the SDK's debug lines carry request and
 * event bodies, which may hold message text. Only string arguments are kept, so an object the
 * SDK passes along (a request, an event) never reaches the log.
 */
export function slackSdkLogger(logger: Logger | undefined, component: string): SlackSdkLogger {
  let level: LogLevel = LogLevel.INFO;
  const fields = { component };
  return {
    debug: () => undefined,
    info: (...parts: unknown[]) => logger?.info(fields, line(parts)),
    warn: (...parts: unknown[]) => logger?.warn(fields, line(parts)),
    error: (...parts: unknown[]) => logger?.error(fields, line(parts)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
