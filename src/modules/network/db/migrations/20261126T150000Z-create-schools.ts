import { sql, type Kysely } from 'kysely';

// A school location in the network: one row per DUO vestiging (BRIN + location
// number), tied to a catalogue location with is_school, so school contacts,
// class passes and the offer all use the same place. The Techkwadraat grant is
// sized on the participating locations per type, so the type and the
// participation status live here.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table schools (
      id integer generated always as identity primary key,
      ecosystem_id integer not null references ecosystems (id) on delete cascade,
      location_id integer not null,
      -- DUO instellingscode (BRIN): two digits and two letters, e.g. 12AB.
      brin text not null check (brin ~ '^[0-9]{2}[A-Z]{2}$'),
      -- DUO vestigingsnummer: two digits, 00 for the main location.
      location_number text not null check (location_number ~ '^[0-9]{2}$'),
      -- po, so, vso, vmbo-bb, vmbo-kb, vmbo-gl, vmbo-tl, havo, vwo (a location may offer several secondary types).
      school_types text[] not null check (cardinality(school_types) between 1 and 9 and school_types <@ array['po', 'so', 'vso', 'vmbo-bb', 'vmbo-kb', 'vmbo-gl', 'vmbo-tl', 'havo', 'vwo']),
      pupil_count integer check (pupil_count between 0 and 100000),
      neighbourhood_id integer,
      participation text not null default 'not_participating' check (participation in ('not_participating', 'interested', 'participating', 'stopped')),
      participating_since date,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (ecosystem_id, id),
      unique (ecosystem_id, brin, location_number),
      unique (location_id),
      foreign key (ecosystem_id, location_id) references locations (ecosystem_id, id),
      foreign key (ecosystem_id, neighbourhood_id) references neighbourhoods (ecosystem_id, id)
    )`.execute(db);
  await sql`create index schools_participation on schools (ecosystem_id, participation)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table schools`.execute(db);
}
