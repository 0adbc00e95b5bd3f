import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { testDatabase } from '../../../../test/helpers/build-app.js';
import { seedDemo } from '../../demo/seed.js';
import { resolveSearch, searchActivities } from '../queries/activity-search.js';
import { parseSearchParams } from '../queries/search-params.js';
import { OfferIndexStore } from './index-store.js';
import { parseTsquery, parseTsvector } from './tsquery.js';
import { topK } from './offer-index.js';

/** The in-memory finder index must give the same answers as the SQL search it stands in for. */
const database = await testDatabase();
let ecosystemId: number;
let store: OfferIndexStore;
// The same index, always walking sessions for the date order (large offers do).
let walking: OfferIndexStore;
// Walking, and counting only up to 3: the walk then checks the filters itself, as for broad queries on large offers.
let capped: OfferIndexStore;

before(async () => {
  ecosystemId = (await seedDemo(database)).ecosystemId;
  store = new OfferIndexStore(database.db);
  walking = new OfferIndexStore(database.db, { walkFrom: 0 });
  capped = new OfferIndexStore(database.db, { walkFrom: 0, countCap: 3 });
});
after(() => database.drop());

function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

const queries = [
  '', 'q=robots', 'q=sterren kijken', 'q="robots bouwen"', 'q=robots -club', 'q=water or vuur', 'q=de het', 'q=natuur&age=8',
  'theme=programmeren-digitaal&age=10&postcode=7511&km=10', 'theme=natuur-duurzaamheid&postcode=7550&km=5&sort=distance',
  `from=${day(3)}&to=${day(17)}`, `theme=kunst-cultuur&from=${day(10)}&to=${day(60)}`, 'age=12&page=2', 'postcode=7511&km=15&sort=distance&page=2',
  'price=free&age=6&postcode=7600&km=10', 'q=water&postcode=7511&km=20&sort=distance', 'theme=bewegen&age=14&format=club',
  'access=wheelchair&setting=out_of_school', 'maxPrice=5&perPage=50', 'q=programmeren&sort=date', 'place=Hengelo&km=3', 'perPage=100&page=3',
  `q=natuur&theme=natuur-duurzaamheid&from=${day(1)}&to=${day(40)}&sort=date`, 'q=robots&age=10&postcode=7511&km=25&sort=distance',
  `q=water&format=workshop&format=club&setting=in_school&maxPrice=10&from=${day(0)}&sort=date`, 'format=club&format=camp&price=free',
];

describe('the index answers as the SQL does', () => {
  for (const query of queries) {
    test(query || '(everything)', async () => {
      const { params, problems } = parseSearchParams(Object.fromEntries(new URLSearchParams(query)), { strict: true });
      assert.deepEqual(problems, []);
      const { resolved, problems: unknown } = await resolveSearch(database.db, ecosystemId, params);
      assert.deepEqual(unknown, []);
      const now = new Date();
      const [viaSql, viaIndex] = await Promise.all([searchActivities(database.db, ecosystemId, resolved, now), store.search(ecosystemId, resolved, now)]);
      assert.equal(viaIndex.total, viaSql.total, 'total');
      const strip = (h: (typeof viaSql.hits)[number]) => ({ ...h, nextSessionAt: h.nextSessionAt ? new Date(h.nextSessionAt).toISOString() : null });
      if (params.sort === 'relevance') {
        // Ranking formulas differ (ts_rank_cd against a weighted term count); the matches may not.
        const all = { ...params, page: 1, perPage: 100 };
        const bigSql = await searchActivities(database.db, ecosystemId, { ...resolved, params: all }, now);
        const bigIndex = await store.search(ecosystemId, { ...resolved, params: all }, now);
        assert.deepEqual(bigIndex.hits.map((h) => h.id).sort(), bigSql.hits.map((h) => h.id).sort());
      } else {
        assert.deepEqual(viaIndex.hits.map(strip), viaSql.hits.map(strip));
        const viaWalk = await walking.search(ecosystemId, resolved, now);
        assert.deepEqual(viaWalk.hits.map(strip), viaSql.hits.map(strip), 'walking the sessions');
        assert.equal(viaWalk.total, viaSql.total);
        const viaCapped = await capped.search(ecosystemId, resolved, now);
        assert.deepEqual(viaCapped.hits.map(strip), viaSql.hits.map(strip), 'walking past the count cap');
        assert.equal(viaCapped.total, Math.min(viaSql.total, 3));
        assert.equal(viaCapped.totalCapped, viaSql.total > 3);
      }
    });
  }
});

describe('freshness', () => {
  test('a change to the offer shows in the next search', async () => {
    const { params } = parseSearchParams({ q: 'robots' }, { strict: true });
    const { resolved } = await resolveSearch(database.db, ecosystemId, params);
    const before = await store.search(ecosystemId, resolved);
    const first = before.hits[0]!;
    await database.db.updateTable('activities').set({ status: 'archived' }).where('id', '=', first.id).execute();
    const after = await store.search(ecosystemId, resolved);
    assert.equal(after.total, before.total - 1);
    assert.ok(!after.hits.some((h) => h.id === first.id));
    await database.db.updateTable('activities').set({ status: 'published' }).where('id', '=', first.id).execute();
    assert.equal((await store.search(ecosystemId, resolved)).total, before.total);
  });
});

