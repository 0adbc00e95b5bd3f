import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { amsterdamMidnight, type Origin, type ResolvedSearch, type SearchResult } from '../queries/activity-search.js';
import type { SearchParams } from '../queries/search-params.js';
import { OfferIndex, type IndexedActivity } from './offer-index.js';
import { parseTsvector, positiveTerms, type Occurrence, type QueryNode } from './tsquery.js';

/**
 * The index against a plain restatement of the finder's rules (every filter
 * checked on every activity, everything sorted), on a generated offer large
 * enough to take each of the index's paths: sets and one-by-one checks,
 * walking sessions or places and sorting, ties in rank, distance and time.
 * `offer-index.test.ts` holds the index to the SQL on the demo data.
 */

// mulberry32: a fixed seed, so a failure can be reproduced.
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hour = 3_600_000;
const now = new Date('2026-11-26T10:17:00Z');
const words = ['robot', 'bouw', 'natuur', 'water', 'sterr', 'kijk', 'muziek', 'theater', 'dans', 'vogel', 'spott', 'lego', 'bij', 'hout'];
const formats = ['workshop', 'club', 'camp', 'lesson', 'event'];
const settings = ['in_school', 'out_of_school', 'both'];
const features = ['wheelchair', 'hearing_loop', 'low_stimulus'];

function generate(n: number, seed: number): IndexedActivity[] {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  // Shared places, so that many activities are at exactly the same distance.
  const places = Array.from({ length: Math.ceil(n / 8) }, () => ({ lat: 52.0 + rnd() * 0.4, lng: 6.5 + rnd() * 0.6 }));
  return Array.from({ length: n }, (_, k) => {
    // Sessions on the hour (ties in time), some in the past of `now`, some activities without any.
    const starts = Array.from({ length: Math.floor(rnd() * 5) }, () => now.getTime() + Math.round((rnd() * 200 - 3) * 24) * hour).sort((a, b) => a - b);
    const upcoming = starts.filter((t) => t >= now.getTime());
    const online = rnd() < 0.1;
    const place = online ? undefined : pick(places);
    // Lexemes with positions and weights, as PostgreSQL's tsvector text writes them; a few words are common, most rare.
    const lexemes = new Map<string, string[]>();
    const length = 1 + Math.floor(rnd() * 8);
    for (let pos = 1; pos <= length; pos++) {
      const word = rnd() < 0.5 ? pick(words.slice(0, 3)) : pick(words);
      const weight = pos <= 2 ? 'A' : pick(['B', 'C', '']);
      lexemes.set(word, [...(lexemes.get(word) ?? []), `${pos}${weight}`]);
    }
    const minAge = 4 + Math.floor(rnd() * 10);
    return {
      id: 1 + k * 3, // ids with gaps, in a shuffled order below
      title: `Activiteit ${k}`,
      summary: 'Samenvatting',
      format: pick(formats),
      setting: pick(settings),
      level: 'introduction',
      minAge,
      maxAge: minAge + Math.floor(rnd() * 6),
      priceCents: rnd() < 0.4 ? 0 : pick([250, 500, 1250, 2500]),
      online,
      accessibility: features.filter(() => rnd() < 0.3),
      organisationName: 'Organisatie',
      city: place ? 'Enschede' : null,
      lat: place?.lat ?? null,
      lng: place?.lng ?? null,
      locationId: place ? places.indexOf(place) : null,
      themeIds: [1, 2, 3, 4, 5, 6].filter(() => rnd() < 0.3),
      sessionStarts: Float64Array.from(upcoming),
      // Some activities ended between loading and `now`; those without sessions are offered on request.
      lastSessionEnd: starts.length > 0 ? starts[starts.length - 1]! + 2 * hour : rnd() < 0.5 ? null : now.getTime() - hour,
      searchVector: [...lexemes].map(([w, ps]) => `'${w}':${ps.join(',')}`).join(' '),
    } satisfies IndexedActivity;
  }).sort(() => rnd() - 0.5);
}

const rankWeights = [0.1, 0.2, 0.4, 1.0];
const rad = Math.PI / 180;

/** Activities with their lexemes parsed once. */
type Prepared = Array<{ d: IndexedActivity; lexemes: Map<string, Occurrence> }>;
const prepare = (docs: IndexedActivity[]): Prepared => docs.map((d) => ({ d, lexemes: parseTsvector(d.searchVector) }));

