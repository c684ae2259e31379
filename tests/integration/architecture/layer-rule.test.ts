import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../support/processes.js';

const eslint = new ESLint({ cwd: ROOT });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layer rule of DESIGN.md, as lint enforces it', () => {
  it.each([
    ['core importing a package', 'src/core/x.ts', "import { z } from 'zod';"],
    ['core importing node', 'src/core/x.ts', "import { readFile } from 'node:fs';"],
    ['core importing db', 'src/core/x.ts', "import { openDatabase } from '../db/connection.js';"],
    ['billing importing kysely', 'src/billing/x.ts', "import { sql } from 'kysely';"],
    ['firm importing pg', 'src/firm/x.ts', "import pg from 'pg';"],
    ['capture importing bolt', 'src/capture/matcher.ts', "import { App } from '@slack/bolt';"],
    ['jobs importing the Teams SDK', 'src/jobs/x.ts', "import { CloudAdapter } from '@microsoft/agents-hosting';"],
    ['jobs importing kysely', 'src/jobs/x.ts', "import { sql } from 'kysely';"],
    ['jobs importing the notifier in bots', 'src/jobs/x.ts', "import { Notifier } from '../bots/send/notifier.js';"],
    ['db importing billing', 'src/db/x.ts', "import { compile } from '../billing/invoice.service.js';"],
    ['billing importing bots', 'src/billing/x.ts', "import { notify } from '../bots/notifier.js';"],
    ['bots importing Graph', 'src/bots/x.ts', "import { Client } from '@microsoft/microsoft-graph-client';"],
    ['server importing PGlite', 'src/server.ts', "import { PGlite } from '@electric-sql/pglite';"],
  ])('refuses %s', async (_name, file, code) => {
    expect(await layerErrors(file, code)).toHaveLength(1);
  });

  it.each([
    ['core importing core', 'src/core/x.ts', "import { parseMoney } from './money.js';"],
    ['db importing kysely', 'src/db/x.ts', "import { sql } from 'kysely';"],
    ['db importing core', 'src/db/x.ts', "import { AppError } from '../core/errors.js';"],
    ['bots importing bolt', 'src/bots/slack/x.ts', "import { App } from '@slack/bolt';"],
    ['a capture source importing Graph', 'src/capture/sources/graph.source.ts', "import { Client } from '@microsoft/microsoft-graph-client';"],
    ['billing importing db', 'src/billing/x.ts', "import { listRates } from '../db/repositories/rate.repository.js';"],
    ['jobs importing pg-boss, the durable queue', 'src/jobs/x.ts', "import PgBoss from 'pg-boss';"],
  ])('allows %s', async (_name, file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});
