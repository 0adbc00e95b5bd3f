import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { FieldProblem } from '../../../core/errors.js';
import { writeClock } from '../../../db/write-clock.js';
import { loadSearchVocabulary, resolveSearch, resolveWithVocabulary, type ResolvedSearch, type SearchResult, type SearchVocabulary } from '../queries/activity-search.js';
import type { SearchParams } from '../queries/search-params.js';
import { OfferIndex, type IndexedActivity } from './offer-index.js';
import { parseTsquery, type QueryNode } from './tsquery.js';

/** Past this size a reload runs in the background while searches use the previous version. */
const reloadInBackgroundFrom = 5_000;
const stemCacheSize = 10_000;
/** Whole results kept per ecosystem: a finder's traffic repeats a few hundred queries (first pages, popular filters). */
const resultCacheSize = 1_000;
/** Queries asked once, kept to recognise the second time (see `search`). */
const seenOnceSize = 10_000;
/**
 * How long the store trusts what it last read from the database when this
 * process has written nothing since (see `writeClock`): changes made by other
 * processes (an import from the command line, a second server) show within
 * this time plus the time to read them.
 */
const recheckMs = 1_000;

async function loadIndex(db: Kysely<DB>, ecosystemId: number, options: { walkFrom?: number; countCap?: number }): Promise<OfferIndex> {
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
  return new OfferIndex(version, docs, options.walkFrom, options.countCap);
}

async function currentVersion(db: Kysely<DB>, ecosystemId: number): Promise<string> {
  const row = await db.selectFrom('ecosystems').select('offer_version').where('id', '=', ecosystemId).executeTakeFirst();
  return String(row?.offer_version ?? '0');
}

interface Entry {
  index?: OfferIndex;
  loading?: Promise<OfferIndex>;
  /** When the index's version was last confirmed: the write clock then, and the time (ms). */
  checkedTicks: number;
  checkedAt: number;
  /** The version check in flight, and the write clock when it started. */
  checking?: { ticks: number; promise: Promise<OfferIndex> };
  /** Whole results of this index: key → result, valid for `now` in [from, until). */
  results: Map<string, { result: SearchResult; from: number; until: number }>;
  /** Keys of queries asked once and not yet remembered. */
  seenOnce: Set<string>;
  /** Themes and postcode areas, confirmed like the version (write clock, `recheckMs`). */
  vocabulary?: { value: SearchVocabulary; ticks: number; at: number };
  vocabularyLoading?: { ticks: number; promise: Promise<SearchVocabulary> };
}

const paramKeys = new WeakMap<SearchParams, string>();

/** What a result depends on besides the index and the time: the query, its themes and its origin. */
function resultKey(resolved: ResolvedSearch): string {
  let params = paramKeys.get(resolved.params);
  if (params === undefined) paramKeys.set(resolved.params, (params = JSON.stringify(resolved.params)));
  return `${params}|${resolved.themeIds.join(',')}|${resolved.origin ? `${resolved.origin.lat},${resolved.origin.lng}` : ''}`;
}

interface Resolution {
  themeIds: number[];
  origin: ResolvedSearch['origin'];
  problems: FieldProblem[];
  ticks: number;
  at: number;
}

/**
 * Keeps each ecosystem's published offer in memory for the finder. The offer
 * has a version, raised by triggers on every change; the store asks the
 * database for it again whenever this process has written anything since it
 * last asked (the search waits, so a change made here is visible to the next
 * search), and otherwise in the background once `recheckMs` has passed
 * (changes by other processes show a moment later, and no search waits).
 * It reloads when the version moved; large offers reload in the background
 * meanwhile. Whole results of queries asked more than once are remembered
 * per version and query for as long as the passing of time cannot change them
 * (until the next session starts or activity ends).
 */
export class OfferIndexStore {
  private readonly entries = new Map<number, Entry>();
  /** Stemmed queries, or the stemming in flight (searches for the same new words share it). */
  private readonly stems = new Map<string, QueryNode | undefined | Promise<QueryNode | undefined>>();
  private readonly resolutions = new Map<string, Resolution>();
  private readonly remembered = new WeakSet<SearchResult>();

  constructor(
    private readonly db: Kysely<DB>,
    /** Tests: `walkFrom` and `countCap` as in `OfferIndex`; `cacheResults: false` searches every time. */
    private readonly options: { walkFrom?: number; countCap?: number; cacheResults?: boolean } = {},
  ) {}

