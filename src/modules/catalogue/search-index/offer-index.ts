import { amsterdamMidnight, countCap, type ResolvedSearch, type SearchHit, type SearchResult } from '../queries/activity-search.js';
import { parseTsvector, positiveTerms, type Occurrence, type QueryNode } from './tsquery.js';

/**
 * One activity as the finder needs it, loaded once per version of the offer:
 * a search hit's fields and what filters need. The index takes the objects
 * over: it copies session starts and features into its columns and drops the
 * per-document arrays, and sorts the theme ids.
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
 * The published offer of one ecosystem in memory, answering finder queries
 * without the database: the same filters, sort orders and page rules as the
 * SQL in `activity-search.ts` (tests hold the two to the same answers), at a
 * fraction of the cost, because a region's offer is small enough to scan.
 */
export class OfferIndex {
  private readonly postings = new Map<string, Int32Array>();
  /** Beside each posting list: what the lexeme adds to each document's rank (see `rank`). */
  private readonly postingRanks = new Map<string, Float64Array>();
  // Documents' lexemes live only in the posting lists: a map per document
  // would put millions of small objects on the heap for the garbage collector
  // to trace. Phrases, which need positions, parse the document's tsvector text again.
  // The filters read columns of typed arrays, not objects: a scan of a whole
  // region's offer then takes well under a millisecond.
  private readonly minAge: Uint8Array;
  private readonly maxAge: Uint8Array;
  private readonly price: Int32Array;
  private readonly lat: Float64Array;
  private readonly lng: Float64Array;
  private readonly cosLat: Float64Array;
  private readonly lastEnd: Float64Array;
  private readonly format: Uint8Array;
  private readonly setting: Uint8Array;
  private readonly access: Uint32Array;
  /** Documents of each theme, ascending: with the words' posting lists, where a search starts. */
  private readonly themeDocs = new Map<number, Int32Array>();
  /** 0 … n - 1: every document. */
  private readonly all: Int32Array;
  /** Session starts of all documents in one array; document i owns [sessionFrom[i], sessionFrom[i + 1]). */
  private readonly starts: Float64Array;
  private readonly sessionFrom: Int32Array;
  private readonly codes = { format: new Map<string, number>(), setting: new Map<string, number>(), access: new Map<string, number>() };
  /** Every session start in time order, and whose it is: the date order's walk. */
  private readonly orderedStarts: Float64Array;
  private readonly orderedDocs: Int32Array;
  /** When each activity's last session ends, ascending: with `orderedStarts`, the moments at which results change. */
  private readonly sortedEnds: Float64Array;
  // Scratch space for one search at a time (searches are synchronous).
  private readonly next: Float64Array;
  private readonly distance: Float64Array;
  private readonly mark: Int32Array;
  private generation = 0;
  private readonly matches: Int32Array;
  private readonly score: Float64Array;
  private readonly member: Int32Array;
  private memberStamp = 0;

