import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { MessageKey } from '../../../web/i18n/index.js';
import type { Level } from '../../catalogue/vocabulary.js';
import type { PathPass } from './path-access.js';
import type { DoneStep, LearningPathProgress } from './path-page.js';

/**
 * The next steps a child sees on the path page (PRODUCT.md §3, the seeds'
 * "brokering" and "onramping"): after every activity there should always be a
 * sensible next step nearby, with the reason it is shown.
 *
 * Two halves. `loadSuggestionFacts` gathers candidates with a handful of
 * bounded, index-backed queries (each has a LIMIT and starts from an index:
 * next steps of the activities done, the steps of learning paths started,
 * locations in a box around home or a known place, the first upcoming
 * sessions of the ecosystem). `chooseSuggestions` is pure: it filters,
 * de-duplicates, ranks and picks a diverse handful, and says why for each.
 */

/** Where a suggestion comes from, in the order they rank. */
export type SuggestionKind = 'curated' | 'learning_path' | 'deepen' | 'broaden' | 'on_ramp' | 'nearby';
export const suggestionKinds: readonly SuggestionKind[] = ['curated', 'learning_path', 'deepen', 'broaden', 'on_ramp', 'nearby'];

/** An activity that might be suggested, with what ranking needs to know. */
export interface CandidateActivity {
  id: number;
  title: string;
  summary: string;
  level: Level;
  format: string;
  status: string;
  minAge: number;
  maxAge: number;
  priceCents: number;
  online: boolean;
  organisationName: string;
  locationId: number | null;
  locationName: string | null;
  city: string | null;
  lat: number | null;
  lng: number | null;
  themeIds: number[];
  /** The first scheduled session from now on; null when there is none (then it is never suggested). */
  nextStartsAt: Date | null;
  nextEndsAt: Date | null;
}

/** A message in the catalogue and its parameters: the reason, in the reader's language. */
export interface Reason {
  key: MessageKey;
  params: Record<string, string | number>;
}

export interface Suggestion {
  kind: SuggestionKind;
  activity: CandidateActivity;
  reason: Reason;
  /** For curated steps: the partner's own words, and whether it deepens, broadens or is an on-ramp. */
  curated?: { kind: 'deepen' | 'broaden' | 'on_ramp'; note: string };
  /** Straight-line distance from home or the known place the reason names, when there is one. */
  distanceKm?: number;
}

/** A point that "near" is measured from. */
export interface Place {
  lat: number;
  lng: number;
  /** A location's name ("Bibliotheek Centrum"); undefined for home. */
  name?: string;
}

export interface CuratedFact {
  fromActivityId: number;
  fromTitle: string;
  kind: 'deepen' | 'broaden' | 'on_ramp';
  note: string;
  position: number;
  activity: CandidateActivity;
}

/** Everything the choice is made from; `loadSuggestionFacts` fills it, tests write it by hand. */
export interface SuggestionFacts {
  now: Date;
  /** The child's likely age, as a range of whole years; undefined when nothing tells. */
  age: { min: number; max: number } | undefined;
  /** Every activity the pass has taken part in. */
  doneIds: ReadonlySet<number>;
  /** The steps, most recent first: for the reasons ("Omdat je … deed") and the themes and levels done. */
  done: DoneStep[];
  curated: CuratedFact[];
  /** Published learning paths started, with the step activities (those without an upcoming session too). */
  paths: Array<LearningPathProgress & { activities: CandidateActivity[] }>;
  home: Place | undefined;
  /** Places the child has been, most recent first. */
  visited: Place[];
  /** Upcoming activities near home, near places visited, and the ecosystem's soonest. */
  pool: CandidateActivity[];
  /** Active themes of the ecosystem in their order. */
  themes: Array<{ id: number; name: string }>;
}

export const suggestionLimit = 6;
/** At most this many of one kind while other kinds still have something to offer. */
const perKind = 2;
/** "Nearby" for upcoming sessions: a bike ride from home or from a known place. */
export const nearbyKm = 8;
/** An on-ramp is a small step: close to a place the child already knows. */
export const onRampKm = 2;
/** An on-ramp is short and cheap. */
const onRampMaxMinutes = 180;
const onRampMaxPriceCents = 500;

const levelRank: Record<Level, number> = { introduction: 0, deepening: 1, advanced: 2 };

