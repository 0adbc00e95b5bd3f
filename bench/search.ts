/**
 * Search benchmark: `npm run bench:search [-- options]`.
 *
 * 1. Loads N activities (default 100,000) with sessions into a fresh database:
 *    PGlite in a temporary folder, or, with DATABASE_URL, a new database
 *    `bench_<random>` on that server (dropped at the end).
 * 2. Serves the app on a random port and loads `GET /e/<slug>/api/v1/activities`
 *    with autocannon (in a child process) using a realistic mix of queries.
 * 3. Runs the same searches directly (resolveSearch + searchActivities, no HTTP)
 *    with the same concurrency, and one at a time.
 * 4. Writes the figures to docs/benchmarks.md, between this benchmark's markers.
 *
 * Options:
 *   --activities N     number of activities (env BENCH_ACTIVITIES; default 100000)
 *   --duration S       seconds per concurrent run (env BENCH_DURATION; default 15)
 *   --connections C    HTTP connections and direct workers (default 32)
 *   --timeout S        seconds before autocannon gives up on a response (default 60; PGlite
 *                      queues 32 searches on its one connection, so answers can take seconds)
 *   --both             PGlite and PostgreSQL (needs DATABASE_URL)
 *   --pglite           only PGlite, even when DATABASE_URL is set
 *   --memory           PGlite in memory instead of a temporary folder
 *   --explain          print EXPLAIN (ANALYZE, BUFFERS) of each query of the mix
 *   --no-docs          do not write docs/benchmarks.md
 *   --keep             keep the benchmark database (prints its name or folder)
 *   --reuse NAME       use a database kept with --keep (server database name or PGlite folder); skips
 *                      loading; the database is kept
 *   --sql FILE         run extra SQL after loading (to try an index; statements end with `;` and a
 *                      line break); implies --no-docs
 *   --variant V        `repo` (default) or `proposal`: the rewrite in bench/search-proposal.ts,
 *                      checked against the repository's results, served at /bench/proposal/activities;
 *                      implies --no-docs
 *   --count-cap N      count cap for --variant proposal (default 10000, as the repository's)
 *   --skip-load-test   only load (with --keep), no measurements
 *   --profile FILE     write a CPU profile of the server during the run with every search different
 *                      (open it in Chrome's DevTools); implies --no-docs
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CompiledQuery, PostgresQueryCompiler, sql, type Kysely, type KyselyPlugin, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/core/config.js';
import { createDatabase, type Database } from '../src/db/database.js';
import type { DB } from '../src/db/schema.js';
import { countCap, resolveSearch, searchActivities, type ResolvedSearch, type SearchResult } from '../src/modules/catalogue/queries/activity-search.js';
import { searchJson } from '../src/modules/catalogue/presenters.js';
import { SearchOut } from '../src/modules/catalogue/schemas.js';
import { parseSearchParams, type RawQuery } from '../src/modules/catalogue/queries/search-params.js';
import { benchSlug, loadSearchData, type LoadSummary } from './search-data.js';
import { adminQuery, fmtInt, fmtMs, InFlightPlugin, positiveInt, printUsageIfAsked, replaceBetween, settle, stats, type Stats } from './harness.js';
import { startProfile } from './profile.js';
import { searchActivitiesProposed } from './search-proposal.js';

const here = dirname(fileURLToPath(import.meta.url));
const docsPath = join(here, '..', 'docs', 'benchmarks.md');

// ---------------------------------------------------------------- options

const { values: opts } = parseArgs({
  options: {
    activities: { type: 'string' },
    duration: { type: 'string' },
    connections: { type: 'string' },
    timeout: { type: 'string' },
    both: { type: 'boolean', default: false },
    pglite: { type: 'boolean', default: false },
    memory: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
    'no-docs': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
    sql: { type: 'string' },
    variant: { type: 'string', default: 'repo' },
    'count-cap': { type: 'string' },
    'skip-load-test': { type: 'boolean', default: false },
    profile: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});

printUsageIfAsked(opts.help, import.meta.url);

const activities = positiveInt('--activities', opts.activities ?? process.env.BENCH_ACTIVITIES, 100_000);
const durationSec = positiveInt('--duration', opts.duration ?? process.env.BENCH_DURATION, 15);
const connections = positiveInt('--connections', opts.connections, 32);
const timeoutSec = positiveInt('--timeout', opts.timeout, 60);
const serverUrl = process.env.DATABASE_URL || undefined;
const variant = opts.variant;
if (variant !== 'repo' && variant !== 'proposal') throw new Error('--variant is repo or proposal');
const proposalCountCap = positiveInt('--count-cap', opts['count-cap'], countCap);
const writeDocs = !opts['no-docs'] && !opts.sql && !opts.reuse && !opts['skip-load-test'] && !opts.profile && variant === 'repo';

type Kind = 'pglite' | 'postgres';
let kinds: Kind[];
if (opts.both) {
  if (!serverUrl) throw new Error('--both needs DATABASE_URL (postgres://…)');
  kinds = ['pglite', 'postgres'];
} else kinds = serverUrl && !opts.pglite ? ['postgres'] : ['pglite'];
if (opts.reuse && kinds.length > 1) throw new Error('--reuse works with one database at a time');

// ---------------------------------------------------------------- the query mix

/** A calendar day in Amsterdam, `days` from today, as YYYY-MM-DD. */
function day(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** What people type in the finder and what the API's consumers ask for. */
function queryMix(): Array<{ name: string; query: string }> {
  const mix: Array<[string, Record<string, string | string[]>]> = [
    ['words: robots', { q: 'robots' }],
    ['words: sterren kijken', { q: 'sterren kijken' }],
    ['words + age', { q: 'natuur', age: '8' }],
    ['two words', { q: 'muziek theater' }],
    ['words, page 2', { q: 'programmeren', page: '2' }],
    ['theme + age + 10 km', { theme: 'programmeren-digitaal', age: '10', postcode: '7511', km: '10' }],
    ['theme + 5 km, by distance', { theme: 'natuur-duurzaamheid', postcode: '7550', km: '5', sort: 'distance' }],
    ['dates: 2 weeks', { from: day(7), to: day(21) }],
    ['theme + dates', { theme: 'kunst-cultuur', from: day(14), to: day(60) }],
    ['everything, by date', {}],
    ['age, page 2', { age: '12', page: '2' }],
    ['15 km by distance, page 2', { postcode: '7511', km: '15', sort: 'distance', page: '2' }],
    ['free + age + 10 km', { price: 'free', age: '6', postcode: '7602', km: '10' }],
    ['words + 20 km by distance', { q: 'water', postcode: '7511', km: '20', sort: 'distance' }],
    ['words + next 30 days', { q: 'dansen', from: day(0), to: day(30) }],
    ['theme + age + format', { theme: 'bewegen', age: '14', format: 'club' }],
    ['words by date', { q: 'vogels spotten', sort: 'date' }],
    ['two themes + age', { theme: ['wetenschap-onderzoek', 'maken-ontwerpen'], age: '9' }],
  ];
  return mix.map(([name, params]) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) for (const value of Array.isArray(v) ? v : [v]) search.append(k, value);
    return { name, query: search.toString() };
  });
}

