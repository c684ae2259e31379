import { Command, CommanderError } from 'commander';
import { registerApprove } from './cli/approve.command.js';
import { registerCapture } from './cli/capture.command.js';
import { registerDemo } from './cli/demo.command.js';
import { registerDigest } from './cli/digest.command.js';
import { registerDoctor } from './cli/doctor.command.js';
import { registerEntries } from './cli/entries.command.js';
import { registerImport } from './cli/import.command.js';
import { registerInvoice } from './cli/invoice.command.js';
import { registerJobs } from './cli/jobs.command.js';
import { processIo, reportError, type CliIo } from './cli/cli-io.js';
import { registerManifests } from './cli/manifests.command.js';
import { registerMigrate } from './cli/migrate.command.js';
import { registerPurge } from './cli/purge.command.js';

/** Builds the `tally` program; commands write through io so tests can run them in-process. */
export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('tally')
    .description('Tally: time capture and invoicing for law firms, in Teams and Slack.\nDatabase: DATABASE_URL, else the embedded PGlite in TALLY_DATA_DIR (default ./.tally).')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerMigrate(program, io);
  registerImport(program, io);
  registerDemo(program, io);
  registerCapture(program, io);
  registerEntries(program, io);
  registerApprove(program, io);
  registerInvoice(program, io);
  registerDigest(program, io);
  registerPurge(program, io);
  registerJobs(program, io);
  registerDoctor(program, io, setExit);
  registerManifests(program, io);
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  return program;
}

/**
 * Runs the CLI and returns its exit code: 0 success, 1 user error (a one-line message naming the
 * problem), 2 internal error.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  if (argv.length <= 2) {
    io.stdout(program.helpInformation());
    return 0;
  }
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; anything else commander reports is a usage error it printed.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? 0 : 1;
    }
    return reportError(io, error);
  }
}
