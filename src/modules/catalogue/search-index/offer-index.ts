import { amsterdamMidnight, countCap, type Origin, type ResolvedSearch, type SearchHit, type SearchResult } from '../queries/activity-search.js';
import { add, emptySet, has, intersectInto, members, remove, setOf, size, subtractInto, unionInto, type DocSet } from './doc-set.js';
import { parseTsvector, positiveTerms, type Occurrence, type QueryNode } from './tsquery.js';

/**
 * One activity as the finder needs it, loaded once per version of the offer:
 * a search hit's fields and what filters need. The index takes the objects
 * over: it copies session starts and features into its own structures and
 * drops the per-document arrays, and sorts the theme ids.
 */
export interface IndexedActivity extends Omit<SearchHit, 'distanceKm' | 'nextSessionAt'> {
  accessibility: string[];
  /** Starts of scheduled sessions, ascending (ms since epoch). */
  sessionStarts: Float64Array;
  /** When the last session ends (ms), or null for an activity offered on request. */
  lastSessionEnd: number | null;
  /** The activity's tsvector as text, as PostgreSQL computed it (Dutch stemming, weights). */
  searchVector: string;
}

const rankWeights = [0.1, 0.2, 0.4, 1.0]; // D, C, B, A: PostgreSQL's defaults
const noStarts = new Float64Array(0);
const noFeatures: string[] = [];
const empty = new Int32Array(0);
const noRanks = new Float64Array(0);
const dayMs = 86_400_000;
/** At most this many buckets of days in the session calendar (see `SessionCalendar`). */
const calendarBuckets = 256;
/** Places searched around whose distances are kept (postcode areas and places of a region: a few dozen). */
const originsKept = 16;
/** Radii kept per place (the search form offers a handful). */
const radiiKept = 16;

/** What one lexeme adds to a document's rank. */
function termRank(occ: Occurrence): number {
  return rankWeights[occ.weight]! * (1 + Math.log(occ.positions.length || 1));
}

/** Index of the first element ≥ value in the ascending range [lo, hi) of an array. */
function lowerBound(values: Float64Array, value: number, lo = 0, hi = values.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const rad = Math.PI / 180;

/** Great-circle distance; `cosLat1` and `cosLat2` are `Math.cos(lat * rad)` of the two points, computed once. */
function haversineKm(lat1: number, lng1: number, cosLat1: number, lat2: number, lng2: number, cosLat2: number): number {
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + cosLat1 * cosLat2 * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.sqrt(a));
}

/**
 * Which documents have a session in a time window, for any window, without
 * visiting every session in it: sessions fall in buckets of whole days, and a
 * segment tree keeps the union of documents for aligned runs of buckets, so a
 * window is the union of at most about 2 log₂(buckets) sets plus the sessions in
 * the partial buckets at its two ends.
 */
class SessionCalendar {
  private readonly base: number;
  private readonly width: number;
  private readonly count: number;
  /** Bottom-up segment tree: node `count + b` is bucket b, node k < count the union of nodes 2k and 2k + 1. */
  private readonly nodes: DocSet[];

  constructor(
    n: number,
    private readonly orderedStarts: Float64Array,
    private readonly orderedDocs: Int32Array,
  ) {
    const sessions = orderedStarts.length;
    this.base = sessions > 0 ? Math.floor(orderedStarts[0]! / dayMs) * dayMs : 0;
    const days = sessions > 0 ? Math.floor((orderedStarts[sessions - 1]! - this.base) / dayMs) + 1 : 0;
    // Wider buckets for offers planned far ahead: memory stays at 2 × calendarBuckets sets.
    this.width = dayMs * Math.max(1, Math.ceil(days / calendarBuckets));
    this.count = sessions > 0 ? Math.floor((orderedStarts[sessions - 1]! - this.base) / this.width) + 1 : 0;
    this.nodes = Array.from({ length: 2 * this.count }, () => emptySet(n));
    for (let s = 0; s < sessions; s++) add(this.nodes[this.count + Math.floor((orderedStarts[s]! - this.base) / this.width)]!, orderedDocs[s]!);
    for (let k = this.count - 1; k >= 1; k--) {
      const node = this.nodes[k]!;
      node.set(this.nodes[2 * k]!);
      unionInto(node, this.nodes[2 * k + 1]!);
    }
  }

