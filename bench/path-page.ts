/**
 * Path-page benchmark: what one view of a child's path page costs in reads
 * (steps, badges, learning paths, and the next-step candidates) on a large
 * ecosystem. `node --import tsx bench/path-page.ts [--activities N] [--passes P] [--views V]`
 *
 * Loads N activities with the search benchmark's generator (bench/search-data.ts)
 * into a fresh database (PGlite in memory, or a new database on the server at
 * DATABASE_URL, dropped at the end), adds next steps between a quarter of the
 * published activities, twenty published learning paths and P passes with
 * 1–12 steps each and a postcode for half of them; then times V path-page
 * reads one after another (the path page's own queries, no HTTP) and prints
 * p50, p95, p99 and the plans of the candidate queries. Nothing is written to docs.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { createDatabase, type Database } from '../src/db/database.js';
import { chooseSuggestions, loadSuggestionFacts } from '../src/modules/passes/queries/next-step-suggestions.js';
import { loadBadges, loadDoneActivityIds, loadLearningPathProgress, loadPathSteps } from '../src/modules/passes/queries/path-page.js';
import { loadSearchData } from './search-data.js';

const { values: opts } = parseArgs({
  options: { activities: { type: 'string', default: '100000' }, passes: { type: 'string', default: '2000' }, views: { type: 'string', default: '500' } },
});
const n = Number(opts.activities);
const nPasses = Number(opts.passes);
const nViews = Number(opts.views);

async function open(): Promise<{ database: Database; drop: () => Promise<void>; where: string }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { database: await createDatabase({ dataDir: 'memory://' }), drop: async () => {}, where: 'PGlite (in memory)' };
  const name = `bench_path_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await createDatabase({ url: u.toString(), poolSize: 4 });
  return {
    database,
    where: 'PostgreSQL server',
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

const { database, drop, where } = await open();
try {
  const t0 = performance.now();
  const summary = await loadSearchData(database, n);
  const e = summary.ecosystemId;
  await database.transaction(async ({ db }) => {
    await sql`select setseed(0.17)`.execute(db);
    // Next steps: from a quarter of the published activities to two others each.
    await sql`
      insert into next_steps (ecosystem_id, from_activity_id, to_activity_id, kind, reason, position)
      select ${e}, f.id, t.id, (array['deepen','broaden','on_ramp'])[1 + (f.id + k) % 3], 'Een mooie volgende stap.', k
      from (select id from activities where ecosystem_id = ${e} and status = 'published' and id % 4 = 0) f
      cross join generate_series(1, 2) k
      join lateral (select id from activities where ecosystem_id = ${e} and status = 'published' and id > f.id + k * 7 order by id limit 1) t on true
      on conflict do nothing`.execute(db);
    // Twenty published learning paths of five steps.
    await sql`
      insert into learning_paths (ecosystem_id, slug, title, status, ordered)
      select ${e}, 'route-' || g, 'Route ' || g, 'published', g % 2 = 0 from generate_series(1, 20) g`.execute(db);
    await sql`
      insert into learning_path_steps (ecosystem_id, learning_path_id, activity_id, position)
      select ${e}, lp.id, a.id, a.rn - 1
      from learning_paths lp
      join lateral (select id, row_number() over (order by id) as rn from activities
        where ecosystem_id = ${e} and status = 'published' and id % 997 = lp.id % 997 limit 5) a on true
      where lp.ecosystem_id = ${e}`.execute(db);
    // Passes, half with a postcode and a birth year.
    await sql`
      insert into passes (ecosystem_id, code, secret_hash, issued_via, birth_year, postcode)
      select ${e}, upper(substr(md5(g::text), 1, 16)) || '0', md5('s' || g), 'class',
        case when g % 2 = 0 then 2012 + g % 8 end, case when g % 2 = 0 then (array['7511','7550','7602','7571'])[1 + g % 4] end
      from generate_series(1, ${nPasses}) g`.execute(db);
    // Steps: 1–12 per pass, at sessions of published activities (the past ones where there are).
    await sql`
      insert into participations (ecosystem_id, pass_id, subject_key, session_id, activity_id, organisation_id, device_scan_id, scanned_at)
      select ${e}, p.id, p.subject_key, s.id, s.activity_id, a.organisation_id, gen_random_uuid(), s.starts_at
      from passes p
      cross join lateral generate_series(1, 1 + (p.id % 12)) k
      join lateral (select id, activity_id, starts_at from sessions
        where ecosystem_id = ${e} and id >= ((p.id * 7919 + k * 104729) % ${summary.sessions}) order by id limit 1) s on true
      join activities a on a.id = s.activity_id
      where p.ecosystem_id = ${e}
      on conflict do nothing`.execute(db);
  });
  await sql`analyze`.execute(database.db);
  const counts = await sql<{ steps: number; passes: number; next_steps: number }>`
    select (select count(*)::int from participations) as steps, (select count(*)::int from passes) as passes, (select count(*)::int from next_steps) as next_steps`.execute(database.db);
  console.log(`${where}: ${summary.activities} activities (${summary.onOffer} on offer), ${summary.sessions} sessions, ${summary.locations} locations, ` +
    `${counts.rows[0]!.next_steps} next steps, ${counts.rows[0]!.passes} passes with ${counts.rows[0]!.steps} steps; loaded in ${Math.round((performance.now() - t0) / 1000)} s`);

  const passIds = (await database.db.selectFrom('passes').select(['id', 'nickname', 'birth_year', 'postcode', 'neighbourhood_id']).where('ecosystem_id', '=', e).execute());
  const themes = await database.db.selectFrom('themes').select(['id', 'name']).where('ecosystem_id', '=', e).orderBy('position').execute();
  const phases = { path: 0, routes: 0, candidates: 0 };
  const view = async (i: number) => {
    const p = passIds[(i * 7) % passIds.length]!;
    const pass = { id: p.id, nickname: p.nickname, birthYear: p.birth_year, postcode: p.postcode, neighbourhoodId: p.neighbourhood_id };
    let t = performance.now();
    const [steps, doneIds] = await Promise.all([loadPathSteps(database.db, e, p.id), loadDoneActivityIds(database.db, e, p.id), loadBadges(database.db, e, p.id)]);
    phases.path += performance.now() - t;
    t = performance.now();
    const paths = await loadLearningPathProgress(database.db, e, doneIds);
    phases.routes += performance.now() - t;
    t = performance.now();
    const facts = await loadSuggestionFacts(database.db, e, { pass, done: steps, doneIds, paths, themes });
    phases.candidates += performance.now() - t;
    return chooseSuggestions(facts).length;
  };
  for (let i = 0; i < 20; i++) await view(i); // warm up
  const times: number[] = [];
  let suggested = 0;
  for (let i = 0; i < nViews; i++) {
    const started = performance.now();
    suggested += await view(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1);
  console.log(`${nViews} path-page reads, one at a time: p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, p99 ${q(0.99)} ms; ${(suggested / nViews).toFixed(1)} suggestions per page`);
  const per = (ms: number) => (ms / (nViews + 20)).toFixed(1);
  console.log(`mean per page: steps, badges and done ${per(phases.path)} ms; learning paths ${per(phases.routes)} ms; next-step candidates ${per(phases.candidates)} ms`);

  // The plans of the candidate queries for one pass with a postcode, as the engine sends them.
  const probe = passIds.find((p) => p.postcode === '7511')!;
  const plans: string[] = [];
  const { rows } = await sql<{ id: number }>`select activity_id as id from participations where pass_id = ${probe.id}`.execute(database.db);
  const done = rows.map((r) => r.id);
  for (const [label, query] of [
    ['nearby (home; the first, 2 km box)', sql`explain (analyze, costs off, timing off, summary on)
      with l as (select id, lat, lng, power(lat - 52.22, 2) + power((lng - 6.89) * 0.61, 2) as d from locations
        where ecosystem_id = ${e} and status = 'active' and lat between 52.202 and 52.238 and lng between 6.8606 and 6.9194 order by d, id limit 40)
      select a.id from l join activities a on a.location_id = l.id
      join lateral (select s.starts_at from sessions s where s.activity_id = a.id and s.status = 'scheduled' and s.starts_at >= now() order by s.starts_at limit 1) ns on true
      where a.ecosystem_id = ${e} and a.status = 'published' and a.last_session_at >= now() and a.id <> all(${done}::int[])
      order by l.d, ns.starts_at, a.id limit 60`],
    ['curated', sql`explain (analyze, costs off, timing off, summary on)
      select a.id from next_steps n join activities a on a.id = n.to_activity_id
      join lateral (select s.starts_at from sessions s where s.activity_id = a.id and s.status = 'scheduled' and s.starts_at >= now() order by s.starts_at limit 1) ns on true
      where n.from_activity_id = any(${done}::int[]) and n.ecosystem_id = ${e} and a.status = 'published' and a.last_session_at >= now() limit 40`],
    ['soonest', sql`explain (analyze, costs off, timing off, summary on)
      select activity_id, starts_at from sessions where ecosystem_id = ${e} and status = 'scheduled' and starts_at >= now() order by starts_at limit 300`],
  ] as const) {
    const plan = await query.execute(database.db);
    plans.push(`-- ${label}\n${(plan.rows as Array<Record<string, string>>).map((r) => Object.values(r)[0]).join('\n')}`);
  }
  console.log(plans.join('\n\n'));
} finally {
  await drop();
}
