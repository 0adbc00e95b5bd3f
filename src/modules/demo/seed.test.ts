import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { testDatabase } from '../../../test/helpers/build-app.js';
import { defaultThemes, formats, levels, sectors, settings, registrationModes } from '../catalogue/vocabulary.js';
import { financeOverview, findGrant, listGrants } from '../network/queries/finance-queries.js';
import { fixedTitles, planDemo, robotNextStepReason, seedDemo } from './seed.js';

// A day in March, so the six months of sessions cross the switch to summer time.
const today = new Date('2026-03-10T09:30:00Z');
const seed = 7;
// A fresh in-memory PGlite, or a fresh database on the server when the runner sets TEST_DB=server.
let database: Awaited<ReturnType<typeof testDatabase>>;
let ecosystemId: number;
let seedMs: number;

before(async () => {
  database = await testDatabase();
  const started = performance.now();
  const result = await seedDemo(database, { today, seed });
  seedMs = performance.now() - started;
  assert.equal(result.created, true);
  ecosystemId = result.ecosystemId;
});

after(async () => {
  await database.drop();
});

async function count(query: ReturnType<typeof sql<{ n: number }>>): Promise<number> {
  const { rows } = await query.execute(database.db);
  return rows[0]!.n;
}

test('reports how long seeding took (figures belong in bench/, so no assertion)', (t) => {
  t.diagnostic(`seedDemo took ${Math.round(seedMs)} ms`);
});

test('the ecosystem is a demo without tile settings', async () => {
  const e = await database.db.selectFrom('ecosystems').selectAll().where('id', '=', ecosystemId).executeTakeFirstOrThrow();
  assert.equal(e.slug, 'twente-demo');
  assert.equal(e.name, 'Leerecosysteem Twente (demo)');
  assert.equal(e.is_demo, true);
  assert.deepEqual(e.settings, {});
  assert.ok(e.municipalities.includes('Enschede') && e.municipalities.includes('Hengelo'));
});

test('neighbourhoods have codes, outlines, children per age band and SES tiers', async () => {
  const hoods = await database.db.selectFrom('neighbourhoods').selectAll().where('ecosystem_id', '=', ecosystemId).execute();
  assert.ok(hoods.length >= 10, `${hoods.length} neighbourhoods`);
  for (const h of hoods) {
    assert.match(h.cbs_code, /^(BU[0-9]{8}|WK[0-9]{6}|GM[0-9]{4})$/);
    const outline = h.outline as { type: string; coordinates: number[][][] };
    assert.equal(outline.type, 'Polygon');
    const ring = outline.coordinates[0]!;
    assert.ok(ring.length >= 4);
    assert.deepEqual(ring[0], ring[ring.length - 1]);
    assert.deepEqual(Object.keys(h.children_by_age).sort(), ['12-15', '16-18', '4-7', '8-11']);
    assert.ok(h.ses_tier !== null && h.ses_tier >= 1 && h.ses_tier <= 5);
  }
  assert.ok(new Set(hoods.map((h) => h.ses_tier)).size >= 3, 'SES tiers vary');
});

test('postcode areas cover the towns, each in a neighbourhood', async () => {
  const rows = await database.db.selectFrom('postcode_areas').selectAll().where('ecosystem_id', '=', ecosystemId).execute();
  assert.ok(rows.length >= 40, `${rows.length} postcodes`);
  const byCode = new Map(rows.map((r) => [r.postcode, r]));
  assert.equal(byCode.get('7511')?.place, 'Enschede');
  assert.equal(byCode.get('7550')?.place, 'Hengelo');
  assert.equal(byCode.get('7600')?.place, 'Almelo');
  assert.equal(byCode.get('7570')?.place, 'Oldenzaal');
  assert.ok(rows.every((r) => r.neighbourhood_id !== null));
});