  async search(ecosystemId: number, resolved: ResolvedSearch, now: Date = new Date()): Promise<SearchResult> {
    const index = await this.index(ecosystemId);
    const entry = this.entries.get(ecosystemId)!;
    const nowMs = now.getTime();
    const caching = this.options.cacheResults !== false && entry.index === index;
    const key = caching ? resultKey(resolved) : '';
    if (caching) {
      const hit = entry.results.get(key);
      if (hit && nowMs >= hit.from && nowMs < hit.until) {
        // Most recently used last: the map's order is the eviction order.
        entry.results.delete(key);
        entry.results.set(key, hit);
        return hit.result;
      }
    }
    const query = resolved.params.q ? await this.textQuery(resolved.params.q) : undefined;
    const result = index.search(resolved, query, now);
    // Remembered from the second time a query is asked: one-off queries (most
    // of a finder's long tail) would only push answers worth keeping out and
    // keep garbage alive long enough to be costly to collect.
    if (caching && entry.index === index && !entry.seenOnce.delete(key)) {
      if (entry.seenOnce.size >= seenOnceSize) entry.seenOnce.clear();
      entry.seenOnce.add(key);
    } else if (caching && entry.index === index) {
      if (entry.results.size >= resultCacheSize) entry.results.delete(entry.results.keys().next().value!);
      entry.results.set(key, { result, from: nowMs, until: index.stableUntil(nowMs) });
      this.remembered.add(result);
    }
    return result;
  }

  /** Whether a result is one the store remembers (and may hand out again): worth keeping derived forms of, such as its JSON. */
  remembers(result: SearchResult): boolean {
    return this.remembered.has(result);
  }

  /**
   * `resolveSearch` (themes, postcode or place of this ecosystem), from what
   * was read under the same rule as the offer's version: until this process
   * writes, or for `recheckMs`. Themes and postcode areas are read whole, so
   * that different searches do not each need a look-up; places (neighbourhoods
   * and towns) are looked up per name.
   */
  async resolve(ecosystemId: number, params: SearchParams): Promise<{ resolved: ResolvedSearch; problems: FieldProblem[] }> {
    if (params.themes.length === 0 && !params.postcode && !params.place) return { resolved: { params, themeIds: [], origin: undefined }, problems: [] };
    if (params.postcode || !params.place) {
      const vocabulary = this.vocabulary(ecosystemId);
      return resolveWithVocabulary(vocabulary instanceof Promise ? await vocabulary : vocabulary, params);
    }
    const key = JSON.stringify([ecosystemId, params.themes, params.postcode, params.place]);
    const now = Date.now();
    let r = this.resolutions.get(key);
    if (!r || r.ticks !== writeClock.ticks || now - r.at >= recheckMs) {
      const ticks = writeClock.ticks;
      const { resolved, problems } = await resolveSearch(this.db, ecosystemId, params);
      r = { themeIds: resolved.themeIds, origin: resolved.origin, problems, ticks, at: now };
      if (this.resolutions.size >= stemCacheSize) this.resolutions.clear();
      this.resolutions.set(key, r);
    }
    return { resolved: { params, themeIds: [...r.themeIds], origin: r.origin }, problems: [...r.problems] };
  }

  private vocabulary(ecosystemId: number): SearchVocabulary | Promise<SearchVocabulary> {
    const entry = this.entry(ecosystemId);
    const ticks = writeClock.ticks;
    const known = entry.vocabulary;
    if (known && known.ticks === ticks) {
      // As for the index: changes made elsewhere are read in the background.
      if (Date.now() - known.at >= recheckMs && !entry.vocabularyLoading) {
        known.at = Date.now();
        this.loadVocabulary(ecosystemId, entry, ticks).catch(() => {});
      }
      return known.value;
    }
    if (entry.vocabularyLoading?.ticks === ticks) return entry.vocabularyLoading.promise;
    return this.loadVocabulary(ecosystemId, entry, ticks);
  }

  private loadVocabulary(ecosystemId: number, entry: Entry, ticks: number): Promise<SearchVocabulary> {
    const at = Date.now();
    const loading = {
      ticks,
      promise: loadSearchVocabulary(this.db, ecosystemId).then(
        (value) => {
          if (!entry.vocabulary || ticks >= entry.vocabulary.ticks) entry.vocabulary = { value, ticks, at };
          return value;
        },
      ),
    };
    entry.vocabularyLoading = loading;
    const done = () => {
      if (entry.vocabularyLoading === loading) entry.vocabularyLoading = undefined;
    };
    loading.promise.then(done, done);
    return loading.promise;
  }

