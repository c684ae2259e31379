import { userInfo } from 'node:os';
import type { Actor } from '../core/audit.js';
import type { Problem } from '../core/errors.js';
import { isAppError } from '../core/errors.js';

/** Where a command writes and what it reads, so tests can run the CLI in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly now: () => Date;
}

/** The real terminal, environment and clock. */
export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  now: () => new Date(),
};

/** The person at the terminal, for audit rows when no `--as EMAIL` is given. */
export function terminalActor(): Actor {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // Containers without a passwd entry: the audit row still says it came from the CLI.
  }
  return { userId: null, label: `cli:${name}`, via: 'cli' };
}

function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `  ${p.path}: ${p.message}\n`).join('');
}

/**
 * The one place CLI errors become text and exit codes: 1 with a message naming the problem for
 * anything the person can fix, 2 for internal errors (never a stack trace; details go to the log).
 */
export function reportError(io: CliIo, error: unknown): 1 | 2 {
  if (isAppError(error) && error.isUserError) {
    io.stderr(`tally: ${error.message}\n${formatProblems(error.problems)}`);
    return 1;
  }
  if (isAppError(error, 'UNAVAILABLE')) {
    io.stderr(`tally: ${error.message}\n`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`tally: internal error: ${message.split('\n')[0]}\n`);
  if (io.env.LOG_LEVEL === 'debug' && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return 2;
}

/** Writes one JSON document on stdout. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
