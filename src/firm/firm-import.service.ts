import type { Actor } from '../core/audit.js';
import { AppError, type Problem } from '../core/errors.js';
import { transaction, type Db, type Tx } from '../db/connection.js';
import { recordAudit } from '../db/repositories/audit.repository.js';
import { listClients } from '../db/repositories/client.repository.js';
import { getFirm, saveFirm } from '../db/repositories/firm.repository.js';
import { listMatters } from '../db/repositories/matter.repository.js';
import { listUsers } from '../db/repositories/user.repository.js';
import { applyPlan, type ImportCounts } from './firm-apply.js';
import { firmFileSchema } from './firm-file.schema.js';
import { buildPlan, type FirmPlan } from './firm-plan.js';
import { checkReferences, type ExistingFirm } from './firm-references.js';
import { problemsFromZod } from './problems.js';

export interface ImportSummary {
  readonly firm: 'created' | 'updated' | 'unchanged';
  readonly users: ImportCounts;
  readonly clients: ImportCounts;
  readonly matters: ImportCounts;
  readonly rates: ImportCounts;
}

/**
 * Validates a parsed firm file completely against itself and what is stored. Throws one
 * INVALID_CONFIG error carrying every problem with its path, so a person can fix them all at once.
 */
export function validateFirmFile(raw: unknown, existing: ExistingFirm, isDemo = false): FirmPlan {
  const parsed = firmFileSchema.safeParse(raw ?? {}, { reportInput: true });
  if (!parsed.success) throw invalid(problemsFromZod(parsed.error, firmFileSchema));
  const problems: Problem[] = [];
  const plan = buildPlan(parsed.data, problems, isDemo);
  checkReferences(plan, existing, problems);
  if (problems.length > 0) throw invalid(problems);
  return plan;
}

function invalid(problems: Problem[]): AppError {
  const noun = problems.length === 1 ? 'problem' : 'problems';
  return new AppError('INVALID_CONFIG', `the firm file has ${problems.length} ${noun}; nothing was imported`, { problems });
}

async function loadExisting(tx: Tx): Promise<ExistingFirm> {
  return { users: await listUsers(tx), clients: await listClients(tx), matters: await listMatters(tx) };
}

/**
 * Imports a firm file all-or-nothing in one transaction: an upsert by email and code that
 * writes (and audits) only what changed, so importing the same file twice changes nothing.
 */
export async function importFirm(db: Db, raw: unknown, actor: Actor, options: { isDemo?: boolean } = {}): Promise<ImportSummary> {
  return transaction(db, async (tx) => {
    const existing = await loadExisting(tx);
    const plan = validateFirmFile(raw, existing, options.isDemo ?? false);
    const oldFirm = await getFirm(tx);
    let firm: ImportSummary['firm'] = 'unchanged';
    if (!oldFirm || JSON.stringify(oldFirm) !== JSON.stringify(plan.firm)) {
      await saveFirm(tx, plan.firm);
      await recordAudit(tx, { actor, action: oldFirm ? 'firm.update' : 'firm.create', entityType: 'firm', entityId: 1, before: oldFirm, after: plan.firm });
      firm = oldFirm ? 'updated' : 'created';
    }
    const counts = await applyPlan(tx, plan, existing, actor);
    return { firm, ...counts };
  });
}
