import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../../src/billing/digest.service.js';
import { importFirm } from '../../../src/firm/firm-import.service.js';
import { TEST_ACTOR } from '../../support/builders.js';
import { DIGEST_AS_OF, DIGEST_FIRM, seedDigestFirm } from '../../support/digest-fixture.js';
import { databaseKinds, useCliDatabase } from '../../support/test-database.js';
import { cliRunner } from '../../support/cli-runner.js';

const NOW = () => new Date('2026-03-09T13:00:00Z');

describe.each(databaseKinds())('tally digest on %s', (kind) => {
  const t = useCliDatabase(kind);
  const run = cliRunner(() => t.current.env, NOW);

  it('prints the same figures as the service, as one JSON document, and as readable tables', async () => {
    const expected = await t.current.inspect(async (db) => {
      await seedDigestFirm(db);
      return buildDigest(db, { managerEmail: 'lee@test.example', asOf: DIGEST_AS_OF, now: NOW });
    });
    const json = await run('digest', '--manager', 'lee@test.example', '--as-of', DIGEST_AS_OF, '--json');
    expect(json).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));

    const text = await run('digest', '--manager', 'lee@test.example', '--as-of', DIGEST_AS_OF);
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toBe('Digest for Lee Park <lee@test.example> — week of 2 Mar 2026 (2026-03-02 to 2026-03-08), as of 2026-03-09');
    expect(lines.find((l) => l.startsWith('Max Rowe'))?.split(/\s{2,}/)).toEqual(['Max Rowe', '2.0', '2', '2.0', '$550.63', '1.0', '0.8', '0.1', '0.2', '2.5', '2026-03-02 2026-03-06']);
    expect(lines.find((l) => l.startsWith('Ann Byrd'))).toMatch(/^Ann Byrd \(no rate!\)\s+0\.4\s+2\s+0\.6\s+\$40\.00/);
    expect(lines.find((l) => l.startsWith('write-down rate'))?.split(/\s{2,}/)).toEqual(['write-down rate', '11.6%', '10.0%']);
    expect(lines.find((l) => l.startsWith('ACME'))?.split(/\s{2,}/)).toEqual(['ACME', '2.0', '1.7', '$438.13']);
  });

  it.each([
    [['digest', '--manager', 'nobody@test.example'], 'tally: unknown user "nobody@test.example"\n'],
    [['digest', '--manager', 'max@test.example'], 'tally: max@test.example does not have the manager role; digests go only to managers\n'],
    [['digest'], 'tally: --manager EMAIL is required\n'],
    [['digest', '--manager', 'lee@test.example', '--as-of', 'monday'], 'tally: invalid date "monday"\n'],
  ])('exits 1 with one line for %j', async (args, message) => {
    await t.current.inspect((db) => importFirm(db, DIGEST_FIRM, TEST_ACTOR));
    expect(await run(...args)).toEqual({ code: 1, stdout: '', stderr: message });
  });

  it('explains itself with --help', async () => {
    const help = await run('digest', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--manager <email>');
    expect(help.stdout).toContain('--as-of <date>');
  });
});
