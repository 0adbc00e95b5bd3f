import { sql, type Kysely } from 'kysely';

// The network beside the catalogue: which organisations take part (and since
// when), the professionals who are their contacts, and the roles people and
// organisations hold in the governance of the ecosystem. Organisations stay in
// the catalogue (one row per partner everywhere); these tables only add what
// the partnership needs. References go through (ecosystem_id, id) pairs, so a
// role can never point at another ecosystem's person or organisation.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table network_partners (
      id integer generated always as identity primary key,
      ecosystem_id integer not null references ecosystems (id) on delete cascade,
      organisation_id integer not null,
      status text not null check (status in ('candidate', 'active', 'former')),
      -- The day the current status began: asked, joined or left.
      status_since date not null,
      note text not null default '' check (length(note) <= 1000),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (ecosystem_id, id),
      unique (ecosystem_id, organisation_id),
      foreign key (ecosystem_id, organisation_id) references organisations (ecosystem_id, id) on delete cascade
    )`.execute(db);
  await sql`create index network_partners_status on network_partners (ecosystem_id, status)`.execute(db);

  // Contact people are professionals: a name, a function and work contact
  // details, nothing more (data minimisation). A person may be linked to an
  // account, so the people page and the governance page can say who signs in.
  await sql`
    create table network_people (
      id integer generated always as identity primary key,
      ecosystem_id integer not null references ecosystems (id) on delete cascade,
      organisation_id integer,
      name text not null check (length(name) between 1 and 200),
      job_title text not null default '' check (length(job_title) <= 200),
      email text check (length(email) <= 254),
      phone text check (length(phone) <= 40),
      user_id integer references users (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (ecosystem_id, id),
      foreign key (ecosystem_id, organisation_id) references organisations (ecosystem_id, id) on delete cascade
    )`.execute(db);
  await sql`create index network_people_organisation on network_people (ecosystem_id, organisation_id)`.execute(db);

  // One row per role held for a period. Either a person or an organisation
  // holds it; some roles only fit one of them (the penvoerder is an
  // organisation, a programme leader a person). A core team works in one
  // municipality, a community of practice has a name.
  await sql`
    create table network_roles (
      id integer generated always as identity primary key,
      ecosystem_id integer not null references ecosystems (id) on delete cascade,
      role text not null check (role in ('lead_applicant', 'programme_leader', 'coordinator', 'steering_group', 'core_team', 'programme_team', 'community_of_practice')),
      person_id integer,
      organisation_id integer,
      municipality text check (length(municipality) between 1 and 100),
      community text check (length(community) between 1 and 100),
      starts_on date not null,
      ends_on date,
      note text not null default '' check (length(note) <= 500),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (num_nonnulls(person_id, organisation_id) = 1),
      check ((role = 'core_team') = (municipality is not null)),
      check ((role = 'community_of_practice') = (community is not null)),
      check (role <> 'lead_applicant' or organisation_id is not null),
      check (role not in ('programme_leader', 'coordinator') or person_id is not null),
      check (ends_on is null or ends_on >= starts_on),
      unique (ecosystem_id, id),
      foreign key (ecosystem_id, person_id) references network_people (ecosystem_id, id) on delete cascade,
      foreign key (ecosystem_id, organisation_id) references organisations (ecosystem_id, id) on delete cascade
    )`.execute(db);
  await sql`create index network_roles_ecosystem on network_roles (ecosystem_id, role, starts_on)`.execute(db);
  await sql`create index network_roles_person on network_roles (person_id) where person_id is not null`.execute(db);
  await sql`create index network_roles_organisation on network_roles (organisation_id) where organisation_id is not null`.execute(db);

  // A school file between its preview and its confirmation: the rows as read
  // (only those inside the ecosystem's municipalities), kept for two hours.
  await sql`
    create table school_import_uploads (
      id text primary key,
      ecosystem_id integer not null references ecosystems (id) on delete cascade,
      user_id integer references users (id) on delete cascade,
      file_name text not null default '',
      content jsonb not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index school_import_uploads_expiry on school_import_uploads (expires_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['school_import_uploads', 'network_roles', 'network_people', 'network_partners']) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
}
