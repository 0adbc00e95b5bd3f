import { sql, type Kysely } from 'kysely';

// The child's pass and everything that hangs off it: consent, check-ins
// (participations), curated learning paths, Open Badges and the keys that
// sign them. A pass needs no name (PRODUCT.md: data minimisation); the
// profile columns are all optional.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table pass_batches (
      id integer generated always as identity primary key,
      ecosystem_id integer not null references ecosystems (id) on delete cascade,
      school_location_id integer,
      label text not null check (length(label) between 1 and 100),
      size integer not null check (size between 1 and 500),
      created_by integer references users (id) on delete set null,
      created_at timestamptz not null default now(),
      unique (ecosystem_id, id),
      foreign key (ecosystem_id, school_location_id) references locations (ecosystem_id, id)
    )`.execute(db);
  await sql`create index pass_batches_ecosystem on pass_batches (ecosystem_id, created_at desc)`.execute(db);

  await sql`
    create table passes (
      id integer generated always as identity primary key,
      ecosystem_id integer not null references ecosystems (id) on delete cascade,
      -- 16 Crockford base32 characters (80 random bits) and a Luhn mod 32 check character; printed grouped.
      code text not null unique check (code ~ '^[0-9A-HJKMNP-TV-Z]{17}$'),
      -- SHA-256 of the short secret that, with the code, opens the path page.
      secret_hash text not null,
      -- SHA-256 of the token in the private link to the path page, when one was made.
      link_token_hash text unique,
      -- A random stand-in for the child in participations; it stays there when the pass is deleted,
      -- so totals still count one child, while nothing leads back to the pass.
      subject_key uuid not null default gen_random_uuid(),
      batch_id integer,
      issued_via text not null check (issued_via in ('class', 'parent', 'staff')),
      nickname text check (length(nickname) between 1 and 40),
      birth_year smallint check (birth_year between 1990 and 2100),
      postcode text check (postcode ~ '^[1-9][0-9]{3}$'),
      neighbourhood_id integer,
      school_location_id integer,
      gender text check (gender in ('girl', 'boy', 'other')),
      contact_email text check (length(contact_email) between 3 and 254),
      created_at timestamptz not null default now(),
      last_active_at timestamptz not null default now(),
      unique (ecosystem_id, id),
      foreign key (ecosystem_id, batch_id) references pass_batches (ecosystem_id, id),
      foreign key (ecosystem_id, neighbourhood_id) references neighbourhoods (ecosystem_id, id),
      foreign key (ecosystem_id, school_location_id) references locations (ecosystem_id, id)
    )`.execute(db);
  await sql`create index passes_batch on passes (ecosystem_id, batch_id)`.execute(db);
  await sql`create index passes_last_active on passes (ecosystem_id, last_active_at)`.execute(db);

  // Consent is a history: each grant or withdrawal is a row, so "who and when" is never overwritten.
  await sql`
    create table pass_consents (
      id bigint generated always as identity primary key,
      ecosystem_id integer not null,
      pass_id integer not null,
      purpose text not null check (purpose in ('path_page', 'badges', 'email', 'monitoring')),
      granted boolean not null,
      given_by text not null check (given_by in ('parent', 'guardian', 'school', 'self')),
      given_by_name text not null default '' check (length(given_by_name) <= 100),
      recorded_by integer references users (id) on delete set null,
      recorded_at timestamptz not null default now(),
      foreign key (ecosystem_id, pass_id) references passes (ecosystem_id, id) on delete cascade
    )`.execute(db);
  await sql`create index pass_consents_pass on pass_consents (pass_id, purpose, recorded_at desc, id desc)`.execute(db);

  await sql`
    create table participations (
      id bigint generated always as identity primary key,
      ecosystem_id integer not null references ecosystems (id) on delete cascade,
      pass_id integer references passes (id) on delete set null,
      subject_key uuid not null,
      session_id integer not null,
      activity_id integer not null,
      organisation_id integer not null,
      -- Made on the scanning device, so a scan queued offline and sent twice is recorded once.
      device_scan_id uuid not null,
      scanned_at timestamptz not null,
      recorded_at timestamptz not null default now(),
      scanned_by integer references users (id) on delete set null,
      -- Snapshots for monitoring, kept only with the monitoring consent.
      neighbourhood_id integer,
      age smallint check (age between 0 and 30),
      unique (ecosystem_id, device_scan_id),
      foreign key (ecosystem_id, session_id) references sessions (ecosystem_id, id),
      foreign key (ecosystem_id, activity_id) references activities (ecosystem_id, id),
      foreign key (ecosystem_id, organisation_id) references organisations (ecosystem_id, id)
    )`.execute(db);
  // A child scanned twice at one session counts once, whatever devices did it.
  await sql`create unique index participations_pass_session on participations (pass_id, session_id)`.execute(db);
  await sql`create index participations_pass on participations (pass_id, scanned_at)`.execute(db);
  await sql`create index participations_organisation on participations (ecosystem_id, organisation_id, scanned_at desc)`.execute(db);
  await sql`create index participations_activity on participations (ecosystem_id, activity_id)`.execute(db);
  await sql`create index participations_session on participations (session_id)`.execute(db);

  await sql`
    create table learning_paths (
      id integer generated always as identity primary key,
      ecosystem_id integer not null references ecosystems (id) on delete cascade,
      slug text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 80),
      title text not null check (length(title) between 1 and 150),
      description text not null default '' check (length(description) <= 4000),
      theme_id integer,
      -- Ordered: steps in sequence; free: any order.
      ordered boolean not null default false,
      status text not null default 'draft' check (status in ('draft', 'published', 'archived')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (ecosystem_id, id),
      unique (ecosystem_id, slug),
      foreign key (ecosystem_id, theme_id) references themes (ecosystem_id, id)
    )`.execute(db);

  await sql`
    create table learning_path_steps (
      ecosystem_id integer not null,
      learning_path_id integer not null,
      activity_id integer not null,
      position integer not null check (position >= 0),
      primary key (learning_path_id, activity_id),
      foreign key (ecosystem_id, learning_path_id) references learning_paths (ecosystem_id, id) on delete cascade,
      foreign key (ecosystem_id, activity_id) references activities (ecosystem_id, id)
    )`.execute(db);
  await sql`create index learning_path_steps_activity on learning_path_steps (ecosystem_id, activity_id)`.execute(db);

  // An Open Badges 3.0 Achievement: earned by taking part in one activity, or by completing a learning path.
  await sql`
    create table achievements (
      id integer generated always as identity primary key,
      ecosystem_id integer not null references ecosystems (id) on delete cascade,
      kind text not null check (kind in ('activity', 'learning_path')),
      activity_id integer,
      learning_path_id integer,
      name text not null check (length(name) between 1 and 150),
      description text not null default '' check (length(description) <= 2000),
      criteria text not null default '' check (length(criteria) <= 2000),
      status text not null default 'active' check (status in ('active', 'archived')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (ecosystem_id, id),
      check ((kind = 'activity') = (activity_id is not null) and (kind = 'learning_path') = (learning_path_id is not null)),
      foreign key (ecosystem_id, activity_id) references activities (ecosystem_id, id),
      foreign key (ecosystem_id, learning_path_id) references learning_paths (ecosystem_id, id) on delete cascade
    )`.execute(db);
  await sql`create unique index achievements_activity on achievements (activity_id) where activity_id is not null`.execute(db);
  await sql`create unique index achievements_learning_path on achievements (learning_path_id) where learning_path_id is not null`.execute(db);

  await sql`
    create table badge_awards (
      id uuid primary key default gen_random_uuid(),
      ecosystem_id integer not null references ecosystems (id) on delete cascade,
      pass_id integer references passes (id) on delete set null,
      achievement_id integer not null,
      participation_id bigint references participations (id) on delete set null,
      issued_at timestamptz not null default now(),
      -- The signed credential exactly as issued; removed with the pass, the row stays for totals.
      credential jsonb,
      revoked_at timestamptz,
      foreign key (ecosystem_id, achievement_id) references achievements (ecosystem_id, id)
    )`.execute(db);
  await sql`create unique index badge_awards_pass_achievement on badge_awards (pass_id, achievement_id)`.execute(db);
  await sql`create index badge_awards_achievement on badge_awards (ecosystem_id, achievement_id)`.execute(db);

  // Each ecosystem signs its badges with its own Ed25519 key; retired keys stay published so old badges still verify.
  await sql`
    create table issuer_keys (
      ecosystem_id integer not null references ecosystems (id) on delete cascade,
      kid text not null check (length(kid) between 1 and 100),
      public_jwk jsonb not null,
      private_jwk jsonb not null,
      created_at timestamptz not null default now(),
      retired_at timestamptz,
      primary key (ecosystem_id, kid)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['issuer_keys', 'badge_awards', 'achievements', 'learning_path_steps', 'learning_paths', 'participations', 'pass_consents', 'passes', 'pass_batches']) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
}
