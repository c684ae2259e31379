import { sql, type Kysely } from 'kysely';

/*
 * The ledger of Tally's own sends (daily review cards, weekly digests, reminders): one row per
 * kind, person and local day, whatever the number of instances — the unique key is what makes a
 * scheduled send once-only. The row carries the delivery's state and, once posted, where the
 * message landed. `delivery_unknown` is a send that may have landed (timeout or 5xx after the
 * request went out); it is reconciled before anything is sent again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table scheduled_sends (
    id serial primary key,
    kind text not null check (kind in ('daily_review', 'digest', 'reminder')),
    user_id integer not null references users (id) on delete cascade,
    local_date date not null,
    status text not null default 'queued'
      check (status in ('queued', 'sending', 'delivered', 'delivery_unknown', 'failed', 'unreachable', 'skipped')),
    attempts integer not null default 0 check (attempts >= 0),
    reason text,
    platform text check (platform in ('teams', 'slack')),
    conversation_id text,
    message_id text,
    due_at timestamptz not null,
    queued_at timestamptz not null default now(),
    started_at timestamptz,
    finished_at timestamptz,
    unique (kind, user_id, local_date)
  )`.execute(db);
  await sql`create index scheduled_sends_status on scheduled_sends (status, local_date)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists scheduled_sends`.execute(db);
}
