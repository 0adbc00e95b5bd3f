import { sql, type Kysely } from 'kysely';

// Append-only: who did what to which thing, when. Never updated; the actor's
// e-mail is copied so the log stays readable after a person is removed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table audit_events (
      id bigint generated always as identity primary key,
      ecosystem_id integer references ecosystems (id) on delete cascade,
      actor_kind text not null check (actor_kind in ('anonymous', 'admin', 'user', 'system')),
      actor_user_id integer references users (id) on delete set null,
      actor_label text not null default '',
      action text not null check (length(action) between 1 and 100),
      subject_type text not null default '',
      subject_id text not null default '',
      details jsonb not null default '{}',
      at timestamptz not null default now()
    )`.execute(db);
  await sql`create index audit_events_ecosystem_at on audit_events (ecosystem_id, at desc, id desc)`.execute(db);
  await sql`create index audit_events_subject on audit_events (ecosystem_id, subject_type, subject_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table audit_events`.execute(db);
}
