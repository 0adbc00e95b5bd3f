import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seedDemo } from '../../src/modules/demo/seed.js';
import { renewDemoPassAccess, type DemoPassAccess } from '../../src/modules/passes/commands/path-demo-access.js';
import { testApp, testDatabase } from '../helpers/build-app.js';
import { pathPass } from '../helpers/path-fixtures.js';
import { signedInAs } from '../helpers/people.js';
import { launchBrowser, listen, noViolations } from './browser.js';

/**
 * A child with a parent opens the path page on a small phone without
 * JavaScript, and a coordinator curates a learning path; every page passes
 * axe-core (WCAG 2.1 AA). Runs on the invented demo data.
 */
const database = await testDatabase();
let app: FastifyInstance;
let browser: Browser;
let base: string;
let ecosystemId: number;
let sam: DemoPassAccess;
let phone: BrowserContext;
let child: Page;
let coordinatorPage: Page;
const scriptErrors: string[] = [];
const eco = '/e/twente-demo';

before(async () => {
  ecosystemId = (await seedDemo(database)).ecosystemId;
  sam = (await database.transaction((tx) => renewDemoPassAccess(tx))).find((p) => p.nickname === 'Sam (demo)')!;
  app = await testApp(database);
  base = await listen(app);
  browser = await launchBrowser();
  // A cheap phone: a small screen. (JavaScript stays on only because axe-core needs it; the pages load none, which each test checks.)
  phone = await browser.newContext({ locale: 'nl-NL', viewport: { width: 360, height: 640 } });
  child = await phone.newPage();
  const token = (await signedInAs(database, { ecosystemId, role: 'coordinator' })).cookies.lx_sessie;
  const desk = await browser.newContext({ locale: 'nl-NL' });
  await desk.addCookies([{ name: 'lx_sessie', value: token, url: base }]);
  coordinatorPage = await desk.newPage();
  for (const p of [child, coordinatorPage]) p.on('pageerror', (error) => scriptErrors.push(error.message));
});
afterEach(() => assert.deepEqual(scriptErrors.splice(0), [], 'script errors'));
after(async () => {
  await browser?.close();
  await app?.close();
  await database.drop();
});

/** Fits a phone's width, and works without JavaScript: the page loads no script. */
async function fitsTheScreen(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  const scripts = await page.evaluate(() => [...document.scripts].filter((s) => s.src || !/json/.test(s.type)).length);
  assert.equal(scripts, 0, 'no JavaScript on the page');
}