  private entry(ecosystemId: number): Entry {
    let entry = this.entries.get(ecosystemId);
    if (!entry) this.entries.set(ecosystemId, (entry = { checkedTicks: -1, checkedAt: 0, results: new Map(), seenOnce: new Set() }));
    return entry;
  }

  /** Loads an ecosystem's index ahead of the first search (at start-up). */
  async warm(ecosystemId: number): Promise<void> {
    await this.index(ecosystemId);
  }

  private index(ecosystemId: number): Promise<OfferIndex> | OfferIndex {
    const entry = this.entry(ecosystemId);
    const ticks = writeClock.ticks;
    if (entry.index && entry.checkedTicks === ticks) {
      // Nothing written here since the last check: changes made elsewhere are
      // looked for in the background, so no search waits for the database.
      // (At most once per `recheckMs`, also while a new version loads.)
      if (Date.now() - entry.checkedAt >= recheckMs && !entry.checking) {
        entry.checkedAt = Date.now();
        this.startCheck(ecosystemId, entry, ticks).catch(() => {});
      }
      return entry.index;
    }
    // Searches arriving while a check is under way share it, unless this process wrote since it began.
    if (entry.checking?.ticks === ticks) return entry.checking.promise;
    return this.startCheck(ecosystemId, entry, ticks);
  }

  private startCheck(ecosystemId: number, entry: Entry, ticks: number): Promise<OfferIndex> {
    const checking = { ticks, promise: this.check(ecosystemId, entry, ticks) };
    entry.checking = checking;
    void checking.promise.then(
      () => {
        if (entry.checking === checking) entry.checking = undefined;
      },
      () => {
        if (entry.checking === checking) entry.checking = undefined;
      },
    );
    return checking.promise;
  }

  private async check(ecosystemId: number, entry: Entry, ticks: number): Promise<OfferIndex> {
    const at = Date.now();
    const version = await currentVersion(this.db, ecosystemId);
    if (entry.index?.version === version) {
      if (ticks >= entry.checkedTicks) {
        entry.checkedTicks = ticks;
        entry.checkedAt = at;
      }
      return entry.index;
    }
    const load = (entry.loading ??= loadIndex(this.db, ecosystemId, this.options).then(
      (index) => {
        entry.index = index;
        entry.results.clear();
        entry.seenOnce.clear();
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

  /**
   * A finder query's words as a query tree, with PostgreSQL's Dutch stemming
   * (`websearch_to_tsquery('dutch', q)`), remembered because people search
   * the same words. Several plain words (letters only, no `or`) are what
   * that function turns into the AND of each word on its own, stop words
   * left out; so their stems are asked for one word at a time, and new
   * combinations of known words need no database.
   */
  textQuery(q: string): QueryNode | undefined | Promise<QueryNode | undefined> {
    const words = q.trim().split(/\s+/);
    if (words.length < 2 || !words.every((w) => plainWord.test(w) && w.toLowerCase() !== 'or')) return this.stem(q);
    const stems = words.map((w) => this.stem(w));
    if (stems.some((stem) => stem instanceof Promise)) return Promise.all(stems).then(allWords);
    return allWords(stems as Array<QueryNode | undefined>);
  }

  /** `websearch_to_tsquery('dutch', q)` from the database, remembered. */
  private stem(q: string): QueryNode | undefined | Promise<QueryNode | undefined> {
    if (this.stems.has(q)) return this.stems.get(q);
    const stemming = sql<{ t: string }>`select websearch_to_tsquery('dutch', ${q})::text as t`.execute(this.db).then(
      (row) => {
        const node = parseTsquery(row.rows[0]?.t ?? '');
        if (this.stems.get(q) === stemming) this.stems.set(q, node);
        return node;
      },
      (error: unknown) => {
        if (this.stems.get(q) === stemming) this.stems.delete(q);
        throw error;
      },
    );
    if (this.stems.size >= stemCacheSize) this.stems.clear();
    this.stems.set(q, stemming);
    return stemming;
  }
}

/** A word of letters only: one token for PostgreSQL's parser. */
const plainWord = /^[A-Za-z]+$/;

/** The AND of words' queries, left to right as PostgreSQL writes it; stop words (undefined) left out. */
function allWords(words: Array<QueryNode | undefined>): QueryNode | undefined {
  let out: QueryNode | undefined;
  for (const word of words) if (word) out = out ? { op: 'and', left: out, right: word } : word;
  return out;
}