test('organisations cover every sector, with at least 30 school locations', async () => {
  const orgs = await database.db.selectFrom('organisations').select(['name', 'sector']).where('ecosystem_id', '=', ecosystemId).execute();
  assert.ok(orgs.length >= 45, `${orgs.length} organisations`);
  const present = new Set(orgs.map((o) => o.sector));
  for (const sector of sectors) assert.ok(present.has(sector), `sector ${sector}`);
  assert.equal(new Set(orgs.map((o) => o.name)).size, orgs.length, 'names are unique');

  const schools = await count(sql<{ n: number }>`
    select count(*)::int as n from locations l join organisations o on o.id = l.organisation_id
    where l.ecosystem_id = ${ecosystemId} and l.is_school and o.sector in ('school_primary', 'school_secondary', 'school_special')`);
  assert.ok(schools >= 30, `${schools} school locations`);
  const secondary = await count(sql<{ n: number }>`
    select count(*)::int as n from locations l join organisations o on o.id = l.organisation_id
    where l.ecosystem_id = ${ecosystemId} and l.is_school and o.sector = 'school_secondary'`);
  assert.ok(secondary >= 3);

  const unlinked = await count(sql<{ n: number }>`
    select count(*)::int as n from locations where ecosystem_id = ${ecosystemId}
    and (neighbourhood_id is null or street = '' or postcode !~ '^[1-9][0-9]{3} [A-Z]{2}$' or city = '')`);
  assert.equal(unlinked, 0, 'every location has an address and a neighbourhood');
});

test('the catalogue spans every theme, format, level, setting and age', async () => {
  const db = database.db;
  const published = await count(sql<{ n: number }>`select count(*)::int as n from activities where ecosystem_id = ${ecosystemId} and status = 'published'`);
  assert.ok(published >= 300, `${published} published`);
  const statuses = await db.selectFrom('activities').select('status').distinct().where('ecosystem_id', '=', ecosystemId).execute();
  for (const s of ['published', 'draft', 'archived']) assert.ok(statuses.some((r) => r.status === s), `status ${s}`);

  const published_ = db.selectFrom('activities').where('ecosystem_id', '=', ecosystemId).where('status', '=', 'published');
  const used = async (column: 'format' | 'level' | 'setting' | 'registration_mode') =>
    new Set((await published_.select(column).distinct().execute()).map((r) => (r as Record<string, string>)[column]));
  for (const f of formats) assert.ok((await used('format')).has(f), `format ${f}`);
  for (const l of levels) assert.ok((await used('level')).has(l), `level ${l}`);
  for (const s of settings) assert.ok((await used('setting')).has(s), `setting ${s}`);
  for (const m of registrationModes) assert.ok((await used('registration_mode')).has(m), `registration ${m}`);

  const themes = await sql<{ slug: string; n: number }>`
    select t.slug, count(*)::int as n from activity_themes at join themes t on t.id = at.theme_id
    where at.ecosystem_id = ${ecosystemId} group by t.slug`.execute(db);
  for (const t of defaultThemes) assert.ok((themes.rows.find((r) => r.slug === t.slug)?.n ?? 0) >= 20, `theme ${t.slug}`);
  const themeCounts = await sql<{ n: number }>`
    select count(at.theme_id)::int as n from activities a left join activity_themes at on at.activity_id = a.id
    where a.ecosystem_id = ${ecosystemId} group by a.id`.execute(db);
  assert.ok(themeCounts.rows.every((r) => r.n >= 1 && r.n <= 3), 'one to three themes each');

  const ages = await sql<{ lo: number; hi: number; bad: number }>`
    select min(min_age)::int as lo, max(max_age)::int as hi, count(*) filter (where min_age > max_age or min_age < 4 or max_age > 18)::int as bad
    from activities where ecosystem_id = ${ecosystemId}`.execute(db);
  assert.deepEqual(ages.rows[0], { lo: 4, hi: 18, bad: 0 });

  const mix = await sql<{ free: number; paid: number; reduced: number; online: number; english: number; wheelchair: number; goals: number; groups_in_school: number; in_school: number; co: number }>`
    select count(*) filter (where price_cents = 0)::int as free,
           count(*) filter (where price_cents > 0)::int as paid,
           count(*) filter (where reductions <> '')::int as reduced,
           count(*) filter (where online and location_id is null)::int as online,
           count(*) filter (where 'en' = any(languages))::int as english,
           count(*) filter (where 'wheelchair' = any(accessibility))::int as wheelchair,
           count(*) filter (where '42' = any(curriculum_goals))::int as goals,
           count(*) filter (where setting <> 'out_of_school' and cardinality(school_groups) > 0)::int as groups_in_school,
           count(*) filter (where setting <> 'out_of_school')::int as in_school,
           (select count(*)::int from activity_co_providers where ecosystem_id = ${ecosystemId}) as co
    from activities where ecosystem_id = ${ecosystemId}`.execute(db);
  const m = mix.rows[0]!;
  assert.ok(m.free > 50 && m.paid > 50, `free ${m.free}, paid ${m.paid}`);
  assert.ok(m.reduced > 5 && m.online >= 2 && m.english >= 5 && m.wheelchair > 100 && m.goals >= 1 && m.co >= 10, JSON.stringify(m));
  assert.equal(m.groups_in_school, m.in_school, 'in-school offers name their school groups');
  const noLocation = await count(sql<{ n: number }>`select count(*)::int as n from activities where ecosystem_id = ${ecosystemId} and location_id is null and not online`);
  assert.equal(noLocation, 0, 'an offer without a location is online');
});

