import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { FieldProblem } from '../../../core/errors.js';
import type { DB } from '../../../db/schema.js';
import type { SearchParams } from './search-params.js';

/** Where distances are measured from: a postcode area or a place, resolved in this ecosystem. */
export interface Origin {
  lat: number;
  lng: number;
  label: string;
}

export interface ResolvedSearch {
  params: SearchParams;
  themeIds: number[];
  origin: Origin | undefined;
}

export interface SearchHit {
  id: number;
  title: string;
  summary: string;
  format: string;
  setting: string;
  level: string;
  minAge: number;
  maxAge: number;
  priceCents: number;
  online: boolean;
  organisationName: string;
  city: string | null;
  lat: number | null;
  lng: number | null;
  locationId: number | null;
  distanceKm: number | null;
  nextSessionAt: Date | null;
  themeIds: number[];
}

export interface SearchResult {
  hits: SearchHit[];
  /** Number of matches, counted up to `countCap`; `totalCapped` says the real number is larger. */
  total: number;
  totalCapped: boolean;
  page: number;
  perPage: number;
}

/** Counting every match of a broad query costs more than the page itself; past this we say "more than". */
export const countCap = 10_000;

/**
 * Checks what only the ecosystem can tell: do the themes exist, is the
 * postcode or place in this region. Returns the ids and coordinates the query needs.
 */
export async function resolveSearch(
  db: Kysely<DB>,
  ecosystemId: number,
  params: SearchParams,
): Promise<{ resolved: ResolvedSearch; problems: FieldProblem[] }> {
  let themes: Array<{ id: number; slug: string }> = [];
  if (params.themes.length > 0) {
    themes = await db
      .selectFrom('themes')
      .select(['id', 'slug'])
      .where('ecosystem_id', '=', ecosystemId)
      .where('slug', 'in', params.themes)
      .where('status', '=', 'active')
      .execute();
  }
  let area: PostcodeArea | undefined;
  if (params.postcode) {
    area = await db
      .selectFrom('postcode_areas')
      .select(['lat', 'lng', 'place'])
      .where('ecosystem_id', '=', ecosystemId)
      .where('postcode', '=', params.postcode)
      .executeTakeFirst();
  }
  const place = !params.postcode && params.place ? await findPlace(db, ecosystemId, params.place) : undefined;
  return resolved(params, themes, area, place);
}

/** A postcode area's centre and the place it belongs to. */
export interface PostcodeArea {
  lat: number;
  lng: number;
  place: string;
}

/**
 * An ecosystem's active themes (slug → id) and postcode areas: what resolving
 * most finder queries needs, small enough to keep in memory (see `OfferIndexStore`).
 */
export interface SearchVocabulary {
  themes: Map<string, number>;
  postcodes: Map<string, PostcodeArea>;
}

export async function loadSearchVocabulary(db: Kysely<DB>, ecosystemId: number): Promise<SearchVocabulary> {
  const [themes, areas] = await Promise.all([
    db.selectFrom('themes').select(['id', 'slug']).where('ecosystem_id', '=', ecosystemId).where('status', '=', 'active').execute(),
    db.selectFrom('postcode_areas').select(['postcode', 'lat', 'lng', 'place']).where('ecosystem_id', '=', ecosystemId).execute(),
  ]);
  return {
    themes: new Map(themes.map((t) => [t.slug, t.id])),
    postcodes: new Map(areas.map((a) => [a.postcode, { lat: a.lat, lng: a.lng, place: a.place }])),
  };
}

/**
 * `resolveSearch` for a query without a place, from a loaded vocabulary:
 * the same answers and problems without a database round trip.
 */
export function resolveWithVocabulary(vocabulary: SearchVocabulary, params: SearchParams): { resolved: ResolvedSearch; problems: FieldProblem[] } {
  if (params.place && !params.postcode) throw new Error('places are resolved by resolveSearch');
  const themes: Array<{ id: number; slug: string }> = [];
  for (const slug of params.themes) {
    const id = vocabulary.themes.get(slug);
    if (id !== undefined) themes.push({ id, slug });
  }
  return resolved(params, themes, params.postcode ? vocabulary.postcodes.get(params.postcode) : undefined, undefined);
}

function resolved(
  params: SearchParams,
  themes: Array<{ id: number; slug: string }>,
  area: PostcodeArea | undefined,
  place: Origin | undefined,
): { resolved: ResolvedSearch; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  for (const slug of params.themes) {
    if (!themes.some((t) => t.slug === slug)) problems.push({ field: 'theme', key: 'search.theme.unknown', params: { value: slug } });
  }
  let origin: Origin | undefined;
  if (params.postcode) {
    if (area) origin = { lat: area.lat, lng: area.lng, label: `${params.postcode} ${area.place}` };
    else problems.push({ field: 'postcode', key: 'search.postcode.unknown', params: { postcode: params.postcode } });
  } else if (params.place) {
    origin = place;
    if (!origin) problems.push({ field: 'place', key: 'search.place.unknown', params: { place: params.place } });
  }
  return { resolved: { params, themeIds: themes.map((t) => t.id), origin }, problems };
}