  constructor(
    readonly version: string,
    private readonly docs: IndexedActivity[],
    /** Below this many matches a plain sort replaces the walk through the sessions (tests set 0). */
    private readonly walkFrom = 2_000,
    /** Matches are counted up to this many (tests set a small number to reach the cap). */
    private readonly cap = countCap,
  ) {
    // Document order is id order: ties in every sort order are broken by it.
    docs.sort((a, b) => a.id - b.id);
    const n = docs.length;
    const code = (map: Map<string | number, number>, value: string | number) => {
      let c = map.get(value);
      if (c === undefined) map.set(value, (c = map.size));
      return c;
    };
    this.minAge = Uint8Array.from(docs, (d) => d.minAge);
    this.maxAge = Uint8Array.from(docs, (d) => d.maxAge);
    this.price = Int32Array.from(docs, (d) => d.priceCents);
    this.lat = Float64Array.from(docs, (d) => d.lat ?? Number.NaN);
    this.lng = Float64Array.from(docs, (d) => d.lng ?? Number.NaN);
    this.cosLat = Float64Array.from(this.lat, (lat) => Math.cos(lat * rad));
    this.lastEnd = Float64Array.from(docs, (d) => d.lastSessionEnd ?? Number.POSITIVE_INFINITY);
    this.format = Uint8Array.from(docs, (d) => code(this.codes.format as Map<string | number, number>, d.format));
    this.setting = Uint8Array.from(docs, (d) => code(this.codes.setting as Map<string | number, number>, d.setting));
    this.access = Uint32Array.from(docs, (d) => d.accessibility.reduce((bits, a) => bits | (1 << code(this.codes.access as Map<string | number, number>, a)), 0));
    const byTheme = new Map<number, number[]>();
    docs.forEach((d, i) => {
      for (const t of new Set(d.themeIds)) {
        let list = byTheme.get(t);
        if (!list) byTheme.set(t, (list = []));
        list.push(i);
      }
    });
    for (const [t, list] of byTheme) this.themeDocs.set(t, Int32Array.from(list));
    this.all = Int32Array.from(docs.keys());
    this.sessionFrom = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) this.sessionFrom[i + 1] = this.sessionFrom[i]! + docs[i]!.sessionStarts.length;
    this.starts = new Float64Array(this.sessionFrom[n]!);
    for (let i = 0; i < n; i++) this.starts.set(docs[i]!.sessionStarts, this.sessionFrom[i]!);
    const owner = new Int32Array(this.starts.length);
    for (let i = 0; i < n; i++) owner.fill(i, this.sessionFrom[i]!, this.sessionFrom[i + 1]!);
    const order = Int32Array.from(this.starts.keys()).sort((a, b) => this.starts[a]! - this.starts[b]! || owner[a]! - owner[b]!);
    this.orderedStarts = Float64Array.from(order, (k) => this.starts[k]!);
    this.orderedDocs = Int32Array.from(order, (k) => owner[k]!);
    this.sortedEnds = Float64Array.from(this.lastEnd).sort();
    this.next = new Float64Array(n);
    this.distance = new Float64Array(n);
    this.mark = new Int32Array(n);
    this.matches = new Int32Array(n);
    this.score = new Float64Array(n);
    this.member = new Int32Array(n);
    const lists = new Map<string, { docs: number[]; ranks: number[] }>();
    docs.forEach((d, i) => {
      for (const [lexeme, occ] of parseTsvector(d.searchVector)) {
        let list = lists.get(lexeme);
        if (!list) lists.set(lexeme, (list = { docs: [], ranks: [] }));
        list.docs.push(i);
        list.ranks.push(termRank(occ));
      }
      // Copied into the columns above; one typed array per document is a burden for the collector.
      d.sessionStarts = noStarts;
      d.accessibility = noFeatures;
      d.themeIds = [...d.themeIds].sort((a, b) => a - b);
    });
    for (const [lexeme, list] of lists) {
      this.postings.set(lexeme, Int32Array.from(list.docs));
      this.postingRanks.set(lexeme, Float64Array.from(list.ranks));
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
    return this.docs.length;
  }

  /** Start of document i's first scheduled session in [fromMs, toMs), or NaN. */
  private nextSession(i: number, fromMs: number, toMs: number): number {
    const from = this.sessionFrom[i]!;
    const to = this.sessionFrom[i + 1]!;
    const k = lowerBound(this.starts, fromMs, from, to);
    return k < to && this.starts[k]! < toMs ? this.starts[k]! : Number.NaN;
  }

  /** Whether document i passes the filters other than words, themes and dates; sets its distance. */
  private passes(i: number, f: Filter): boolean {
    if (this.lastEnd[i]! < f.nowMs) return false;
    if (f.age >= 0 && (this.minAge[i]! > f.age || this.maxAge[i]! < f.age)) return false;
    if (this.price[i]! > f.maxPrice) return false;
    if (f.accessMask !== 0 && (this.access[i]! & f.accessMask) !== f.accessMask) return false;
    if (f.formatOk !== undefined && f.formatOk[this.format[i]!] !== 1) return false;
    if (f.setting && this.setting[i] !== f.settingCode && this.setting[i] !== f.bothCode) return false;
    if (f.box) {
      const la = this.lat[i]!;
      const lo = this.lng[i]!;
      if (!(la >= f.box.minLat && la <= f.box.maxLat && lo >= f.box.minLng && lo <= f.box.maxLng)) return false;
      const km = haversineKm(la, lo, this.cosLat[i]!, f.originLat, f.originLng, f.originCosLat);
      if (km > f.km) return false;
      this.distance[i] = km;
    } else {
      this.distance[i] = Number.POSITIVE_INFINITY;
    }
    return true;
  }

