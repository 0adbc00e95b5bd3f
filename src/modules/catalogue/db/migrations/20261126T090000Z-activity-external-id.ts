import { sql, type Kysely } from 'kysely';

// Partners keep their offer in spreadsheets with their own codes for each
// activity. Importing again finds the activity by that code ("Eigen id"), so a
// second import updates instead of duplicating. The code is unique within one
// organisation; the partial index leaves activities without one alone.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table activities add column external_id text check (external_id is null or length(external_id) between 1 and 100)`.execute(db);
  await sql`create unique index activities_external_id on activities (ecosystem_id, organisation_id, external_id) where external_id is not null`.execute(db);

  // An uploaded file waits here between the preview and the confirmation, so
  // the confirmation never trusts what the browser sends back. Rows expire.
  await sql`
    create table offer_import_uploads (
      id text primary key,
      ecosystem_id integer not null references ecosystems (id) on delete cascade,
      user_id integer references users (id) on delete cascade,
      organisation_id integer,
      file_name text not null default '' check (length(file_name) <= 255),
      sheet jsonb not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index offer_import_uploads_expiry on offer_import_uploads (expires_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table offer_import_uploads`.execute(db);
  await sql`drop index activities_external_id`.execute(db);
  await sql`alter table activities drop column external_id`.execute(db);
}