  /**
   * Keeps in `out` only documents with a session starting in [fromMs, toMs).
   * `edges` is scratch space, empty before and after. Only the words of `out`
   * that still hold members are combined with the tree's sets, so a search
   * with few matches pays little for its dates.
   */
  keepBetween(fromMs: number, toMs: number, out: DocSet, edges: DocSet): void {
    // Whole buckets inside the window: [l, r).
    let l = Math.max(0, Math.ceil((fromMs - this.base) / this.width));
    let r = Math.min(this.count, Math.floor((toMs - this.base) / this.width));
    const sets: DocSet[] = [edges];
    if (l >= r) {
      this.walk(fromMs, toMs, edges);
    } else {
      this.walk(fromMs, this.base + l * this.width, edges);
      this.walk(this.base + r * this.width, toMs, edges);
      for (l += this.count, r += this.count; l < r; l >>= 1, r >>= 1) {
        if (l & 1) sets.push(this.nodes[l++]!);
        if (r & 1) sets.push(this.nodes[--r]!);
      }
    }
    for (let w = 0; w < out.length; w++) {
      const x = out[w]!;
      if (x === 0) continue;
      let inWindow = 0;
      for (let j = 0; j < sets.length; j++) inWindow |= sets[j]![w]!;
      out[w] = x & inWindow;
    }
    edges.fill(0);
  }

  private walk(fromMs: number, toMs: number, out: DocSet): void {
    for (let s = lowerBound(this.orderedStarts, fromMs); s < this.orderedStarts.length && this.orderedStarts[s]! < toMs; s++) add(out, this.orderedDocs[s]!);
  }
}

/**
 * Distances from one place (a postcode area or a place searched around) to
 * every activity's location, and the activities in order of distance: kept
 * for the few places a region's visitors search around, so a search around
 * one of them neither computes distances nor sorts by them.
 */
class OriginDistances {
  /** Distance (km) of each document; NaN without a location. */
  readonly km: Float64Array;
  /** Documents with a location, nearest first; equal distances in document order. */
  readonly nearestFirst: Int32Array;
  private readonly radii = new Map<number, { set: DocSet; end: number }>();

  constructor(
    private readonly origin: Origin,
    private readonly n: number,
    private readonly lat: Float64Array,
    private readonly lng: Float64Array,
    cosLat: Float64Array,
  ) {
    const cosOrigin = Math.cos(origin.lat * rad);
    // The same expression and argument order for every search: distances decide order and ties, so they must not differ in the last bit.
    this.km = Float64Array.from(lat, (la, i) => (Number.isNaN(la) ? Number.NaN : haversineKm(la, lng[i]!, cosLat[i]!, origin.lat, origin.lng, cosOrigin)));
    const located: number[] = [];
    for (let i = 0; i < n; i++) if (!Number.isNaN(this.km[i]!)) located.push(i);
    const km = this.km;
    this.nearestFirst = Int32Array.from(located).sort((a, b) => km[a]! - km[b]! || a - b);
  }

  /**
   * Documents within `radius` km, as the SQL decides it: inside the bounding
   * box of the radius (the SQL's index condition, a hair smaller than the
   * circle at its edges), then by great-circle distance. `end`: how far
   * into `nearestFirst` they reach.
   */
  within(radius: number): { set: DocSet; end: number } {
    let known = this.radii.get(radius);
    if (known) return known;
    const dLat = radius / 111.2;
    // Written as in the SQL's box (activity-search.ts), to the last bit.
    const dLng = radius / (111.2 * Math.cos((this.origin.lat * Math.PI) / 180));
    const minLat = this.origin.lat - dLat;
    const maxLat = this.origin.lat + dLat;
    const minLng = this.origin.lng - dLng;
    const maxLng = this.origin.lng + dLng;
    const set = emptySet(this.n);
    let end = 0;
    for (; end < this.nearestFirst.length; end++) {
      const i = this.nearestFirst[end]!;
      if (this.km[i]! > radius) break;
      const la = this.lat[i]!;
      const lo = this.lng[i]!;
      if (la >= minLat && la <= maxLat && lo >= minLng && lo <= maxLng) add(set, i);
    }
    if (this.radii.size >= radiiKept) this.radii.clear();
    this.radii.set(radius, (known = { set, end }));
    return known;
  }
}

