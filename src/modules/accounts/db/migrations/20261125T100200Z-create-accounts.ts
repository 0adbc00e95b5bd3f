import { sql, type Kysely } from 'kysely';

// People are platform-wide (one person may work in several ecosystems); what
// they may do is per ecosystem, through memberships. Secrets are stored only
// as hashes: passwords with argon2id, tokens (sessions, links) with SHA-256.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table users (
      id integer generated always as identity primary key,
      email text not null check (length(email) between 3 and 254 and email = lower(email)),
      name text not null default '' check (length(name) <= 200),
      password_hash text,
      platform_admin boolean not null default false,
      status text not null default 'active' check (status in ('active', 'disabled')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      last_sign_in_at timestamptz
    )`.execute(db);
  await sql`create unique index users_email on users (email)`.execute(db);

  await sql`
    create table memberships (
      id integer generated always as identity primary key,
      ecosystem_id integer not null references ecosystems (id) on delete cascade,
      user_id integer not null references users (id) on delete cascade,
      role text not null check (role in ('coordinator', 'partner_editor', 'school_contact', 'viewer')),
      created_at timestamptz not null default now(),
      unique (ecosystem_id, user_id, role),
      unique (ecosystem_id, id)
    )`.execute(db);
  await sql`create index memberships_user on memberships (user_id)`.execute(db);

  // A partner editor edits the offer of these organisations; a school contact acts for these school locations.
  await sql`
    create table membership_organisations (
      ecosystem_id integer not null,
      membership_id integer not null,
      organisation_id integer not null,
      primary key (membership_id, organisation_id),
      foreign key (ecosystem_id, membership_id) references memberships (ecosystem_id, id) on delete cascade,
      foreign key (ecosystem_id, organisation_id) references organisations (ecosystem_id, id) on delete cascade
    )`.execute(db);
  await sql`
    create table membership_locations (
      ecosystem_id integer not null,
      membership_id integer not null,
      location_id integer not null,
      primary key (membership_id, location_id),
      foreign key (ecosystem_id, membership_id) references memberships (ecosystem_id, id) on delete cascade,
      foreign key (ecosystem_id, location_id) references locations (ecosystem_id, id) on delete cascade
    )`.execute(db);

  await sql`
    create table user_sessions (
      id text primary key,
      user_id integer not null references users (id) on delete cascade,
      csrf_secret text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      user_agent text not null default ''
    )`.execute(db);
  await sql`create index user_sessions_user on user_sessions (user_id)`.execute(db);

  await sql`
    create table invitations (
      id integer generated always as identity primary key,
      ecosystem_id integer not null references ecosystems (id) on delete cascade,
      email text not null check (email = lower(email)),
      role text not null check (role in ('coordinator', 'partner_editor', 'school_contact', 'viewer')),
      organisation_ids integer[] not null default '{}',
      location_ids integer[] not null default '{}',
      token_hash text not null unique,
      invited_by integer references users (id) on delete set null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      accepted_at timestamptz,
      revoked_at timestamptz
    )`.execute(db);
  await sql`create index invitations_ecosystem on invitations (ecosystem_id, created_at desc)`.execute(db);

  await sql`
    create table login_tokens (
      token_hash text primary key,
      user_id integer not null references users (id) on delete cascade,
      purpose text not null check (purpose in ('sign_in', 'password_reset')),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    )`.execute(db);
  await sql`create index login_tokens_user on login_tokens (user_id, purpose)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['login_tokens', 'invitations', 'user_sessions', 'membership_locations', 'membership_organisations', 'memberships', 'users']) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
}
