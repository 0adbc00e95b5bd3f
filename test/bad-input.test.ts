import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createFixture, type Fixture } from './helpers/factories.js';
import { auth, testApp, testDatabase } from './helpers/build-app.js';

/**
 * Bad input from anywhere gets a specific answer and changes nothing:
 * 400 with a message per field on the API, a Dutch page saying what to fix,
 * 404 for ids that do not exist, and never a 500.
 */
const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;
const api = '/e/proef/api/v1';
const long = 'x'.repeat(5000);

before(async () => {
  fx = await createFixture(database);
  app = await testApp(database);
});
after(async () => {
  await app.close();
  await database.drop();
});

// [query string, field named in the answer, words the message must contain]
const badSearches: Array<[string, string, RegExp]> = [
  ['?age=3', 'age', /4 tot en met 18/],
  ['?age=19', 'age', /4 tot en met 18/],
  ['?age=negen', 'age', /heel getal/],
  ['?age=9.5', 'age', /heel getal/],
  ['?age=-1', 'age', /heel getal/],
  ['?age=9&age=10', 'age', /één keer/],
  ['?postcode=751', 'postcode', /vier cijfers/],
  ['?postcode=0511', 'postcode', /vier cijfers/],
  ['?postcode=abcd', 'postcode', /vier cijfers/],
  ['?postcode=1011', 'postcode', /ligt niet in deze regio/],
  ['?place=Atlantis', 'place', /kennen we niet/],
  ['?postcode=7511&place=Hengelo', 'place', /postcode óf een plaats/],
  ['?postcode=7511&km=0', 'km', /1 tot en met 100/],
  ['?postcode=7511&km=500', 'km', /1 tot en met 100/],
  ['?theme=ruimtevaart', 'theme', /"ruimtevaart" bestaat niet/],
  ['?theme=DROP%20TABLE', 'theme', /bestaat niet/],
  [`?q=${long}`, 'q', /hoogstens 200 tekens/],
  [`?place=${'y'.repeat(300)}`, 'place', /Maximaal 100 tekens/],
  ['?from=2026-13-01', 'from', /jjjj-mm-dd/],
  ['?from=gisteren', 'from', /jjjj-mm-dd/],
  ['?to=2026-02-30', 'to', /jjjj-mm-dd/],
  ['?from=2027-05-01&to=2027-04-01', 'to', /vóór de begindatum/],
  ['?from=2027-01-01&to=2031-01-01', 'to', /twee jaar/],
  ['?price=cheap', 'price', /geen geldige keuze/],
  ['?maxPrice=tien', 'maxPrice', /maximumprijs/],
  ['?access=teleport', 'access', /geen geldige keuze/],
  ['?format=rave', 'format', /geen geldige keuze/],
  ['?setting=moon', 'setting', /geen geldige keuze/],
  ['?sort=random', 'sort', /geen geldige keuze/],
  ['?sort=distance', 'sort', /postcode of plaats/],
  ['?page=0', 'page', /1 tot en met 500/],
  ['?page=abc', 'page', /1 tot en met 500/],
  ['?page=501', 'page', /1 tot en met 500/],
  ['?page=99999999999999999999', 'page', /1 tot en met 500/],
  ['?perPage=1000', 'perPage', /tussen 1 en 100/],
  [`?theme=${Array.from({ length: 12 }, (_, i) => `t${i}`).join(',')}`, 'theme', /hoogstens 10/],
];