/**
 * The published offer of one ecosystem in memory, answering finder queries
 * without the database: the same filters, sort orders and page rules as the
 * SQL in `activity-search.ts` (tests hold the two to the same answers).
 *
 * A search first computes the set of matches as a bitmap (`doc-set.ts`):
 * every filter is a precomputed set (themes, ages, formats, settings,
 * features, free activities), a set made from posting lists (words), from the
 * session calendar (dates) or from the distances to the place searched around
 * (radius), and the matches are their intersection; the total is its size.
 * Only then does it order, and only as far as the page needs: date order walks
 * the sessions in time order, distance order walks the activities nearest
 * first, and relevance keeps the best k in a heap. Next sessions are looked up
 * only for the activities whose order depends on them.
 */
export class OfferIndex {
  private readonly n: number;
  private readonly postings = new Map<string, Int32Array>();
  /** Beside each posting list: what the lexeme adds to each document's rank (see `byRelevance`). */
  private readonly postingRanks = new Map<string, Float64Array>();
  /**
   * Lexemes in at least one document in 32, also as sets: no larger than
   * their posting lists, and a search with a common word then starts from
   * its set instead of building one.
   */
  private readonly postingSets = new Map<string, DocSet>();
  // Documents' lexemes live only in the posting lists: a map per document
  // would put millions of small objects on the heap for the garbage collector
  // to trace. Phrases, which need positions, parse the document's tsvector text again.
  private readonly minAge: Uint8Array;
  private readonly maxAge: Uint8Array;
  private readonly price: Int32Array;
  private readonly lat: Float64Array;
  private readonly lng: Float64Array;
  private readonly cosLat: Float64Array;
  /** Session starts of all documents in one array; document i owns [sessionFrom[i], sessionFrom[i + 1]). */
  private readonly starts: Float64Array;
  private readonly sessionFrom: Int32Array;
  /** Every session start in time order, and whose it is: the date order's walk. */
  private readonly orderedStarts: Float64Array;
  private readonly orderedDocs: Int32Array;
  /** Documents by when their last session ends, and those ends: with `orderedStarts`, the moments at which results change. */
  private readonly endOrder: Int32Array;
  private readonly sortedEnds: Float64Array;
  private readonly calendar: SessionCalendar;
  // The filters' sets.
  private readonly everything: DocSet;
  private readonly free: DocSet;
  private readonly byTheme = new Map<number, DocSet>();
  private readonly byFormat = new Map<string, DocSet>();
  private readonly bySetting = new Map<string, DocSet>();
  private readonly byFeature = new Map<string, DocSet>();
  /** Built when an age is first asked for. */
  private readonly byAge = new Map<number, DocSet>();
  /** Most recently used last. */
  private readonly origins = new Map<string, OriginDistances>();
  /** Everything still on offer, for as long as no further activity has ended (see `onOffer`). */
  private onOfferNow: { ended: number; set: DocSet } | undefined;
  // Scratch space for one search at a time (searches are synchronous).
  private readonly matchSet: DocSet;
  /** Empty between searches (see `SessionCalendar.keepBetween`). */
  private readonly edges: DocSet;
  private readonly temps: DocSet[] = [];
  private readonly list: Int32Array;
  private readonly score: Float64Array;
  /** Ranks of the matches in `list`, position by position, and a copy to select from. */
  private readonly ranked: Float64Array;
  private readonly scratchRanks: Float64Array;
  private readonly next: Float64Array;
  /** `next[i]` holds document i's next session in this search's window when `nextStamp[i] === stamp`. */
  private readonly nextStamp: Int32Array;
  private readonly seen: DocSet;
  private stamp = 0;
  private fromMs = 0;
  private toMs = Number.POSITIVE_INFINITY;
  private dated = false;

