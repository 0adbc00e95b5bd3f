import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { ResolvedSearch, SearchResult } from '../queries/activity-search.js';
import { OfferIndex, type IndexedActivity } from './offer-index.js';
import { parseTsquery, type QueryNode } from './tsquery.js';

/** Past this size a reload runs in the background while searches use the previous version. */
const reloadInBackgroundFrom = 5_000;
const stemCacheSize = 10_000;

async function loadIndex(db: Kysely<DB>, ecosystemId: number, walkFrom: number | undefined): Promise<OfferIndex> {
  // Read the version first: a change committed during the load then only causes one more reload.
  const version = await currentVersion(db, ecosystemId);
  const rows = await sql<{
    id: number; title: string; summary: string; format: string; setting: string; level: string; min_age: number; max_age: number;
    price_cents: number; online: boolean; accessibility: string[]; organisation_name: string; city: string | null; lat: number | null;
    lng: number | null; location_id: number | null; theme_ids: number[]; starts: number[]; last_end: number | null; sv: string;
  }>`
    select a.id, a.title, a.summary, a.format, a.setting, a.level, a.min_age, a.max_age, a.price_cents, a.online, a.accessibility,
      o.name as organisation_name, l.city, l.lat, l.lng, a.location_id,
      array(select t.theme_id from activity_themes t where t.activity_id = a.id) as theme_ids,
      array(select (extract(epoch from s.starts_at) * 1000)::float8 from sessions s
        where s.activity_id = a.id and s.status = 'scheduled' and s.starts_at >= now() order by s.starts_at) as starts,
      (extract(epoch from a.last_session_at) * 1000)::float8 as last_end,
      a.search_vector::text as sv
    from activities a
    join organisations o on o.id = a.organisation_id
    left join locations l on l.id = a.location_id
    where a.ecosystem_id = ${ecosystemId} and a.status = 'published'
      and (a.last_session_at is null or a.last_session_at >= now())`.execute(db);
  const docs: IndexedActivity[] = rows.rows.map((r) => ({
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
    accessibility: r.accessibility,
    organisationName: r.organisation_name,
    city: r.city,
    lat: r.lat,
    lng: r.lng,
    locationId: r.location_id,
    themeIds: r.theme_ids,
    sessionStarts: Float64Array.from(r.starts.map(Number)),
    lastSessionEnd: r.last_end === null ? null : Number(r.last_end),
    searchVector: r.sv,
  }));
  return new OfferIndex(version, docs, walkFrom);
}

async function currentVersion(db: Kysely<DB>, ecosystemId: number): Promise<string> {
  const row = await db.selectFrom('ecosystems').select('offer_version').where('id', '=', ecosystemId).executeTakeFirst();
  return String(row?.offer_version ?? '0');
}

interface Entry {
  index?: OfferIndex;
  loading?: Promise<OfferIndex>;
}

/**
 * Keeps each ecosystem's published offer in memory for the finder. Every
 * search asks the database one cheap question (the offer's version, raised by
 * triggers on every change) and reloads when it moved, so a change is visible
 * to the next search. Large offers reload in the background meanwhile.
 */
export class OfferIndexStore {
  private readonly entries = new Map<number, Entry>();
  private readonly stems = new Map<string, QueryNode | undefined>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: { walkFrom?: number } = {},
  ) {}

  async search(ecosystemId: number, resolved: ResolvedSearch, now: Date = new Date()): Promise<SearchResult> {
    const [index, query] = await Promise.all([this.index(ecosystemId), resolved.params.q ? this.stem(resolved.params.q) : undefined]);
    return index.search(resolved, query, now);
  }

  /** Loads an ecosystem's index ahead of the first search (at start-up). */
  async warm(ecosystemId: number): Promise<void> {
    await this.index(ecosystemId);
  }

  private async index(ecosystemId: number): Promise<OfferIndex> {
    const version = await currentVersion(this.db, ecosystemId);
    let entry = this.entries.get(ecosystemId);
    if (!entry) this.entries.set(ecosystemId, (entry = {}));
    if (entry.index?.version === version) return entry.index;
    const load = (entry.loading ??= loadIndex(this.db, ecosystemId, this.options.walkFrom).then(
      (index) => {
        entry.index = index;
        entry.loading = undefined;
        return index;
      },
      (error: unknown) => {
        entry.loading = undefined;
        throw error;
      },
    ));
    if (entry.index && entry.index.size >= reloadInBackgroundFrom) {
      load.catch(() => {}); // the next search tries again
      return entry.index;
    }
    return load;
  }

  /** The Dutch stemming of a query, from the database, remembered because people search the same words. */
  private async stem(q: string): Promise<QueryNode | undefined> {
    if (this.stems.has(q)) return this.stems.get(q);
    const row = await sql<{ t: string }>`select websearch_to_tsquery('dutch', ${q})::text as t`.execute(this.db);
    const node = parseTsquery(row.rows[0]?.t ?? '');
    if (this.stems.size >= stemCacheSize) this.stems.clear();
    this.stems.set(q, node);
    return node;
  }
}