describe('resolving themes, postcodes and places', () => {
  const cases = [
    'theme=programmeren-digitaal', 'theme=programmeren-digitaal&theme=bestaat-niet', 'theme=natuur-duurzaamheid&theme=kunst-cultuur',
    'postcode=7511', 'postcode=1011', 'postcode=7511&theme=onbekend', 'place=Hengelo', 'place=nergens&theme=bewegen', 'place=Enschede&km=3',
  ];
  for (const query of cases) {
    test(query, async () => {
      const search = new URLSearchParams(query);
      const { params } = parseSearchParams({ ...Object.fromEntries(search), theme: search.getAll('theme') }, { strict: true });
      const viaSql = await resolveSearch(database.db, ecosystemId, params);
      const viaStore = await store.resolve(ecosystemId, params);
      const sorted = (r: typeof viaSql) => ({ ...r, resolved: { ...r.resolved, themeIds: [...r.resolved.themeIds].sort() } });
      assert.deepEqual(sorted(viaStore), sorted(viaSql));
    });
  }

  test('a postcode area or theme added here is known to the next search', async () => {
    const { params } = parseSearchParams({ postcode: '7999', theme: 'sterrenkunde' }, { strict: true });
    assert.equal((await store.resolve(ecosystemId, params)).problems.length, 2);
    await database.db.insertInto('postcode_areas').values({ ecosystem_id: ecosystemId, postcode: '7999', place: 'Proefdorp', lat: 52.3, lng: 6.7, neighbourhood_id: null }).execute();
    await database.db.insertInto('themes').values({ ecosystem_id: ecosystemId, slug: 'sterrenkunde', name: 'Sterrenkunde' }).execute();
    const after = await store.resolve(ecosystemId, params);
    assert.deepEqual(after.problems, []);
    assert.deepEqual(after.resolved.origin, { lat: 52.3, lng: 6.7, label: '7999 Proefdorp' });
    assert.equal(after.resolved.themeIds.length, 1);
    await database.db.deleteFrom('themes').where('slug', '=', 'sterrenkunde').execute();
    await database.db.deleteFrom('postcode_areas').where('postcode', '=', '7999').execute();
    assert.equal((await store.resolve(ecosystemId, params)).problems.length, 2);
  });
});

describe('stemming', () => {
  test('several plain words stemmed one by one give what PostgreSQL gives for all of them', async () => {
    const queries = [
      'sterren kijken', 'Robots BOUWEN en programmeren', 'de het', 'de robots', 'zwemmen zwemmen', '  vogels   spotten ', 'water or vuur',
      'water OR vuur', 'robots -club', '"robots bouwen"', 'e-mail robots', 'café muziek', 'natuur 3d printen', 'kijken',
    ];
    const fresh = new OfferIndexStore(database.db);
    for (const q of queries) {
      const row = await sql<{ t: string }>`select websearch_to_tsquery('dutch', ${q})::text as t`.execute(database.db);
      assert.deepEqual(await fresh.textQuery(q), parseTsquery(row.rows[0]!.t), q);
    }
  });
});

describe('remembered results', () => {
  test('a remembered answer is not given once time has changed it', async () => {
    const { params } = parseSearchParams({}, { strict: true });
    const { resolved } = await resolveSearch(database.db, ecosystemId, params);
    const uncached = new OfferIndexStore(database.db, { cacheResults: false });
    const remembering = new OfferIndexStore(database.db);
    const now = new Date();
    const once = await remembering.search(ecosystemId, resolved, now);
    // Remembered from the second time it is asked.
    const first = await remembering.search(ecosystemId, resolved, now);
    assert.notEqual(first, once);
    assert.deepEqual(first, once);
    assert.ok(!remembering.remembers(once) && remembering.remembers(first));
    assert.equal(await remembering.search(ecosystemId, resolved, now), first, 'the same query at the same moment is remembered');
    // Just after the first hit's session has started, it is no longer upcoming.
    const later = new Date(first.hits[0]!.nextSessionAt!.getTime() + 1);
    const fresh = await uncached.search(ecosystemId, resolved, later);
    const again = await remembering.search(ecosystemId, resolved, later);
    assert.notEqual(again, first);
    assert.deepEqual(again, fresh);
  });
});

describe('parts', () => {
  test('tsquery text parses with PostgreSQL precedence', () => {
    assert.deepEqual(parseTsquery("'robot' & !'dron' | 'a' <-> 'b'"), {
      op: 'or',
      left: { op: 'and', left: { op: 'term', lexeme: 'robot', prefix: false }, right: { op: 'not', arg: { op: 'term', lexeme: 'dron', prefix: false } } },
      right: { op: 'phrase', distance: 1, left: { op: 'term', lexeme: 'a', prefix: false }, right: { op: 'term', lexeme: 'b', prefix: false } },
    });
    assert.equal(parseTsquery(''), undefined);
    assert.throws(() => parseTsquery("'a' &"));
  });

  test('tsvector text parses with positions and weights', () => {
    const v = parseTsvector("'bouw':2A,3B 'robot':1A,5B 'it''s':7");
    assert.deepEqual(v.get('bouw'), { positions: [2, 3], weight: 3 });
    assert.deepEqual(v.get("it's"), { positions: [7], weight: 0 });
  });

  test('topK returns the first k in order, like a full sort', () => {
    const items = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5003);
    const cmp = (a: number, b: number) => a - b;
    assert.deepEqual(topK(items, 20, cmp), [...items].sort(cmp).slice(0, 20));
    assert.deepEqual(topK(items, 0, cmp), []);
  });
});
