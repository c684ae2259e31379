import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/core/audit.js';
import { transaction } from '../../../src/db/connection.js';
import { findMatterByCode } from '../../../src/db/repositories/matter.repository.js';
import { insertEntry } from '../../../src/db/repositories/time-entry.repository.js';
import { findUserByEmail } from '../../../src/db/repositories/user.repository.js';
import { DEMO_FIRM_FILE } from '../../../src/firm/demo.service.js';
import { countFirmRows } from '../../support/db-snapshot.js';
import { databaseKinds, useCliDatabase } from '../../support/test-database.js';
import { cliRunner } from '../../support/cli-runner.js';

const BROKEN_YAML = `
firm: { name: Broken LLP, timezone: America/New_York }
users:
  - { email: a@broken.example, name: A, roles: [lawyer], sumaryTime: "17:00" }
  - { email: b@broken.example, name: B, roles: [partner] }
clients:
  - { code: ACME, name: Acme }
matters:
  - { code: ACME-1, client: ACME, name: One }
  - { code: ACME-2, client: ACMEE, name: Two }
`;

async function tempFile(name: string, content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tally-file-'));
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe.each(databaseKinds())('the tally CLI on %s', (kind) => {
  const t = useCliDatabase(kind);
  const run = cliRunner(() => t.current.env);

  it('migrates, then says the database is up to date', async () => {
    const result = await run('migrate');
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/is up to date/) });
  });

  it('imports the example file twice: everything new, then everything unchanged', async () => {
    const first = await run('import', DEMO_FIRM_FILE);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('users: 7 new, 0 changed, 0 unchanged');
    const second = await run('import', DEMO_FIRM_FILE, '--json');
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ firm: 'unchanged', users: { created: 0, updated: 0, unchanged: 7 }, matters: { unchanged: 7 } });
  });

  it('reports each error of a broken file with its path, exits 1 and writes nothing', async () => {
    const result = await run('import', await tempFile('broken.yaml', BROKEN_YAML));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'tally: the firm file has 2 problems; nothing was imported\n' +
        '  users[0].sumaryTime: unknown key "sumaryTime" (did you mean summaryTime?)\n' +
        '  users[1].roles[0]: must be one of lawyer, assistant, billing, manager, admin\n',
    );
    const fixedShape = BROKEN_YAML.replace('sumaryTime', 'summaryTime').replace('[partner]', '[lawyer]');
    const second = await run('import', await tempFile('broken.yaml', fixedShape));
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('  matters[1].client: unknown client "ACMEE" (did you mean ACME?)\n');
    expect(Object.values(await t.current.inspect(countFirmRows)).every((n) => n === 0)).toBe(true);
  });

  it.each([
    [['import', '/nonexistent/firm.yaml'], 'tally: /nonexistent/firm.yaml: no such file\n'],
    [['entries', '--date', '2026-02-30'], 'tally: invalid date "2026-02-30"\n'],
    [['entries', '--status', 'done'], 'tally: unknown status "done" — use one of draft, approved, billed, non_billable\n'],
    [['entries', '--date', '2026-03-02', '--from', '2026-03-01'], 'tally: use either --date or --from/--to, not both\n'],
    [['entries', '--user', 'nobody@nowhere.example'], 'tally: unknown user "nobody@nowhere.example"\n'],
  ])('exits 1 with a one-line message for %j', async (args, message) => {
    const result = await run(...args);
    expect(result).toEqual({ code: 1, stdout: '', stderr: message });
  });

  it('reports a YAML syntax error with its line', async () => {
    const result = await run('import', await tempFile('bad.yaml', 'firm:\n  name: [unclosed\n'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^tally: .*bad\.yaml: not valid YAML at line \d+, column \d+: /);
  });

  it('lists entries as the JSON document of DESIGN.md', async () => {
    await run('import', DEMO_FIRM_FILE);
    await t.current.inspect(async (db) => {
      const alice = await findUserByEmail(db, 'alice@arnsley.example');
      const matter = await findMatterByCode(db, 'GLOBEX-001');
      await transaction(db, (tx) =>
        insertEntry(tx, {
          userId: alice?.id ?? 0, matterId: matter?.id ?? null, workDate: '2026-03-02', actualMinutes: 52, billedMinutes: 54,
          narrative: 'Conference with J. Doe (Globex) re claim construction', taskCode: 'L110', activityCode: 'A106', confidence: 'high',
          evidence: [{ activityId: 'graph:event:1', source: 'calendar', title: 'Claim construction call' }], warnings: [{ code: 'max_hours', message: 'Over 8 h' }],
          sourceActivityIds: ['graph:event:1'], origin: 'capture', captureKey: 'k1',
        }, SYSTEM_ACTOR),
      );
    });
    const result = await run('entries', '--date', '2026-03-02', '--json');
    expect(result.code).toBe(0);
    const { entries } = JSON.parse(result.stdout) as { entries: Record<string, unknown>[] };
    expect(entries).toEqual([{
      id: expect.stringMatching(/^[0-9a-f-]{36}$/), date: '2026-03-02', user: 'alice@arnsley.example', matter: 'GLOBEX-001',
      actualMinutes: 52, billedMinutes: 54, status: 'draft', narrative: 'Conference with J. Doe (Globex) re claim construction',
      taskCode: 'L110', activityCode: 'A106', confidence: 'high',
      evidence: [{ activityId: 'graph:event:1', source: 'calendar', title: 'Claim construction call' }], warnings: [{ code: 'max_hours', message: 'Over 8 h' }],
    }]);
    expect(JSON.parse((await run('entries', '--date', '2026-03-03', '--json')).stdout)).toEqual({ entries: [] });
    const table = await run('entries', '--from', '2026-03-01', '--to', '2026-03-31', '--user', 'ALICE@arnsley.example');
    expect(table.stdout).toMatch(/2026-03-02\s+alice@arnsley\.example\s+GLOBEX-001\s+0\.9\s+52m\s+draft\s+L110\/A106\s+1 warning/);
  });

  it('doctor reports the database, migrations, firm and platforms', async () => {
    await run('demo');
    const result = await run('doctor', '--json');
    expect(result.code).toBe(0);
    const { ok, checks } = JSON.parse(result.stdout) as { ok: boolean; checks: { name: string; ok: boolean; detail: string }[] };
    expect(ok).toBe(true);
    expect(checks.map((c) => c.name)).toEqual(['configuration', 'database', 'migrations', 'firm', 'slack', 'teams', 'graph', 'openai', 'mode']);
    expect(checks.find((c) => c.name === 'firm')?.detail).toBe('Arnsley & Beaster LLP (demo)');
  });
});
