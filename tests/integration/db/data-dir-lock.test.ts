import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../../src/db/connection.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function templateCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tally-lock-'));
  dirs.push(dir);
  const dataDir = join(dir, 'data');
  await cp(inject('pgliteTemplate'), dataDir, { recursive: true });
  return dataDir;
}

describe('the embedded database folder', () => {
  it('is refused to a second opener while open, and free again once closed', async () => {
    const dataDir = await templateCopy();
    const first = await openDatabase({ dataDir });
    await expect(openDatabase({ dataDir })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(`in use by another Tally process (pid ${process.pid})`) });
    await first.close();
    const second = await openDatabase({ dataDir });
    await second.executeSql('select 1');
    await second.close();
  });

  it('is taken over from a process that died holding it', async () => {
    const dataDir = await templateCopy();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    await writeFile(join(dataDir, 'tally.lock'), dead.stdout);
    const handle = await openDatabase({ dataDir });
    expect((await handle.executeSql('select 1 as one')).rows).toEqual([{ one: 1 }]);
    await handle.close();
  });
});