/** Great-circle distance in km (haversine; fine at the scale of a region). */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The child's likely age as a range. From the birth year: this year's birthday
 * may or may not have passed. Without one, the ages of what the child did are
 * the guide: where their ranges overlap, or else the most recent one's range.
 */
export function ageRange(birthYear: number | null, done: ReadonlyArray<{ minAge: number; maxAge: number }>, now: Date): { min: number; max: number } | undefined {
  if (birthYear !== null) {
    const years = now.getUTCFullYear() - birthYear;
    return { min: Math.max(0, years - 1), max: years };
  }
  if (done.length === 0) return undefined;
  const min = Math.max(...done.map((d) => d.minAge));
  const max = Math.min(...done.map((d) => d.maxAge));
  if (min <= max) return { min, max };
  return { min: done[0]!.minAge, max: done[0]!.maxAge };
}

function fitsAge(a: CandidateActivity, age: SuggestionFacts['age']): boolean {
  return age === undefined || (a.minAge <= age.max && a.maxAge >= age.min);
}

/** Whether the activity may be suggested at all: published, with a session still to come, for this age, not done. */
export function eligible(a: CandidateActivity, facts: Pick<SuggestionFacts, 'now' | 'age' | 'doneIds'>): boolean {
  return a.status === 'published' && a.nextStartsAt !== null && a.nextStartsAt >= facts.now && fitsAge(a, facts.age) && !facts.doneIds.has(a.id);
}

function nearest(a: CandidateActivity, places: readonly Place[]): { place: Place; km: number } | undefined {
  if (a.lat === null || a.lng === null) return undefined;
  let best: { place: Place; km: number } | undefined;
  for (const place of places) {
    const km = distanceKm(place, { lat: a.lat, lng: a.lng });
    if (!best || km < best.km) best = { place, km };
  }
  return best;
}

const byStart = (a: CandidateActivity, b: CandidateActivity) => (a.nextStartsAt?.getTime() ?? Infinity) - (b.nextStartsAt?.getTime() ?? Infinity) || a.id - b.id;

