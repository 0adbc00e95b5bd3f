import { sql, type Kysely } from 'kysely';

// A parent who typed the code and the secret of a pass gets a short session
// bound to that one pass: the cookie holds a random token, this table only its
// SHA-256, so the secret never travels again and never sits in a URL. Deleting
// the pass ends its sessions (cascade).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table pass_parent_sessions (
      token_hash text primary key check (token_hash ~ '^[0-9a-f]{64}$'),
      ecosystem_id integer not null,
      pass_id integer not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      foreign key (ecosystem_id, pass_id) references passes (ecosystem_id, id) on delete cascade
    )`.execute(db);
  await sql`create index pass_parent_sessions_pass on pass_parent_sessions (ecosystem_id, pass_id)`.execute(db);
  await sql`create index pass_parent_sessions_expires on pass_parent_sessions (expires_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table pass_parent_sessions`.execute(db);
}
