import type { Actor, AuditRecord, Via } from '../../core/audit.js';
import type { Db, Tx } from '../connection.js';

export interface AuditInput {
  readonly actor: Actor;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string | number;
  readonly before: unknown;
  readonly after: unknown;
  readonly at?: Date;
}

function auditValues(input: AuditInput) {
  return {
    actor_user_id: input.actor.userId,
    actor: input.actor.label,
    via: input.actor.via,
    action: input.action,
    entity_type: input.entityType,
    entity_id: String(input.entityId),
    before: input.before === undefined || input.before === null ? null : JSON.stringify(input.before),
    after: input.after === undefined || input.after === null ? null : JSON.stringify(input.after),
    ...(input.at ? { at: input.at } : {}),
  };
}

/** Writes one audit row; call it inside the transaction that makes the change it records. */
export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  await recordAudits(tx, [input]);
}

/** Writes many audit rows in one statement (bulk capture), inside the changing transaction. */
export async function recordAudits(tx: Tx, inputs: readonly AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await tx.insertInto('audit_log').values(inputs.map(auditValues)).execute();
}

export interface AuditFilter {
  readonly entityType?: string;
  readonly entityId?: string | number;
  readonly action?: string;
  readonly limit?: number;
}

/** Reads audit rows oldest first, optionally for one entity or action. */
export async function listAudit(db: Db, filter: AuditFilter = {}): Promise<AuditRecord[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id');
  if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
  if (filter.entityId !== undefined) query = query.where('entity_id', '=', String(filter.entityId));
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.limit) query = query.limit(filter.limit);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actor: { userId: row.actor_user_id, label: row.actor, via: row.via as Via },
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
  }));
}
