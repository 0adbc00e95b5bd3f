import { sql, type Kysely } from 'kysely';

// The grant (subsidie), its budget, the partners' contributions (co-financing)
// and the expenses. Money is whole cents (integer); hours are hundredths of an
// hour (integer), so 7,25 hours is 725 and no sum ever drifts. A value in kind
// is hours × hourly rate, rounded half up to the cent, computed here once so
// every total in SQL and on screen agrees.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table grants (
      id integer generated always as identity primary key,
      ecosystem_id integer not null references ecosystems (id) on delete cascade,
      name text not null check (length(name) between 1 and 200),
      starts_on date not null,
      ends_on date not null,
      -- Required co-financing as a ratio co-financing : grant, e.g. 1 : 1.
      cofinancing_part integer not null default 1 check (cofinancing_part between 1 and 100),
      grant_part integer not null default 1 check (grant_part between 1 and 100),
      -- The amount in the grant decision (beschikking); until then the amount is computed from the schools.
      awarded_cents integer check (awarded_cents between 0 and 2000000000),
      notes text not null default '' check (length(notes) <= 5000),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (ecosystem_id, id),
      check (ends_on > starts_on),
      check (ends_on <= starts_on + interval '5 years')
    )`.execute(db);

  // Amount per participating school location of a type; a type without a row counts for nothing.
  await sql`
    create table grant_rates (
      ecosystem_id integer not null,
      grant_id integer not null,
      school_type text not null check (school_type in ('po', 'so', 'vso', 'vmbo-bb', 'vmbo-kb', 'vmbo-gl', 'vmbo-tl', 'havo', 'vwo')),
      rate_cents integer not null check (rate_cents between 0 and 10000000),
      primary key (grant_id, school_type),
      foreign key (ecosystem_id, grant_id) references grants (ecosystem_id, id) on delete cascade
    )`.execute(db);

  await sql`
    create table budget_lines (
      id integer generated always as identity primary key,
      ecosystem_id integer not null,
      grant_id integer not null,
      category text not null check (category in ('teacher_release', 'external_expertise', 'activities', 'coordination', 'communication', 'other')),
      name text not null check (length(name) between 1 and 200),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (ecosystem_id, id),
      foreign key (ecosystem_id, grant_id) references grants (ecosystem_id, id)
    )`.execute(db);
  await sql`create index budget_lines_grant on budget_lines (ecosystem_id, grant_id)`.execute(db);

  // Planned amount per grant year (year 1 starts on the grant's first day).
  await sql`
    create table budget_line_amounts (
      ecosystem_id integer not null,
      budget_line_id integer not null,
      year integer not null check (year between 1 and 5),
      planned_cents integer not null check (planned_cents between 0 and 1000000000),
      primary key (budget_line_id, year),
      foreign key (ecosystem_id, budget_line_id) references budget_lines (ecosystem_id, id) on delete cascade
    )`.execute(db);

  // A partner's commitment (toezegging) or realised contribution, in cash or in kind.
  await sql`
    create table contributions (
      id integer generated always as identity primary key,
      ecosystem_id integer not null,
      organisation_id integer not null,
      agreement_id integer,
      grant_id integer,
      stage text not null check (stage in ('commitment', 'realisation')),
      kind text not null check (kind in ('cash', 'hours', 'facilities', 'expertise')),
      description text not null default '' check (length(description) <= 1000),
      amount_cents integer check (amount_cents between 0 and 1000000000),
      hours_hundredths integer check (hours_hundredths between 1 and 10000000),
      hourly_rate_cents integer check (hourly_rate_cents between 1 and 50000),
      value_cents bigint generated always as (coalesce(amount_cents::bigint, (hours_hundredths::bigint * hourly_rate_cents + 50) / 100)) stored,
      -- When the commitment was made, or when the contribution was delivered (required then).
      dated_on date,
      confirmed_at timestamptz,
      confirmed_by integer references users (id) on delete set null,
      confirmed_by_name text not null default '' check (length(confirmed_by_name) <= 300),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (ecosystem_id, id),
      check ((amount_cents is not null and hours_hundredths is null and hourly_rate_cents is null)
          or (amount_cents is null and hours_hundredths is not null and hourly_rate_cents is not null)),
      check (kind <> 'cash' or amount_cents is not null),
      check (stage = 'commitment' or dated_on is not null),
      foreign key (ecosystem_id, organisation_id) references organisations (ecosystem_id, id),
      foreign key (ecosystem_id, agreement_id) references agreements (ecosystem_id, id),
      foreign key (ecosystem_id, grant_id) references grants (ecosystem_id, id)
    )`.execute(db);
  await sql`create index contributions_grant on contributions (ecosystem_id, grant_id)`.execute(db);
  await sql`create index contributions_organisation on contributions (ecosystem_id, organisation_id)`.execute(db);
  await sql`create index contributions_agreement on contributions (agreement_id) where agreement_id is not null`.execute(db);

  // Spending of the grant, against a budget line.
  await sql`
    create table expenses (
      id integer generated always as identity primary key,
      ecosystem_id integer not null,
      budget_line_id integer not null,
      spent_on date not null,
      description text not null check (length(description) between 1 and 500),
      -- The partner paid, when the grant pays a partner (hours of a museum educator, say).
      organisation_id integer,
      -- Invoice or booking number in the project administration.
      reference text not null default '' check (length(reference) <= 100),
      amount_cents integer check (amount_cents between 0 and 1000000000),
      hours_hundredths integer check (hours_hundredths between 1 and 10000000),
      hourly_rate_cents integer check (hourly_rate_cents between 1 and 50000),
      value_cents bigint generated always as (coalesce(amount_cents::bigint, (hours_hundredths::bigint * hourly_rate_cents + 50) / 100)) stored,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (ecosystem_id, id),
      check ((amount_cents is not null and hours_hundredths is null and hourly_rate_cents is null)
          or (amount_cents is null and hours_hundredths is not null and hourly_rate_cents is not null)),
      foreign key (ecosystem_id, budget_line_id) references budget_lines (ecosystem_id, id),
      foreign key (ecosystem_id, organisation_id) references organisations (ecosystem_id, id)
    )`.execute(db);
  await sql`create index expenses_budget_line on expenses (ecosystem_id, budget_line_id, spent_on)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table expenses`.execute(db);
  await sql`drop table contributions`.execute(db);
  await sql`drop table budget_line_amounts`.execute(db);
  await sql`drop table budget_lines`.execute(db);
  await sql`drop table grant_rates`.execute(db);
  await sql`drop table grants`.execute(db);
}
