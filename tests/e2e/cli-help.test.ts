import { describe, expect, it } from 'vitest';
import { ROOT, runProcess } from '../support/processes.js';

const BIN = `${ROOT}/bin/tally.js`;

describe('npx tally', () => {
  it('prints usage listing every command with --help', async () => {
    const result = await runProcess(process.execPath, [BIN, '--help']);
    expect(result.code).toBe(0);
    for (const command of ['migrate', 'import', 'demo', 'capture', 'entries', 'approve', 'invoice', 'digest', 'jobs', 'purge', 'doctor', 'manifests']) expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  });

  it.each([
    ['migrate', /Usage: tally migrate/],
    ['import', /Usage: tally import \[options\] <file>/],
    ['demo', /Usage: tally demo/],
    ['entries', /--date <date>[\s\S]*--user <email>[\s\S]*--status <status>[\s\S]*--json/],
    ['doctor', /Usage: tally doctor[\s\S]*--json/],
    ['digest', /Usage: tally digest[\s\S]*--manager <email>[\s\S]*--as-of[\s\S]*--json/],
    ['jobs', /Usage: tally jobs[\s\S]*--status <status>[\s\S]*--kind <kind>[\s\S]*--json/],
  ])('prints usage for `%s --help`', async (command, usage) => {
    const result = await runProcess(process.execPath, [BIN, command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(usage);
  });

  it('exits 1 naming an unknown command', async () => {
    const result = await runProcess(process.execPath, [BIN, 'bill']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("unknown command 'bill'");
  });

  it('is what package.json exposes as the tally bin', async () => {
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as { bin: Record<string, string> };
    expect(pkg.bin.tally).toBe('bin/tally.js');
  });
});