test('sessions lie in the next six months, at Dutch times, and last_session_at matches them', async () => {
  const db = database.db;
  // Past sessions that the invented demo children attended (seed-learning-paths.ts) are the only ones before today.
  const range = await sql<{ first: Date; last: Date; n: number }>`
    select min(starts_at) as first, max(ends_at) as last, count(*)::int as n from sessions s where ecosystem_id = ${ecosystemId}
      and not exists (select 1 from participations p where p.session_id = s.id)`.execute(db);
  const r = range.rows[0]!;
  assert.ok(r.n >= 500, `${r.n} sessions`);
  assert.ok(new Date(r.first) >= today, `first ${new Date(r.first).toISOString()}`);
  assert.ok(new Date(r.last) <= new Date(today.getTime() + 183 * 86_400_000), `last ${new Date(r.last).toISOString()}`);

  const sessions = await db.selectFrom('sessions').select(['starts_at', 'capacity']).where('ecosystem_id', '=', ecosystemId).execute();
  const hourIn = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', hourCycle: 'h23' });
  for (const s of sessions) {
    const hour = Number(hourIn.format(s.starts_at));
    assert.ok(hour >= 8 && hour <= 21, `session at ${hour}:00 Amsterdam time`);
    assert.ok(s.capacity === null || (s.capacity >= 8 && s.capacity <= 30), `capacity ${s.capacity}`);
  }

  const mismatched = await count(sql<{ n: number }>`
    select count(*)::int as n from activities a
    where a.ecosystem_id = ${ecosystemId} and a.last_session_at is distinct from
      (select max(s.ends_at) from sessions s where s.activity_id = a.id and s.status = 'scheduled')`);
  assert.equal(mismatched, 0);

  const perActivity = await sql<{ n: number }>`
    select count(s.id)::int as n from activities a left join sessions s on s.activity_id = a.id
    where a.ecosystem_id = ${ecosystemId} and a.status = 'published' group by a.id`.execute(db);
  const counts = perActivity.rows.map((x) => x.n);
  assert.ok(counts.some((n) => n === 0), 'some offers are on request');
  assert.ok(Math.max(...counts) <= 12);
  const kits = await count(sql<{ n: number }>`
    select count(*)::int as n from activities a where a.ecosystem_id = ${ecosystemId} and a.format = 'lesson_kit'
    and exists (select 1 from sessions s where s.activity_id = a.id)`);
  assert.equal(kits, 0, 'lesson kits are lent on request');
});