/**
 * Many different searches, none repeated within a run: what the finder does
 * when every visitor asks something new, so no remembered answer helps. Made
 * from words, ages, themes, places, dates, prices, sort orders and pages with
 * a fixed seed, so every run asks the same questions.
 */
function distinctQueries(n: number): string[] {
  // mulberry32: small, fast, and exact in 32-bit integer arithmetic.
  let seed = 20261126;
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const words = [
    'robots', 'natuur', 'sterren', 'water', 'muziek', 'dansen', 'programmeren', 'vogels', 'bouwen', 'tekenen', 'theater', 'proefjes', 'drones', 'koken',
    'planten', 'insecten', 'techniek', 'ontwerpen', 'film', 'fotografie', 'sport', 'zwemmen', 'klimmen', 'schilderen', 'lego', 'elektriciteit', 'chemie',
    'ruimte', 'dieren', 'bos', 'energie', 'game', 'printen', 'hout', 'solderen', 'microscoop', 'weer', 'boerderij', 'bijen', 'kunst',
  ];
  const themes = ['programmeren-digitaal', 'natuur-duurzaamheid', 'kunst-cultuur', 'bewegen', 'wetenschap-onderzoek', 'maken-ontwerpen'];
  const places = ['7511', '7550', '7602'];
  const out = new Set<string>();
  while (out.size < n) {
    const params = new URLSearchParams();
    if (rnd() < 0.6) params.set('q', rnd() < 0.25 ? `${pick(words)} ${pick(words)}` : pick(words));
    if (rnd() < 0.5) params.set('age', String(4 + Math.floor(rnd() * 15)));
    if (rnd() < 0.35) params.set('theme', pick(themes));
    if (rnd() < 0.4) {
      params.set('postcode', pick(places));
      params.set('km', pick(['5', '10', '15', '20', '30']));
      if (rnd() < 0.5) params.set('sort', 'distance');
    }
    if (rnd() < 0.2) {
      const from = Math.floor(rnd() * 90);
      params.set('from', day(from));
      params.set('to', day(from + 7 + Math.floor(rnd() * 60)));
    }
    if (rnd() < 0.1) params.set('price', 'free');
    if (rnd() < 0.2) params.set('page', String(2 + Math.floor(rnd() * 3)));
    out.add(params.toString());
  }
  return [...out];
}