  /**
   * The first `k` matches in date order: sessions in [fromMs, toMs), in time
   * order, give each match its next session the first time they meet it;
   * without dates, matches without one follow in id order (NULLs last, as in
   * the SQL). `known` marks every match with `generation` when all of them are
   * known; otherwise each document met is checked against the filters.
   */
  private walkByDate(k: number, f: Filter, known: boolean, candidates: Int32Array | undefined, generation: number): number[] {
    const mark = this.mark;
    const seen = -generation; // documents met and done with
    const out: number[] = [];
    const inCandidates = candidates && !known ? this.candidateMark(candidates) : 0;
    let s = lowerBound(this.orderedStarts, f.fromMs);
    for (; s < this.orderedStarts.length && out.length < k; s++) {
      if (this.orderedStarts[s]! >= f.toMs) break;
      const i = this.orderedDocs[s]!;
      const m = mark[i]!;
      if (m === seen) continue;
      if (known ? m !== generation : (inCandidates !== 0 && this.member[i] !== inCandidates) || !this.passes(i, f)) {
        if (!known) mark[i] = seen;
        continue;
      }
      mark[i] = seen;
      this.next[i] = this.orderedStarts[s]!;
      out.push(i);
    }
    if (out.length < k && !f.dated) {
      // Matches with no session from fromMs on, in id order.
      const count = candidates ? candidates.length : this.docs.length;
      for (let c = 0; c < count && out.length < k; c++) {
        const i = candidates ? candidates[c]! : c;
        if (mark[i] === seen) continue;
        if (known ? mark[i] !== generation : !this.passes(i, f)) continue;
        const last = this.sessionFrom[i + 1]! - 1;
        if (last >= this.sessionFrom[i]! && this.starts[last]! >= f.fromMs) continue; // met in the walk, or will be
        this.next[i] = Number.NaN;
        out.push(i);
      }
    }
    return out;
  }

  /** Marks the candidates in `member` with a fresh stamp and returns it. */
  private candidateMark(candidates: Int32Array): number {
    const stamp = ++this.memberStamp;
    for (let c = 0; c < candidates.length; c++) this.member[candidates[c]!] = stamp;
    return stamp;
  }

