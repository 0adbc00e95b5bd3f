import { sql, type Kysely } from 'kysely';

// Written agreements between partners (convenant, intentieverklaring,
// samenwerkingsovereenkomst): who signed, for which period, and the signed
// document itself. The document lives in the database beside the agreement, so
// a backup of the database is a backup of the partnership's paperwork and no
// file store is needed; it is small (a PDF of at most 10 MB) and read rarely.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table agreements (
      id integer generated always as identity primary key,
      ecosystem_id integer not null references ecosystems (id) on delete cascade,
      title text not null check (length(title) between 1 and 200),
      kind text not null check (kind in ('covenant', 'letter_of_intent', 'collaboration_agreement')),
      status text not null default 'draft' check (status in ('draft', 'signed', 'ended')),
      starts_on date not null,
      -- Open-ended agreements (a letter of intent often is) have no end and no reminder.
      ends_on date,
      -- The coordinators are mailed this many days before the end date, once per end date.
      reminder_days integer not null default 60 check (reminder_days between 1 and 365),
      reminder_sent_at timestamptz,
      -- Where the signed document lives when it is not uploaded (a document system, a shared drive).
      document_url text check (document_url is null or length(document_url) between 1 and 500),
      notes text not null default '' check (length(notes) <= 5000),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (ecosystem_id, id),
      check (ends_on is null or ends_on > starts_on)
    )`.execute(db);
  // The hourly reminder looks only at signed agreements still waiting for theirs.
  await sql`create index agreements_reminder_due on agreements (ends_on) where status = 'signed' and reminder_sent_at is null and ends_on is not null`.execute(db);
  await sql`create index agreements_list on agreements (ecosystem_id, starts_on desc)`.execute(db);

  await sql`
    create table agreement_documents (
      agreement_id integer primary key,
      ecosystem_id integer not null,
      file_name text not null check (length(file_name) between 1 and 200),
      content_type text not null check (content_type = 'application/pdf'),
      size_bytes integer not null check (size_bytes between 1 and 10485760),
      content bytea not null,
      uploaded_at timestamptz not null default now(),
      uploaded_by integer references users (id) on delete set null,
      foreign key (ecosystem_id, agreement_id) references agreements (ecosystem_id, id) on delete cascade
    )`.execute(db);

  await sql`
    create table agreement_signatories (
      id integer generated always as identity primary key,
      ecosystem_id integer not null,
      agreement_id integer not null,
      organisation_id integer not null,
      person_name text not null check (length(person_name) between 1 and 200),
      person_function text not null default '' check (length(person_function) <= 200),
      signed_on date,
      created_at timestamptz not null default now(),
      foreign key (ecosystem_id, agreement_id) references agreements (ecosystem_id, id) on delete cascade,
      foreign key (ecosystem_id, organisation_id) references organisations (ecosystem_id, id)
    )`.execute(db);
  await sql`create index agreement_signatories_agreement on agreement_signatories (agreement_id)`.execute(db);
  await sql`create index agreement_signatories_organisation on agreement_signatories (ecosystem_id, organisation_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table agreement_signatories`.execute(db);
  await sql`drop table agreement_documents`.execute(db);
  await sql`drop table agreements`.execute(db);
}
