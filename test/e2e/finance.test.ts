import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createBudgetLine } from '../../src/modules/network/commands/budget-commands.js';
import { createExpense } from '../../src/modules/network/commands/expense-commands.js';
import { createGrant } from '../../src/modules/network/commands/grant-commands.js';
import { testApp, testDatabase } from '../helpers/build-app.js';
import { createFixture, type Fixture } from '../helpers/factories.js';
import { addSchools, pdfBytes } from '../helpers/finance-fixtures.js';
import { signedInAs } from '../helpers/people.js';
import { launchBrowser, listen, noViolations } from './browser.js';

/**
 * A coordinator enters an agreement with two partners' contributions in
 * Chromium and sees the co-financing ratio change on the finance page; the
 * partner confirms its own. These pages load no JavaScript; every page passes axe-core.
 */
const database = await testDatabase();
let app: FastifyInstance;
let browser: Browser;
let base: string;
let fx: Fixture;
const ids = { grant: 0, line: 0, expense: 0 };
const sessions: Record<'coordinator' | 'partner', { context?: BrowserContext; page?: Page; token: string }> = { coordinator: { token: '' }, partner: { token: '' } };
const scriptErrors: string[] = [];

before(async () => {
  fx = await createFixture(database);
  // Two participating primary schools at € 10.000 each: a grant of € 20.000, 1 : 1 co-financing.
  await addSchools(database, fx.ecosystem.id, [{ types: ['po'] }, { types: ['po'] }]);
  await database.transaction(async (tx) => {
    ids.grant = await createGrant(tx, 'system', fx.ecosystem.id, { name: 'Techkwadraat proef', startsOn: '2026-08-01', endsOn: '2029-07-31', cofinancingPart: 1, grantPart: 1, awardedCents: null, notes: '', rates: { po: 1_000_000 } });
    ids.line = await createBudgetLine(tx, 'system', fx.ecosystem.id, ids.grant, { category: 'activities', name: 'Techniekclubs', planned: [500_000, 500_000, 500_000] });
    ids.expense = (await createExpense(tx, 'system', fx.ecosystem.id, { budgetLineId: ids.line, spentOn: '2026-09-15', description: 'Robotsets', organisationId: null, reference: 'F-1', value: { amountCents: 250_000 } })).id;
  });
  app = await testApp(database);
  base = await listen(app);
  browser = await launchBrowser();
  sessions.coordinator.token = (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' })).cookies.lx_sessie;
  sessions.partner.token = (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] }, 'bieb.redacteur@proef.example')).cookies.lx_sessie;
  for (const s of Object.values(sessions)) {
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

/** The co-financing statement for commitments, as the page words it. */
async function committedStatement(page: Page): Promise<string> {
  return (await page.getByRole('status').filter({ hasText: 'Toegezegd tegenover de subsidie' }).innerText()).replace(/\s+/g, ' ');
}

describe('a coordinator enters an agreement and the co-financing follows', () => {
  let agreementUrl = '';

  test('the finance page starts short of the required co-financing', async () => {
    const page = sessions.coordinator.page!;
    await page.goto(`${base}/e/proef/beheer`);
    await page.getByRole('navigation', { name: 'Beheer' }).getByRole('link', { name: 'Financiën' }).click();
    await page.getByRole('heading', { level: 1, name: 'Financiën' }).waitFor();
    assert.match(await committedStatement(page), /Het subsidiebedrag is nog|€ 0 toegezegd tegenover € 20\.000 subsidie/);
    assert.match(await committedStatement(page), /Voldoet nog niet: er ontbreekt € 20\.000\./);
    await noViolations(page);
  });

  test('a new agreement: a mistake is shown beside its field, with what was typed kept', async () => {
    const page = sessions.coordinator.page!;
    await page.getByRole('navigation', { name: 'Beheer' }).getByRole('link', { name: 'Overeenkomsten' }).click();
    await noViolations(page);
    await page.getByRole('link', { name: 'Nieuwe overeenkomst' }).click();
    await page.getByLabel('Titel').fill('Convenant Techniek Proefstad');
    await page.getByLabel('Soort').selectOption({ label: 'Convenant' });
    await page.getByLabel('Status').selectOption({ label: 'Getekend' });
    await page.getByLabel('Ingangsdatum').fill('2026-08-01');
    await page.getByLabel(/^Einddatum/).fill('2026-07-01');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('alert').first().waitFor();
    assert.match(await page.locator('#fout-endsOn').innerText(), /De einddatum moet na de begindatum liggen\./);
    assert.equal(await page.getByLabel('Titel').inputValue(), 'Convenant Techniek Proefstad');
    await noViolations(page);
    await page.getByLabel(/^Einddatum/).fill('2029-07-31');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Convenant Techniek Proefstad' }).waitFor();
    assert.match(await page.getByRole('status').first().innerText(), /De overeenkomst is aangemaakt/);
    agreementUrl = page.url().split('?')[0]!;
    await noViolations(page);
  });

  test('two partners’ contributions: hours × rate from the library, cash from the museum', async () => {
    const page = sessions.coordinator.page!;
    // The form is open while the agreement has no contributions yet.
    await page.getByLabel('Partner', { exact: true }).selectOption({ label: 'Bibliotheek Proefstad' });
    await page.getByLabel('Soort').selectOption({ label: 'Uren' });
    await page.getByLabel('Omschrijving', { exact: true }).fill('Een mediacoach voor de techniekclub');
    await page.getByLabel(/^Uren/).fill('100');
    await page.getByLabel(/^Uurtarief/).fill('75');
    await page.getByRole('button', { name: 'Bijdrage toevoegen' }).click();
    await page.getByText('De bijdrage is toegevoegd.').waitFor();
    await page.getByText(/100 uur × €\s75/).waitFor();

    await page.getByText('Bijdrage van een partner toevoegen').click();
    await page.getByLabel('Partner', { exact: true }).selectOption({ label: 'Museum voor Techniek' });
    await page.getByLabel('Soort').selectOption({ label: 'Geld' });
    // Hours and cash together are refused, with the reason on the field.
    await page.getByLabel(/^Bedrag in euro/).fill('12.500');
    await page.getByLabel(/^Uren/).fill('3');
    await page.getByRole('button', { name: 'Bijdrage toevoegen' }).click();
    await page.getByRole('alert').first().waitFor();
    assert.match(await page.locator('#fout-amount').innerText(), /niet allebei/);
    await noViolations(page);
    await page.getByLabel(/^Uren/).fill('');
    await page.getByRole('button', { name: 'Bijdrage toevoegen' }).click();
    await page.getByText('De bijdrage is toegevoegd.').waitFor();
    assert.match(await page.getByText(/Samen toegezegd:/).innerText(), /Samen toegezegd: €\s20\.000\./);

    await page.getByLabel('Getekend document (PDF)').setInputFiles({ name: 'convenant.pdf', mimeType: 'application/pdf', buffer: pdfBytes(4000) });
    await page.getByRole('button', { name: 'Uploaden' }).click();
    await page.getByText('Het document is opgeslagen.').waitFor();
    await page.getByRole('link', { name: /convenant\.pdf downloaden/ }).waitFor();
    await noViolations(page);
  });

  test('the finance page now says the co-financing meets 1 : 1', async () => {
    const page = sessions.coordinator.page!;
    await page.goto(`${base}/e/proef/beheer/financien`);
    const statement = await committedStatement(page);
    assert.match(statement, /De partners hebben € 20\.000 toegezegd tegenover € 20\.000 subsidie: een verhouding van 1,00 : 1\./);
    assert.match(statement, /Voldoet\./);
    await page.getByRole('rowheader', { name: 'Museum voor Techniek' }).waitFor();
    await noViolations(page);
  });

  test('the partner confirms its own contribution', async () => {
    const page = sessions.partner.page!;
    await page.goto(`${base}/e/proef/beheer`);
    await page.getByRole('link', { name: 'Bijdragen van onze organisatie' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Bijdragen van onze organisatie' }).waitFor();
    assert.equal(await page.getByText('Museum voor Techniek').count(), 0);
    await noViolations(page);
    await page.getByRole('button', { name: /^Bevestigen: Toezegging Bibliotheek Proefstad/ }).click();
    await page.getByText('Bedankt, de bijdrage is bevestigd.').waitFor();
    await page.getByText(/door Proefpersoon \(bieb\.redacteur@proef\.example\)/).waitFor();
    await noViolations(page);
    await page.goto(agreementUrl);
    await page.getByRole('heading', { level: 1, name: 'Convenant Techniek Proefstad' }).waitFor();
    await noViolations(page);
  });
});

describe('every agreement and finance page passes axe-core', () => {
  const first = async (table: 'agreements' | 'contributions') => (await database.db.selectFrom(table).select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  const pages: Array<[string, () => string | Promise<string>]> = [
    ['agreements', () => '/e/proef/beheer/overeenkomsten'],
    ['a new agreement', () => '/e/proef/beheer/overeenkomsten/nieuw'],
    ['changing an agreement', async () => `/e/proef/beheer/overeenkomsten/${await first('agreements')}/bewerken`],
    ['a new grant', () => '/e/proef/beheer/financien/subsidies/nieuw'],
    ['changing the grant', () => `/e/proef/beheer/financien/subsidies/${ids.grant}/bewerken`],
    ['a new budget line', () => `/e/proef/beheer/financien/subsidies/${ids.grant}/begroting/nieuw`],
    ['changing a budget line', () => `/e/proef/beheer/financien/begroting/${ids.line}/bewerken`],
    ['contributions', () => '/e/proef/beheer/financien/bijdragen'],
    ['a new contribution', () => '/e/proef/beheer/financien/bijdragen/nieuw'],
    ['changing a contribution', async () => `/e/proef/beheer/financien/bijdragen/${await first('contributions')}/bewerken`],
    ['expenses', () => '/e/proef/beheer/financien/uitgaven'],
    ['a new expense', () => '/e/proef/beheer/financien/uitgaven/nieuw'],
    ['changing an expense', () => `/e/proef/beheer/financien/uitgaven/${ids.expense}/bewerken`],
  ];
  for (const [name, path] of pages) {
    test(name, async () => {
      const page = sessions.coordinator.page!;
      const res = await page.goto(`${base}${await path()}`);
      assert.equal(res?.status(), 200);
      await noViolations(page);
    });
  }
});
