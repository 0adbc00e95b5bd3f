/**
 * A proposed rewrite of `searchActivities` (src/modules/catalogue/queries/activity-search.ts),
 * kept in bench/ so it can be measured beside the repository's version with
 * `npm run bench:search -- --variant proposal`. Same signature, same results
 * (the benchmark checks that both give the same ids, order and total for every
 * query of the mix); only the SQL differs:
 *
 * 1. Sorting by date walks the sessions in time order (index
 *    sessions_ecosystem_start) and stops after one page, instead of computing
 *    every match's next session and sorting them all. A session counts as an
 *    activity's next one when no earlier session of that activity lies in the
 *    window. Activities without a session (only possible without a date filter)
 *    follow in id order, from a second query that runs only when the sessions
 *    did not fill the page.
 * 2. Sorting by relevance or distance first takes the page's rows (with ties on
 *    the sort key) and only then looks up their next session, so the
 *    correlated subquery runs ~20 times instead of once per match.
 * 3. The count is skipped when the page is not full (the total is then known),
 *    and stops at `countCap` (a parameter here, to measure a lower cap).
 *
 * whereSql and dateWindow are copied from the repository's file (they are not
 * exported); the date condition can be left out where the sessions already
 * carry it.
 */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../src/db/schema.js';
import {
  amsterdamMidnight,
  distanceSql,
  type ResolvedSearch,
  type SearchResult,
} from '../src/modules/catalogue/queries/activity-search.js';
import type { SearchParams } from '../src/modules/catalogue/queries/search-params.js';

export interface ProposalOptions {
  countCap: number;
}

