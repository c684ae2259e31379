import type { Actor, AuditRecord, Via } from '../../core/audit.js';
import { sql } from 'kysely';
import type { Db, Tx } from '../connection.js';
import { jsonRecordset } from '../json-recordset.js';

export interface AuditInput {
  readonly actor: Actor;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string | number;
  readonly before: unknown;
  readonly after: unknown;
  readonly at?: Date;
}

const COLUMNS = {
  actor_user_id: 'integer', actor: 'text', via: 'text', action: 'text', entity_type: 'text', entity_id: 'text',
  before: 'jsonb', after: 'jsonb', at: 'timestamptz',
} as const;

function auditRow(input: AuditInput) {
  return {
    actor_user_id: input.actor.userId, actor: input.actor.label, via: input.actor.via, action: input.action,
    entity_type: input.entityType, entity_id: String(input.entityId), before: input.before ?? null, after: input.after ?? null,
    at: input.at?.toISOString() ?? null,
  };
}

/** Writes one audit row; call it inside the transaction that makes the change it records. */
export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  await recordAudits(tx, [input]);
}

/** Writes many audit rows in one statement (bulk capture), inside the changing transaction. */
export async function recordAudits(tx: Tx, inputs: readonly AuditInput[]): Promise<void> {
  for (let i = 0; i < inputs.length; i += 5000) {
    const rows = inputs.slice(i, i + 5000).map(auditRow);
    await sql`
      insert into audit_log (actor_user_id, actor, via, action, entity_type, entity_id, before, after, at)
      select actor_user_id, actor, via, action, entity_type, entity_id, before, after, coalesce(at, now())
      from ${jsonRecordset(rows, COLUMNS)}`.execute(tx);
  }
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
