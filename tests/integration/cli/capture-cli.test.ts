import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listActivitiesForDate } from '../../../src/db/repositories/activity.repository.js';
import { DEMO_FIRM_FILE } from '../../../src/firm/demo.service.js';
import { LAWYER_DAYS } from '../../support/capture-harness.js';
import { databaseKinds, useCliDatabase } from '../../support/test-database.js';
import { cliRunner } from '../../support/cli-runner.js';

async function tempFile(content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tally-jsonl-'));
  const path = join(dir, 'day.jsonl');
  await writeFile(path, content);
  return path;
}

const line = (o: Record<string, unknown>) => JSON.stringify({ id: 'x1', source: 'email', user: 'alice@arnsley.example', start: '2026-03-02T16:30:00Z', end: '2026-03-02T16:30:00Z', title: 'Hello', ...o });

describe.each(databaseKinds())('tally capture on %s', (kind) => {
  const t = useCliDatabase(kind);
  const run = cliRunner(() => t.current.env, () => new Date('2026-11-29T15:00:00Z'));

  it('demo, capture a demo day, list its drafts with every field; capturing again changes nothing', async () => {
    expect((await run('demo', '--as-of', '2026-11-27')).code).toBe(0);
    const first = await run('capture', '--date', '2026-11-27', '--json');
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout) as { created: number; unchanged: number };
    expect(summary.created).toBeGreaterThan(10);
    const listed = await run('entries', '--date', '2026-11-27', '--json');
    const { entries } = JSON.parse(listed.stdout) as { entries: Record<string, unknown>[] };
    expect(entries).toHaveLength(summary.created);
    for (const entry of entries) {
      expect(Object.keys(entry).sort()).toEqual(['activityCode', 'actualMinutes', 'billedMinutes', 'confidence', 'date', 'evidence', 'id', 'matter', 'narrative', 'status', 'taskCode', 'user', 'warnings']);
      expect(entry).toMatchObject({ date: '2026-11-27', status: 'draft' });
      expect((entry.evidence as unknown[]).length).toBeGreaterThan(0);
    }
    const again = await run('capture', '--date', '2026-11-27', '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ created: 0, refreshed: 0, deleted: 0, unchanged: summary.created });
    expect(JSON.parse((await run('entries', '--date', '2026-11-27', '--json')).stdout)).toEqual({ entries });
  });

  it('captures a JSONL file and prints a summary line', async () => {
    await run('import', DEMO_FIRM_FILE);
    const result = await run('capture', '--date', '2026-03-02', '--from', LAWYER_DAYS);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('2026-03-02: 4 people, 34 activities stored, drafts 10 new, 0 refreshed, 0 removed, 0 unchanged');
    expect(result.stdout).toContain('1 activities skipped: their owners have not allowed that source');
  });

  it('refuses a file with bad lines, naming each line, and stores nothing', async () => {
    await run('import', DEMO_FIRM_FILE);
    const file = await tempFile([line({ id: 'ok-1' }), line({ id: 'bad-1', start: 'yesterday' }), '{not json', '', line({ id: 'bad-2', source: 'fax' }), line({ id: 'ok-1' })].join('\n'));
    const result = await run('capture', '--date', '2026-03-02', '--from', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `tally: ${file} has 4 bad line(s); nothing was captured\n` +
        '  line 2.start: must be an ISO 8601 time with a zone, e.g. 2026-03-02T14:00:00Z\n' +
        '  line 3: is not valid JSON\n' +
        '  line 5.source: must be one of calendar, email, document, call, slack, manual\n' +
        '  line 6.id: "ok-1" repeats line 1\n',
    );
    expect(await t.current.inspect((db) => listActivitiesForDate(db, '2026-03-02'))).toEqual([]);
  });

  it('refuses activities of unknown people, suggesting the closest, and stores nothing', async () => {
    await run('import', DEMO_FIRM_FILE);
    const file = await tempFile(`${line({ id: 'a' })}\n${line({ id: 'b', user: 'alise@arnsley.example' })}\n`);
    const result = await run('capture', '--date', '2026-03-02', '--from', file);
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'tally: activities name 1 unknown user(s); nothing was captured\n  user: unknown user "alise@arnsley.example" (did you mean alice@arnsley.example?)\n' });
    expect(await t.current.inspect((db) => listActivitiesForDate(db, '2026-03-02'))).toEqual([]);
  });

  it.each([
    [['capture'], 'tally: --date is required\n'],
    [['capture', '--date', '2026-13-01'], 'tally: invalid date "2026-13-01"\n'],
    [['capture', '--date', '2026-03-02', '--user', 'nobody@x.example'], 'tally: unknown user "nobody@x.example"\n'],
    [['purge', '--days', 'ninety'], 'tally: --days must be a whole number of days, not "ninety"\n'],
  ])('exits 1 with one line for %j', async (args, message) => {
    expect(await run(...args)).toEqual({ code: 1, stdout: '', stderr: message });
  });
});
