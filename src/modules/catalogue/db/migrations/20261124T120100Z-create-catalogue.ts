import { sql, type Kysely } from 'kysely';

// Every tenant table carries ecosystem_id, and references between tenant tables
// go through (ecosystem_id, id) pairs, so the database itself refuses a link
// from one ecosystem's row to another's.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table organisations (
      id integer generated always as identity primary key,
      ecosystem_id integer not null references ecosystems (id) on delete cascade,
      name text not null check (length(name) between 1 and 200),
      sector text not null,
      description text not null default '',
      website text,
      email text,
      phone text,
      status text not null default 'active' check (status in ('active', 'archived')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (ecosystem_id, id)
    )`.execute(db);
  await sql`create index organisations_ecosystem_name on organisations (ecosystem_id, name)`.execute(db);

  await sql`
    create table locations (
      id integer generated always as identity primary key,
      ecosystem_id integer not null,
      organisation_id integer not null,
      name text not null check (length(name) between 1 and 200),
      street text not null default '',
      postcode text not null default '',
      city text not null default '',
      lat double precision not null check (lat between -90 and 90),
      lng double precision not null check (lng between -180 and 180),
      neighbourhood_id integer,
      is_school boolean not null default false,
      status text not null default 'active' check (status in ('active', 'archived')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (ecosystem_id, id),
      foreign key (ecosystem_id, organisation_id) references organisations (ecosystem_id, id) on delete cascade,
      foreign key (ecosystem_id, neighbourhood_id) references neighbourhoods (ecosystem_id, id)
    )`.execute(db);
  await sql`create index locations_organisation on locations (organisation_id)`.execute(db);

  await sql`
    create table themes (
      id integer generated always as identity primary key,
      ecosystem_id integer not null references ecosystems (id) on delete cascade,
      slug text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      name text not null check (length(name) between 1 and 100),
      description text not null default '',
      position integer not null default 0,
      status text not null default 'active' check (status in ('active', 'archived')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (ecosystem_id, slug),
      unique (ecosystem_id, id)
    )`.execute(db);

  await sql`
    create table activities (
      id integer generated always as identity primary key,
      ecosystem_id integer not null,
      organisation_id integer not null,
      title text not null check (length(title) between 1 and 200),
      summary text not null default '',
      description text not null default '',
      format text not null,
      setting text not null check (setting in ('in_school', 'out_of_school', 'both')),
      min_age smallint not null,
      max_age smallint not null,
      school_groups text[] not null default '{}',
      level text not null check (level in ('introduction', 'deepening', 'advanced')),
      price_cents integer not null default 0 check (price_cents >= 0),
      price_note text not null default '',
      reductions text not null default '',
      accessibility text[] not null default '{}',
      languages text[] not null default '{nl}',
      location_id integer,
      online boolean not null default false,
      registration_mode text not null check (registration_mode in ('walk_in', 'sign_up', 'through_school')),
      curriculum_goals text[] not null default '{}',
      status text not null default 'draft' check (status in ('draft', 'submitted', 'returned', 'published', 'archived')),
      -- Last scheduled session start, kept by the session commands in the same
      -- transaction; it lets the finder drop activities whose sessions are all
      -- past without a subquery per row. It does not change as time passes.
      last_session_at timestamptz,
      published_at timestamptz,
      archived_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      search_vector tsvector generated always as (
        setweight(to_tsvector('dutch', title), 'A') ||
        setweight(to_tsvector('dutch', summary), 'B') ||
        setweight(to_tsvector('dutch', description), 'C')
      ) stored,
      check (min_age <= max_age),
      unique (ecosystem_id, id),
      foreign key (ecosystem_id, organisation_id) references organisations (ecosystem_id, id),
      foreign key (ecosystem_id, location_id) references locations (ecosystem_id, id)
    )`.execute(db);
  await sql`create index activities_search on activities using gin (search_vector)`.execute(db);
  await sql`create index activities_ecosystem_status on activities (ecosystem_id, status, min_age, max_age)`.execute(db);
  await sql`create index activities_organisation on activities (organisation_id)`.execute(db);
  await sql`create index activities_location on activities (location_id)`.execute(db);

  await sql`
    create table activity_themes (
      ecosystem_id integer not null,
      activity_id integer not null,
      theme_id integer not null,
      primary key (activity_id, theme_id),
      foreign key (ecosystem_id, activity_id) references activities (ecosystem_id, id) on delete cascade,
      foreign key (ecosystem_id, theme_id) references themes (ecosystem_id, id)
    )`.execute(db);
  await sql`create index activity_themes_theme on activity_themes (theme_id, activity_id)`.execute(db);

  await sql`
    create table activity_co_providers (
      ecosystem_id integer not null,
      activity_id integer not null,
      organisation_id integer not null,
      primary key (activity_id, organisation_id),
      foreign key (ecosystem_id, activity_id) references activities (ecosystem_id, id) on delete cascade,
      foreign key (ecosystem_id, organisation_id) references organisations (ecosystem_id, id)
    )`.execute(db);

  await sql`
    create table sessions (
      id integer generated always as identity primary key,
      ecosystem_id integer not null,
      activity_id integer not null,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      capacity integer check (capacity > 0),
      location_id integer,
      status text not null default 'scheduled' check (status in ('scheduled', 'cancelled')),
      note text not null default '',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (ends_at > starts_at),
      unique (ecosystem_id, id),
      foreign key (ecosystem_id, activity_id) references activities (ecosystem_id, id) on delete cascade,
      foreign key (ecosystem_id, location_id) references locations (ecosystem_id, id)
    )`.execute(db);
  await sql`create index sessions_activity_start on sessions (activity_id, starts_at)`.execute(db);
  await sql`create index sessions_ecosystem_start on sessions (ecosystem_id, starts_at) where status = 'scheduled'`.execute(db);

  await sql`
    create table next_steps (
      id integer generated always as identity primary key,
      ecosystem_id integer not null,
      from_activity_id integer not null,
      to_activity_id integer not null,
      kind text not null check (kind in ('deepen', 'broaden', 'on_ramp')),
      reason text not null check (length(reason) between 1 and 300),
      position integer not null default 0,
      created_at timestamptz not null default now(),
      unique (from_activity_id, to_activity_id),
      check (from_activity_id <> to_activity_id),
      foreign key (ecosystem_id, from_activity_id) references activities (ecosystem_id, id) on delete cascade,
      foreign key (ecosystem_id, to_activity_id) references activities (ecosystem_id, id) on delete cascade
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['next_steps', 'sessions', 'activity_co_providers', 'activity_themes', 'activities', 'themes', 'locations', 'organisations']) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
}