function rawQuery(query: string): RawQuery {
  const raw: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(query)) {
    const prev = raw[k];
    raw[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return raw;
}

// ---------------------------------------------------------------- measuring

type Searcher = (db: Kysely<DB>, ecosystemId: number, resolved: ResolvedSearch) => Promise<SearchResult>;
const repoSearch: Searcher = (db, e, resolved) => searchActivities(db, e, resolved);
const proposedSearch: Searcher = (db, e, resolved) => searchActivitiesProposed(db, e, resolved, new Date(), { countCap: proposalCountCap });
const search: Searcher = variant === 'proposal' ? proposedSearch : repoSearch;

async function searchOnce(db: Kysely<DB>, ecosystemId: number, query: string, searcher: Searcher = search): Promise<SearchResult> {
  const { params, problems } = parseSearchParams(rawQuery(query), { strict: true });
  if (problems.length > 0) throw new Error(`query "${query}" has problems: ${JSON.stringify(problems)}`);
  const { resolved, problems: notFound } = await resolveSearch(db, ecosystemId, params);
  if (notFound.length > 0) throw new Error(`query "${query}" does not resolve: ${JSON.stringify(notFound)}`);
  return searcher(db, ecosystemId, resolved);
}

/** `workers` loops, each taking the next query of the mix, until the time is up. */
async function runDirect(db: Kysely<DB>, ecosystemId: number, queries: string[], workers: number, seconds: number): Promise<Stats> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < end) {
        const query = queries[next++ % queries.length]!;
        const t0 = performance.now();
        await searchOnce(db, ecosystemId, query);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return stats(latencies, (performance.now() - started) / 1000);
}

interface HttpRun extends Stats {
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

/** `disjoint`: each connection gets its own slice of `paths`, so no search repeats until a slice runs out. */
function runHttp(origin: string, paths: string[], conns: number, seconds: number, disjoint = false): Promise<HttpRun> {
  return new Promise((resolve, reject) => {
    const child = fork(join(here, 'http-load.mjs'), [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let done = false;
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!done) reject(new Error(`the load generator stopped (exit code ${code})`));
    });
    child.once('message', (m: { error?: string; latencies: number[]; statusCodes: Record<string, number>; non2xx: number; errors: number; timeouts: number; durationSec: number }) => {
      done = true;
      if (m.error) return reject(new Error(m.error));
      resolve({ ...stats(m.latencies, m.durationSec), non2xx: m.non2xx, errors: m.errors, timeouts: m.timeouts, statusCodes: m.statusCodes });
    });
    child.send({ origin, paths, connections: conns, duration: seconds, timeout: timeoutSec, disjoint });
  });
}

function failIfNotOk(label: string, run: HttpRun): void {
  if (run.non2xx > 0 || run.errors > 0 || run.timeouts > 0) {
    throw new Error(
      `${label}: ${run.non2xx} non-2xx responses, ${run.errors} errors, ${run.timeouts} timeouts (status codes ${JSON.stringify(run.statusCodes)})`,
    );
  }
}

// ---------------------------------------------------------------- EXPLAIN