async function findPlace(db: Kysely<DB>, ecosystemId: number, place: string): Promise<Origin | undefined> {
  const name = place.toLowerCase();
  const hood = await db
    .selectFrom('neighbourhoods')
    .select(['name', 'centroid_lat as lat', 'centroid_lng as lng'])
    .where('ecosystem_id', '=', ecosystemId)
    .where(sql<SqlBool>`lower(name) = ${name}`)
    .executeTakeFirst();
  if (hood) return { lat: hood.lat, lng: hood.lng, label: hood.name };
  // A town made of several postcode areas: its centre is the mean of theirs.
  const town = await db
    .selectFrom('postcode_areas')
    .select([sql<string>`min(place)`.as('name'), sql<number>`avg(lat)`.as('lat'), sql<number>`avg(lng)`.as('lng'), sql<number>`count(*)::int`.as('n')])
    .where('ecosystem_id', '=', ecosystemId)
    .where(sql<SqlBool>`lower(place) = ${name}`)
    .executeTakeFirst();
  if (town && town.n > 0) return { lat: Number(town.lat), lng: Number(town.lng), label: town.name };
  return undefined;
}

/** Great-circle distance in km between a location row and a point (haversine; adequate at regional scale). */
export function distanceSql(origin: Origin): RawBuilder<number> {
  return sql<number>`(6371 * 2 * asin(sqrt(
    power(sin(radians(l.lat - ${origin.lat}) / 2), 2) +
    cos(radians(${origin.lat})) * cos(radians(l.lat)) * power(sin(radians(l.lng - ${origin.lng}) / 2), 2))))`;
}

/**
 * The filters of a finder query as one SQL condition on `a` (activities) and
 * `l` (its location). Shared by the page of results, the count and the map.
 */
function whereSql(ecosystemId: number, s: ResolvedSearch, now: Date): RawBuilder<SqlBool> {
  const p = s.params;
  const parts: RawBuilder<unknown>[] = [
    sql`a.ecosystem_id = ${ecosystemId}`,
    sql`a.status = 'published'`,
    // Activities whose last session is over are no longer on offer; those
    // without sessions are offered on request.
    sql`(a.last_session_at is null or a.last_session_at >= ${now})`,
  ];
  if (p.q) parts.push(sql`a.search_vector @@ websearch_to_tsquery('dutch', ${p.q})`);
  if (s.themeIds.length > 0) {
    parts.push(sql`exists (select 1 from activity_themes t where t.activity_id = a.id and t.theme_id = any(${s.themeIds}::int[]))`);
  }
  if (p.age !== undefined) parts.push(sql`a.min_age <= ${p.age} and a.max_age >= ${p.age}`);
  if (p.free) parts.push(sql`a.price_cents = 0`);
  if (p.maxPriceCents !== undefined) parts.push(sql`a.price_cents <= ${p.maxPriceCents}`);
  if (p.accessibility.length > 0) parts.push(sql`a.accessibility @> ${p.accessibility}::text[]`);
  if (p.formats.length > 0) parts.push(sql`a.format = any(${p.formats}::text[])`);
  if (p.setting) parts.push(sql`a.setting in (${p.setting}, 'both')`);
  if (p.from || p.to) {
    const { from, to } = dateWindow(p, now);
    parts.push(sql`exists (select 1 from sessions s where s.activity_id = a.id and s.status = 'scheduled'
      and s.starts_at >= ${from} and s.starts_at < ${to})`);
  }
  if (s.origin) {
    // A bounding box first, so the index narrows the rows before the exact distance.
    const dLat = p.km / 111.2;
    const dLng = p.km / (111.2 * Math.cos((s.origin.lat * Math.PI) / 180));
    parts.push(sql`l.lat between ${s.origin.lat - dLat} and ${s.origin.lat + dLat}`);
    parts.push(sql`l.lng between ${s.origin.lng - dLng} and ${s.origin.lng + dLng}`);
    parts.push(sql`${distanceSql(s.origin)} <= ${p.km}`);
  }
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
}

/** Dates are whole days in the Netherlands; `to` includes its day. */
function dateWindow(p: SearchParams, now: Date): { from: Date; to: Date } {
  const from = p.from ? amsterdamMidnight(p.from) : now;
  const to = p.to ? new Date(amsterdamMidnight(p.to).getTime() + 86_400_000) : new Date('9999-12-31T00:00:00Z');
  return { from: from < now ? now : from, to };
}

const midnights = new Map<string, number>();