/** Candidates per kind, each list best first. The caller checks eligibility again for curated and learning-path steps. */
function candidatesByKind(f: SuggestionFacts): Record<SuggestionKind, Suggestion[]> {
  const out: Record<SuggestionKind, Suggestion[]> = { curated: [], learning_path: [], deepen: [], broaden: [], on_ramp: [], nearby: [] };
  // Only what may be suggested at all, so that a theme's one pick is never an activity that is then dropped.
  const pool = f.pool.filter((a) => eligible(a, f)).sort(byStart);

  // (a) What partners advise after the activities done: the most recent activity first, then their own order.
  const recency = new Map<number, number>();
  f.done.forEach((d, i) => {
    if (!recency.has(d.activityId)) recency.set(d.activityId, i);
  });
  const curated = [...f.curated].sort((x, y) => (recency.get(x.fromActivityId) ?? 1e9) - (recency.get(y.fromActivityId) ?? 1e9) || x.position - y.position);
  for (const c of curated) {
    out.curated.push({ kind: 'curated', activity: c.activity, reason: { key: 'path.reason.curated', params: { title: c.fromTitle } }, curated: { kind: c.kind, note: c.note } });
  }

  // (b) Learning paths started: most of the way first. An ordered path offers its next step only; a free one any step not done.
  const paths = [...f.paths].sort((x, y) => y.done / y.total - x.done / x.total || x.title.localeCompare(y.title));
  for (const p of paths) {
    const byId = new Map(p.activities.map((a) => [a.id, a]));
    const open = p.steps.filter((s) => !f.doneIds.has(s.activityId));
    const offered = p.ordered ? open.slice(0, 1) : open;
    for (const step of offered) {
      const activity = byId.get(step.activityId);
      if (!activity) continue;
      const n = p.ordered ? p.steps.indexOf(step) + 1 : p.done + 1;
      out.learning_path.push({ kind: 'learning_path', activity, reason: { key: 'path.reason.learningPath', params: { n, total: p.total, path: p.title } } });
    }
  }

  const themeName = new Map(f.themes.map((th) => [th.id, th.name]));
  const highest = new Map<number, number>(); // theme → highest level done in it
  for (const d of f.done) for (const th of d.themeIds) highest.set(th, Math.max(highest.get(th) ?? -1, levelRank[d.level]));

  // (e) Deepen: a theme done, one level up (or more, after the exact next level).
  const deepen: Array<{ s: Suggestion; gap: number }> = [];
  for (const a of pool) {
    let best: { theme: number; gap: number } | undefined;
    for (const th of a.themeIds) {
      const done = highest.get(th);
      if (done === undefined) continue;
      const gap = levelRank[a.level] - done;
      if (gap >= 1 && (!best || gap < best.gap)) best = { theme: th, gap };
    }
    if (best && themeName.has(best.theme)) {
      const key: MessageKey = a.level === 'advanced' ? 'path.reason.deepen.advanced' : 'path.reason.deepen.deepening';
      deepen.push({ s: { kind: 'deepen', activity: a, reason: { key, params: { theme: themeName.get(best.theme)! } } }, gap: best.gap });
    }
  }
  out.deepen = deepen.sort((x, y) => x.gap - y.gap).map((d) => d.s);

  // (d) Broaden: a theme not tried yet, one activity per theme, an introduction first; themes in the ecosystem's order.
  for (const th of f.themes) {
    if (highest.has(th.id)) continue;
    const inTheme = pool.filter((a) => a.themeIds.includes(th.id));
    // Best: a first acquaintance wholly new to the child; then any first acquaintance; then anything in the theme.
    const pick =
      inTheme.find((a) => a.level === 'introduction' && a.themeIds.every((x) => !highest.has(x))) ?? inTheme.find((a) => a.level === 'introduction') ?? inTheme[0];
    if (pick) out.broaden.push({ kind: 'broaden', activity: pick, reason: { key: 'path.reason.broaden', params: { theme: th.name } } });
  }

  // (f) On-ramps: small, short, free or cheap, close to a place the child already knows.
  const onRamps: Array<{ s: Suggestion; km: number }> = [];
  for (const a of pool) {
    if (a.level !== 'introduction' || a.priceCents > onRampMaxPriceCents) continue;
    if (a.nextStartsAt && a.nextEndsAt && a.nextEndsAt.getTime() - a.nextStartsAt.getTime() > onRampMaxMinutes * 60_000) continue;
    const near = nearest(a, f.visited);
    if (!near || near.km > onRampKm) continue;
    onRamps.push({ s: { kind: 'on_ramp', activity: a, reason: { key: 'path.reason.onRamp', params: { place: near.place.name ?? '' } }, distanceKm: near.km }, km: near.km });
  }
  out.on_ramp = onRamps.sort((x, y) => x.km - y.km || byStart(x.s.activity, y.s.activity)).map((o) => o.s);

  // (c) Upcoming sessions nearby: from home when the profile says where that is, else from places visited; soonest first.
  const origins = f.home ? [f.home] : f.visited;
  for (const a of pool) {
    const near = nearest(a, origins);
    if (!near || near.km > nearbyKm) continue;
    const reason: Reason = near.place.name === undefined
      ? { key: 'path.reason.nearbyHome', params: {} }
      : { key: 'path.reason.nearbyPlace', params: { place: near.place.name } };
    out.nearby.push({ kind: 'nearby', activity: a, reason, distanceKm: near.km });
  }
  return out;
}

/**
 * Picks at most `limit` suggestions: only eligible activities, each once, the
 * curated ones first, then learning paths, then the rest taken in turn from
 * each kind so that the handful is varied; no kind takes more than two places
 * while another kind still has something to offer.
 */
export function chooseSuggestions(facts: SuggestionFacts, limit = suggestionLimit): Suggestion[] {
  const queues = candidatesByKind(facts);
  for (const kind of suggestionKinds) queues[kind] = queues[kind].filter((s) => eligible(s.activity, facts));
  const chosen: Suggestion[] = [];
  const taken = new Set<number>();
  const count: Record<SuggestionKind, number> = { curated: 0, learning_path: 0, deepen: 0, broaden: 0, on_ramp: 0, nearby: 0 };
  const takeFrom = (kind: SuggestionKind, cap: number): boolean => {
    const queue = queues[kind];
    while (queue.length > 0 && count[kind] < cap && chosen.length < limit) {
      const next = queue.shift()!;
      if (taken.has(next.activity.id)) continue;
      taken.add(next.activity.id);
      chosen.push(next);
      count[kind]++;
      return true;
    }
    return false;
  };
  // Curated and learning-path steps first, each kind up to its share.
  for (const kind of ['curated', 'learning_path'] as const) while (takeFrom(kind, perKind));
  // Then the rest in turns, one of each kind per round.
  const rest: SuggestionKind[] = ['deepen', 'broaden', 'on_ramp', 'nearby'];
  for (let progress = true; progress && chosen.length < limit; ) {
    progress = false;
    for (const kind of rest) if (takeFrom(kind, perKind)) progress = true;
  }
  // Still room: anything left, in rank order, whatever its kind.
  for (const kind of suggestionKinds) while (takeFrom(kind, Infinity));
  const group = (s: Suggestion) => (s.kind === 'curated' ? 0 : s.kind === 'learning_path' ? 1 : 2);
  return chosen.map((s, i) => ({ s, i })).sort((x, y) => group(x.s) - group(y.s) || x.i - y.i).map((x) => x.s);
}