/** Remembers the SQL of every query run through it, so it can be explained afterwards. */
class CapturePlugin implements KyselyPlugin {
  captured: CompiledQuery[] = [];
  private compiler = new PostgresQueryCompiler();
  transformQuery(args: { node: RootOperationNode; queryId: { queryId: string } }): RootOperationNode {
    this.captured.push(this.compiler.compileQuery(args.node, args.queryId));
    return args.node;
  }
  async transformResult(args: { result: QueryResult<UnknownRow> }): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

async function explainMix(database: Database, ecosystemId: number, mix: Array<{ name: string; query: string }>): Promise<void> {
  for (const { name, query } of mix) {
    const capture = new CapturePlugin();
    await searchOnce(database.db.withPlugin(capture), ecosystemId, query);
    // The page and the count; the theme and postcode look-ups are primary-key reads.
    for (const q of capture.captured.filter((c) => /activities a\b/.test(c.sql))) {
      const result = await database.db.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`explain (analyze, buffers) ${q.sql}`, [...q.parameters]),
      );
      console.log(`\n=== ${name} (?${decodeURIComponent(query.replace(/\+/g, ' '))}) — ${/^\s*select count\(\*\)/.test(q.sql) ? 'count' : 'page'} ===`);
      for (const row of result.rows) console.log(row['QUERY PLAN']);
    }
  }
}

// ---------------------------------------------------------------- databases

interface Opened {
  database: Database;
  label: string;
  version: string;
  /** Where it lives, for --keep / --reuse. */
  where: string;
  close(keep: boolean): Promise<void>;
}

