import type { Command } from 'commander';
import { loadConfig, type Config } from '../config.js';
import { isAppError } from '../core/errors.js';
import { openDatabase, redactUrl } from '../db/connection.js';
import { migrationStatus } from '../db/migrator.js';
import { getFirm } from '../db/repositories/firm.repository.js';
import { printJson, type CliIo } from './cli-io.js';

export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

function platformChecks(config: Config): Check[] {
  const on = (name: string, value: unknown, detail: string): Check => ({ name, ok: true, detail: value ? detail : 'not configured' });
  return [
    on('slack', config.slack, `configured${config.slack?.appToken ? ' (Socket Mode)' : ''}${config.slack?.apiUrl ? `, API at ${config.slack.apiUrl}` : ''}`),
    on('teams', config.teams, `configured (${config.teams?.appType}, app ${config.teams?.appId})`),
    on('graph', config.graph, `configured (tenant ${config.graph?.tenantId})`),
    on('openai', config.openai, `configured (model ${config.openai?.model}${config.openai?.baseUrl ? ` at ${config.openai.baseUrl}` : ''})`),
    { name: 'mode', ok: true, detail: config.consoleMode ? 'local console (no chat platform configured)' : 'chat platforms' },
  ];
}

/** Runs every check; a failed one does not stop the others. */
export async function runChecks(io: CliIo): Promise<Check[]> {
  let config: Config;
  try {
    config = loadConfig(io.env, io.cwd);
  } catch (error) {
    const detail = isAppError(error) && error.problems.length > 0 ? error.problems.map((p) => `${p.path} ${p.message}`).join('; ') : isAppError(error) ? error.message : String(error);
    return [{ name: 'configuration', ok: false, detail }];
  }
  const checks: Check[] = [{ name: 'configuration', ok: true, detail: 'valid' }];
  const where = config.databaseUrl ? redactUrl(config.databaseUrl) : `embedded PGlite in ${config.dataDir}`;
  try {
    const handle = await openDatabase({ url: config.databaseUrl ?? undefined, dataDir: config.dataDir, poolSize: 1 });
    try {
      checks.push({ name: 'database', ok: true, detail: `reachable (${where})` });
      const status = await migrationStatus(handle.db);
      checks.push(
        status.pending.length === 0
          ? { name: 'migrations', ok: true, detail: `current (${status.applied.length} applied)` }
          : { name: 'migrations', ok: false, detail: `${status.pending.length} pending: ${status.pending.join(', ')} — run \`npx tally migrate\`` },
      );
      if (status.pending.length === 0) {
        const firm = await getFirm(handle.db);
        checks.push(firm ? { name: 'firm', ok: true, detail: `${firm.name}${firm.isDemo ? ' (demo)' : ''}` } : { name: 'firm', ok: false, detail: 'no firm imported — run `npx tally import FILE` or `npx tally demo`' });
      }
    } finally {
      await handle.close();
    }
  } catch (error) {
    checks.push({ name: 'database', ok: false, detail: isAppError(error) ? error.message : `cannot open ${where}: ${String(error)}` });
  }
  return [...checks, ...platformChecks(config)];
}

/** `tally doctor`: configuration, database, migrations and platforms at a glance. */
export function registerDoctor(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('doctor')
    .description('check configuration, database, migrations and which platforms are configured')
    .option('--json', 'print the checks as JSON')
    .action(async (options: { json?: boolean }) => {
      const checks = await runChecks(io);
      const ok = checks.every((c) => c.ok);
      if (options.json) printJson(io, { ok, checks });
      else io.stdout(checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'}  ${c.name.padEnd(13)} ${c.detail}`).join('\n') + '\n');
      if (!ok) setExit(1);
    });
}
