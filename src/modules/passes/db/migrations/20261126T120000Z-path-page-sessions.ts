import { sql, type Kysely } from 'kysely';

// A child (with a parent) opens the path page with the pass code and its short
// secret. What that opens is kept here for a short while, so the secret is
// typed once and never travels in an address: the browser holds a random
// token in an httpOnly cookie, the database only its SHA-256 (as with staff
// sessions), so a copy of the database opens no path page. Deleting the pass
// ends its sessions.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table pass_page_sessions (
      token_hash text primary key,
      ecosystem_id integer not null,
      pass_id integer not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      foreign key (ecosystem_id, pass_id) references passes (ecosystem_id, id) on delete cascade
    )`.execute(db);
  await sql`create index pass_page_sessions_pass on pass_page_sessions (pass_id)`.execute(db);
  await sql`create index pass_page_sessions_expiry on pass_page_sessions (expires_at)`.execute(db);

  // Next steps near home or near places a child already knows look for
  // locations in a small box around a point; without this index that is a
  // scan of every location of the ecosystem on every path page view.
  await sql`create index locations_ecosystem_lat on locations (ecosystem_id, lat, lng) where status = 'active'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index locations_ecosystem_lat`.execute(db);
  await sql`drop table pass_page_sessions`.execute(db);
}
