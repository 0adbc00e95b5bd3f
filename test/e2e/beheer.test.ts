import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { testApp, testDatabase } from '../helpers/build-app.js';
import { createFixture, type Fixture } from '../helpers/factories.js';
import { dayFromNow } from '../helpers/forms.js';
import { signedInAs } from '../helpers/people.js';
import { launchBrowser, listen, noViolations } from './browser.js';

/** A partner and a coordinator keep the offer up to date in Chromium, without JavaScript needed; every page passes axe-core. */
const database = await testDatabase();
let app: FastifyInstance;
let browser: Browser;
let base: string;
let fx: Fixture;
const sessions: Record<'partner' | 'coordinator', { context?: BrowserContext; page?: Page; token: string }> = {
  partner: { token: '' },
  coordinator: { token: '' },
};
const scriptErrors: string[] = [];

before(async () => {
  fx = await createFixture(database);
  app = await testApp(database);
  base = await listen(app);
  browser = await launchBrowser();
  sessions.partner.token = (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] })).cookies.lx_sessie;
  sessions.coordinator.token = (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' })).cookies.lx_sessie;
  for (const s of Object.values(sessions)) {
    // These pages load no JavaScript at all; the forms are plain HTML posts.
    s.context = await browser.newContext({ locale: 'nl-NL' });
    await s.context.addCookies([{ name: 'lx_sessie', value: s.token, url: base }]);
    s.page = await s.context.newPage();
    s.page.on('pageerror', (error) => scriptErrors.push(error.message));
  }
});
afterEach(() => assert.deepEqual(scriptErrors.splice(0), [], 'script errors'));
after(async () => {
  await browser?.close();
  await app?.close();
  await database.drop();
});

describe('a partner keeps the offer up to date', () => {
  test('creates an activity: a mistake is shown beside the field, with what was typed kept', async () => {
    const page = sessions.partner.page!;
    await page.goto(`${base}/e/proef/beheer/aanbod/nieuw`);
    await page.getByLabel('Titel', { exact: true }).fill('Vogels kijken met een verrekijker');
    await page.getByLabel('Natuur, milieu en duurzaamheid').check();
    await page.getByLabel('Leeftijd vanaf').fill('8');
    await page.getByLabel('Leeftijd tot en met').fill('6');
    await page.getByRole('button', { name: 'Opslaan als concept' }).click();
    await page.getByRole('alert').first().waitFor();
    assert.match(await page.locator('#fout-maxAge').innerText(), /mag niet lager zijn dan de leeftijd vanaf \(8\)/);
    assert.equal(await page.getByLabel('Titel', { exact: true }).inputValue(), 'Vogels kijken met een verrekijker');
    await noViolations(page);

    await page.getByLabel('Leeftijd tot en met').fill('12');
    await page.getByLabel('Locatie').selectOption({ label: 'Bieb Centrum, Enschede' });
    await page.getByRole('button', { name: 'Opslaan als concept' }).click();
    await page.getByRole('heading', { level: 1, name: 'Vogels kijken met een verrekijker' }).waitFor();
    assert.match(await page.getByRole('status').first().innerText(), /aangemaakt als concept/);
  });

  test('plans a weekly series with a day skipped, previews and submits', async () => {
    const page = sessions.partner.page!;
    await page.getByRole('link', { name: 'Wekelijkse reeks plannen' }).click();
    await page.getByLabel('Dag van de week').selectOption({ label: 'woensdag' });
    await page.getByLabel('Begintijd').fill('14:00');
    await page.getByLabel('Eindtijd').fill('15:30');
    await page.getByLabel('Eerste datum').fill(dayFromNow(1));
    // Four weeks exactly: four Wednesdays, whatever day it is today.
    await page.getByLabel('Laatste datum').fill(dayFromNow(28));
    await page.getByRole('button', { name: 'Reeks plannen' }).click();
    await page.getByText(/De reeks is gepland: 4 bijeenkomsten\./).waitFor();
    assert.equal(await page.locator('#bijeenkomsten + .table-scroll tbody tr').count(), 4);
    await noViolations(page);

    await page.getByRole('link', { name: 'Voorbeeld bekijken' }).click();
    await page.getByText(/Voorbeeld: zo ziet het publiek deze activiteit\. Status: concept\./).waitFor();
    await noViolations(page);
    await page.getByRole('link', { name: 'Terug naar het beheer van deze activiteit' }).click();
    await page.getByRole('button', { name: 'Indienen ter beoordeling' }).click();
    await page.getByText(/De activiteit is ingediend/).waitFor();
  });

  const pages: Array<[string, () => string]> = [
    ['management home', () => '/e/proef/beheer'],
    ['Mijn aanbod', () => '/e/proef/beheer/aanbod'],
    ['an activity', () => `/e/proef/beheer/aanbod/${fx.activities.robots}`],
    ['the activity form', () => `/e/proef/beheer/aanbod/${fx.activities.robots}/bewerken`],
    ['a session form', () => `/e/proef/beheer/aanbod/${fx.activities.robots}/bijeenkomsten/nieuw`],
    ['a next-step form', () => `/e/proef/beheer/aanbod/${fx.activities.robots}/vervolgstappen/nieuw`],
    ['a draft’s preview', () => `/e/proef/beheer/aanbod/${fx.activities.draft}/voorbeeld`],
    ['the organisation', () => `/e/proef/beheer/organisaties/${fx.orgs.library}`],
    ['a location form', () => `/e/proef/beheer/locaties/${fx.locations.enschede}`],
  ];
  for (const [name, path] of pages) {
    test(`axe-core finds no WCAG 2.1 AA violations: ${name}`, async () => {
      const page = sessions.partner.page!;
      const res = await page.goto(`${base}${path()}`);
      assert.equal(res?.status(), 200);
      await noViolations(page);
    });
  }
});

describe('a coordinator runs organisations and themes', () => {
  test('adds a theme; a taken short name gets a message beside the field', async () => {
    const page = sessions.coordinator.page!;
    await page.goto(`${base}/e/proef/beheer/themas/nieuw`);
    await page.getByLabel('Korte naam in de link').fill('bewegen');
    await page.getByLabel('Naam', { exact: true }).fill('Sport en spel');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    assert.match(await page.locator('#fout-slug').innerText(), /De naam "bewegen" is al in gebruik\./);
    await noViolations(page);
    await page.getByLabel('Korte naam in de link').fill('sport-en-spel');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Het thema is toegevoegd.').waitFor();
    await page.getByRole('rowheader', { name: 'Sport en spel' }).waitFor();
  });

  const pages: Array<[string, () => string]> = [
    ['organisations', () => '/e/proef/beheer/organisaties'],
    ['a new organisation', () => '/e/proef/beheer/organisaties/nieuw'],
    ['a new location', () => `/e/proef/beheer/organisaties/${fx.orgs.museum}/locaties/nieuw`],
    ['themes', () => '/e/proef/beheer/themas'],
    ['a weekly series form', () => `/e/proef/beheer/aanbod/${fx.activities.stars}/reeks`],
    ['a new activity form', () => `/e/proef/beheer/aanbod/nieuw?organisatie=${fx.orgs.museum}`],
    ['choosing the organisation of a new activity', () => '/e/proef/beheer/aanbod/nieuw'],
    ['account', () => '/account'],
  ];
  for (const [name, path] of pages) {
    test(`axe-core finds no WCAG 2.1 AA violations: ${name}`, async () => {
      const page = sessions.coordinator.page!;
      const res = await page.goto(`${base}${path()}`);
      assert.equal(res?.status(), 200);
      await noViolations(page);
    });
  }
});