/** The finder's rules, one activity at a time (the SQL in activity-search.ts, and the index's documented ranking). */
function reference(docs: Prepared, s: ResolvedSearch, text: QueryNode | undefined, at: Date, cap: number): SearchResult {
  const p = s.params;
  const nowMs = at.getTime();
  const fromMs = Math.max(nowMs, p.from ? amsterdamMidnight(p.from).getTime() : nowMs);
  const toMs = p.to ? amsterdamMidnight(p.to).getTime() + 86_400_000 : Number.POSITIVE_INFINITY;
  const contains = (lexemes: Map<string, Occurrence>, node: QueryNode): boolean => {
    switch (node.op) {
      case 'term':
        return node.prefix ? [...lexemes.keys()].some((l) => l.startsWith(node.lexeme)) : lexemes.has(node.lexeme);
      case 'not':
        return !contains(lexemes, node.arg);
      case 'and':
        return contains(lexemes, node.left) && contains(lexemes, node.right);
      case 'or':
        return contains(lexemes, node.left) || contains(lexemes, node.right);
      case 'phrase':
        return positions(lexemes, node).length > 0;
    }
  };
  const positions = (lexemes: Map<string, Occurrence>, node: QueryNode): number[] => {
    if (node.op === 'term') {
      if (!node.prefix) return lexemes.get(node.lexeme)?.positions ?? [];
      return [...lexemes].filter(([l]) => l.startsWith(node.lexeme)).flatMap(([, occ]) => occ.positions).sort((a, b) => a - b);
    }
    if (node.op === 'phrase') {
      const right = new Set(positions(lexemes, node.right));
      return positions(lexemes, node.left).filter((q) => right.has(q + node.distance)).map((q) => q + node.distance);
    }
    return [0];
  };
  const rows: Array<{ d: IndexedActivity; km: number | null; next: number | null; score: number }> = [];
  for (const { d, lexemes } of docs) {
    if ((d.lastSessionEnd ?? Number.POSITIVE_INFINITY) < nowMs) continue;
    if (p.q && (!text || !contains(lexemes, text))) continue;
    if (s.themeIds.length > 0 && !d.themeIds.some((t) => s.themeIds.includes(t))) continue;
    if (p.age !== undefined && (d.minAge > p.age || d.maxAge < p.age)) continue;
    if (p.free && d.priceCents !== 0) continue;
    if (p.maxPriceCents !== undefined && d.priceCents > p.maxPriceCents) continue;
    if (!p.accessibility.every((a) => d.accessibility.includes(a))) continue;
    if (p.formats.length > 0 && !p.formats.includes(d.format)) continue;
    if (p.setting && d.setting !== p.setting && d.setting !== 'both') continue;
    let km: number | null = null;
    if (s.origin) {
      const o = s.origin;
      if (d.lat === null || d.lng === null) continue;
      const dLat = p.km / 111.2;
      const dLng = p.km / (111.2 * Math.cos((o.lat * Math.PI) / 180));
      if (d.lat < o.lat - dLat || d.lat > o.lat + dLat || d.lng < o.lng - dLng || d.lng > o.lng + dLng) continue;
      const a = Math.sin(((o.lat - d.lat) * rad) / 2) ** 2 + Math.cos(d.lat * rad) * Math.cos(o.lat * rad) * Math.sin(((o.lng - d.lng) * rad) / 2) ** 2;
      km = 6371 * 2 * Math.asin(Math.sqrt(a));
      if (km > p.km) continue;
    }
    const next = [...d.sessionStarts].find((t) => t >= fromMs && t < toMs) ?? null;
    if ((p.from || p.to) && next === null) continue;
    let score = 0;
    for (const term of text ? positiveTerms(text) : []) {
      const occ = lexemes.get(term.lexeme);
      if (occ) score += rankWeights[occ.weight]! * (1 + Math.log(occ.positions.length || 1));
    }
    rows.push({ d, km, next, score });
  }
  type Row = (typeof rows)[number];
  const byNext = (a: Row, b: Row) => (a.next ?? Infinity) - (b.next ?? Infinity) || a.d.id - b.d.id;
  rows.sort((a, b) => {
    if (p.sort === 'relevance') return b.score - a.score || byNext(a, b);
    if (p.sort === 'distance') return (a.km ?? Infinity) - (b.km ?? Infinity) || byNext(a, b);
    return byNext(a, b);
  });
  const offset = (p.page - 1) * p.perPage;
  return {
    hits: rows.slice(offset, offset + p.perPage).map(({ d, km, next }) => ({
      id: d.id, title: d.title, summary: d.summary, format: d.format, setting: d.setting, level: d.level, minAge: d.minAge, maxAge: d.maxAge,
      priceCents: d.priceCents, online: d.online, organisationName: d.organisationName, city: d.city, lat: d.lat, lng: d.lng, locationId: d.locationId,
      distanceKm: km === null ? null : Math.round(km * 10) / 10,
      nextSessionAt: next === null ? null : new Date(next),
      themeIds: [...d.themeIds].sort((a, b) => a - b),
    })),
    total: Math.min(rows.length, cap),
    totalCapped: rows.length > cap,
    page: p.page,
    perPage: p.perPage,
  };
}