// ---------------------------------------------------------------------------
// Loading the facts: bounded queries, each starting from an index.

/** Candidates per source; enough to choose six from after filtering, few enough to stay cheap. */
const curatedLimit = 40;
const poolPerPlace = 60;
/** Locations looked at around one place: the nearest ones, wherever the offer is dense. */
const nearestLocations = 40;
/** The first, small box around a place (km); the whole radius only if it holds too little. */
const firstRadiusKm = 2;
const soonSessions = 300;
const soonActivities = 40;
/** Most known places the pool looks around. */
const visitedPlaces = 3;
/** Most activities done that curated next steps are looked up for (the most recent). */
const recentDone = 50;

interface CandidateRow {
  id: number;
  title: string;
  summary: string;
  level: Level;
  format: string;
  status: string;
  min_age: number;
  max_age: number;
  price_cents: number;
  online: boolean;
  organisation_name: string;
  location_id: number | null;
  location_name: string | null;
  city: string | null;
  lat: number | null;
  lng: number | null;
  theme_ids: number[];
  next_starts_at: Date | null;
  next_ends_at: Date | null;
}

function toCandidate(r: CandidateRow): CandidateActivity {
  return {
    id: r.id,
    title: r.title,
    summary: r.summary,
    level: r.level,
    format: r.format,
    status: r.status,
    minAge: r.min_age,
    maxAge: r.max_age,
    priceCents: r.price_cents,
    online: r.online,
    organisationName: r.organisation_name,
    locationId: r.location_id,
    locationName: r.location_name,
    city: r.city,
    lat: r.lat,
    lng: r.lng,
    themeIds: r.theme_ids,
    nextStartsAt: r.next_starts_at === null ? null : new Date(r.next_starts_at),
    nextEndsAt: r.next_ends_at === null ? null : new Date(r.next_ends_at),
  };
}

/** The columns of a candidate, from `a` (activities), `o` (organisations), `l` (its location) and `ns` (its next session). */
const candidateColumns = sql`a.id, a.title, a.summary, a.level, a.format, a.status, a.min_age, a.max_age, a.price_cents, a.online,
  o.name as organisation_name, l.id as location_id, l.name as location_name, l.city, l.lat, l.lng,
  array(select t.theme_id from activity_themes t where t.activity_id = a.id order by t.theme_id) as theme_ids,
  ns.starts_at as next_starts_at, ns.ends_at as next_ends_at`;

/** The first scheduled session from now on, by the (activity_id, starts_at) index. */
function nextSession(now: Date, join: 'inner' | 'left'): RawBuilder<unknown> {
  const lateral = sql`lateral (select s.starts_at, s.ends_at from sessions s
    where s.activity_id = a.id and s.status = 'scheduled' and s.starts_at >= ${now} order by s.starts_at limit 1) ns on true`;
  return join === 'inner' ? sql`join ${lateral}` : sql`left join ${lateral}`;
}

/** What every suggestion query asks of an activity, before the exact checks in `eligible`. */
function openFilter(ecosystemId: number, now: Date, age: SuggestionFacts['age'], doneIds: readonly number[]): RawBuilder<unknown> {
  const parts = [sql`a.ecosystem_id = ${ecosystemId}`, sql`a.status = 'published'`, sql`a.last_session_at >= ${now}`];
  if (age) parts.push(sql`a.min_age <= ${age.max} and a.max_age >= ${age.min}`);
  if (doneIds.length > 0) parts.push(sql`a.id <> all(${doneIds}::int[])`);
  return sql.join(parts, sql` and `);
}

