import { sql, type Kysely } from 'kysely';

// Sign-ups for sessions (aanmeldingen), their waiting lists, and the lottery.
//
// The capacity invariant (never more confirmed or offered places than the
// session's capacity) is kept by the commands, which lock the session row
// before counting (see commands/place-keeper.ts); the partial unique index
// below keeps one pass from holding two live sign-ups for one session even if
// two requests race.
export async function up(db: Kysely<unknown>): Promise<void> {
  // A new registration mode: sign up within a window, then a draw.
  await sql`alter table activities drop constraint activities_registration_mode_check`.execute(db);
  await sql`alter table activities add constraint activities_registration_mode_check check (registration_mode in ('walk_in', 'sign_up', 'through_school', 'lottery'))`.execute(db);

  // Per activity: when sign-up closes (a lottery's window), and how long a promoted family has to confirm.
  await sql`
    create table signup_settings (
      ecosystem_id integer not null,
      activity_id integer not null,
      opens_at timestamptz,
      closes_at timestamptz,
      offer_hours integer not null default 48 check (offer_hours between 1 and 336),
      updated_at timestamptz not null default now(),
      primary key (ecosystem_id, activity_id),
      check (opens_at is null or closes_at is null or closes_at > opens_at),
      foreign key (ecosystem_id, activity_id) references activities (ecosystem_id, id) on delete cascade
    )`.execute(db);

  await sql`
    create table signups (
      id bigint generated always as identity primary key,
      ecosystem_id integer not null,
      session_id integer not null,
      activity_id integer not null,
      pass_id integer not null,
      -- Sign-ups made together for all sessions of an activity share this key, so they change together.
      series_key uuid,
      -- Sign-ups of brothers and sisters entered together share this key; the lottery keeps them together.
      family_key uuid,
      -- entered: in a lottery, not drawn yet; confirmed: has a place; waiting: on the list at waiting_position;
      -- offered: a place is held until offer_expires_at; cancelled, expired, not_drawn: no place.
      status text not null check (status in ('entered', 'confirmed', 'waiting', 'offered', 'cancelled', 'expired', 'not_drawn')),
      waiting_position integer check (waiting_position > 0),
      -- The family's order of preference in a lottery (1 = first choice).
      choice smallint not null default 1 check (choice between 1 and 10),
      offer_token_hash text unique,
      offer_expires_at timestamptz,
      -- An address for mail about this sign-up only, given with it; null: the pass's address if e-mail consent is given.
      contact_email text check (length(contact_email) between 3 and 254),
      attendance text check (attendance in ('attended', 'no_show')),
      price_cents integer not null default 0 check (price_cents >= 0),
      paid boolean not null default false,
      reduction text check (reduction in ('stadspas')),
      reminder_sent_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      cancelled_at timestamptz,
      unique (ecosystem_id, id),
      check ((status = 'waiting') = (waiting_position is not null)),
      check ((status = 'offered') = (offer_expires_at is not null)),
      foreign key (ecosystem_id, session_id) references sessions (ecosystem_id, id) on delete cascade,
      foreign key (ecosystem_id, activity_id) references activities (ecosystem_id, id) on delete cascade,
      foreign key (ecosystem_id, pass_id) references passes (ecosystem_id, id) on delete cascade
    )`.execute(db);
  await sql`create unique index signups_one_live_per_pass on signups (session_id, pass_id) where status in ('entered', 'confirmed', 'waiting', 'offered')`.execute(db);
  // Not unique: shifting the list down one by one would trip a non-deferrable unique index mid-statement; the session lock keeps positions whole.
  await sql`create index signups_waiting_position on signups (session_id, waiting_position) where status = 'waiting'`.execute(db);
  await sql`create index signups_session on signups (ecosystem_id, session_id, status)`.execute(db);
  await sql`create index signups_pass on signups (ecosystem_id, pass_id)`.execute(db);
  await sql`create index signups_offer_due on signups (offer_expires_at) where status = 'offered'`.execute(db);

  // Per ecosystem: which priorities a lottery applies (PRODUCT.md §5).
  await sql`
    create table lottery_policies (
      ecosystem_id integer primary key references ecosystems (id) on delete cascade,
      -- Children with no participation yet this season go first.
      first_timers boolean not null default true,
      -- Neighbourhoods whose SES tier is at most this go before others; null: no neighbourhood priority.
      priority_ses_tier_max smallint check (priority_ses_tier_max between 1 and 5),
      siblings_together boolean not null default true,
      -- Everyone one place before anyone a second.
      one_before_two boolean not null default true,
      -- The season starts on this month (1–12) and day; 8 = August, the school year.
      season_start_month smallint not null default 8 check (season_start_month between 1 and 12),
      updated_at timestamptz not null default now()
    )`.execute(db);

  // A draw: its seed, the priorities in force and the full result, so anyone can re-run and compare.
  await sql`
    create table lottery_draws (
      id integer generated always as identity primary key,
      ecosystem_id integer not null,
      activity_id integer not null,
      seed text not null check (seed ~ '^[0-9a-f]{32}$'),
      policy jsonb not null,
      input jsonb not null,
      result jsonb not null,
      drawn_by integer references users (id) on delete set null,
      drawn_at timestamptz not null default now(),
      unique (ecosystem_id, id),
      foreign key (ecosystem_id, activity_id) references activities (ecosystem_id, id) on delete cascade
    )`.execute(db);
  await sql`create index lottery_draws_activity on lottery_draws (ecosystem_id, activity_id, drawn_at desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table lottery_draws`.execute(db);
  await sql`drop table lottery_policies`.execute(db);
  await sql`drop table signups`.execute(db);
  await sql`drop table signup_settings`.execute(db);
  // Lottery activities become first come, first served again.
  await sql`update activities set registration_mode = 'sign_up' where registration_mode = 'lottery'`.execute(db);
  await sql`alter table activities drop constraint activities_registration_mode_check`.execute(db);
  await sql`alter table activities add constraint activities_registration_mode_check check (registration_mode in ('walk_in', 'sign_up', 'through_school'))`.execute(db);
}