  constructor(
    readonly version: string,
    private readonly docs: IndexedActivity[],
    /** Up to this many matches, date and distance order sort the matches instead of walking (tests set 0). */
    private readonly walkFrom = 256,
    /** Matches are counted up to this many (tests set a small number to reach the cap). */
    private readonly cap = countCap,
  ) {
    // Document order is id order: ties in every sort order are broken by it.
    docs.sort((a, b) => a.id - b.id);
    const n = (this.n = docs.length);
    this.minAge = Uint8Array.from(docs, (d) => d.minAge);
    this.maxAge = Uint8Array.from(docs, (d) => d.maxAge);
    this.price = Int32Array.from(docs, (d) => d.priceCents);
    this.lat = Float64Array.from(docs, (d) => d.lat ?? Number.NaN);
    this.lng = Float64Array.from(docs, (d) => d.lng ?? Number.NaN);
    this.cosLat = Float64Array.from(this.lat, (lat) => Math.cos(lat * rad));
    const lastEnd = Float64Array.from(docs, (d) => d.lastSessionEnd ?? Number.POSITIVE_INFINITY);
    this.endOrder = Int32Array.from(docs.keys()).sort((a, b) => lastEnd[a]! - lastEnd[b]! || a - b);
    this.sortedEnds = Float64Array.from(this.endOrder, (i) => lastEnd[i]!);

    this.everything = setOf(n, Int32Array.from(docs.keys()));
    this.free = emptySet(n);
    const setFor = <K>(map: Map<K, DocSet>, key: K): DocSet => {
      let set = map.get(key);
      if (!set) map.set(key, (set = emptySet(n)));
      return set;
    };
    docs.forEach((d, i) => {
      if (d.priceCents <= 0) add(this.free, i);
      for (const t of d.themeIds) add(setFor(this.byTheme, t), i);
      add(setFor(this.byFormat, d.format), i);
      add(setFor(this.bySetting, d.setting), i);
      for (const a of d.accessibility) add(setFor(this.byFeature, a), i);
    });

    this.sessionFrom = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) this.sessionFrom[i + 1] = this.sessionFrom[i]! + docs[i]!.sessionStarts.length;
    this.starts = new Float64Array(this.sessionFrom[n]!);
    for (let i = 0; i < n; i++) this.starts.set(docs[i]!.sessionStarts, this.sessionFrom[i]!);
    const owner = new Int32Array(this.starts.length);
    for (let i = 0; i < n; i++) owner.fill(i, this.sessionFrom[i]!, this.sessionFrom[i + 1]!);
    const order = Int32Array.from(this.starts.keys()).sort((a, b) => this.starts[a]! - this.starts[b]! || owner[a]! - owner[b]!);
    this.orderedStarts = Float64Array.from(order, (k) => this.starts[k]!);
    this.orderedDocs = Int32Array.from(order, (k) => owner[k]!);
    this.calendar = new SessionCalendar(n, this.orderedStarts, this.orderedDocs);

