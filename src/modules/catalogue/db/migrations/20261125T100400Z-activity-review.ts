import { sql, type Kysely } from 'kysely';

// The review step between a partner and the public: a partner submits, the
// coordinator publishes or returns the activity with a comment.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table activities add column submitted_at timestamptz`.execute(db);
  await sql`alter table activities add column review_comment text not null default '' check (length(review_comment) <= 2000)`.execute(db);
  await sql`create index activities_review_queue on activities (ecosystem_id, submitted_at) where status = 'submitted'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index activities_review_queue`.execute(db);
  await sql`alter table activities drop column review_comment`.execute(db);
  await sql`alter table activities drop column submitted_at`.execute(db);
}
