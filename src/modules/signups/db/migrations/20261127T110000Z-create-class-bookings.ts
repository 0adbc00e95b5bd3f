import { sql, type Kysely } from 'kysely';

// A teacher books an activity for a class (group, number of pupils, date
// wishes); the provider confirms it for a session, or declines. A confirmed
// booking takes as many of the session's places as it has pupils: the place
// keeper counts them with the sign-ups, under the same session lock.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table class_bookings (
      id integer generated always as identity primary key,
      ecosystem_id integer not null,
      activity_id integer not null,
      -- The session the provider confirmed; the teacher's wish until then (may be null: "any date").
      session_id integer,
      school_location_id integer not null,
      group_label text not null check (length(group_label) between 1 and 100),
      pupils integer not null check (pupils between 1 and 200),
      wishes text not null default '' check (length(wishes) <= 500),
      status text not null check (status in ('requested', 'confirmed', 'declined', 'cancelled')),
      provider_note text not null default '' check (length(provider_note) <= 500),
      requested_by integer references users (id) on delete set null,
      decided_by integer references users (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (ecosystem_id, id),
      check (status <> 'confirmed' or session_id is not null),
      foreign key (ecosystem_id, activity_id) references activities (ecosystem_id, id) on delete cascade,
      foreign key (ecosystem_id, session_id) references sessions (ecosystem_id, id) on delete cascade,
      foreign key (ecosystem_id, school_location_id) references locations (ecosystem_id, id)
    )`.execute(db);
  await sql`create index class_bookings_session on class_bookings (session_id) where status = 'confirmed'`.execute(db);
  await sql`create index class_bookings_activity on class_bookings (ecosystem_id, activity_id, created_at desc)`.execute(db);
  await sql`create index class_bookings_school on class_bookings (ecosystem_id, school_location_id, created_at desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table class_bookings`.execute(db);
}