function day(offset: number): string {
  return new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
}

/** Random finder queries over the generated offer's vocabulary. */
function queries(count: number, seed: number): Array<{ s: ResolvedSearch; text: QueryNode | undefined }> {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const term = (): QueryNode => ({ op: 'term', lexeme: pick(words), prefix: rnd() < 0.05 });
  const textQuery = (): QueryNode => {
    const r = rnd();
    if (r < 0.5) return term();
    if (r < 0.7) return { op: 'and', left: term(), right: term() };
    if (r < 0.8) return { op: 'or', left: term(), right: term() };
    if (r < 0.9) return { op: 'and', left: term(), right: { op: 'not', arg: term() } };
    return { op: 'phrase', distance: 1, left: term(), right: term() };
  };
  const origins: Origin[] = [
    { lat: 52.2, lng: 6.8, label: 'midden' },
    { lat: 52.05, lng: 6.55, label: 'rand' },
  ];
  return Array.from({ length: count }, () => {
    const hasText = rnd() < 0.5;
    const origin = rnd() < 0.35 ? pick(origins) : undefined;
    const dated = rnd() < 0.3;
    const from = dated && rnd() < 0.8 ? day(Math.floor(rnd() * 120) - 2) : undefined;
    const to = dated && (!from || rnd() < 0.7) ? day(Math.floor(rnd() * 150)) : undefined;
    const sorts: Array<SearchParams['sort']> = ['date', ...(hasText ? (['relevance'] as const) : []), ...(origin ? (['distance'] as const) : [])];
    const params: SearchParams = {
      q: hasText ? 'woorden' : undefined,
      themes: [],
      age: rnd() < 0.4 ? 4 + Math.floor(rnd() * 15) : undefined,
      postcode: undefined,
      place: undefined,
      km: pick([2, 5, 10, 20, 40]),
      from,
      to: to && from && to < from ? from : to,
      free: rnd() < 0.1,
      maxPriceCents: rnd() < 0.1 ? pick([0, 300, 1250]) : undefined,
      accessibility: rnd() < 0.1 ? [pick(features)] : [],
      formats: rnd() < 0.15 ? [pick(formats), pick(formats)] : [],
      setting: rnd() < 0.1 ? pick(['in_school', 'out_of_school'] as const) : undefined,
      sort: pick(sorts),
      page: rnd() < 0.7 ? 1 : 2 + Math.floor(rnd() * 30),
      perPage: pick([20, 20, 5, 100]),
    };
    const themeIds = rnd() < 0.3 ? [pick([1, 2, 3, 4, 5, 6, 9])] : [];
    return { s: { params, themeIds, origin }, text: hasText ? (rnd() < 0.03 ? undefined : textQuery()) : undefined };
  });
}

const json = (r: SearchResult) => JSON.stringify(r);

describe('the index follows the finder rules on a generated offer', () => {
  const configurations: Array<[string, number | undefined, number | undefined]> = [
    ['as in production', undefined, undefined],
    ['always walking sessions and places', 0, undefined],
    ['walking, counting up to 25', 0, 25],
  ];
  for (const [name, walkFrom, cap] of configurations) {
    test(name, () => {
      const docs = generate(3000, 7);
      const index = new OfferIndex('1', structuredClone(docs), walkFrom, cap);
      const prepared = prepare(docs);
      for (const { s, text } of queries(700, 11)) {
        const expected = reference(prepared, s, text, now, cap ?? 10_000);
        assert.equal(json(index.search(s, text, now)), json(expected), JSON.stringify({ params: s.params, themeIds: s.themeIds, origin: s.origin, text }));
      }
    });
  }

  test('later searches, as activities end and sessions pass', () => {
    const docs = generate(1500, 3);
    const index = new OfferIndex('1', structuredClone(docs), 0);
    const prepared = prepare(docs);
    for (const [k, { s, text }] of queries(300, 5).entries()) {
      // Back and forth in time: what is on offer depends on the moment of each search.
      const at = new Date(now.getTime() + ((k * 7919) % 40) * 6 * hour - 12 * hour);
      assert.equal(json(index.search(s, text, at)), json(reference(prepared, s, text, at, 10_000)));
    }
  });
});