describe('a child opens the path page on a phone', () => {
  test('a wrong secret: one clear message beside the form, the code kept', async () => {
    await child.goto(`${base}${eco}/mijn-pad`);
    await noViolations(child);
    await child.getByLabel('Code van je pas').fill(sam.code);
    await child.getByLabel('Geheime code').fill('ZZZZZZ');
    await child.getByRole('button', { name: 'Open mijn pad' }).click();
    await child.getByRole('alert').waitFor();
    assert.match(await child.getByRole('alert').innerText(), /De code of de geheime code klopt niet/);
    assert.equal(await child.getByLabel('Code van je pas').inputValue(), sam.code);
    assert.equal(await child.getByLabel('Geheime code').inputValue(), '');
    await noViolations(child);
  });

  test('the right code and secret open the path: islands, next steps with reasons, route progress', async () => {
    await child.getByLabel('Code van je pas').fill(sam.code.toLowerCase());
    await child.getByLabel('Geheime code').fill(sam.secret);
    await child.getByRole('button', { name: 'Open mijn pad' }).click();
    await child.getByRole('heading', { level: 1, name: 'Het pad van Sam (demo)' }).waitFor();
    assert.equal(new URL(child.url()).pathname, `${eco}/mijn-pad`);
    assert.doesNotMatch(child.url(), new RegExp(sam.secret, 'i'));
    assert.ok((await child.locator('.path-island').count()) >= 2);
    assert.ok(await child.locator('svg.path-island__picture').first().isVisible());
    const reasons = await child.locator('.suggestion__why').allInnerTexts();
    assert.ok(reasons.length >= 3, reasons.join(' | '));
    assert.ok(reasons.includes('Stap 3 van de leerroute Van robot tot programmeur'), reasons.join(' | '));
    const route = child.locator('.route-progress', { hasText: 'Van robot tot programmeur' });
    assert.match(await route.locator('.route-progress__count').innerText(), /2 van 4 stappen/);
    assert.equal(await route.locator('progress').getAttribute('value'), '2');
    await fitsTheScreen(child);
    await noViolations(child);
  });

  test('a next step leads to its activity; closing the path ends it', async () => {
    const first = child.locator('.suggestion__link').first();
    const title = await first.innerText();
    await first.click();
    await child.getByRole('heading', { level: 1, name: title }).waitFor();
    await child.goBack();
    await child.getByRole('button', { name: 'Pad sluiten' }).click();
    await child.getByText('Je pad is gesloten').waitFor();
    await child.goto(`${base}${eco}/mijn-pad`);
    await child.getByLabel('Code van je pas').waitFor();
  });

  test('the private link opens the path too', async () => {
    await child.goto(`${base}${eco}/mijn-pad/${sam.token}`);
    await child.getByRole('heading', { level: 1, name: 'Het pad van Sam (demo)' }).waitFor();
    await noViolations(child);
  });

  test('without a parent’s consent: a kind message and the way to the parents’ page', async () => {
    const pass = await pathPass(database, ecosystemId, { consents: [] });
    await child.goto(`${base}${eco}/mijn-pad`);
    await child.getByLabel('Code van je pas').fill(pass.code);
    await child.getByLabel('Geheime code').fill(pass.secret);
    await child.getByRole('button', { name: 'Open mijn pad' }).click();
    await child.getByRole('heading', { level: 1, name: 'Eerst toestemming van je ouder' }).waitFor();
    assert.equal(await child.getByRole('link', { name: 'Naar de pagina voor ouders' }).getAttribute('href'), `${eco}/ouders`);
    await fitsTheScreen(child);
    await noViolations(child);
    await child.getByRole('button', { name: 'Pad sluiten' }).click();
  });

  test('the public learning path pages', async () => {
    await child.goto(`${base}${eco}/leerroutes`);
    await noViolations(child);
    await child.getByRole('link', { name: 'Van robot tot programmeur' }).click();
    await child.getByRole('heading', { level: 1, name: 'Van robot tot programmeur' }).waitFor();
    assert.equal(await child.locator('ol.route-steps > li').count(), 4);
    await fitsTheScreen(child);
    await noViolations(child);
  });
});

describe('a coordinator curates a learning path', () => {
  test('list, create, add steps from a search, reorder and publish; every page passes axe', async () => {
    const page = coordinatorPage;
    await page.goto(`${base}${eco}/beheer`);
    await page.getByRole('link', { name: 'Leerroutes' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Leerroutes' }).waitFor();
    await noViolations(page);
    await page.getByRole('link', { name: 'Nieuwe leerroute' }).click();
    await noViolations(page);
    // A mistake first: no title.
    await page.getByRole('button', { name: 'Leerroute maken' }).click();
    await page.getByRole('alert').waitFor();
    await noViolations(page);
    await page.getByLabel('Titel').fill('Sterren en robots');
    await page.getByLabel('Beschrijving').fill('Van de sterrenhemel naar je eigen robot. (Proefroute.)');
    await page.getByLabel('Vrij: de stappen mogen in elke volgorde').check();
    await page.getByRole('button', { name: 'Leerroute maken' }).click();
    await page.getByRole('heading', { level: 1, name: 'Leerroute Sterren en robots' }).waitFor();
    await noViolations(page);

    for (const words of ['sterrenkijken', 'robots bouwen']) {
      await page.getByLabel('Zoek een activiteit').fill(words);
      await page.getByRole('button', { name: 'Zoeken' }).click();
      await page.getByRole('button', { name: /^Toevoegen/ }).first().click();
      await page.getByText('De stap is toegevoegd.').waitFor();
    }
    assert.equal(await page.locator('ol.route-step-editor > li').count(), 2);
    const firstBefore = await page.locator('.route-step-editor__title').first().innerText();
    await page.getByRole('button', { name: /^Omlaag/ }).first().click();
    await page.getByText('De stap is verplaatst.').waitFor();
    assert.notEqual(await page.locator('.route-step-editor__title').first().innerText(), firstBefore);
    await noViolations(page);

    await page.getByLabel('Gepubliceerd').check();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('De leerroute is opgeslagen.').waitFor();
    await page.getByRole('link', { name: 'Bekijk de openbare pagina' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sterren en robots' }).waitFor();
    await noViolations(page);
  });
});
