import { pino } from 'pino';
import type { Config } from './config.js';
import type { Logger } from './core/logger.js';

/**
 * Privileged text must never reach a log, whatever a careless call passes in: these keys are
 * removed at any depth pino can see (top level and one level down).
 */
const PRIVILEGED = ['narrative', 'title', 'subject', 'text', 'description', 'body', 'participants'];
const REDACT = [...PRIVILEGED, ...PRIVILEGED.map((key) => `*.${key}`), 'password', '*.password', 'token', '*.token', 'authorization', '*.authorization'];

/** The process logger: JSON lines on stderr (stdout is for command output). */
export function createLogger(level: Config['logLevel']): Logger {
  return pino({ level, redact: { paths: REDACT, remove: true }, base: { app: 'tally' } }, pino.destination(2));
}