function whereSql(
  ecosystemId: number,
  s: ResolvedSearch,
  now: Date,
  options: { dateCondition: boolean; originCondition?: boolean },
): RawBuilder<SqlBool> {
  const p = s.params;
  const parts: RawBuilder<unknown>[] = [
    sql`a.ecosystem_id = ${ecosystemId}`,
    sql`a.status = 'published'`,
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
  if ((p.from || p.to) && options.dateCondition) {
    const { from, to } = dateWindow(p, now);
    parts.push(sql`exists (select 1 from sessions s where s.activity_id = a.id and s.status = 'scheduled'
      and s.starts_at >= ${from} and s.starts_at < ${to})`);
  }
  if (s.origin && options.originCondition !== false) {
    const dLat = p.km / 111.2;
    const dLng = p.km / (111.2 * Math.cos((s.origin.lat * Math.PI) / 180));
    parts.push(sql`l.lat between ${s.origin.lat - dLat} and ${s.origin.lat + dLat}`);
    parts.push(sql`l.lng between ${s.origin.lng - dLng} and ${s.origin.lng + dLng}`);
    parts.push(sql`${distanceSql(s.origin)} <= ${p.km}`);
  }
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
}

function dateWindow(p: SearchParams, now: Date): { from: Date; to: Date } {
  const from = p.from ? amsterdamMidnight(p.from) : now;
  const to = p.to ? new Date(amsterdamMidnight(p.to).getTime() + 86_400_000) : new Date('9999-12-31T00:00:00Z');
  return { from: from < now ? now : from, to };
}

interface Row {
  id: number; title: string; summary: string; format: string; setting: string; level: string;
  min_age: number; max_age: number; price_cents: number; online: boolean; organisation_name: string;
  city: string | null; lat: number | null; lng: number | null; location_id: number | null;
  distance_km: number | null; next_session_at: Date | null; theme_ids: number[];
}

const columns = sql`a.id, a.title, a.summary, a.format, a.setting, a.level, a.min_age, a.max_age, a.price_cents, a.online,
  o.name as organisation_name, l.city, l.lat, l.lng, a.location_id`;

export async function searchActivitiesProposed(
  db: Kysely<DB>,
  ecosystemId: number,
  s: ResolvedSearch,
  now: Date = new Date(),
  options: ProposalOptions = { countCap: 10_000 },
): Promise<SearchResult> {
  const p = s.params;
  const { from, to } = dateWindow(p, now);
  const distance = s.origin ? distanceSql(s.origin) : sql<number>`null::float8`;
  const offset = (p.page - 1) * p.perPage;
  const upTo = offset + p.perPage;
  const hasWindow = Boolean(p.from || p.to);
  const themeIds = sql`array(select t.theme_id from activity_themes t where t.activity_id = x.id order by t.theme_id)`;

  let rows: Row[];
  if (p.sort === 'date') {
    const where = whereSql(ecosystemId, s, now, { dateCondition: false });
    // Each activity once, at its first session in the window, in time order.
    const withSession = sql`
      select ${columns}, ${distance} as distance_km, s.starts_at as next_session_at
      from sessions s
      join activities a on a.id = s.activity_id
      join organisations o on o.id = a.organisation_id
      left join locations l on l.id = a.location_id
      where s.ecosystem_id = ${ecosystemId} and s.status = 'scheduled' and s.starts_at >= ${from} and s.starts_at < ${to}
        and not exists (select 1 from sessions s2 where s2.activity_id = s.activity_id and s2.status = 'scheduled'
          and s2.starts_at >= ${from} and (s2.starts_at, s2.id) < (s.starts_at, s.id))
        and ${where}
      order by s.starts_at, a.id
      limit ${upTo}`;
    // Activities without a session in the window come last, in id order; only
    // asked for when the sessions did not fill the pages up to this one.
    const first = (await sql<Row>`select x.*, ${themeIds} as theme_ids from (${withSession}) x order by x.next_session_at, x.id`.execute(db)).rows;
    let rest: Row[] = [];
    if (!hasWindow && first.length < upTo) {
      rest = (await sql<Row>`
        select x.*, ${themeIds} as theme_ids from (
          select ${columns}, ${distance} as distance_km, null::timestamptz as next_session_at
          from activities a
          join organisations o on o.id = a.organisation_id
          left join locations l on l.id = a.location_id
          where ${where}
            and not exists (select 1 from sessions s where s.activity_id = a.id and s.status = 'scheduled' and s.starts_at >= ${from} and s.starts_at < ${to})
          order by a.id
          limit ${upTo - first.length}) x
        order by x.id`.execute(db)).rows;
    }
    rows = [...first, ...rest].slice(offset, upTo);
  } else {
    let ranked: RawBuilder<unknown>;
    let keyOrder: RawBuilder<unknown>;
    if (p.sort === 'distance' && s.origin) {
      // Nearest locations first (a few thousand, cheap to sort), then their
      // activities through activities_location, so a broad query stops after a page.
      const o = s.origin;
      const dLat = p.km / 111.2;
      const dLng = p.km / (111.2 * Math.cos((o.lat * Math.PI) / 180));
      const where = whereSql(ecosystemId, s, now, { dateCondition: true, originCondition: false });
      keyOrder = sql`asc`;
      ranked = sql`
        select a.id, lx.dist as sort_key
        from (select l.id, ${distanceSql(o)} as dist from locations l
              where l.ecosystem_id = ${ecosystemId} and l.lat between ${o.lat - dLat} and ${o.lat + dLat}
                and l.lng between ${o.lng - dLng} and ${o.lng + dLng}
              order by dist) lx
        join activities a on a.location_id = lx.id
        where lx.dist <= ${p.km} and ${where}
        order by lx.dist
        fetch first (${upTo}) rows with ties`;
    } else {
      const where = whereSql(ecosystemId, s, now, { dateCondition: true });
      const key = p.sort === 'relevance' ? sql`ts_rank_cd(a.search_vector, websearch_to_tsquery('dutch', ${p.q ?? ''}))` : distance;
      keyOrder = p.sort === 'relevance' ? sql`desc` : sql`asc nulls last`;
      ranked = sql`
        select a.id, ${key} as sort_key
        from activities a
        left join locations l on l.id = a.location_id
        where ${where}
        order by sort_key ${keyOrder}
        fetch first (${upTo}) rows with ties`;
    }
    // Narrow rows (id, key) are sorted; the page's rows, and any that tie with the
    // last on the key, are then read in full and get their next session.
    const page = sql<Row>`
      select ${columns}, ${distance} as distance_km,
        (select min(s.starts_at) from sessions s where s.activity_id = a.id and s.status = 'scheduled'
          and s.starts_at >= ${from} and s.starts_at < ${to}) as next_session_at,
        array(select t.theme_id from activity_themes t where t.activity_id = a.id order by t.theme_id) as theme_ids
      from (${ranked}) x
      join activities a on a.id = x.id
      join organisations o on o.id = a.organisation_id
      left join locations l on l.id = a.location_id
      order by x.sort_key ${keyOrder}, next_session_at asc nulls last, a.id
      limit ${p.perPage} offset ${offset}`;
    rows = (await page.execute(db)).rows;
  }

  let n: number;
  if (rows.length > 0 && rows.length < p.perPage) {
    n = offset + rows.length; // the last page: the total is known
  } else if (rows.length === 0 && p.page === 1) {
    n = 0;
  } else {
    const where = whereSql(ecosystemId, s, now, { dateCondition: true });
    const counted = await sql<{ n: number }>`
      select count(*)::int as n from (
        select 1 from activities a left join locations l on l.id = a.location_id
        where ${where} limit ${options.countCap + 1}) m`.execute(db);
    n = counted.rows[0]?.n ?? 0;
  }

  return {
    hits: rows.map((r) => ({
      id: r.id, title: r.title, summary: r.summary, format: r.format, setting: r.setting, level: r.level,
      minAge: r.min_age, maxAge: r.max_age, priceCents: r.price_cents, online: r.online,
      organisationName: r.organisation_name, city: r.city, lat: r.lat, lng: r.lng, locationId: r.location_id,
      distanceKm: r.distance_km === null ? null : Math.round(Number(r.distance_km) * 10) / 10,
      nextSessionAt: r.next_session_at, themeIds: r.theme_ids,
    })),
    total: Math.min(n, options.countCap),
    totalCapped: n > options.countCap,
    page: p.page,
    perPage: p.perPage,
  };
}
