import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, afterEach, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { testApp, testDatabase } from '../helpers/build-app.js';
import { createFixture, type Fixture } from '../helpers/factories.js';
import { addParticipation, addSchool, sessionOf } from '../helpers/pass-privacy.js';
import { axeViolations, describeViolations, launchBrowser, listen } from './browser.js';

/**
 * A parent in Chromium, without JavaScript: reads what the pass is, requests
 * one (a mistake first), gives consent, opens the pass's page, withdraws one
 * consent, downloads everything and deletes the pass. Every page passes axe-core.
 */
const database = await testDatabase();
let app: FastifyInstance;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let base: string;
let fx: Fixture;
const scriptErrors: string[] = [];
const thisYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(new Date()));
let code = '';
let secret = '';

before(async () => {
  fx = await createFixture(database);
  await addSchool(database, fx.ecosystem.id, fx.orgs.library, 'Basisschool De Regenboog');
  app = await testApp(database);
  base = await listen(app);
  browser = await launchBrowser();
  // The parents' pages load no JavaScript at all (axe-core itself needs it on, so it is not switched off).
  context = await browser.newContext({ locale: 'nl-NL', acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', (error) => scriptErrors.push(error.message));
});
afterEach(() => assert.deepEqual(scriptErrors.splice(0), [], 'script errors'));
after(async () => {
  await browser?.close();
  await app?.close();
  await database.drop();
});

async function noViolations() {
  assert.equal(await page.locator('script[src]').count(), 0, 'no script on a parent page');
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${page.url()}\n${describeViolations(violations)}`);
}

describe('a parent and the child’s pass', () => {
  test('reads what the pass is and what is kept', async () => {
    await page.goto(`${base}/e/proef/ouders`);
    await page.getByRole('heading', { level: 1, name: 'De kinderpas voor ouders' }).waitFor();
    await page.getByText('We vragen nooit de naam van je kind.').waitFor();
    await noViolations();
  });

  test('requests a pass: a mistake is shown beside its field, then the code and secret once', async () => {
    await page.getByRole('link', { name: 'Nieuwe pas aanvragen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nieuwe kinderpas aanvragen' }).waitFor();
    await noViolations();
    await page.getByLabel('Bijnaam').fill('Sterrenkijker');
    await page.getByLabel('Geboortejaar').fill(String(thisYear - 9));
    await page.getByLabel('Postcode (alleen de cijfers)').fill('123');
    await page.getByLabel('School').selectOption({ label: 'Basisschool De Regenboog, Enschede' });
    await page.getByLabel('Meisje').check();
    await page.getByLabel('Eigen pagina').check();
    await page.getByLabel('Meetellen').check();
    await page.getByLabel('E-mail', { exact: true }).check();
    await page.getByLabel('Je e-mailadres').fill('ouder@proef.example');
    await page.getByRole('button', { name: 'Pas aanvragen' }).click();
    await page.getByRole('alert').first().waitFor();
    assert.match(await page.locator('#veld-postcode-fout').innerText(), /vier cijfers van een postcode/);
    assert.equal(await page.getByLabel('Bijnaam').inputValue(), 'Sterrenkijker', 'what was typed stays');
    assert.ok(await page.getByLabel('Meetellen').isChecked());
    await noViolations();

    await page.getByLabel('Postcode (alleen de cijfers)').fill('7511');
    await page.getByRole('button', { name: 'Pas aanvragen' }).click();
    await page.getByRole('heading', { level: 1, name: 'De kinderpas is klaar' }).waitFor();
    const values = await page.locator('.pass-code').allInnerTexts();
    [code, secret] = values as [string, string];
    assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}-[0-9A-Z]$/);
    assert.match(secret, /^[0-9A-Z]{6}$/);
    await page.getByText('We hebben de code gemaild naar ouder@proef.example').waitFor();
    await page.getByText(/\/e\/proef\/mijn-pad\/[A-Za-z0-9_-]{43}/).waitFor();
    await noViolations();
  });

  test('opens the pass’s page and withdraws one consent; the history shows it', async () => {
    const pass = await database.db.selectFrom('passes').select('id').where('code', '=', code.replace(/-/g, '')).executeTakeFirstOrThrow();
    await addParticipation(database, { ecosystemId: fx.ecosystem.id, passId: pass.id, sessionId: await sessionOf(database, fx.activities.robots) });
    await page.getByRole('link', { name: 'Naar de pagina van deze pas' }).click();
    await page.getByRole('heading', { level: 1, name: 'De kinderpas van Sterrenkijker' }).waitFor();
    await page.getByRole('cell', { name: 'Robots bouwen en programmeren' }).waitFor();
    await noViolations();

    await page.getByLabel('E-mail', { exact: true }).uncheck();
    await page.getByLabel('Je e-mailadres').fill('');
    await page.getByLabel('Je naam (vrijwillig)').fill('Sanne');
    await page.getByRole('button', { name: 'Toestemming opslaan' }).click();
    await page.getByText('De toestemming is opgeslagen.').waitFor();
    assert.equal(await page.getByLabel('E-mail', { exact: true }).isChecked(), false);
    await page.getByRole('cell', { name: 'Ingetrokken' }).waitFor();
    await page.getByRole('cell', { name: 'Ouder (Sanne)' }).waitFor();
    await noViolations();
  });

  test('downloads everything about the pass', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download alle gegevens' }).click()]);
    assert.match(download.suggestedFilename(), /^kinderpas-[0-9A-Z]{4}\.json$/);
    const data = JSON.parse(await readFile((await download.path())!, 'utf8'));
    assert.equal(data.pass.code, code);
    assert.equal(data.profile.nickname, 'Sterrenkijker');
    assert.equal(data.profile.school, 'Basisschool De Regenboog');
    assert.deepEqual(data.consents.current, { path_page: true, badges: false, email: false, monitoring: true });
    assert.equal(data.consents.history.length, 4);
    assert.equal(data.participations[0].activity, 'Robots bouwen en programmeren');
    await noViolations();
  });

  test('deletes the pass after a confirm step; the code no longer opens anything', async () => {
    await page.getByRole('link', { name: 'Pas verwijderen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kinderpas verwijderen' }).waitFor();
    await noViolations();
    await page.getByRole('button', { name: 'Ja, verwijder de pas' }).click();
    await page.getByRole('heading', { level: 1, name: 'De pas is verwijderd' }).waitFor();
    await noViolations();

    await page.goto(`${base}/e/proef/ouders/pas`);
    await page.getByText(/voor de veiligheid gesloten/).waitFor();
    await page.getByLabel('Code van de pas').fill(code);
    await page.getByLabel('Geheime code').fill(secret);
    await page.getByRole('button', { name: 'Pas openen' }).click();
    await page.getByRole('alert').first().waitFor();
    assert.match(await page.locator('#veld-code-fout').innerText(), /horen niet bij elkaar/);
    assert.equal(await page.getByLabel('Geheime code').inputValue(), '', 'the secret is never filled back in');
    await noViolations();
  });
});