/**
 * Upcoming activities at the locations nearest to a place. A small box first
 * and the whole radius only when the small one holds too little: in a dense
 * city a box of 8 km holds half the region's locations, in a village a box of
 * 2 km may hold none.
 */
async function loadNear(db: Kysely<DB>, ecosystemId: number, place: Place, km: number, now: Date, age: SuggestionFacts['age'], doneIds: readonly number[]): Promise<CandidateActivity[]> {
  const close = await loadNearWithin(db, ecosystemId, place, Math.min(firstRadiusKm, km), now, age, doneIds);
  return close.length >= poolPerPlace || km <= firstRadiusKm ? close : loadNearWithin(db, ecosystemId, place, km, now, age, doneIds);
}

async function loadNearWithin(db: Kysely<DB>, ecosystemId: number, place: Place, km: number, now: Date, age: SuggestionFacts['age'], doneIds: readonly number[]): Promise<CandidateActivity[]> {
  // The nearest locations first, in a box the (ecosystem_id, lat, lng) index finds, then only their
  // activities: looking up the next session of every activity in the box would cost a second in a
  // dense region (measured: bench/path-page.ts).
  const dLat = km / 111.2;
  const cosLat = Math.cos((place.lat * Math.PI) / 180);
  const dLng = km / (111.2 * cosLat);
  const result = await sql<CandidateRow>`
    with l as (
      select id, name, city, lat, lng, power(lat - ${place.lat}, 2) + power((lng - ${place.lng}) * ${cosLat}, 2) as d
      from locations
      where ecosystem_id = ${ecosystemId} and status = 'active'
        and lat between ${place.lat - dLat} and ${place.lat + dLat}
        and lng between ${place.lng - dLng} and ${place.lng + dLng}
      order by d, id
      limit ${nearestLocations})
    select ${candidateColumns}
    from l
    join activities a on a.location_id = l.id
    join organisations o on o.id = a.organisation_id
    ${nextSession(now, 'inner')}
    where ${openFilter(ecosystemId, now, age, doneIds)}
    order by l.d, ns.starts_at, a.id
    limit ${poolPerPlace}`.execute(db);
  return result.rows.map(toCandidate);
}

/** The ecosystem's soonest upcoming activities, for a child without a known place (and to widen a thin pool). */
async function loadSoon(db: Kysely<DB>, ecosystemId: number, now: Date, age: SuggestionFacts['age'], doneIds: readonly number[]): Promise<CandidateActivity[]> {
  const result = await sql<CandidateRow>`
    with soon as (
      select s.activity_id, min(s.starts_at) as first_start
      from (select activity_id, starts_at from sessions
            where ecosystem_id = ${ecosystemId} and status = 'scheduled' and starts_at >= ${now}
            order by starts_at limit ${soonSessions}) s
      group by s.activity_id)
    select ${candidateColumns}
    from soon
    join activities a on a.id = soon.activity_id
    join organisations o on o.id = a.organisation_id
    left join locations l on l.id = a.location_id
    ${nextSession(now, 'inner')}
    where ${openFilter(ecosystemId, now, age, doneIds)}
    order by soon.first_start, a.id
    limit ${soonActivities}`.execute(db);
  return result.rows.map(toCandidate);
}

async function loadCurated(db: Kysely<DB>, ecosystemId: number, fromIds: readonly number[], now: Date, age: SuggestionFacts['age'], doneIds: readonly number[]): Promise<CuratedFact[]> {
  if (fromIds.length === 0) return [];
  const result = await sql<CandidateRow & { from_activity_id: number; from_title: string; kind: CuratedFact['kind']; note: string; position: number }>`
    select ${candidateColumns}, n.from_activity_id, f.title as from_title, n.kind, n.reason as note, n.position
    from next_steps n
    join activities f on f.id = n.from_activity_id
    join activities a on a.id = n.to_activity_id
    join organisations o on o.id = a.organisation_id
    left join locations l on l.id = a.location_id
    ${nextSession(now, 'inner')}
    where n.from_activity_id = any(${fromIds}::int[]) and n.ecosystem_id = ${ecosystemId}
      and ${openFilter(ecosystemId, now, age, doneIds)}
    order by n.position, n.id
    limit ${curatedLimit}`.execute(db);
  return result.rows.map((r) => ({ fromActivityId: r.from_activity_id, fromTitle: r.from_title, kind: r.kind, note: r.note, position: r.position, activity: toCandidate(r) }));
}

