import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createFixture, inDays, type Fixture } from '../../../test/helpers/factories.js';
import { auth, testApp, testDatabase } from '../../../test/helpers/build-app.js';

const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;
const api = '/e/proef/api/v1';

before(async () => {
  fx = await createFixture(database);
  app = await testApp(database);
});
after(async () => {
  await app.close();
  await database.drop();
});

async function search(query: string) {
  const res = await app.inject({ url: `${api}/activities${query}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { total: number; items: Array<{ id: number; title: string; distanceKm: number | null; nextSessionAt: string | null; themes: string[] }> };
}
const titles = (r: { items: Array<{ title: string }> }) => r.items.map((i) => i.title).sort();

describe('search', () => {
  test('lists published, current activities only', async () => {
    const r = await search('');
    assert.deepEqual(titles(r), [
      'Online codeerles', 'Proefjes met water', 'Robotclub voor gevorderden', 'Robots bouwen en programmeren', 'Sterrenkijken in de Natuurtuin',
    ]);
    assert.equal(r.total, 5);
  });

  test('finds words with Dutch stemming', async () => {
    // "robot" finds "Robots" by stemming; Dutch compounds ("Robotclub") are not split.
    assert.deepEqual(titles(await search('?q=robot')), ['Robots bouwen en programmeren']);
    assert.deepEqual(titles(await search('?q=programmeer')), ['Robots bouwen en programmeren']);
    assert.deepEqual(titles(await search('?q=telescopen')), ['Sterrenkijken in de Natuurtuin']);
    assert.equal((await search('?q=robots')).items[0]!.title, 'Robots bouwen en programmeren');
  });

  test('filters by theme, age, price and accessibility', async () => {
    assert.deepEqual(titles(await search('?theme=wetenschap-onderzoek')), ['Proefjes met water', 'Sterrenkijken in de Natuurtuin']);
    assert.deepEqual(titles(await search('?theme=wetenschap-onderzoek&theme=natuur-duurzaamheid&age=5')), ['Proefjes met water']);
    assert.deepEqual(titles(await search('?age=13')), ['Online codeerles', 'Robotclub voor gevorderden']);
    assert.deepEqual(titles(await search('?price=free&age=9')), ['Robots bouwen en programmeren', 'Sterrenkijken in de Natuurtuin']);
    assert.deepEqual(titles(await search('?maxPrice=5')), ['Online codeerles', 'Proefjes met water', 'Robots bouwen en programmeren', 'Sterrenkijken in de Natuurtuin']);
    assert.deepEqual(titles(await search('?access=wheelchair')), ['Robots bouwen en programmeren']);
    assert.deepEqual(titles(await search('?format=club')), ['Robotclub voor gevorderden']);
  });

  test('filters and sorts by distance from a postcode or a place', async () => {
    const near = await search('?postcode=7511&km=5&sort=distance');
    assert.deepEqual(near.items.map((i) => i.title), ['Robots bouwen en programmeren', 'Robotclub voor gevorderden']);
    assert.ok(near.items[0]!.distanceKm! < 0.5);
    const wide = await search('?postcode=7511 AB&km=25&sort=distance');
    assert.equal(wide.items.length, 4);
    assert.ok(wide.items.at(-1)!.distanceKm! > 5, 'Hengelo is further away');
    assert.deepEqual(titles(await search('?place=Hengelo&km=2')), ['Proefjes met water', 'Sterrenkijken in de Natuurtuin']);
  });

  test('filters by date range and sorts by date', async () => {
    const from = inDays(15).toISOString().slice(0, 10);
    const to = inDays(45).toISOString().slice(0, 10);
    assert.deepEqual(titles(await search(`?from=${from}&to=${to}`)), ['Proefjes met water', 'Sterrenkijken in de Natuurtuin']);
    const byDate = await search('?sort=date');
    const dates = byDate.items.map((i) => i.nextSessionAt).filter((d): d is string => d !== null);
    assert.deepEqual(dates, [...dates].sort());
  });

  test('pages through results', async () => {
    const first = await search('?perPage=2');
    const second = await search('?perPage=2&page=2');
    const third = await search('?perPage=2&page=3');
    assert.equal(first.items.length, 2);
    assert.equal(third.items.length, 1);
    const all = [...first.items, ...second.items, ...third.items].map((i) => i.id);
    assert.equal(new Set(all).size, 5);
  });
});

describe('reading', () => {
  test('an activity with sessions, provider, location and visible next steps', async () => {
    const res = await app.inject({ url: `${api}/activities/${fx.activities.robots}` });
    assert.equal(res.statusCode, 200);
    const a = res.json();
    assert.equal(a.title, 'Robots bouwen en programmeren');
    assert.equal(a.organisation.name, 'Bibliotheek Proefstad');
    assert.equal(a.location.city, 'Enschede');
    assert.equal(a.sessions.length, 2);
    // The step to the unpublished draft is not shown.
    assert.deepEqual(a.nextSteps.map((n: { title: string; kind: string }) => [n.title, n.kind]), [['Robotclub voor gevorderden', 'deepen']]);
    assert.match(a.url, /\/e\/proef\/activiteiten\/\d+$/);
  });

  test('drafts are hidden from the public and shown with the admin token', async () => {
    assert.equal((await app.inject({ url: `${api}/activities/${fx.activities.draft}` })).statusCode, 404);
    const res = await app.inject({ url: `${api}/activities/${fx.activities.draft}`, headers: auth });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().status, 'draft');
  });

  test('themes, organisations, locations, neighbourhoods and ecosystems', async () => {
    const themes = (await app.inject({ url: `${api}/themes` })).json().items;
    assert.equal(themes.length, 6);
    assert.equal(themes.find((t: { slug: string }) => t.slug === 'wetenschap-onderzoek').activityCount, 2);
    assert.equal((await app.inject({ url: `${api}/organisations` })).json().items.length, 2);
    assert.equal((await app.inject({ url: `${api}/locations?organisationId=${fx.orgs.museum}` })).json().items.length, 1);
    const hoods = (await app.inject({ url: `${api}/neighbourhoods` })).json().items;
    assert.equal(hoods[0].cbsCode, 'WK015301');
    assert.equal(hoods[0].sesTier, 2);
    const ecos = (await app.inject({ url: '/api/v1/ecosystems' })).json().items;
    assert.deepEqual(ecos.map((e: { slug: string }) => e.slug), ['proef']);
  });

  test('the OpenAPI document and the readable page describe the API', async () => {
    const spec = (await app.inject({ url: '/api/docs/openapi.json' })).json();
    assert.equal(spec.openapi.slice(0, 2), '3.');
    assert.ok(spec.paths['/e/{ecosystem}/api/v1/activities'].get);
    assert.ok(spec.paths['/e/{ecosystem}/api/v1/activities'].post.requestBody);
    const page = await app.inject({ url: '/api/docs' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /GET \/e\/\{ecosystem\}\/api\/v1\/activities/);
    assert.match(page.body, /beheersleutel/);
  });
});

describe('writing', () => {
  const newActivity = () => ({
    organisationId: fx.orgs.museum,
    title: 'Bruggen bouwen met spaghetti',
    summary: 'Hoeveel gewicht houdt jouw brug?',
    themes: ['maken-ontwerpen'],
    format: 'workshop',
    setting: 'both',
    minAge: 9,
    maxAge: 13,
    level: 'introduction',
    registrationMode: 'walk_in',
    locationId: fx.locations.hengelo,
    priceCents: 0,
  });

  test('needs the admin token', async () => {
    const res = await app.inject({ method: 'POST', url: `${api}/activities`, payload: newActivity() });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error, 'unauthenticated');
    const wrong = await app.inject({ method: 'POST', url: `${api}/activities`, payload: newActivity(), headers: { authorization: 'Bearer wrong-token-wrong-token' } });
    assert.equal(wrong.statusCode, 401);
  });

  test('is switched off without a configured token', async () => {
    const readOnly = await testApp(database, { adminToken: undefined });
    const res = await readOnly.inject({ method: 'POST', url: `${api}/activities`, payload: newActivity(), headers: auth });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error, 'writing_disabled');
    assert.match(res.json().message, /Log in om te schrijven/);
    assert.equal((await readOnly.inject({ method: 'POST', url: `${api}/activities`, payload: newActivity() })).statusCode, 401);
    await readOnly.close();
  });

  test('create a draft, add a session and a next step, publish, change, archive', async () => {
    const created = await app.inject({ method: 'POST', url: `${api}/activities`, payload: newActivity(), headers: auth });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id as number;
    assert.equal(created.json().status, 'draft');
    assert.match(created.headers.location as string, new RegExp(`/api/v1/activities/${id}$`));
    assert.equal((await search('?q=spaghetti')).total, 0, 'a draft is not in the finder');

    const session = await app.inject({
      method: 'POST', url: `${api}/activities/${id}/sessions`, headers: auth,
      payload: { startsAt: inDays(12).toISOString(), endsAt: new Date(inDays(12).getTime() + 5_400_000).toISOString(), capacity: 16 },
    });
    assert.equal(session.statusCode, 201, session.body);
    const step = await app.inject({
      method: 'POST', url: `${api}/activities/${id}/next-steps`, headers: auth,
      payload: { toActivityId: fx.activities.water, kind: 'on_ramp', reason: 'Eerst proefjes doen?' },
    });
    assert.equal(step.statusCode, 201, step.body);
    const again = await app.inject({
      method: 'POST', url: `${api}/activities/${id}/next-steps`, headers: auth,
      payload: { toActivityId: fx.activities.water, kind: 'on_ramp', reason: 'Nog een keer' },
    });
    assert.equal(again.statusCode, 409);

    assert.equal((await app.inject({ method: 'POST', url: `${api}/activities/${id}/publish`, headers: auth })).json().status, 'published');
    const found = await search('?q=spaghetti');
    assert.equal(found.total, 1);
    assert.ok(found.items[0]!.nextSessionAt);

    const patched = await app.inject({ method: 'PATCH', url: `${api}/activities/${id}`, headers: auth, payload: { title: 'Bruggen bouwen met pasta', maxAge: 14 } });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().maxAge, 14);
    assert.equal(patched.json().summary, 'Hoeveel gewicht houdt jouw brug?');
    assert.equal((await search('?q=pasta')).total, 1);

    const cancel = await app.inject({ method: 'POST', url: `${api}/sessions/${session.json().id}/cancel`, headers: auth });
    assert.equal(cancel.json().status, 'cancelled');

    assert.equal((await app.inject({ method: 'POST', url: `${api}/activities/${id}/archive`, headers: auth })).json().status, 'archived');
    assert.equal((await search('?q=pasta')).total, 0);
    const late = await app.inject({ method: 'PATCH', url: `${api}/activities/${id}`, headers: auth, payload: { title: 'Te laat' } });
    assert.equal(late.statusCode, 409);
  });

  test('organisations, locations and themes', async () => {
    const org = await app.inject({ method: 'POST', url: `${api}/organisations`, headers: auth, payload: { name: 'Makerspace De Werkplaats', sector: 'maker_space' } });
    assert.equal(org.statusCode, 201, org.body);
    const loc = await app.inject({
      method: 'POST', url: `${api}/locations`, headers: auth,
      payload: { organisationId: org.json().id, name: 'Werkplaats', postcode: '7511ab', city: 'Enschede', lat: 52.22, lng: 6.9 },
    });
    assert.equal(loc.statusCode, 201, loc.body);
    assert.equal(loc.json().postcode, '7511 AB');
    const theme = await app.inject({ method: 'POST', url: `${api}/themes`, headers: auth, payload: { slug: 'ruimtevaart', name: 'Ruimtevaart' } });
    assert.equal(theme.statusCode, 201, theme.body);
    assert.equal((await app.inject({ method: 'POST', url: `${api}/themes`, headers: auth, payload: { slug: 'ruimtevaart', name: 'Dubbel' } })).statusCode, 409);
    assert.equal((await search('?theme=ruimtevaart')).total, 0);
    const archived = await app.inject({ method: 'POST', url: `${api}/organisations/${org.json().id}/archive`, headers: auth });
    assert.equal(archived.json().status, 'archived');
    assert.equal((await app.inject({ url: `${api}/organisations/${org.json().id}` })).statusCode, 404);
  });
});