async function openDatabase(kind: Kind, poolSize: number): Promise<Opened> {
  if (kind === 'postgres') {
    const name = opts.reuse ?? `bench_${randomBytes(5).toString('hex')}`;
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a database name: ${name}`);
    if (!opts.reuse) await adminQuery(serverUrl, `create database ${name}`);
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    const database = await createDatabase({ url: url.toString(), poolSize });
    return {
      database,
      label: 'PostgreSQL',
      version: await serverVersion(database),
      where: name,
      async close(keep) {
        await database.close();
        if (!keep) await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
      },
    };
  }
  const dir = opts.memory ? undefined : (opts.reuse ?? mkdtempSync(join(tmpdir(), 'bench-search-')));
  if (opts.reuse && !existsSync(opts.reuse)) throw new Error(`no PGlite folder at ${opts.reuse}`);
  const database = await createDatabase({ dataDir: dir ?? 'memory://' });
  return {
    database,
    label: 'PGlite',
    version: await serverVersion(database),
    where: dir ?? 'memory',
    async close(keep) {
      await database.close();
      if (dir && !keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function serverVersion(database: Database): Promise<string> {
  const r = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(database.db);
  return r.rows[0]?.v ?? '?';
}

// ---------------------------------------------------------------- one database

interface QueryCheck {
  name: string;
  query: string;
  total: string;
  median: number;
  max: number;
}

interface Report {
  kind: Kind;
  label: string;
  version: string;
  date: string;
  load: LoadSummary;
  loadSeconds: number | undefined;
  poolSize: number;
  queries: QueryCheck[];
  endpoint: HttpRun;
  endpoint1: HttpRun;
  direct: Stats;
  direct1: Stats;
  /** Every search a different one: no remembered answers. */
  endpointDistinct: HttpRun;
  directDistinct: Stats;
  distinctCount: number;
}

const line = (label: string, s: Stats) =>
  `${label.padEnd(34)} p50 ${fmtMs(s.p50).padStart(7)} ms  p95 ${fmtMs(s.p95).padStart(7)} ms  p99 ${fmtMs(s.p99).padStart(7)} ms  ${fmtInt(s.perSecond).padStart(6)} /s  (${fmtInt(s.count)} in ${s.seconds.toFixed(1)} s)`;

async function benchOne(kind: Kind): Promise<Report | undefined> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE });
  const opened = await openDatabase(kind, config.databasePoolSize);
  const { database } = opened;
  // A reused database is never dropped.
  let keep = opts.keep || Boolean(opts.reuse);
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  const onSignal = () => {
    console.error('\ninterrupted; cleaning up');
    void Promise.resolve(app?.close())
      .then(() => opened.close(keep))
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  try {
    console.log(`\n##### ${opened.label} ${opened.version} (${opened.where})${variant === 'proposal' ? `, variant: proposal (count cap ${proposalCountCap})` : ''}`);
    let load: LoadSummary;
    let loadSeconds: number | undefined;
    if (opts.reuse) {
      const row = await database.db.selectFrom('ecosystems').select('id').where('slug', '=', benchSlug).executeTakeFirstOrThrow();
      const c = await sql<{ a: number; p: number; o: number; s: number; org: number; l: number }>`
        select (select count(*)::int from activities) as a, (select count(*)::int from activities where status = 'published') as p,
          (select count(*)::int from activities where status = 'published' and (last_session_at is null or last_session_at >= now())) as o,
          (select count(*)::int from sessions) as s, (select count(*)::int from organisations) as org, (select count(*)::int from locations) as l`.execute(database.db);
      const r = c.rows[0]!;
      load = { activities: r.a, published: r.p, onOffer: r.o, sessions: r.s, organisations: r.org, locations: r.l, ecosystemId: row.id };
      console.log(`reusing ${opened.where}: ${fmtInt(load.activities)} activities`);
    } else {
      console.log(`loading ${fmtInt(activities)} activities …`);
      const t0 = performance.now();
      load = await loadSearchData(database, activities);
      loadSeconds = (performance.now() - t0) / 1000;
      console.log(
        `loaded in ${loadSeconds.toFixed(1)} s: ${fmtInt(load.activities)} activities (${fmtInt(load.published)} published, ` +
          `${fmtInt(load.onOffer)} on offer), ${fmtInt(load.sessions)} sessions, ${fmtInt(load.organisations)} organisations, ${fmtInt(load.locations)} locations`,
      );
    }
    if (opts.sql) {
      const text = readFileSync(opts.sql, 'utf8');
      console.log(`running extra SQL from ${opts.sql} (figures are NOT the repository's):\n${text.trim()}`);
      const t0 = performance.now();
      // One statement at a time: PGlite's extended protocol takes one per query.
      for (const statement of text.split(/;\s*(?:\n|$)/).map((t) => t.trim()).filter(Boolean)) {
        await sql.raw(statement).execute(database.db);
      }
      console.log(`extra SQL took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    if (opts['skip-load-test']) {
      keep = true;
      return undefined;
    }
    const e = load.ecosystemId;

    // The app and the direct runs share one Kysely instance, with the in-flight counter.
    const inFlight = new InFlightPlugin();
    const db = database.db.withPlugin(inFlight);
    const counted: Database = { ...database, db };
    app = await buildApp({ config, database: counted });
    if (variant === 'proposal') {
      // The API handler's steps with the proposed query; tenant resolution is a map look-up here too.
      const server = app;
      server.get('/bench/proposal/activities', { schema: { hide: true, response: { 200: SearchOut } } }, async (request) => {
        const ecosystem = await server.ctx.ecosystems.bySlugOrUndefined(benchSlug);
        if (!ecosystem) throw new Error('no ecosystem');
        const { params, problems } = parseSearchParams(request.query as RawQuery, { strict: true });
        if (problems.length > 0) throw new Error('bad query');
        const { resolved } = await resolveSearch(db, ecosystem.id, params);
        const [result, themeRows] = await Promise.all([
          proposedSearch(db, ecosystem.id, resolved),
          server.ctx.ecosystems.themeSlugs(ecosystem.id),
        ]);
        return searchJson(result, themeRows, (id) => `${request.protocol}://${request.host}/e/${benchSlug}/activiteiten/${id}`);
      });
    }
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    const origin = `http://127.0.0.1:${address.port}`;

    const mix = queryMix();
    const route = variant === 'proposal' ? '/bench/proposal/activities' : `/e/${benchSlug}/api/v1/activities`;
    const paths = mix.map((m) => `${route}${m.query ? `?${m.query}` : ''}`);

    // Every query once over HTTP and directly: 200, and the same total both ways.
    const queries: QueryCheck[] = [];
    for (const [i, m] of mix.entries()) {
      const res = await fetch(origin + paths[i]);
      const body = (await res.json()) as { total?: number; totalCapped?: boolean; items?: unknown[] };
      if (res.status !== 200) throw new Error(`${paths[i]} answered ${res.status}: ${JSON.stringify(body)}`);
      const direct = await searchOnce(db, e, m.query);
      if (direct.total !== body.total || direct.hits.length !== body.items?.length) {
        throw new Error(`${paths[i]}: endpoint says ${body.total}/${body.items?.length}, direct SQL ${direct.total}/${direct.hits.length}`);
      }
      if (variant === 'proposal') {
        // The rewrite must give the repository's answer: same rows in the same order, same next sessions and total.
        const repo = await searchOnce(db, e, m.query, repoSearch);
        const key = (r: SearchResult) =>
          JSON.stringify([Math.min(r.total, proposalCountCap), r.hits.map((h) => [h.id, h.nextSessionAt?.toISOString() ?? null, h.distanceKm, h.themeIds])]);
        if (key(repo) !== key(direct)) throw new Error(`${m.name}: the proposal differs from the repository's search:\n${key(repo)}\n${key(direct)}`);
      }
      // One at a time, a few times each: which queries are expensive.
      const times: number[] = [];
      for (let r = 0; r < 7; r++) {
        const t0 = performance.now();
        await searchOnce(db, e, m.query);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      queries.push({
        name: m.name,
        query: m.query,
        total: `${direct.total.toLocaleString('en-US')}${direct.totalCapped ? '+' : ''}`,
        median: times[3]!,
        max: times[6]!,
      });
    }
    if (variant === 'proposal') {
      // Beyond the mix: last pages (activities without sessions come last), pages past the end, ties.
      const edge = [
        'q=vogels+spotten&sort=date&page=4', 'q=vogels+spotten&sort=date&page=5', 'q=vogels+spotten&sort=date&page=6',
        'q=vogels+spotten&page=5', 'q=muziek+theater&page=7', 'theme=bewegen&age=14&format=club&page=3',
        'postcode=7550&km=3&sort=distance&page=4', 'q=robots&postcode=7511&km=5&sort=distance&page=3',
        `from=${day(30)}&to=${day(31)}&page=2`, 'age=4&price=free&format=camp&perPage=100&page=2', 'page=500',
      ];
      for (const query of edge) {
        const a = await searchOnce(db, e, query, repoSearch);
        const b = await searchOnce(db, e, query);
        const key = (r: SearchResult) =>
          JSON.stringify([Math.min(r.total, proposalCountCap), r.hits.map((h) => [h.id, h.nextSessionAt?.toISOString() ?? null, h.distanceKm, h.themeIds])]);
        if (key(a) !== key(b)) throw new Error(`?${query}: the proposal differs from the repository's search:\n${key(a)}\n${key(b)}`);
      }
      console.log(`the proposal gives the repository's results for the mix and ${edge.length} more queries`);
    }
    console.log('\nper query (direct SQL, one at a time, 7 runs):');
    for (const q of queries) {
      console.log(`  ${q.name.padEnd(28)} ${q.total.padStart(8)} matches  median ${fmtMs(q.median).padStart(6)} ms  max ${fmtMs(q.max).padStart(6)} ms`);
    }

    if (opts.explain) await explainMix(database, e, mix);

    const shortSec = Math.max(3, Math.min(8, Math.round(durationSec / 2)));
    console.log(`\nwarming up (3 s) …`);
    failIfNotOk('warm-up', await runHttp(origin, paths, connections, 3));
    await settle(app.server, inFlight, 300_000);

    console.log(`endpoint: ${connections} connections, ${durationSec} s …`);
    const endpoint = await runHttp(origin, paths, connections, durationSec);
    failIfNotOk('endpoint', endpoint);
    await settle(app.server, inFlight, 300_000);
    console.log(line(`endpoint (HTTP, ${connections} conn)`, endpoint));

    console.log(`direct SQL: ${connections} workers, ${durationSec} s …`);
    const direct = await runDirect(db, e, mix.map((m) => m.query), connections, durationSec);
    console.log(line(`direct SQL (${connections} workers)`, direct));

    console.log(`endpoint: 1 connection, ${shortSec} s …`);
    const endpoint1 = await runHttp(origin, paths, 1, shortSec);
    failIfNotOk('endpoint, 1 connection', endpoint1);
    await settle(app.server, inFlight, 300_000);
    console.log(line('endpoint (HTTP, 1 conn)', endpoint1));

    console.log(`direct SQL: 1 worker, ${shortSec} s …`);
    const direct1 = await runDirect(db, e, mix.map((m) => m.query), 1, shortSec);
    console.log(line('direct SQL (1 worker)', direct1));

    // Enough different searches that no connection asks one twice in the time it has.
    const distinct = distinctQueries(60_000);
    console.log(`endpoint: ${connections} connections, ${durationSec} s, ${fmtInt(distinct.length)} different searches …`);
    const stopProfile = opts.profile ? await startProfile() : undefined;
    const endpointDistinct = await runHttp(origin, distinct.map((q) => `${route}?${q}`), connections, durationSec, true);
    if (stopProfile) await stopProfile(opts.profile!);
    failIfNotOk('endpoint, different searches', endpointDistinct);
    await settle(app.server, inFlight, 300_000);
    console.log(line(`endpoint (HTTP, ${connections} conn, all different)`, endpointDistinct));
    console.log(`direct SQL: ${connections} workers, ${durationSec} s, the same different searches …`);
    const directDistinct = await runDirect(db, e, distinct, connections, durationSec);
    console.log(line(`direct SQL (${connections} workers, all different)`, directDistinct));

    const report: Report = {
      kind, label: opened.label, version: opened.version, date: new Date().toISOString().slice(0, 10), load, loadSeconds,
      poolSize: kind === 'postgres' ? config.databasePoolSize : 1, queries, endpoint, endpoint1, direct, direct1,
      endpointDistinct, directDistinct, distinctCount: distinct.length,
    };
    console.log(
      `\nendpoint p95 / direct p95: ${(endpoint.p95 / direct.p95).toFixed(2)}× at ${connections}, ${(endpoint1.p95 / direct1.p95).toFixed(2)}× at 1`,
    );
    for (const t of targets(report)) console.log(`target ${t.target}: ${t.measured} — ${t.met ? 'met' : 'NOT met'}`);
    return report;
  } finally {
    process.removeListener('SIGINT', onSignal);
    await app?.close();
    await opened.close(keep);
    if (keep) console.log(`kept the database: --reuse ${opened.where}`);
  }
}