  /** Documents matching a text query, ascending. */
  private textDocs(node: QueryNode): Int32Array {
    switch (node.op) {
      case 'term': {
        if (!node.prefix) return this.postings.get(node.lexeme) ?? empty;
        let out: Int32Array = empty;
        for (const [lexeme, list] of this.postings) if (lexeme.startsWith(node.lexeme)) out = union(out, list);
        return out;
      }
      case 'not':
        return difference(this.all, this.textDocs(node.arg));
      case 'and':
        if (node.right.op === 'not') return difference(this.textDocs(node.left), this.textDocs(node.right.arg));
        if (node.left.op === 'not') return difference(this.textDocs(node.right), this.textDocs(node.left.arg));
        return intersect(this.textDocs(node.left), this.textDocs(node.right));
      case 'or':
        return union(this.textDocs(node.left), this.textDocs(node.right));
      case 'phrase':
        return intersect(this.textDocs(node.left), this.textDocs(node.right)).filter((i) => this.phraseAt(i, node));
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

  /**
   * Ranks the matches (ascending) into `score`: per term, in the query's
   * order, the weight of its best occurrence times one plus the log of how
   * often it occurs. Walks each term's posting list beside the matches rather
   * than looking the term up in every document.
   */
  private rank(matches: Int32Array, terms: Array<{ lexeme: string; prefix: boolean }>): void {
    const score = this.score;
    for (let c = 0; c < matches.length; c++) score[matches[c]!] = 0;
    for (const term of terms) {
      const list = this.postings.get(term.lexeme);
      const ranks = this.postingRanks.get(term.lexeme);
      if (!list || !ranks) continue;
      let j = 0;
      for (let c = 0; c < matches.length; c++) {
        const i = matches[c]!;
        while (j < list.length && list[j]! < i) j++;
        if (j === list.length) break;
        if (list[j] === i) score[i] = score[i]! + ranks[j]!;
      }
    }
  }

  search(s: ResolvedSearch, textQuery: QueryNode | undefined, now: Date = new Date()): SearchResult {
    const p = s.params;
    const nowMs = now.getTime();
    // Whole days in Amsterdam, and never before now, exactly as the SQL's date window.
    const fromMs = Math.max(nowMs, p.from ? amsterdamMidnight(p.from).getTime() : nowMs);
    const toMs = p.to ? amsterdamMidnight(p.to).getTime() + 86_400_000 : Number.POSITIVE_INFINITY;
    const dated = Boolean(p.from || p.to);

    // Candidates from the posting lists of words and themes, ascending; undefined: every document.
    let candidates: Int32Array | undefined;
    if (p.q) candidates = textQuery ? this.textDocs(textQuery) : empty;
    if (s.themeIds.length > 0) {
      let byTheme: Int32Array = empty;
      for (const t of s.themeIds) byTheme = union(byTheme, this.themeDocs.get(t) ?? empty);
      candidates = candidates ? intersect(candidates, byTheme) : byTheme;
    }

    let accessMask = 0;
    let impossible = false;
    for (const a of p.accessibility) {
      const c = this.codes.access.get(a);
      // A feature no activity has: nothing can match.
      if (c === undefined) impossible = true;
      else accessMask |= 1 << c;
    }
    let formatOk: Uint8Array | undefined;
    if (p.formats.length > 0) {
      formatOk = new Uint8Array(256);
      for (const name of p.formats) {
        const c = this.codes.format.get(name);
        if (c !== undefined) formatOk[c] = 1;
      }
    }
    const f: Filter = {
      nowMs,
      fromMs,
      toMs,
      dated,
      age: p.age ?? -1,
      maxPrice: p.free ? 0 : (p.maxPriceCents ?? Number.POSITIVE_INFINITY),
      accessMask,
      formatOk,
      setting: Boolean(p.setting),
      settingCode: p.setting ? (this.codes.setting.get(p.setting) ?? -1) : -1,
      bothCode: this.codes.setting.get('both') ?? -1,
      box: undefined,
      originLat: 0,
      originLng: 0,
      originCosLat: 1,
      km: p.km,
    };
    if (s.origin) {
      const dLat = p.km / 111.2;
      const dLng = p.km / (111.2 * Math.cos((s.origin.lat * Math.PI) / 180));
      f.box = { minLat: s.origin.lat - dLat, maxLat: s.origin.lat + dLat, minLng: s.origin.lng - dLng, maxLng: s.origin.lng + dLng };
      f.originLat = s.origin.lat;
      f.originLng = s.origin.lng;
      f.originCosLat = Math.cos(s.origin.lat * rad);
    }

    // Date order can walk the sessions in time order and stop after one page,
    // so the count then stops past the cap; other orders need every match.
    const byDate = p.sort === 'date';
    // Distance order needs next sessions only to break ties and for the page: found when asked.
    const lazyNext = p.sort === 'distance' && !dated;
    const next = this.next;
    const distance = this.distance;
    const generation = ++this.generation;
    const matches = this.matches;
    let m = 0;
    let capped = false;
    if (!impossible) {
      const count = candidates ? candidates.length : this.docs.length;
      for (let c = 0; c < count; c++) {
        const i = candidates ? candidates[c]! : c;
        if (!this.passes(i, f)) continue;
        if (dated || (!byDate && !lazyNext)) {
          const first = this.nextSession(i, fromMs, toMs);
          if (dated && Number.isNaN(first)) continue;
          next[i] = first;
        }
        matches[m++] = i;
        if (byDate && m > this.cap) {
          capped = true;
          break;
        }
      }
    }

    const offset = (p.page - 1) * p.perPage;
    let page: number[];
    if (byDate && m > this.walkFrom) {
      if (!capped) for (let c = 0; c < m; c++) this.mark[matches[c]!] = generation;
      page = this.walkByDate(offset + p.perPage, f, !capped, candidates, generation).slice(offset);
    } else {
      const list = matches.subarray(0, m);
      if (byDate && !dated) for (let c = 0; c < m; c++) next[list[c]!] = this.nextSession(list[c]!, fromMs, toMs);
      // Missing next sessions (NaN) sort last; ties go by id, the documents' order, so pages never overlap.
      const byNext = (a: number, b: number) => {
        const x = Number.isNaN(next[a]!) ? Number.POSITIVE_INFINITY : next[a]!;
        const y = Number.isNaN(next[b]!) ? Number.POSITIVE_INFINITY : next[b]!;
        return x < y ? -1 : x > y ? 1 : a - b;
      };
      let compare = byNext;
      if (p.sort === 'relevance') {
        const terms = textQuery ? positiveTerms(textQuery) : [];
        const score = this.score;
        this.rank(list, terms);
        compare = (a, b) => score[b]! - score[a]! || byNext(a, b);
      } else if (p.sort === 'distance') {
        compare = (a, b) => {
          const x = distance[a]!;
          const y = distance[b]!;
          if (x < y) return -1;
          if (x > y) return 1;
          if (lazyNext) {
            next[a] = this.nextSession(a, fromMs, toMs);
            next[b] = this.nextSession(b, fromMs, toMs);
          }
          return byNext(a, b);
        };
      }
      page = topK(list, offset + p.perPage, compare).slice(offset);
      if (lazyNext) for (const i of page) next[i] = this.nextSession(i, fromMs, toMs);
    }
    const total = m;
    return {
      hits: page.map((i): SearchHit => {
        const d = this.docs[i]!;
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
          distanceKm: distance[i] === Number.POSITIVE_INFINITY ? null : Math.round(distance[i]! * 10) / 10,
          nextSessionAt: Number.isNaN(next[i]!) ? null : new Date(next[i]!),
          themeIds: [...d.themeIds],
        };
      }),
      total: Math.min(total, this.cap),
      totalCapped: total > this.cap,
      page: p.page,
      perPage: p.perPage,
    };
  }
}

interface Filter {
  nowMs: number;
  fromMs: number;
  toMs: number;
  dated: boolean;
  /** -1: any age. */
  age: number;
  maxPrice: number;
  accessMask: number;
  /** By format code: 1 = wanted; undefined: any format. */
  formatOk: Uint8Array | undefined;
  setting: boolean;
  settingCode: number;
  bothCode: number;
  box: { minLat: number; maxLat: number; minLng: number; maxLng: number } | undefined;
  originLat: number;
  originLng: number;
  originCosLat: number;
  km: number;
}

const empty = new Int32Array(0);

/** Sorted, distinct arrays of document numbers: both, either, the first without the second. */
function intersect(a: Int32Array, b: Int32Array): Int32Array {
  if (a.length === 0 || b.length === 0) return empty;
  const out = new Int32Array(Math.min(a.length, b.length));
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x < y) i++;
    else if (x > y) j++;
    else {
      out[n++] = x;
      i++;
      j++;
    }
  }
  return out.subarray(0, n);
}

function union(a: Int32Array, b: Int32Array): Int32Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x < y) {
      out[n++] = x;
      i++;
    } else if (x > y) {
      out[n++] = y;
      j++;
    } else {
      out[n++] = x;
      i++;
      j++;
    }
  }
  while (i < a.length) out[n++] = a[i++]!;
  while (j < b.length) out[n++] = b[j++]!;
  return out.subarray(0, n);
}

function difference(a: Int32Array, b: Int32Array): Int32Array {
  if (a.length === 0 || b.length === 0) return a;
  const out = new Int32Array(a.length);
  let j = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    while (j < b.length && b[j]! < x) j++;
    if (j < b.length && b[j] === x) continue;
    out[n++] = x;
  }
  return out.subarray(0, n);
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
  const up = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (compare(heap[i]!, heap[parent]!) <= 0) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  const down = (i: number) => {
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
  };
  for (let n = 0; n < items.length; n++) {
    const item = items[n]!;
    if (heap.length < k) {
      heap.push(item);
      up(heap.length - 1);
    } else if (compare(item, heap[0]!) < 0) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort(compare);
}