test('next steps link related activities, including the robot step', async () => {
  const db = database.db;
  const steps = await sql<{ kind: string; n: number }>`
    select kind, count(*)::int as n from next_steps where ecosystem_id = ${ecosystemId} group by kind`.execute(db);
  const total = steps.rows.reduce((s, r) => s + r.n, 0);
  assert.ok(total >= 150, `${total} next steps`);
  for (const kind of ['deepen', 'broaden', 'on_ramp']) assert.ok(steps.rows.some((r) => r.kind === kind && r.n >= 10), `kind ${kind}`);

  const robot = await db
    .selectFrom('next_steps as n')
    .innerJoin('activities as f', 'f.id', 'n.from_activity_id')
    .innerJoin('activities as t', 't.id', 'n.to_activity_id')
    .select(['n.kind', 'n.reason', 't.title'])
    .where('n.ecosystem_id', '=', ecosystemId)
    .where('f.title', '=', fixedTitles.robots)
    .where('t.title', '=', fixedTitles.robotClub)
    .executeTakeFirstOrThrow();
  assert.equal(robot.kind, 'deepen');
  assert.equal(robot.reason, robotNextStepReason);
  assert.equal(robot.reason, 'Kun je al een robot laten rijden? In de club bouw je grotere robots.');

  const deepenWrong = await count(sql<{ n: number }>`
    select count(*)::int as n from next_steps n join activities f on f.id = n.from_activity_id join activities t on t.id = n.to_activity_id
    where n.ecosystem_id = ${ecosystemId} and n.kind = 'deepen'
    and array_position(array['introduction','deepening','advanced'], t.level) <= array_position(array['introduction','deepening','advanced'], f.level)`);
  assert.equal(deepenWrong, 0, 'deepen always goes up a level');
});

test('the fixed activities are there as described', async () => {
  const db = database.db;
  const get = (title: string) =>
    db.selectFrom('activities as a')
      .leftJoin('locations as l', 'l.id', 'a.location_id')
      .select(['a.id', 'a.format', 'a.level', 'a.min_age', 'a.max_age', 'a.price_cents', 'a.accessibility', 'a.status', 'l.city', 'l.postcode', 'l.name as location'])
      .where('a.ecosystem_id', '=', ecosystemId)
      .where('a.title', '=', title)
      .execute();
  const themesOf = async (id: number) =>
    (await db.selectFrom('activity_themes as at').innerJoin('themes as t', 't.id', 'at.theme_id').select('t.slug').where('at.activity_id', '=', id).execute()).map((r) => r.slug).sort();
  const sessionsOf = (id: number) => db.selectFrom('sessions').select(['starts_at']).where('activity_id', '=', id).orderBy('starts_at').execute();

  const [robots, ...moreRobots] = await get(fixedTitles.robots);
  assert.ok(robots && moreRobots.length === 0);
  assert.deepEqual([robots.format, robots.level, robots.min_age, robots.max_age, robots.price_cents, robots.city, robots.status], ['workshop', 'introduction', 8, 12, 0, 'Enschede', 'published']);
  assert.match(robots.postcode!, /^7511 /);
  assert.match(robots.location!, /^Bibliotheek/);
  assert.ok(robots.accessibility.includes('wheelchair'));
  assert.deepEqual(await themesOf(robots.id), ['programmeren-digitaal']);
  const robotSessions = await sessionsOf(robots.id);
  assert.ok(robotSessions.length >= 2 && robotSessions[0]!.starts_at.getTime() < today.getTime() + 21 * 86_400_000);

  const [club] = await get(fixedTitles.robotClub);
  assert.ok(club);
  assert.deepEqual([club.format, club.level, club.min_age, club.max_age, club.city], ['club', 'advanced', 10, 14, 'Enschede']);
  assert.ok(club.price_cents > 0);
  const clubSessions = await sessionsOf(club.id);
  assert.ok(clubSessions.length >= 6);
  assert.equal(clubSessions[1]!.starts_at.getTime() - clubSessions[0]!.starts_at.getTime(), 7 * 86_400_000, 'weekly');

  const [stars] = await get(fixedTitles.stars);
  assert.ok(stars);
  assert.deepEqual([stars.format, stars.min_age, stars.max_age, stars.price_cents, stars.city], ['event', 6, 12, 0, 'Hengelo']);
  assert.match(stars.postcode!, /^7550 /);
  assert.deepEqual(await themesOf(stars.id), ['natuur-duurzaamheid', 'wetenschap-onderzoek']);

  const [water] = await get(fixedTitles.water);
  assert.ok(water);
  assert.deepEqual([water.format, water.min_age, water.max_age, water.city], ['workshop', 4, 6, 'Almelo']);
  assert.deepEqual(await themesOf(water.id), ['wetenschap-onderzoek']);
});

