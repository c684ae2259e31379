import { runCli } from '../../src/cli.js';
import { captureIo } from './builders.js';

/** What a `tally` run printed and how it ended. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `tally ARGS…` in-process against the environment `env()` gives at call time (a test
 * database's), with the given clock; answers the exit code and what it printed.
 */
export function cliRunner(env: () => Record<string, string | undefined>, now?: () => Date): (...args: string[]) => Promise<CliRun> {
  return async (...args) => {
    const cap = captureIo(env(), process.cwd(), now);
    const code = await runCli(['node', 'tally', ...args], cap.io);
    return { code, stdout: cap.stdout(), stderr: cap.stderr() };
  };
}