describe('search: bad input', () => {
  for (const [query, field, message] of badSearches) {
    test(`API ${query.slice(0, 60)}`, async () => {
      const res = await app.inject({ url: `${api}/activities${query}` });
      assert.equal(res.statusCode, 400, res.body);
      const body = res.json();
      assert.equal(body.error, 'invalid_input');
      const detail = body.details.find((d: { field: string }) => d.field === field);
      assert.ok(detail, `expected a message for ${field}: ${res.body}`);
      assert.match(detail.message, message);
    });

    test(`page ${query.slice(0, 60)}`, async () => {
      const res = await app.inject({ url: `/e/proef/zoeken${query}` });
      assert.equal(res.statusCode, 400);
      assert.match(res.headers['content-type'] as string, /text\/html/);
      assert.match(res.body, /Je zoekopdracht klopt niet helemaal/);
      // The message itself, HTML-escaped as the page shows it.
      const text = res.body.replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'");
      assert.match(text, message);
      assert.match(res.body, /aria-invalid="true"|id="veld-(theme|price|access|format|setting|sort|page|perPage)"/);
    });
  }

  test('the API rejects unknown parameters; pages ignore them', async () => {
    const res = await app.inject({ url: `${api}/activities?utm_source=nieuwsbrief` });
    assert.equal(res.statusCode, 400);
    assert.match(res.json().details[0].message, /"utm_source" bestaat niet/);
    assert.equal((await app.inject({ url: '/e/proef/zoeken?utm_source=nieuwsbrief' })).statusCode, 200);
  });

  test('a page past the end of the results', async () => {
    const res = await app.inject({ url: '/e/proef/zoeken?page=40' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Pagina 40 bestaat niet; er zijn 1 pagina/);
  });

  test('the map page shows the same messages', async () => {
    const res = await app.inject({ url: '/e/proef/kaart?age=2' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /4 tot en met 18 jaar/);
  });
});

describe('unknown ids and paths', () => {
  const notFound: Array<[string, RegExp]> = [
    [`${api}/activities/999999`, /activiteit bestaat niet/],
    [`${api}/organisations/999999`, /organisatie bestaat niet/],
    [`${api}/locations/999999`, /locatie bestaat niet/],
    ['/e/bestaat-niet/api/v1/activities', /leerecosysteem bestaat niet/],
    ['/e/proef/activiteiten/999999', /activiteit bestaat niet/],
    ['/e/bestaat-niet/zoeken', /leerecosysteem bestaat niet/],
    ['/e/proef/nergens', /pagina bestaat niet/],
  ];
  for (const [url, message] of notFound) {
    test(`404 ${url}`, async () => {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 404);
      assert.match(res.body, message);
    });
  }

  const malformedIds = ['abc', '0', '-5', '1.5', '99999999999', '1%00', "1'"];
  for (const id of malformedIds) {
    test(`400 for id ${JSON.stringify(id)}`, async () => {
      const apiRes = await app.inject({ url: `${api}/activities/${id}` });
      assert.equal(apiRes.statusCode, 400, apiRes.body);
      const page = await app.inject({ url: `/e/proef/activiteiten/${id}` });
      assert.equal(page.statusCode, 400);
      assert.match(page.body, /<html lang="nl"/);
    });
  }

  test('a draft is not found by the public', async () => {
    assert.equal((await app.inject({ url: `/e/proef/activiteiten/${fx.activities.draft}` })).statusCode, 404);
  });
});

describe('writing: bad input changes nothing', () => {
  const valid = () => ({
    organisationId: fx.orgs.library,
    title: 'Geldige activiteit',
    themes: ['bewegen'],
    format: 'workshop',
    setting: 'out_of_school',
    minAge: 8,
    maxAge: 10,
    level: 'introduction',
    registrationMode: 'walk_in',
    locationId: fx.locations.enschede,
  });
  const badActivities: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['missing title', { title: undefined }, 'title', /Vul dit in/],
    ['empty title', { title: '' }, 'title', /Vul dit in/],
    ['oversize title', { title: long }, 'title', /Maximaal 200 tekens/],
    ['age too low', { minAge: 2 }, 'minAge', /minstens 4/],
    ['age too high', { maxAge: 30 }, 'maxAge', /hoogstens 18/],
    ['ages reversed', { minAge: 12, maxAge: 8 }, 'maxAge', /minstens 12/],
    ['age as text', { minAge: 'acht' }, 'minAge', /heel getal/],
    ['unknown format', { format: 'rave' }, 'format', /geen geldige keuze/],
    ['unknown theme', { themes: ['ruimtevaart'] }, 'themes', /ruimtevaart/],
    ['no themes', { themes: [] }, 'themes', /./],
    ['unknown field', { colour: 'blauw' }, 'colour', /kennen we niet/],
    ['negative price', { priceCents: -100 }, 'priceCents', /minstens 0/],
    ['organisation of nobody', { organisationId: 999999 }, 'organisationId', /./],
    ['no location and not online', { locationId: null }, 'locationId', /Vul dit in/],
    ['bad accessibility', { accessibility: ['teleport'] }, 'accessibility.0', /geen geldige keuze/],
  ];
  for (const [name, change, field, message] of badActivities) {
    test(`activity: ${name}`, async () => {
      const before = await database.db.selectFrom('activities').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const payload = { ...valid(), ...change };
      const res = await app.inject({ method: 'POST', url: `${api}/activities`, payload, headers: auth });
      assert.equal(res.statusCode, 400, res.body);
      const detail = res.json().details.find((d: { field: string }) => d.field === field);
      assert.ok(detail, `expected a message for ${field}: ${res.body}`);
      assert.match(detail.message, message);
      const afterCount = await database.db.selectFrom('activities').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(afterCount.n), Number(before.n));
    });
  }

  test('malformed JSON and the wrong content type', async () => {
    const broken = await app.inject({ method: 'POST', url: `${api}/activities`, payload: '{"title":', headers: { ...auth, 'content-type': 'application/json' } });
    assert.equal(broken.statusCode, 400);
    assert.match(broken.json().details[0].message, /geen geldige JSON/);
    const xml = await app.inject({ method: 'POST', url: `${api}/activities`, payload: '<a/>', headers: { ...auth, 'content-type': 'application/xml' } });
    assert.equal(xml.statusCode, 415);
  });

  test('an oversize body', async () => {
    const res = await app.inject({ method: 'POST', url: `${api}/activities`, payload: { ...valid(), description: 'x'.repeat(600 * 1024) }, headers: auth });
    assert.equal(res.statusCode, 413);
  });

  test('sessions: end before start, bad dates, no capacity', async () => {
    const url = `${api}/activities/${fx.activities.robots}/sessions`;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ startsAt: '2027-01-10T15:00:00+01:00', endsAt: '2027-01-10T14:00:00+01:00' }, 'endsAt'],
      [{ startsAt: 'morgen', endsAt: '2027-01-10T14:00:00+01:00' }, 'startsAt'],
      [{ startsAt: '2027-01-10T13:00:00+01:00', endsAt: '2027-01-10T14:00:00+01:00', capacity: 0 }, 'capacity'],
    ];
    for (const [payload, field] of cases) {
      const res = await app.inject({ method: 'POST', url, payload, headers: auth });
      assert.equal(res.statusCode, 400, res.body);
      assert.ok(res.json().details.some((d: { field: string }) => d.field === field), res.body);
    }
    const res = await app.inject({ url: `${api}/activities/${fx.activities.robots}` });
    assert.equal(res.json().sessions.length, 2);
  });

  test('next steps: to itself, to an unknown activity', async () => {
    const url = `${api}/activities/${fx.activities.robots}/next-steps`;
    for (const toActivityId of [fx.activities.robots, 999999]) {
      const res = await app.inject({ method: 'POST', url, payload: { toActivityId, kind: 'deepen', reason: 'x' }, headers: auth });
      assert.equal(res.statusCode, 400, res.body);
    }
    const kind = await app.inject({ method: 'POST', url, payload: { toActivityId: fx.activities.stars, kind: 'sideways', reason: 'x' }, headers: auth });
    assert.equal(kind.statusCode, 400);
  });
});