    this.matchSet = emptySet(n);
    this.edges = emptySet(n);
    this.list = new Int32Array(n);
    this.score = new Float64Array(n);
    this.ranked = new Float64Array(n);
    this.scratchRanks = new Float64Array(n);
    this.next = new Float64Array(n);
    this.nextStamp = new Int32Array(n);
    this.seen = emptySet(n);
    const lists = new Map<string, { docs: number[]; ranks: number[] }>();
    docs.forEach((d, i) => {
      for (const [lexeme, occ] of parseTsvector(d.searchVector)) {
        let list = lists.get(lexeme);
        if (!list) lists.set(lexeme, (list = { docs: [], ranks: [] }));
        list.docs.push(i);
        list.ranks.push(termRank(occ));
      }
      // Copied into the structures above; one typed array per document is a burden for the collector.
      d.sessionStarts = noStarts;
      d.accessibility = noFeatures;
      // Handed out with every hit of this document, so never changed.
      d.themeIds = Object.freeze([...d.themeIds].sort((a, b) => a - b)) as number[];
    });
    for (const [lexeme, list] of lists) {
      this.postings.set(lexeme, Int32Array.from(list.docs));
      this.postingRanks.set(lexeme, Float64Array.from(list.ranks));
      if (list.docs.length >= n >>> 5) this.postingSets.set(lexeme, setOf(n, list.docs));
    }
  }

  /**
   * Until when (ms) a search made at `nowMs` keeps its answer: time changes
   * answers only when a session starts (it is no longer upcoming) or an
   * activity's last session ends (it leaves the offer).
   */
  stableUntil(nowMs: number): number {
    const s = lowerBound(this.orderedStarts, nowMs);
    const e = lowerBound(this.sortedEnds, nowMs);
    return Math.min(s < this.orderedStarts.length ? this.orderedStarts[s]! : Number.POSITIVE_INFINITY, e < this.sortedEnds.length ? this.sortedEnds[e]! : Number.POSITIVE_INFINITY);
  }

  get size(): number {
    return this.n;
  }

  search(s: ResolvedSearch, textQuery: QueryNode | undefined, now: Date = new Date()): SearchResult {
    const p = s.params;
    const nowMs = now.getTime();
    // Whole days in Amsterdam, and never before now, exactly as the SQL's date window.
    this.fromMs = Math.max(nowMs, p.from ? amsterdamMidnight(p.from).getTime() : nowMs);
    this.toMs = p.to ? amsterdamMidnight(p.to).getTime() + 86_400_000 : Number.POSITIVE_INFINITY;
    const dated = (this.dated = Boolean(p.from || p.to));
    this.stamp++;
    const origin = s.origin ? this.distancesFrom(s.origin) : undefined;

    const matches = this.matches(s, textQuery, nowMs, origin);
    const total = size(matches);
    const offset = (p.page - 1) * p.perPage;
    const k = offset + p.perPage;
    let page: number[] = [];
    if (total > offset) {
      if (p.sort === 'relevance') page = this.byRelevance(matches, k, textQuery);
      else if (p.sort === 'distance' && origin) page = this.byDistance(matches, total, k, origin, p.km);
      else page = this.byDate(matches, total, k, dated);
      page = page.slice(offset);
    }
    return {
      hits: page.map((i): SearchHit => {
        const d = this.docs[i]!;
        const next = this.nextOf(i);
        return {
          id: d.id,
          title: d.title,
          summary: d.summary,
          format: d.format,
          setting: d.setting,
          level: d.level,
          minAge: d.minAge,
          maxAge: d.maxAge,
          priceCents: d.priceCents,
          online: d.online,
          organisationName: d.organisationName,
          city: d.city,
          lat: d.lat,
          lng: d.lng,
          locationId: d.locationId,
          distanceKm: origin ? Math.round(origin.km[i]! * 10) / 10 : null,
          nextSessionAt: Number.isNaN(next) ? null : new Date(next),
          themeIds: d.themeIds,
        };
      }),
      total: Math.min(total, this.cap),
      totalCapped: total > this.cap,
      page: p.page,
      perPage: p.perPage,
    };
  }

  /** The set of documents matching every filter of a search (scratch space: valid until the next search). */
  private matches(s: ResolvedSearch, textQuery: QueryNode | undefined, nowMs: number, origin: OriginDistances | undefined): DocSet {
    const p = s.params;
    const out = this.matchSet;
    if (p.q) {
      // Only stop words: nothing matches, as in PostgreSQL.
      if (!textQuery) return out.fill(0);
      out.set(this.textMatches(textQuery, 0));
      intersectInto(out, this.onOffer(nowMs));
    } else {
      out.set(this.onOffer(nowMs));
    }
    if (s.themeIds.length > 0) intersectInto(out, this.unionOf(this.byTheme, s.themeIds));
    if (p.age !== undefined) intersectInto(out, this.ofAge(p.age));
    const maxPrice = p.free ? 0 : p.maxPriceCents;
    if (maxPrice === 0) intersectInto(out, this.free);
    else if (maxPrice !== undefined) this.keepPricedUpTo(out, maxPrice);
    for (const feature of p.accessibility) {
      const set = this.byFeature.get(feature);
      // A feature no activity has: nothing matches.
      if (!set) return out.fill(0);
      intersectInto(out, set);
    }
    if (p.formats.length > 0) intersectInto(out, this.unionOf(this.byFormat, p.formats));
    if (p.setting) intersectInto(out, this.unionOf(this.bySetting, [p.setting, 'both']));
    if (origin) intersectInto(out, origin.within(p.km).set);
    if (p.from || p.to) this.calendar.keepBetween(this.fromMs, this.toMs, out, this.edges);
    return out;
  }

  /** Documents still on offer at `nowMs`: those whose last session has not ended. */
  private onOffer(nowMs: number): DocSet {
    const ended = lowerBound(this.sortedEnds, nowMs);
    if (ended === 0) return this.everything;
    if (this.onOfferNow?.ended !== ended) {
      const set = this.everything.slice();
      for (let e = 0; e < ended; e++) remove(set, this.endOrder[e]!);
      this.onOfferNow = { ended, set };
    }
    return this.onOfferNow.set;
  }

  private ofAge(age: number): DocSet {
    let set = this.byAge.get(age);
    if (!set) {
      set = emptySet(this.n);
      for (let i = 0; i < this.n; i++) if (this.minAge[i]! <= age && this.maxAge[i]! >= age) add(set, i);
      this.byAge.set(age, set);
    }
    return set;
  }

  private keepPricedUpTo(out: DocSet, maxPrice: number): void {
    const count = members(out, this.list);
    for (let c = 0; c < count; c++) if (this.price[this.list[c]!]! > maxPrice) remove(out, this.list[c]!);
  }

  /** Union of the sets of some keys, in scratch space. */
  private unionOf<K>(sets: Map<K, DocSet>, keys: K[]): DocSet {
    const out = this.temp(0);
    out.fill(0);
    for (const key of keys) {
      const set = sets.get(key);
      if (set) unionInto(out, set);
    }
    return out;
  }

  /** Scratch set number `depth`: a text query's tree uses one per level. */
  private temp(depth: number): DocSet {
    while (this.temps.length <= depth) this.temps.push(emptySet(this.n));
    return this.temps[depth]!;
  }

  /** Documents matching a text query, in scratch space `depth` (deeper levels are overwritten), or a common word's own set: not to be changed. */
  private textMatches(node: QueryNode, depth: number): DocSet {
    const out = this.temp(depth);
    switch (node.op) {
      case 'term': {
        const common = node.prefix ? undefined : this.postingSets.get(node.lexeme);
        if (common) return common;
        out.fill(0);
        if (!node.prefix) {
          const list = this.postings.get(node.lexeme);
          if (list) for (let j = 0; j < list.length; j++) add(out, list[j]!);
        } else {
          for (const [lexeme, list] of this.postings) if (lexeme.startsWith(node.lexeme)) for (let j = 0; j < list.length; j++) add(out, list[j]!);
        }
        return out;
      }
      case 'not':
        out.set(this.everything);
        subtractInto(out, this.textMatches(node.arg, depth + 1));
        return out;
      case 'and':
        out.set(this.textMatches(node.left, depth + 1));
        intersectInto(out, this.textMatches(node.right, depth + 1));
        return out;
      case 'or':
        out.set(this.textMatches(node.left, depth + 1));
        unionInto(out, this.textMatches(node.right, depth + 1));
        return out;
      case 'phrase': {
        out.set(this.textMatches(node.left, depth + 1));
        intersectInto(out, this.textMatches(node.right, depth + 1));
        const count = members(out, this.list);
        for (let c = 0; c < count; c++) if (!this.phraseAt(this.list[c]!, node)) remove(out, this.list[c]!);
        return out;
      }
    }
  }

  /** Positions where a phrase (terms, or phrases of terms) occurs in a document's lexemes. */
  private positionsOf(lexemes: Map<string, Occurrence>, node: QueryNode): number[] {
    if (node.op === 'term') {
      if (!node.prefix) return lexemes.get(node.lexeme)?.positions ?? [];
      const all: number[] = [];
      for (const [lexeme, occ] of lexemes) if (lexeme.startsWith(node.lexeme)) all.push(...occ.positions);
      return all.sort((a, b) => a - b);
    }
    if (node.op === 'phrase') {
      const right = new Set(this.positionsOf(lexemes, node.right));
      return this.positionsOf(lexemes, node.left).filter((p) => right.has(p + node.distance)).map((p) => p + node.distance);
    }
    // Other operators inside a phrase are rare in websearch queries; treat them as present anywhere.
    return [0];
  }

  private phraseAt(i: number, node: Extract<QueryNode, { op: 'phrase' }>): boolean {
    return this.positionsOf(parseTsvector(this.docs[i]!.searchVector), node).length > 0;
  }

  private distancesFrom(origin: Origin): OriginDistances {
    const key = `${origin.lat},${origin.lng}`;
    let distances = this.origins.get(key);
    if (distances) {
      this.origins.delete(key);
    } else {
      distances = new OriginDistances(origin, this.n, this.lat, this.lng, this.cosLat);
      if (this.origins.size >= originsKept) this.origins.delete(this.origins.keys().next().value!);
    }
    this.origins.set(key, distances);
    return distances;
  }

  /** Start of document i's first scheduled session in this search's window, or NaN; looked up once per search. */
  private nextOf(i: number): number {
    if (this.nextStamp[i] === this.stamp) return this.next[i]!;
    let k = this.sessionFrom[i]!;
    const to = this.sessionFrom[i + 1]!;
    // Most activities have a handful of sessions: a scan beats a binary search.
    if (to - k > 8) k = lowerBound(this.starts, this.fromMs, k, to);
    else while (k < to && this.starts[k]! < this.fromMs) k++;
    this.nextStamp[i] = this.stamp;
    return (this.next[i] = k < to && this.starts[k]! < this.toMs ? this.starts[k]! : Number.NaN);
  }

  /** Distances of this search's documents from its place (see `byDistance`). */
  private km: Float64Array = new Float64Array(0);

  /** Distance ascending, then as `byNext`. */
  private readonly byKm = (a: number, b: number): number => {
    const x = this.km[a]!;
    const y = this.km[b]!;
    return x < y ? -1 : x > y ? 1 : this.byNext(a, b);
  };

  /** Next session ascending, none last; ties by id (the documents' order), so pages never overlap. */
  private readonly byNext = (a: number, b: number): number => {
    const na = this.nextOf(a);
    const nb = this.nextOf(b);
    const x = Number.isNaN(na) ? Number.POSITIVE_INFINITY : na;
    const y = Number.isNaN(nb) ? Number.POSITIVE_INFINITY : nb;
    return x < y ? -1 : x > y ? 1 : a - b;
  };

  /**
   * The first `k` by rank: per term, in the query's order, the weight of its
   * best occurrence times one plus the log of how often it occurs; then next
   * session and id. Ranks add up along the terms' posting lists.
   */
  private byRelevance(matches: DocSet, k: number, textQuery: QueryNode | undefined): number[] {
    // Matches in `list` and their ranks beside them in `ranked`, both in document order.
    const list = this.list;
    const ranked = this.ranked;
    let count = 0;
    if (textQuery?.op === 'term' && !textQuery.prefix) {
      // One word (the usual query): the matches are among its postings, and its rank is theirs.
      const postings = this.postings.get(textQuery.lexeme) ?? empty;
      const ranks = this.postingRanks.get(textQuery.lexeme) ?? noRanks;
      for (let j = 0; j < postings.length; j++) {
        const i = postings[j]!;
        if (!has(matches, i)) continue;
        list[count] = i;
        ranked[count++] = ranks[j]!;
      }
    } else {
      const score = this.score;
      count = members(matches, list);
      for (let c = 0; c < count; c++) score[list[c]!] = 0;
      for (const term of textQuery ? positiveTerms(textQuery) : []) {
        const postings = this.postings.get(term.lexeme);
        const ranks = this.postingRanks.get(term.lexeme);
        if (!postings || !ranks) continue;
        for (let j = 0; j < postings.length; j++) {
          const i = postings[j]!;
          if (has(matches, i)) score[i] = score[i]! + ranks[j]!;
        }
      }
      for (let c = 0; c < count; c++) ranked[c] = score[list[c]!]!;
    }
    // Ranks take few distinct values, so many matches tie. Everything ranked
    // above the k-th best rank is on the page; of those tied with it, the
    // next sessions decide, so only they and the ones above need theirs.
    const threshold = count <= k ? Number.NEGATIVE_INFINITY : kthLargest(this.copyRanks(count), count, k);
    const above: number[] = [];
    const tied = this.temp(0).fill(0);
    let tiedCount = 0;
    for (let c = 0; c < count; c++) {
      if (ranked[c]! > threshold) {
        above.push(list[c]!);
        this.score[list[c]!] = ranked[c]!;
      } else if (ranked[c] === threshold) {
        add(tied, list[c]!);
        tiedCount++;
      }
    }
    const score = this.score;
    above.sort((a, b) => score[b]! - score[a]! || this.byNext(a, b));
    // The tied ones in date order: `byDate` walks the sessions when they are many.
    return tiedCount === 0 ? above : above.concat(this.byDate(tied, tiedCount, k - above.length, this.dated));
  }

  /** The first `count` ranks, copied for `kthLargest` to reorder. */
  private copyRanks(count: number): Float64Array {
    this.scratchRanks.set(this.ranked.subarray(0, count));
    return this.scratchRanks;
  }

  /**
   * The first `k` members of a set in date order (next session, none last,
   * then id). Many members: sessions in the window, in time order, give each
   * member its next session the first time they meet it, until `k` are
   * found; without dates, members without a session from then on follow in
   * id order (NULLs last, as in the SQL). Few members: their own next
   * sessions, sorted (each a look-up in memory far from the others, so the
   * walk wins once the set is more than a few hundred).
   */
  private byDate(set: DocSet, count: number, k: number, dated: boolean): number[] {
    if (count <= this.walkFrom) return topK(this.list.subarray(0, members(set, this.list)), k, this.byNext);
    const out: number[] = [];
    // Documents met in the walk: a set, small enough to stay in the CPU's cache.
    const seen = this.seen.fill(0);
    for (let s = lowerBound(this.orderedStarts, this.fromMs); s < this.orderedStarts.length && out.length < k; s++) {
      const start = this.orderedStarts[s]!;
      if (start >= this.toMs) break;
      const i = this.orderedDocs[s]!;
      if (!has(set, i) || has(seen, i)) continue;
      add(seen, i);
      this.next[i] = start;
      this.nextStamp[i] = this.stamp;
      out.push(i);
    }
    if (out.length < k && !dated) {
      // Members with no session from the window's start on, in id order.
      for (let w = 0; w < set.length && out.length < k; w++) {
        let x = set[w]!;
        while (x !== 0 && out.length < k) {
          const low = x & -x;
          x ^= low;
          const i = (w << 5) + 31 - Math.clz32(low);
          if (has(seen, i)) continue;
          const last = this.sessionFrom[i + 1]! - 1;
          if (last >= this.sessionFrom[i]! && this.starts[last]! >= this.fromMs) continue; // met in the walk, or would have been
          this.next[i] = Number.NaN;
          this.nextStamp[i] = this.stamp;
          out.push(i);
        }
      }
    }
    return out;
  }

  /**
   * The first `k` by distance, then next session and id. Many matches: walk
   * the documents nearest first until the page is full and the distance
   * changes (the last distance's ties are ordered by next session too). Few
   * matches: sort them.
   */
  private byDistance(matches: DocSet, total: number, k: number, origin: OriginDistances, radius: number): number[] {
    const km = (this.km = origin.km);
    const compare = this.byKm;
    if (total <= this.walkFrom) return topK(this.list.subarray(0, members(matches, this.list)), k, compare);
    const out: number[] = [];
    const { end } = origin.within(radius);
    for (let j = 0; j < end; j++) {
      const i = origin.nearestFirst[j]!;
      if (!has(matches, i)) continue;
      if (out.length >= k && km[i] !== km[out[out.length - 1]!]) break;
      out.push(i);
    }
    return out.sort(compare).slice(0, k);
  }
}

