import { sql, type Kysely } from 'kysely';

/*
 * Where each person's daily review card was posted, one row per user, day and platform, so that
 * every later action and `/tally summary` updates that one message in place instead of posting a
 * second card. The row can be re-derived (post a fresh card), so it holds no history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table summary_cards (
    user_id integer not null references users (id) on delete cascade,
    work_date date not null,
    platform text not null check (platform in ('teams', 'slack')),
    conversation_id text not null check (conversation_id <> ''),
    message_id text not null check (message_id <> ''),
    posted_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (user_id, work_date, platform)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists summary_cards`.execute(db);
}