describe('nothing a visitor sends causes a 500', () => {
  const nasty = ['%00', 'a%00b', '%01', '%E0%A4%A', '%ff%fe', '%F0%9F%98%80', "'; drop table activities; --", '%5C', '%25', '[]', '__proto__'];
  const params = ['q', 'theme', 'age', 'postcode', 'place', 'km', 'from', 'to', 'price', 'maxPrice', 'access', 'format', 'setting', 'sort', 'page', 'perPage', '__proto__', 'q[]'];
  for (const route of ['/e/proef/api/v1/activities', '/e/proef/zoeken', '/e/proef/kaart', '/e/proef/activiteiten/1']) {
    test(`every parameter × odd values: ${route}`, async () => {
      for (const param of params) {
        for (const value of nasty) {
          const res = await app.inject({ url: `${route}?${param}=${value}` });
          assert.ok(res.statusCode < 500, `${res.statusCode} for ${route}?${param}=${value}`);
        }
      }
    });
  }

  test('control characters in text are refused with a message naming the field', async () => {
    const res = await app.inject({ url: `${api}/activities?q=robot%00` });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json().details, [{ field: 'q', message: 'Bevat tekens die niet zijn toegestaan, zoals een nul-byte of een stuurteken.' }]);
    const body = await app.inject({ method: 'POST', url: `${api}/organisations`, headers: auth, payload: { name: 'Museum\u0000', sector: 'museum' } });
    assert.equal(body.statusCode, 400);
    assert.equal(body.json().details[0].field, 'name');
    const page = await app.inject({ url: '/e/proef/zoeken?place=a%00' });
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /nul-byte/);
  });
});