/**
 * The k-th largest of the first `n` values (k ≥ 1), reordering them:
 * quickselect, linear on average.
 */
function kthLargest(values: Float64Array, n: number, k: number): number {
  const target = k - 1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    // Hoare's partition, descending: [lo, j] ≥ pivot ≥ [i, hi].
    while (i <= j) {
      while (values[i]! > pivot) i++;
      while (values[j]! < pivot) j--;
      if (i <= j) {
        const v = values[i]!;
        values[i] = values[j]!;
        values[j] = v;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return values[target]!;
  }
  return values[target]!;
}

/**
 * The first `k` items in order, without sorting them all: a bounded heap,
 * because a finder page needs 20 of possibly 100,000 matches.
 */
export function topK(items: ArrayLike<number>, k: number, compare: (a: number, b: number) => number): number[] {
  if (k <= 0) return [];
  if (items.length <= k || k > 2000) return Array.from(items).sort(compare).slice(0, k);
  // Max-heap on `compare`: the root is the worst of the best k so far.
  const heap: number[] = [];
  for (let n = 0; n < items.length; n++) {
    const item = items[n]!;
    if (heap.length < k) {
      heap.push(item);
      siftUp(heap, heap.length - 1, compare);
    } else if (compare(item, heap[0]!) < 0) {
      heap[0] = item;
      siftDown(heap, 0, compare);
    }
  }
  return heap.sort(compare);
}

function siftUp(heap: number[], i: number, compare: (a: number, b: number) => number): void {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (compare(heap[i]!, heap[parent]!) <= 0) break;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

function siftDown(heap: number[], i: number, compare: (a: number, b: number) => number): void {
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let worst = i;
    if (l < heap.length && compare(heap[l]!, heap[worst]!) > 0) worst = l;
    if (r < heap.length && compare(heap[r]!, heap[worst]!) > 0) worst = r;
    if (worst === i) return;
    [heap[i], heap[worst]] = [heap[worst]!, heap[i]!];
    i = worst;
  }
}
