import type { ColumnType, Generated } from 'kysely';

/** A jsonb column: written as a JSON string (pg would turn JS arrays into SQL arrays), read parsed. */
type Json<T> = ColumnType<T, string, string>;
type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;
/** A date column, read and written as 'YYYY-MM-DD' (see the type parsers in connection.ts). */
type DateString = string;

export interface FirmTable {
  id: Generated<number>;
  name: string;
  law_firm_id: string | null;
  timezone: string;
  currency: string;
  invoice_number_format: string;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  timekeeper_id: string | null;
  classification: string | null;
  roles: string[];
  timezone: string;
  summary_time: string;
  summary_days: number[];
  manager_id: number | null;
  slack_user_id: string | null;
  aad_object_id: string | null;
  sources: string[];
  reminders: boolean;
  unreachable_at: Date | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface UserDelegatesTable {
  user_id: number;
  delegate_id: number;
}

export interface ClientsTable {
  id: Generated<number>;
  code: string;
  name: string;
  domains: string[];
  aliases: string[];
  ledes_client_id: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ClientGuidelinesTable {
  client_id: number;
  increment_minutes: number;
  rounding: string;
  minimum_minutes: number;
  max_minutes_per_day: number;
  banned_phrases: string[];
  forbid_block_billing: boolean;
  forbid_clerical: boolean;
  travel_rate_percent: number;
  require_task_codes: boolean;
  max_description_length: number;
  rate_caps: Json<Record<string, number>>;
  updated_at: UpdatedAt;
}

export interface MattersTable {
  id: Generated<number>;
  code: string;
  client_id: number;
  name: string;
  client_matter_id: string | null;
  status: string;
  keywords: string[];
  default_task_code: string | null;
  billable: boolean;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface MatterSlackChannelsTable {
  channel_id: string;
  matter_id: number;
}

export interface RatesTable {
  id: Generated<number>;
  user_id: number | null;
  client_id: number | null;
  matter_id: number | null;
  rate_cents: number;
  effective_from: DateString | null;
  effective_to: DateString | null;
}

export interface ActivitiesTable {
  id: string;
  user_id: number;
  source: string;
  start_at: Date;
  end_at: Date;
  work_date: DateString;
  title: string;
  participants: string[];
  ref: string | null;
  meta: Json<Record<string, unknown>>;
  content_hash: string;
  captured_at: CreatedAt;
}

export interface TimeEntriesTable {
  id: Generated<string>;
  user_id: number;
  matter_id: number | null;
  work_date: DateString;
  actual_minutes: number;
  billed_minutes: number;
  status: Generated<string>;
  version: Generated<number>;
  narrative: string;
  task_code: string | null;
  activity_code: string | null;
  confidence: string | null;
  match_reasons: Generated<string[]>;
  evidence: Json<unknown[]>;
  warnings: Json<unknown[]>;
  source_activity_ids: string[];
  origin: string;
  capture_key: string | null;
  edited: Generated<boolean>;
  approved_by: number | null;
  approved_at: Date | null;
  invoice_id: string | null;
  billed_rate_cents: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface InvoicesTable {
  id: Generated<string>;
  number: string | null;
  client_id: number;
  matter_id: number;
  status: Generated<string>;
  period_start: DateString;
  period_end: DateString;
  issue_date: DateString | null;
  currency: string;
  fees_cents: number;
  adjustment_cents: number;
  total_cents: number;
  awaiting_approval_count: number;
  awaiting_approval_minutes: number;
  warnings: Json<unknown[]>;
  created_by: number | null;
  finalized_by: number | null;
  finalized_at: Date | null;
  voided_by: number | null;
  voided_at: Date | null;
  void_reason: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface InvoiceLinesTable {
  id: Generated<number>;
  invoice_id: string;
  line_no: number;
  kind: string;
  entry_id: string | null;
  entry_version: number | null;
  work_date: DateString | null;
  user_id: number | null;
  description: string;
  minutes: number | null;
  rate_cents: number | null;
  amount_cents: number;
  adjustment_cents: number;
  adjustment_reason: string | null;
  rate_note: string | null;
  task_code: string | null;
  activity_code: string | null;
}

export interface AppSettingsTable {
  key: string;
  value: string;
  created_at: CreatedAt;
}

export interface InvoiceSequencesTable {
  scope: string;
  last_value: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: CreatedAt;
  actor_user_id: number | null;
  actor: string;
  via: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
}

export interface ConversationReferencesTable {
  user_id: number;
  platform: string;
  reference: Json<Record<string, unknown>>;
  updated_at: UpdatedAt;
}

export interface IdempotencyKeysTable {
  key: string;
  scope: string;
  created_at: CreatedAt;
}

export interface SyncStateTable {
  user_id: number;
  source: string;
  cursor: string | null;
  last_synced_at: Date | null;
  updated_at: UpdatedAt;
}

/** Every table of Tally, as kysely sees it. */
export interface Database {
  firm: FirmTable;
  users: UsersTable;
  user_delegates: UserDelegatesTable;
  clients: ClientsTable;
  client_guidelines: ClientGuidelinesTable;
  matters: MattersTable;
  matter_slack_channels: MatterSlackChannelsTable;
  rates: RatesTable;
  activities: ActivitiesTable;
  time_entries: TimeEntriesTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  invoice_sequences: InvoiceSequencesTable;
  audit_log: AuditLogTable;
  conversation_references: ConversationReferencesTable;
  idempotency_keys: IdempotencyKeysTable;
  app_settings: AppSettingsTable;
  sync_state: SyncStateTable;
}