test('Dutch full-text search works on the seed (robots → robot)', async () => {
  const n = await count(sql<{ n: number }>`
    select count(*)::int as n from activities where ecosystem_id = ${ecosystemId} and search_vector @@ websearch_to_tsquery('dutch', 'robot')`);
  assert.ok(n >= 2, `${n} matches`);
});

test('seeding again changes nothing', async () => {
  const tables = ['ecosystems', 'neighbourhoods', 'postcode_areas', 'organisations', 'locations', 'activities', 'activity_themes', 'sessions', 'next_steps'] as const;
  const snapshot = async () => {
    const result: Record<string, number> = {};
    for (const t of tables) result[t] = await count(sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`);
    return result;
  };
  const counts = await snapshot();
  const again = await seedDemo(database, { today, seed: seed + 1 });
  assert.deepEqual(again, { created: false, ecosystemId });
  assert.deepEqual(await snapshot(), counts);
});

test('the same seed gives the same data', async () => {
  const titles = (await database.db.selectFrom('activities').select('title').where('ecosystem_id', '=', ecosystemId).orderBy('id').execute()).map((r) => r.title);
  const plan = planDemo({ today, seed });
  assert.deepEqual(plan.activities.map((a) => a.title), titles);
  assert.deepEqual(planDemo({ today, seed }), plan);
  assert.notDeepEqual(planDemo({ today, seed: seed + 1 }).activities.map((a) => a.title), titles);
  // Titles do not depend on the day; only the dates do.
  assert.deepEqual(planDemo({ today: new Date('2026-09-01T12:00:00Z'), seed }).activities.map((a) => a.title), titles);
});

test('invented finances, labelled as demo: a grant, its budget, a convenant with partners’ contributions, expenses', async () => {
  const grants = await listGrants(database.db, ecosystemId);
  assert.equal(grants.length, 1);
  assert.match(grants[0]!.name, /\(demo\)$/);
  assert.deepEqual([grants[0]!.startsOn, grants[0]!.endsOn], ['2025-08-01', '2028-07-31']);
  const o = await financeOverview(database.db, ecosystemId, (await findGrant(database.db, ecosystemId, grants[0]!.id))!);
  assert.equal(o.budget.plannedCents, o.amount.basisCents, 'the budget uses the awarded grant exactly');
  assert.ok(o.partners.length >= 7, `${o.partners.length} partners contribute`);
  assert.equal(o.committed.meets, false, 'short of 1 : 1, so the page has something to say');
  assert.ok(o.budget.spentCents > 0 && o.totals.realisedCents > 0 && o.totals.confirmedCents > 0);
  const agreements = await database.db.selectFrom('agreements').select(['title', 'status']).where('ecosystem_id', '=', ecosystemId).execute();
  assert.ok(agreements.length >= 3 && agreements.every((a) => a.title.endsWith('(demo)')), agreements.map((a) => a.title).join());
  const outside = await count(sql<{ n: number }>`
    select count(*)::int as n from expenses x join budget_lines b on b.id = x.budget_line_id join grants g on g.id = b.grant_id
    where x.ecosystem_id = ${ecosystemId} and (x.spent_on < g.starts_on or x.spent_on > least(g.ends_on, ${'2026-03-10'}::date))`);
  assert.equal(outside, 0, 'expenses lie in the grant period and not in the future');
});