/** Midnight at the start of a calendar day in Amsterdam, as an instant. */
export function amsterdamMidnight(day: string): Date {
  // Formatting with a time zone is slow, and finder queries repeat the same few days.
  const known = midnights.get(day);
  if (known !== undefined) return new Date(known);
  const at = amsterdamMidnightOnce(day);
  if (midnights.size >= 1_000) midnights.clear();
  midnights.set(day, at.getTime());
  return at;
}

function amsterdamMidnightOnce(day: string): Date {
  const utcMidnight = new Date(`${day}T00:00:00Z`);
  const offsetHours = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', hourCycle: 'h23' }).format(utcMidnight),
  );
  return new Date(utcMidnight.getTime() - offsetHours * 3_600_000);
}

function orderSql(s: ResolvedSearch): RawBuilder<unknown> {
  switch (s.params.sort) {
    case 'relevance':
      return sql`ts_rank_cd(a.search_vector, websearch_to_tsquery('dutch', ${s.params.q ?? ''})) desc, next_session_at asc nulls last, a.id`;
    case 'distance':
      return sql`distance_km asc nulls last, next_session_at asc nulls last, a.id`;
    case 'date':
      return sql`next_session_at asc nulls last, a.id`;
  }
}

/** One page of a finder query, with the number of matches. */
export async function searchActivities(
  db: Kysely<DB>,
  ecosystemId: number,
  s: ResolvedSearch,
  now: Date = new Date(),
): Promise<SearchResult> {
  const p = s.params;
  const where = whereSql(ecosystemId, s, now);
  const { from, to } = dateWindow(p, now);
  const distance = s.origin ? distanceSql(s.origin) : sql<number>`null::float8`;
  const offset = (p.page - 1) * p.perPage;

  const rows = await sql<{
    id: number; title: string; summary: string; format: string; setting: string; level: string;
    min_age: number; max_age: number; price_cents: number; online: boolean; organisation_name: string;
    city: string | null; lat: number | null; lng: number | null; location_id: number | null;
    distance_km: number | null; next_session_at: Date | null; theme_ids: number[];
  }>`
    select a.id, a.title, a.summary, a.format, a.setting, a.level, a.min_age, a.max_age, a.price_cents, a.online,
      o.name as organisation_name, l.city, l.lat, l.lng, a.location_id, ${distance} as distance_km,
      (select min(s.starts_at) from sessions s where s.activity_id = a.id and s.status = 'scheduled'
        and s.starts_at >= ${from} and s.starts_at < ${to}) as next_session_at,
      array(select t.theme_id from activity_themes t where t.activity_id = a.id order by t.theme_id) as theme_ids
    from activities a
    join organisations o on o.id = a.organisation_id
    left join locations l on l.id = a.location_id
    where ${where}
    order by ${orderSql(s)}
    limit ${p.perPage} offset ${offset}`.execute(db);

  const counted = await sql<{ n: number }>`
    select count(*)::int as n from (
      select 1 from activities a left join locations l on l.id = a.location_id
      where ${where} limit ${countCap + 1}) m`.execute(db);
  const n = counted.rows[0]?.n ?? 0;

  return {
    hits: rows.rows.map((r) => ({
      id: r.id,
      title: r.title,
      summary: r.summary,
      format: r.format,
      setting: r.setting,
      level: r.level,
      minAge: r.min_age,
      maxAge: r.max_age,
      priceCents: r.price_cents,
      online: r.online,
      organisationName: r.organisation_name,
      city: r.city,
      lat: r.lat,
      lng: r.lng,
      locationId: r.location_id,
      distanceKm: r.distance_km === null ? null : Math.round(Number(r.distance_km) * 10) / 10,
      nextSessionAt: r.next_session_at,
      themeIds: r.theme_ids,
    })),
    total: Math.min(n, countCap),
    totalCapped: n > countCap,
    page: p.page,
    perPage: p.perPage,
  };
}

export interface MapPlace {
  locationId: number;
  name: string;
  city: string;
  lat: number;
  lng: number;
  count: number;
  /** A few activities at this place, for the popup and the list. */
  activities: Array<{ id: number; title: string }>;
}

/** Matches grouped by location for the map, bounded so a broad query stays light. */
export async function searchMapPlaces(
  db: Kysely<DB>,
  ecosystemId: number,
  s: ResolvedSearch,
  limit: number,
  now: Date = new Date(),
): Promise<MapPlace[]> {
  const where = whereSql(ecosystemId, s, now);
  const rows = await sql<{ location_id: number; name: string; city: string; lat: number; lng: number; n: number; activities: Array<{ id: number; title: string }> }>`
    select l.id as location_id, l.name, l.city, l.lat, l.lng, count(*)::int as n,
      to_json((array_agg(json_build_object('id', a.id, 'title', a.title) order by a.title))[1:5]) as activities
    from activities a
    join locations l on l.id = a.location_id
    where ${where}
    group by l.id
    order by n desc, l.id
    limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({
    locationId: r.location_id, name: r.name, city: r.city, lat: r.lat, lng: r.lng, count: r.n, activities: r.activities,
  }));
}