/** The step activities of learning paths, whether or not they have a session coming (the chooser decides). */
async function loadStepActivities(db: Kysely<DB>, ecosystemId: number, ids: readonly number[], now: Date): Promise<CandidateActivity[]> {
  if (ids.length === 0) return [];
  const result = await sql<CandidateRow>`
    select ${candidateColumns}
    from activities a
    join organisations o on o.id = a.organisation_id
    left join locations l on l.id = a.location_id
    ${nextSession(now, 'left')}
    where a.ecosystem_id = ${ecosystemId} and a.id = any(${ids}::int[])
    limit 500`.execute(db);
  return result.rows.map(toCandidate);
}

async function homeOf(db: Kysely<DB>, ecosystemId: number, pass: PathPass): Promise<Place | undefined> {
  if (pass.postcode) {
    const area = await db.selectFrom('postcode_areas').select(['lat', 'lng']).where('ecosystem_id', '=', ecosystemId).where('postcode', '=', pass.postcode).executeTakeFirst();
    if (area) return { lat: area.lat, lng: area.lng };
  }
  if (pass.neighbourhoodId !== null) {
    const hood = await db
      .selectFrom('neighbourhoods')
      .select(['centroid_lat as lat', 'centroid_lng as lng'])
      .where('ecosystem_id', '=', ecosystemId)
      .where('id', '=', pass.neighbourhoodId)
      .executeTakeFirst();
    if (hood) return { lat: hood.lat, lng: hood.lng };
  }
  return undefined;
}

/**
 * Gathers the candidates for one pass. `done` are its steps, most recent first
 * (from `loadPathSteps`), `doneIds` every activity it took part in, `paths`
 * the learning paths it started (from `loadLearningPathProgress`).
 */
export async function loadSuggestionFacts(
  db: Kysely<DB>,
  ecosystemId: number,
  input: { pass: PathPass; done: DoneStep[]; doneIds: ReadonlySet<number>; paths: LearningPathProgress[]; themes: Array<{ id: number; name: string }> },
  now: Date = new Date(),
): Promise<SuggestionFacts> {
  const { pass, done, doneIds, paths } = input;
  const age = ageRange(pass.birthYear, done, now);
  const doneList = [...doneIds];
  const recent = [...new Set(done.map((d) => d.activityId))].slice(0, recentDone);
  const visited: Place[] = [];
  const seenLocations = new Set<number>();
  for (const d of done) {
    if (d.locationId === null || d.lat === null || d.lng === null || seenLocations.has(d.locationId)) continue;
    seenLocations.add(d.locationId);
    visited.push({ lat: d.lat, lng: d.lng, name: d.locationName ?? '' });
    if (visited.length === visitedPlaces) break;
  }
  const stepIds = [...new Set(paths.flatMap((p) => p.steps.map((s) => s.activityId)).filter((id) => !doneIds.has(id)))];

  // Every query at once; only the one around home waits, for where home is.
  const finding = homeOf(db, ecosystemId, pass);
  const [home, curated, stepActivities, soon, ...near] = await Promise.all([
    finding,
    loadCurated(db, ecosystemId, recent, now, age, doneList),
    loadStepActivities(db, ecosystemId, stepIds, now),
    loadSoon(db, ecosystemId, now, age, doneList),
    finding.then((place) => (place ? loadNear(db, ecosystemId, place, nearbyKm, now, age, doneList) : [])),
    ...visited.map((place) => loadNear(db, ecosystemId, place, nearbyKm, now, age, doneList)),
  ]);
  const pool = new Map<number, CandidateActivity>();
  for (const a of [...near.flat(), ...soon]) if (!pool.has(a.id)) pool.set(a.id, a);
  const stepById = new Map(stepActivities.map((a) => [a.id, a]));
  return {
    now,
    age,
    doneIds,
    done,
    curated,
    paths: paths.map((p) => ({ ...p, activities: p.steps.map((s) => stepById.get(s.activityId)).filter((a): a is CandidateActivity => a !== undefined) })),
    home,
    visited,
    pool: [...pool.values()],
    themes: input.themes,
  };
}