// ---------------------------------------------------------------- targets and docs

function targets(r: Report): Array<{ target: string; measured: string; met: boolean }> {
  const ratio = r.endpoint.p95 / r.direct.p95;
  const ratio1 = r.endpoint1.p95 / r.direct1.p95;
  return [
    { target: `endpoint p95 ≤ 20 ms (${connections} connections)`, measured: `${fmtMs(r.endpoint.p95)} ms`, met: r.endpoint.p95 <= 20 },
    { target: '≥ 1,000 searches/s (endpoint)', measured: `${fmtInt(r.endpoint.perSecond)} /s`, met: r.endpoint.perSecond >= 1000 },
    // The same two targets with nothing remembered: the finder's own speed.
    { target: `endpoint p95 ≤ 20 ms, every search different`, measured: `${fmtMs(r.endpointDistinct.p95)} ms`, met: r.endpointDistinct.p95 <= 20 },
    { target: '≥ 1,000 searches/s, every search different', measured: `${fmtInt(r.endpointDistinct.perSecond)} /s`, met: r.endpointDistinct.perSecond >= 1000 },
    {
      target: 'endpoint p95 ≤ 2× direct SQL p95',
      measured: `${ratio.toFixed(2)}× at ${connections} connections/workers; ${ratio1.toFixed(2)}× at 1`,
      met: ratio <= 2 && ratio1 <= 2,
    },
  ];
}

