import { amsterdamMidnight, countCap, type ResolvedSearch, type SearchHit, type SearchResult } from '../queries/activity-search.js';
import { parseTsvector, positiveTerms, type Occurrence, type QueryNode } from './tsquery.js';

/** One activity as the finder needs it, loaded once per version of the offer: a search hit's fields and what filters need. */
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

/** Themes beyond the 32nd share the last bit: the filter then also checks the theme list itself. */
function bit(code: number): number {
  return 1 << Math.min(code, 31);
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

function haversineKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
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
  private readonly lexemes: Array<Map<string, Occurrence>>;
  // The filters read columns of typed arrays, not objects: a scan of a whole
  // region's offer then takes well under a millisecond.
  private readonly minAge: Uint8Array;
  private readonly maxAge: Uint8Array;
  private readonly price: Int32Array;
  private readonly lat: Float64Array;
  private readonly lng: Float64Array;
  private readonly lastEnd: Float64Array;
  private readonly format: Uint8Array;
  private readonly setting: Uint8Array;
  private readonly access: Uint32Array;
  private readonly themeBits: Uint32Array;
  /** Session starts of all documents in one array; document i owns [sessionFrom[i], sessionFrom[i + 1]). */
  private readonly starts: Float64Array;
  private readonly sessionFrom: Int32Array;
  private readonly codes = { format: new Map<string, number>(), setting: new Map<string, number>(), access: new Map<string, number>(), theme: new Map<number, number>() };
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

  constructor(
    readonly version: string,
    private readonly docs: IndexedActivity[],
    /** Below this many matches a plain sort replaces the walk through the sessions (tests set 0). */
    private readonly walkFrom = 2_000,
  ) {
    // Document order is id order: ties in every sort order are broken by it.
    docs.sort((a, b) => a.id - b.id);
    const n = docs.length;
    this.lexemes = docs.map((d) => parseTsvector(d.searchVector));
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
    this.lastEnd = Float64Array.from(docs, (d) => d.lastSessionEnd ?? Number.POSITIVE_INFINITY);
    this.format = Uint8Array.from(docs, (d) => code(this.codes.format as Map<string | number, number>, d.format));
    this.setting = Uint8Array.from(docs, (d) => code(this.codes.setting as Map<string | number, number>, d.setting));
    this.access = Uint32Array.from(docs, (d) => d.accessibility.reduce((bits, a) => bits | (1 << code(this.codes.access as Map<string | number, number>, a)), 0));
    this.themeBits = Uint32Array.from(docs, (d) => d.themeIds.reduce((bits, t) => bits | bit(code(this.codes.theme as Map<string | number, number>, t)), 0));
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
    const lists = new Map<string, number[]>();
    this.lexemes.forEach((map, i) => {
      for (const lexeme of map.keys()) {
        let list = lists.get(lexeme);
        if (!list) lists.set(lexeme, (list = []));
        list.push(i);
      }
    });
    for (const [lexeme, list] of lists) this.postings.set(lexeme, Int32Array.from(list));
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

  /**
   * The first `k` matches in date order: sessions from `fromMs` on, in time
   * order, give each match its next session the first time they meet it;
   * matches without one follow in id order (NULLs last, as in the SQL).
   */
  private walkByDate(matches: number[], k: number, fromMs: number): number[] {
    const generation = ++this.generation;
    for (const i of matches) this.mark[i] = generation;
    const out: number[] = [];
    for (let s = lowerBound(this.orderedStarts, fromMs); s < this.orderedStarts.length && out.length < k; s++) {
      const i = this.orderedDocs[s]!;
      if (this.mark[i] !== generation) continue;
      this.mark[i] = 0; // emitted
      this.next[i] = this.orderedStarts[s]!;
      out.push(i);
    }
    for (const i of matches) {
      if (out.length >= k) break;
      if (this.mark[i] === generation) {
        this.next[i] = Number.NaN;
        out.push(i);
      }
    }
    return out;
  }

  /** Documents matching a text query, as a membership array over the documents. */
  private textMatches(node: QueryNode): Uint8Array {
    const n = this.docs.length;
    switch (node.op) {
      case 'term': {
        const out = new Uint8Array(n);
        if (node.prefix) {
          for (const [lexeme, list] of this.postings) if (lexeme.startsWith(node.lexeme)) for (const i of list) out[i] = 1;
        } else {
          for (const i of this.postings.get(node.lexeme) ?? []) out[i] = 1;
        }
        return out;
      }
      case 'not': {
        const inner = this.textMatches(node.arg);
        for (let i = 0; i < n; i++) inner[i] = inner[i] ? 0 : 1;
        return inner;
      }
      case 'and':
      case 'or': {
        const left = this.textMatches(node.left);
        const right = this.textMatches(node.right);
        for (let i = 0; i < n; i++) left[i] = node.op === 'and' ? left[i]! & right[i]! : left[i]! | right[i]!;
        return left;
      }
      case 'phrase': {
        const left = this.textMatches(node.left);
        const right = this.textMatches(node.right);
        for (let i = 0; i < n; i++) {
          if (left[i] && right[i]) left[i] = this.phraseAt(i, node) ? 1 : 0;
          else left[i] = 0;
        }
        return left;
      }
    }
  }

  /** Positions where a phrase (terms, or phrases of terms) occurs in document `i`. */
  private positionsOf(i: number, node: QueryNode): number[] {
    if (node.op === 'term') {
      if (!node.prefix) return this.lexemes[i]!.get(node.lexeme)?.positions ?? [];
      const all: number[] = [];
      for (const [lexeme, occ] of this.lexemes[i]!) if (lexeme.startsWith(node.lexeme)) all.push(...occ.positions);
      return all.sort((a, b) => a - b);
    }
    if (node.op === 'phrase') {
      const right = new Set(this.positionsOf(i, node.right));
      return this.positionsOf(i, node.left).filter((p) => right.has(p + node.distance)).map((p) => p + node.distance);
    }
    // Other operators inside a phrase are rare in websearch queries; treat them as present anywhere.
    return [0];
  }

  private phraseAt(i: number, node: Extract<QueryNode, { op: 'phrase' }>): boolean {
    return this.positionsOf(i, node).length > 0;
  }

  private rank(i: number, terms: Array<{ lexeme: string; prefix: boolean }>): number {
    const map = this.lexemes[i]!;
    let score = 0;
    for (const term of terms) {
      const occ = map.get(term.lexeme);
      if (occ) score += rankWeights[occ.weight]! * (1 + Math.log(occ.positions.length || 1));
    }
    return score;
  }

  search(s: ResolvedSearch, textQuery: QueryNode | undefined, now: Date = new Date()): SearchResult {
    const p = s.params;
    const nowMs = now.getTime();
    // Whole days in Amsterdam, and never before now, exactly as the SQL's date window.
    const fromMs = Math.max(nowMs, p.from ? amsterdamMidnight(p.from).getTime() : nowMs);
    const toMs = p.to ? amsterdamMidnight(p.to).getTime() + 86_400_000 : Number.POSITIVE_INFINITY;
    const dated = Boolean(p.from || p.to);
    const text = p.q ? (textQuery ? this.textMatches(textQuery) : new Uint8Array(this.docs.length)) : undefined;
    const themes = s.themeIds;
    let box: { minLat: number; maxLat: number; minLng: number; maxLng: number } | undefined;
    if (s.origin) {
      const dLat = p.km / 111.2;
      const dLng = p.km / (111.2 * Math.cos((s.origin.lat * Math.PI) / 180));
      box = { minLat: s.origin.lat - dLat, maxLat: s.origin.lat + dLat, minLng: s.origin.lng - dLng, maxLng: s.origin.lng + dLng };
    }

    const next = this.next;
    const distance = this.distance;
    const themeMask = themes.reduce((bits, t) => {
      const c = this.codes.theme.get(t);
      return c === undefined ? bits : bits | bit(c);
    }, 0);
    const themesBeyondBits = themes.some((t) => (this.codes.theme.get(t) ?? 0) >= 31);
    let accessMask = 0;
    for (const a of p.accessibility) {
      const c = this.codes.access.get(a);
      // A feature no activity has: nothing can match.
      accessMask = c === undefined || accessMask === -1 ? -1 : accessMask | (1 << c);
    }
    const formatCodes = new Set(p.formats.map((f) => this.codes.format.get(f) ?? -1));
    const settingCode = p.setting ? (this.codes.setting.get(p.setting) ?? -1) : -1;
    const bothCode = this.codes.setting.get('both') ?? -1;
    const age = p.age;
    const maxPrice = p.free ? 0 : (p.maxPriceCents ?? Number.POSITIVE_INFINITY);
    const origin = s.origin;

    // Plain date order over a broad match is the finder's default page; it walks the
    // sessions in time order instead of finding every match's next session.
    const walkDates = p.sort === 'date' && !dated;
    const matches: number[] = [];
    if (accessMask !== -1) {
      for (let i = 0; i < this.docs.length; i++) {
        if (this.lastEnd[i]! < nowMs) continue;
        if (text && !text[i]) continue;
        if (themes.length > 0) {
          if ((this.themeBits[i]! & themeMask) === 0) continue;
          if (themesBeyondBits && !themes.some((t) => this.docs[i]!.themeIds.includes(t))) continue;
        }
        if (age !== undefined && (this.minAge[i]! > age || this.maxAge[i]! < age)) continue;
        if (this.price[i]! > maxPrice) continue;
        if (accessMask !== 0 && (this.access[i]! & accessMask) !== accessMask) continue;
        if (formatCodes.size > 0 && !formatCodes.has(this.format[i]!)) continue;
        if (settingCode !== -1 && this.setting[i] !== settingCode && this.setting[i] !== bothCode) continue;
        if (p.setting && settingCode === -1 && this.setting[i] !== bothCode) continue;
        let km = Number.NaN;
        if (box) {
          const la = this.lat[i]!;
          const lo = this.lng[i]!;
          if (!(la >= box.minLat && la <= box.maxLat && lo >= box.minLng && lo <= box.maxLng)) continue;
          km = haversineKm(la, lo, origin!.lat, origin!.lng);
          if (km > p.km) continue;
        }
        distance[i] = km;
        if (walkDates) {
          matches.push(i);
          continue;
        }
        const first = this.nextSession(i, fromMs, toMs);
        if (dated && Number.isNaN(first)) continue;
        next[i] = first;
        matches.push(i);
      }
    }

    const terms = textQuery ? positiveTerms(textQuery) : [];
    // NULLs last, as in the SQL (missing values are +Infinity here); ties go by
    // id, which is the documents' order, so pages never overlap.
    for (const i of matches) {
      if (Number.isNaN(distance[i]!)) distance[i] = Number.POSITIVE_INFINITY;
    }
    // Missing next sessions (NaN) sort last.
    const byNext = (a: number, b: number) => {
      const x = Number.isNaN(next[a]!) ? Number.POSITIVE_INFINITY : next[a]!;
      const y = Number.isNaN(next[b]!) ? Number.POSITIVE_INFINITY : next[b]!;
      return x < y ? -1 : x > y ? 1 : a - b;
    };
    const score = p.sort === 'relevance' ? new Float64Array(this.docs.length) : undefined;
    if (score) for (const i of matches) score[i] = this.rank(i, terms);
    const compare =
      p.sort === 'relevance'
        ? (a: number, b: number) => score![b]! - score![a]! || byNext(a, b)
        : p.sort === 'distance'
          ? (a: number, b: number) => {
              const x = distance[a]!;
              const y = distance[b]!;
              return x < y ? -1 : x > y ? 1 : byNext(a, b);
            }
          : byNext;

    const offset = (p.page - 1) * p.perPage;
    let page: number[];
    if (walkDates && matches.length > this.walkFrom) {
      page = this.walkByDate(matches, offset + p.perPage, fromMs).slice(offset);
    } else {
      if (walkDates) for (const i of matches) next[i] = this.nextSession(i, fromMs, toMs);
      page = topK(matches, offset + p.perPage, compare).slice(offset);
    }
    return {
      hits: page.map((i): SearchHit => {
        const { accessibility, sessionStarts, lastSessionEnd, searchVector, themeIds, ...shown } = this.docs[i]!;
        return {
          ...shown,
          distanceKm: distance[i] === Number.POSITIVE_INFINITY ? null : Math.round(distance[i]! * 10) / 10,
          nextSessionAt: Number.isNaN(next[i]!) ? null : new Date(next[i]!),
          themeIds: [...themeIds].sort((a, b) => a - b),
        };
      }),
      total: Math.min(matches.length, countCap),
      totalCapped: matches.length > countCap,
      page: p.page,
      perPage: p.perPage,
    };
  }
}

/**
 * The first `k` items in order, without sorting them all: a bounded heap,
 * because a finder page needs 20 of possibly 100,000 matches.
 */
export function topK(items: number[], k: number, compare: (a: number, b: number) => number): number[] {
  if (k <= 0) return [];
  if (items.length <= k || k > 2000) return [...items].sort(compare).slice(0, k);
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
  for (const item of items) {
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
