import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, afterEach, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { seedDemo } from '../../src/modules/demo/seed.js';
import { testApp, testDatabase } from '../helpers/build-app.js';
import { axeViolations, describeViolations, launchBrowser, listen } from './browser.js';

/** A visitor uses the wegwijzer in Chromium, on the demo data, as a parent would. */
const database = await testDatabase();
let app: FastifyInstance;
let browser: Browser;
let base: string;
let page: Page;

before(async () => {
  await seedDemo(database);
  app = await testApp(database);
  base = await listen(app);
  browser = await launchBrowser();
  page = await browser.newPage({ locale: 'nl-NL' });
  page.on('pageerror', (error) => scriptErrors.push(error.message));
});
// A script error on any page fails the test that caused it.
const scriptErrors: string[] = [];
afterEach(() => {
  const errors = scriptErrors.splice(0);
  assert.deepEqual(errors, [], 'script errors');
});
after(async () => {
  await browser?.close();
  await app?.close();
  await database.drop();
});

const eco = '/e/twente-demo';

describe('finding an activity', () => {
  test('search by words from the home page', async () => {
    await page.goto(`${base}${eco}/`);
    assert.match(await page.title(), /Leerecosysteem Twente/);
    await page.getByLabel('Zoekwoorden').fill('robots');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL(/\/zoeken\?q=robots/);
    await page.getByRole('link', { name: 'Robots bouwen en programmeren' }).first().waitFor();
  });

  test('filter by age and distance, open the activity and follow its next step', async () => {
    await page.goto(`${base}${eco}/zoeken`);
    await page.locator('#veld-q').fill('robots');
    await page.locator('#veld-age').fill('9');
    await page.locator('#veld-postcode').fill('7511');
    await page.locator('#veld-km').selectOption('5');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL(/age=9/);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('postcode'), '7511');
    assert.equal(url.searchParams.get('km'), '5');
    const summary = await page.locator('.result-summary').innerText();
    assert.match(summary, /binnen 5 km van 7511/);

    // Every result fits the filters: ages include 9, and within 5 km.
    const metas = await page.locator('.result-card .result-meta').allInnerTexts();
    assert.ok(metas.length > 0);
    for (const meta of metas) {
      const [, min, max] = /(\d+)–(\d+) jaar/.exec(meta) ?? [];
      assert.ok(Number(min) <= 9 && Number(max) >= 9, meta);
      const km = /([\d,]+) km/.exec(meta);
      if (km) assert.ok(Number(km[1]!.replace(',', '.')) <= 5, meta);
    }

    await page.getByRole('link', { name: 'Robots bouwen en programmeren' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Robots bouwen en programmeren' }).waitFor();
    // The share link keeps the filters.
    const shared = new URL(await page.locator('#deel-link').inputValue());
    assert.equal(shared.searchParams.get('age'), '9');
    assert.equal(shared.searchParams.get('postcode'), '7511');
    await page.getByRole('heading', { name: 'Hierna kun je…' }).waitFor();
    assert.match(await page.locator('.next-steps').innerText(), /Kun je al een robot laten rijden\? In de club bouw je grotere robots\./);

    await page.locator('.next-steps').getByRole('link', { name: 'Robotclub voor gevorderden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Robotclub voor gevorderden' }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get('age'), '9');
  });

  test('a wrong age gets a Dutch message beside the field', async () => {
    await page.goto(`${base}${eco}/zoeken`);
    await page.locator('#veld-age').fill('25');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /4 tot en met 18 jaar/);
    assert.equal(await page.locator('#veld-age').getAttribute('aria-invalid'), 'true');
  });

  test('the map draws places and outlines without tiles', async () => {
    await page.goto(`${base}${eco}/kaart?theme=natuur-duurzaamheid`);
    await page.locator('#map.leaflet-container').waitFor();
    assert.equal(await page.locator('#map .map-fallback').count(), 0, 'the drawing gives way to the map');
    const data = JSON.parse((await page.locator('#map-data').textContent()) ?? '{}') as { places: unknown[]; neighbourhoods: Array<{ outline: unknown }> };
    assert.ok(data.places.length > 3);
    const outlines = data.neighbourhoods.filter((h) => h.outline).length;
    assert.ok(outlines >= 8);
    // One vector path per place marker and per outline: nothing depends on tiles.
    assert.equal(await page.locator('#map path.leaflet-interactive').count(), data.places.length);
    assert.equal(await page.locator('#map path.hood').count(), outlines);
    await page.locator('#map path.leaflet-interactive').first().focus();
    await page.keyboard.press('Enter');
    await page.locator('.leaflet-popup .map-popup a').first().waitFor();
    assert.equal(await page.locator('#map img.leaflet-tile').count(), 0);
  });
});

describe('finder pages stay light and accessible', () => {
  const pages = [
    ['home', `${eco}/`],
    ['search', `${eco}/zoeken?q=natuur&age=8`],
    ['search with an error', `${eco}/zoeken?age=2`],
    ['map', `${eco}/kaart`],
    ['activity', `${eco}/zoeken?q=robots`],
    ['API documentation', '/api/docs'],
  ] as const;

  for (const [name, path] of pages) {
    test(`axe-core finds no WCAG 2.1 AA violations: ${name}`, async () => {
      await page.goto(`${base}${path}`);
      if (name === 'activity') {
        await page.getByRole('link', { name: 'Robots bouwen en programmeren' }).first().click();
        await page.getByRole('heading', { level: 1 }).waitFor();
      }
      if (name === 'map') await page.locator('#map.leaflet-container').waitFor();
      const violations = await axeViolations(page);
      assert.equal(violations.length, 0, describeViolations(violations));
    });
  }

  test('at most 50 KB of compressed JavaScript on finder pages', async () => {
    for (const path of [`${eco}/`, `${eco}/zoeken`, `${eco}/kaart`]) {
      const scripts: string[] = [];
      const listener = (request: { resourceType(): string; url(): string }) => {
        if (request.resourceType() === 'script') scripts.push(request.url());
      };
      page.on('request', listener);
      await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
      page.off('request', listener);
      let total = 0;
      for (const url of scripts) total += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer()), { level: 9 }).length;
      assert.ok(total <= 50 * 1024, `${path}: ${total} bytes of compressed JavaScript`);
    }
  });
});