function section(r: Report): string {
  const cpu = cpus();
  const model = cpu[0]?.model.replace(/\s+/g, ' ').trim() ?? '?';
  const row = (label: string, s: Stats) => `| ${label} | ${fmtMs(s.p50)} | ${fmtMs(s.p95)} | ${fmtMs(s.p99)} | ${fmtInt(s.perSecond)} | ${fmtInt(s.count)} |`;
  const where = r.kind === 'postgres' ? `a PostgreSQL ${r.version} server on the same machine, pool of ${r.poolSize} connections` : `PGlite (PostgreSQL ${r.version} in WebAssembly) in a data folder, on the server's thread`;
  const out = [
    `### ${r.label}`,
    '',
    `Measured ${r.date}: N = ${fmtInt(r.load.activities)} activities (${fmtInt(r.load.published)} published, ${fmtInt(r.load.onOffer)} on offer), ` +
      `${fmtInt(r.load.sessions)} sessions, ${fmtInt(r.load.organisations)} organisations, ${fmtInt(r.load.locations)} locations; ` +
      `${where}. Machine: ${cpu.length} cores (${model}), Node ${process.version}. ` +
      (r.loadSeconds !== undefined ? `Loading took ${r.loadSeconds.toFixed(1)} s. ` : '') +
      `Concurrent runs ${durationSec} s, single runs ${r.endpoint1.seconds.toFixed(0)} s; latencies in ms.`,
    '',
    '| run | p50 | p95 | p99 | searches/s | searches |',
    '|---|---:|---:|---:|---:|---:|',
    row(`endpoint (HTTP), ${connections} connections`, r.endpoint),
    row(`direct SQL, ${connections} workers`, r.direct),
    row('endpoint (HTTP), 1 connection', r.endpoint1),
    row('direct SQL, 1 worker', r.direct1),
    row(`endpoint (HTTP), ${connections} connections, every search different`, r.endpointDistinct),
    row(`direct SQL, ${connections} workers, every search different`, r.directDistinct),
    '',
    `The first four rows cycle through the 18 queries below, so after the first second the endpoint mostly answers from ` +
      `the answers it remembers per offer version. The last two ask ${fmtInt(r.distinctCount)} different searches (words, ages, ` +
      `themes, places, dates, prices, sort orders, pages), none twice: that is the finder's own work, with nothing remembered. ` +
      `At ${connections} connections every search different: ${fmtInt(r.endpointDistinct.perSecond)} searches/s, p95 ${fmtMs(r.endpointDistinct.p95)} ms ` +
      `(direct SQL ${fmtInt(r.directDistinct.perSecond)} searches/s, p95 ${fmtMs(r.directDistinct.p95)} ms).`,
    '',
    `Endpoint p95 / direct p95: **${(r.endpoint.p95 / r.direct.p95).toFixed(2)}×** at ${connections} (same concurrency), ` +
      `**${(r.endpoint1.p95 / r.direct1.p95).toFixed(2)}×** one at a time.`,
    '',
    r.kind === 'postgres' ? '| target | measured | |' : '| target (set for PostgreSQL; informative here) | measured | |',
    '|---|---|---|',
    ...targets(r).map((t) => `| ${t.target} | ${t.measured} | ${t.met ? 'met' : '**not met**'} |`),
    '',
    'Per query, direct SQL one at a time (median and slowest of 7 runs):',
    '',
    '| query | parameters | matches | median | slowest |',
    '|---|---|---:|---:|---:|',
    ...r.queries.map((q) => `| ${q.name} | ${q.query ? `\`${decodeURIComponent(q.query.replace(/\+/g, ' '))}\`` : '(none)'} | ${q.total} | ${fmtMs(q.median)} | ${fmtMs(q.max)} |`),
  ];
  return out.join('\n');
}

const howTo = `## Search

\`npm run bench:search\` loads a generated catalogue for the region around Enschede (default 100,000 activities with
about three sessions each, 1–3 themes, ages, prices, formats, 40 postcode areas, locations in about 40 × 40 km) into a
fresh database, then searches it with a fixed mix of 18 realistic queries (words, theme + age + distance, date ranges,
sorting by distance and date, page 2): through the HTTP API (\`GET /e/<slug>/api/v1/activities\`, autocannon in a
child process, 32 connections), then directly through \`resolveSearch\` + \`searchActivities\` with 32 concurrent
callers, both again one request at a time, and finally both with 60,000 different searches, none asked twice, so that
no remembered answer helps. Every query is first checked to answer 200 with the same total both
ways; any other answer during the runs fails the run. Without \`DATABASE_URL\` it uses PGlite in a temporary folder;
with \`DATABASE_URL=postgres://…\` it creates a database \`bench_<random>\` on that server and drops it afterwards;
\`--both\` does both (about 6 minutes on 2 cores). Options: \`--activities N\` (or \`BENCH_ACTIVITIES\`),
\`--duration S\` (or \`BENCH_DURATION\`), \`--connections C\`, \`--explain\` (EXPLAIN ANALYZE of every query of the mix),
\`--no-docs\`, \`--keep\` / \`--reuse NAME\`, \`--sql FILE\` (try an index on a kept database) and \`--variant proposal\`
(the rewrite in \`bench/search-proposal.ts\`, checked to return the repository's results); runs with \`--reuse\`,
\`--sql\` or \`--variant\` do not write this file. Each run rewrites only its own section below.

The endpoint/direct ratio compares p95 at the same concurrency (32 and 32, 1 and 1). With 32 connections, Little's
law ties the two speed targets together: a p95 of 20 ms needs more than 1,600 searches/s.`;

function updateDocs(reports: Report[]): void {
  let text = existsSync(docsPath) ? readFileSync(docsPath, 'utf8') : '# Benchmarks\n\nFigures from the scripts in `bench/`, on the machine named in each section.\n';
  text = replaceBetween(text, 'bench:search:about', howTo);
  for (const r of reports) text = replaceBetween(text, `bench:search:${r.kind}`, section(r));
  writeFileSync(docsPath, text.replace(/\s*$/, '\n'));
  console.log(`\nwrote ${docsPath}`);
}

// ---------------------------------------------------------------- main

const reports: Report[] = [];
for (const kind of kinds) {
  const r = await benchOne(kind);
  if (r) reports.push(r);
}
if (writeDocs && reports.length > 0) updateDocs(reports);
