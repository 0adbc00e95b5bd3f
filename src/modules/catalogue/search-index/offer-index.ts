import { amsterdamMidnight, countCap, type ResolvedSearch, type SearchHit, type SearchResult } from '../queries/activity-search.js';
import { parseTsvector, positiveTerms, type Occurrence, type QueryNode } from './tsquery.js';

/** One activity as the finder needs it, loaded once per version of the offer. */
export interface IndexedActivity {
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
  accessibility: string[];
  organisationName: string;
  city: string | null;
  lat: number | null;
  lng: number | null;
  locationId: number | null;
  themeIds: number[];
  /** Starts of scheduled sessions, ascending (ms since epoch). */
  sessionStarts: Float64Array;
  /** When the last session ends (ms), or null for an activity offered on request. */
  lastSessionEnd: number | null;
  /** The activity's tsvector as text, as PostgreSQL computed it (Dutch stemming, weights). */
  searchVector: string;
}

const rankWeights = [0.1, 0.2, 0.4, 1.0]; // D, C, B, A: PostgreSQL's defaults

/** Index of the first element ≥ value in an ascending array. */
function lowerBound(values: Float64Array, value: number): number {
  let lo = 0;
  let hi = values.length;
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
  private readonly themeSets: Array<Set<number>>;

  constructor(
    readonly version: string,
    private readonly docs: IndexedActivity[],
  ) {
    this.lexemes = docs.map((d) => parseTsvector(d.searchVector));
    this.themeSets = docs.map((d) => new Set(d.themeIds));
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

  get size(): number {
    return this.docs.length;
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

    const matches: number[] = [];
    const next = new Float64Array(this.docs.length).fill(Number.NaN);
    const distance = new Float64Array(this.docs.length).fill(Number.NaN);
    for (let i = 0; i < this.docs.length; i++) {
      const d = this.docs[i]!;
      if (d.lastSessionEnd !== null && d.lastSessionEnd < nowMs) continue;
      if (text && !text[i]) continue;
      if (themes.length > 0 && !themes.some((t) => this.themeSets[i]!.has(t))) continue;
      if (p.age !== undefined && (d.minAge > p.age || d.maxAge < p.age)) continue;
      if (p.free && d.priceCents !== 0) continue;
      if (p.maxPriceCents !== undefined && d.priceCents > p.maxPriceCents) continue;
      if (p.accessibility.length > 0 && !p.accessibility.every((a) => d.accessibility.includes(a))) continue;
      if (p.formats.length > 0 && !p.formats.includes(d.format)) continue;
      if (p.setting && d.setting !== p.setting && d.setting !== 'both') continue;
      const k = lowerBound(d.sessionStarts, fromMs);
      const first = k < d.sessionStarts.length && d.sessionStarts[k]! < toMs ? d.sessionStarts[k]! : Number.NaN;
      if (dated && Number.isNaN(first)) continue;
      if (box) {
        if (d.lat === null || d.lng === null) continue;
        if (d.lat < box.minLat || d.lat > box.maxLat || d.lng < box.minLng || d.lng > box.maxLng) continue;
        const km = haversineKm(d.lat, d.lng, s.origin!.lat, s.origin!.lng);
        if (km > p.km) continue;
        distance[i] = km;
      }
      next[i] = first;
      matches.push(i);
    }

    const terms = textQuery ? positiveTerms(textQuery) : [];
    const rank = p.sort === 'relevance' ? new Map(matches.map((i) => [i, this.rank(i, terms)])) : undefined;
    // NULLs last, as in the SQL; ties broken by id so pages never overlap.
    const byNext = (a: number, b: number) => {
      const x = next[a]!;
      const y = next[b]!;
      if (Number.isNaN(x) !== Number.isNaN(y)) return Number.isNaN(x) ? 1 : -1;
      return (Number.isNaN(x) ? 0 : x - y) || this.docs[a]!.id - this.docs[b]!.id;
    };
    const compare =
      p.sort === 'relevance'
        ? (a: number, b: number) => rank!.get(b)! - rank!.get(a)! || byNext(a, b)
        : p.sort === 'distance'
          ? (a: number, b: number) => {
              const x = distance[a]!;
              const y = distance[b]!;
              if (Number.isNaN(x) !== Number.isNaN(y)) return Number.isNaN(x) ? 1 : -1;
              return (Number.isNaN(x) ? 0 : x - y) || byNext(a, b);
            }
          : byNext;

    const offset = (p.page - 1) * p.perPage;
    const page = topK(matches, offset + p.perPage, compare).slice(offset);
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
          distanceKm: Number.isNaN(distance[i]!) ? null : Math.round(distance[i]! * 10) / 10,
          nextSessionAt: Number.isNaN(next[i]!) ? null : new Date(next[i]!),
          themeIds: [...d.themeIds].sort((a, b) => a - b),
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
