import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table ecosystems (
      id integer generated always as identity primary key,
      slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 60),
      name text not null check (length(name) between 1 and 200),
      municipalities text[] not null default '{}',
      host_names text[] not null default '{}',
      is_demo boolean not null default false,
      settings jsonb not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table neighbourhoods (
      id integer generated always as identity primary key,
      ecosystem_id integer not null references ecosystems (id) on delete cascade,
      cbs_code text not null check (cbs_code ~ '^(BU[0-9]{8}|WK[0-9]{6}|GM[0-9]{4})$'),
      name text not null check (length(name) between 1 and 200),
      municipality text not null default '',
      centroid_lat double precision not null check (centroid_lat between -90 and 90),
      centroid_lng double precision not null check (centroid_lng between -180 and 180),
      outline jsonb,
      children_by_age jsonb not null default '{}',
      ses_tier smallint check (ses_tier between 1 and 5),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (ecosystem_id, cbs_code),
      unique (ecosystem_id, id)
    )`.execute(db);
  await sql`
    create table postcode_areas (
      ecosystem_id integer not null references ecosystems (id) on delete cascade,
      postcode char(4) not null check (postcode ~ '^[1-9][0-9]{3}$'),
      place text not null,
      lat double precision not null,
      lng double precision not null,
      neighbourhood_id integer,
      primary key (ecosystem_id, postcode),
      foreign key (ecosystem_id, neighbourhood_id) references neighbourhoods (ecosystem_id, id)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table postcode_areas`.execute(db);
  await sql`drop table neighbourhoods`.execute(db);
  await sql`drop table ecosystems`.execute(db);
}
