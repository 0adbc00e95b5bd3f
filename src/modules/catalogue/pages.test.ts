import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createFixture, type Fixture } from '../../../test/helpers/factories.js';
import { testApp, testDatabase } from '../../../test/helpers/build-app.js';

const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;

before(async () => {
  fx = await createFixture(database);
  app = await testApp(database);
});
after(async () => {
  await app.close();
  await database.drop();
});

async function page(url: string) {
  const res = await app.inject({ url });
  assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 500)}`);
  assert.match(res.headers['content-type'] as string, /text\/html/);
  return res.body;
}

function dataBlock(html: string, selector: RegExp): unknown {
  const m = selector.exec(html);
  assert.ok(m, 'data block present');
  return JSON.parse(m[1]!);
}

describe('wegwijzer pages', () => {
  test('the platform root goes to the only ecosystem', async () => {
    const res = await app.inject({ url: '/' });
    assert.equal(res.statusCode, 302);
    assert.equal(res.headers.location, '/e/proef/');
  });

  test('home shows the themes with counts and what is on soon', async () => {
    const html = await page('/e/proef/');
    assert.match(html, /<html lang="nl"/);
    assert.match(html, /Ontdek, maak en onderzoek in Proefregio proef/);
    assert.match(html, /href="\/e\/proef\/zoeken\?theme=wetenschap-onderzoek"/);
    assert.match(html, /2 activiteiten/);
    assert.match(html, /Robots bouwen en programmeren/);
    assert.doesNotMatch(html, /Geheime drone-workshop/);
  });

  test('search lists results with links that keep the filters', async () => {
    const html = await page('/e/proef/zoeken?q=robots&age=9');
    assert.match(html, /1 activiteit gevonden/);
    assert.match(html, new RegExp(`href="/e/proef/activiteiten/${fx.activities.robots}\\?q=robots&amp;age=9"`));
    assert.match(html, /value="robots"/);
    assert.match(html, /value="9"/);
  });

  test('search by postcode says how far', async () => {
    const html = await page('/e/proef/zoeken?postcode=7511&km=5');
    assert.match(html, /binnen 5 km van 7511 Enschede/);
    assert.match(html, /0,\d km|0 km/);
  });

  test('search paginates', async () => {
    const html = await page('/e/proef/zoeken?perPage=2&page=2');
    assert.match(html, /Pagina 2 van 3/);
    assert.match(html, /rel="prev"/);
    assert.match(html, /rel="next"/);
    assert.match(html, /aria-current="page"/);
  });

  test('the activity page: facts, sessions, next steps, JSON-LD and a share link', async () => {
    const html = await page(`/e/proef/activiteiten/${fx.activities.robots}?age=9&theme=programmeren-digitaal`);
    assert.match(html, /<h1 class="utrecht-heading-1">Robots bouwen en programmeren<\/h1>/);
    assert.match(html, /Bibliotheek Proefstad/);
    assert.match(html, /Pijpenstraat 1/);
    assert.match(html, /8 tot en met 12 jaar/);
    assert.match(html, /Rolstoeltoegankelijk/);
    assert.match(html, /Hierna kun je…/);
    assert.match(html, /Kun je al een robot laten rijden\? In de club bouw je grotere robots\./);
    assert.match(html, new RegExp(`href="/e/proef/activiteiten/${fx.activities.robotClub}\\?theme=programmeren-digitaal&amp;age=9"`));
    assert.match(html, /href="\/e\/proef\/zoeken\?theme=programmeren-digitaal&amp;age=9"/);
    assert.match(html, new RegExp(`value="http://localhost(:\\d+)?/e/proef/activiteiten/${fx.activities.robots}\\?theme=programmeren-digitaal&amp;age=9"`));
    const ld = dataBlock(html, /<script type="application\/ld\+json">(.*?)<\/script>/s) as Record<string, any>;
    assert.equal(ld['@type'], 'Event');
    assert.equal(ld.name, 'Robots bouwen en programmeren');
    assert.equal(ld.location.address.postalCode, '7511 AA');
    assert.equal(ld.organizer.name, 'Bibliotheek Proefstad');
    assert.equal(ld.typicalAgeRange, '8-12');
    assert.equal(ld.isAccessibleForFree, true);
    assert.ok(Date.parse(ld.startDate) > Date.now());
    assert.equal(ld.subEvent.length, 2);
  });

  test('an activity page with broken carried filters still opens', async () => {
    const html = await page(`/e/proef/activiteiten/${fx.activities.robots}?age=200`);
    assert.match(html, /href="\/e\/proef\/zoeken"/);
  });

  test('the map page: data for the script and a drawing without it', async () => {
    const html = await page('/e/proef/kaart?theme=wetenschap-onderzoek');
    const data = dataBlock(html, /<script type="application\/json" id="map-data">(.*?)<\/script>/s) as Record<string, any>;
    assert.equal(data.places.length, 1);
    assert.equal(data.places[0].city, 'Hengelo');
    assert.equal(data.places[0].count, 2);
    assert.equal(data.neighbourhoods.length, 2);
    assert.equal(data.query, '?theme=wetenschap-onderzoek');
    assert.equal(data.tiles, null);
    assert.match(html, /<svg class="map-fallback"/);
    assert.match(html, /<path class="hood"/);
    assert.match(html, /<circle class="place"/);
    assert.match(html, /Sterrenkijken in de Natuurtuin/);
    assert.match(html, /src="\/assets\/js\/map.js"/);
  });

  test('pages carry no inline script, and the CSP forbids it', async () => {
    const res = await app.inject({ url: '/e/proef/kaart' });
    assert.match(res.headers['content-security-policy'] as string, /script-src 'self'/);
    const scripts = [...res.body.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
    for (const attrs of scripts) assert.match(attrs, /src=|type="application\/(ld\+)?json"/);
  });

  test('the demo banner shows on demo ecosystems only', async () => {
    assert.doesNotMatch(await page('/e/proef/'), /demo-banner/);
    await database.db.updateTable('ecosystems').set({ is_demo: true }).where('id', '=', fx.ecosystem.id).execute();
    await app.ctx.ecosystems.reload();
    assert.match(await page('/e/proef/'), /alle organisaties, activiteiten en cijfers in deze omgeving zijn verzonnen/);
  });
});
