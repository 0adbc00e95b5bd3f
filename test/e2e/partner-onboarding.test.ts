import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { columns } from '../../src/modules/catalogue/exchange/columns.js';
import { toCsv } from '../../src/modules/catalogue/exchange/sheet-writer.js';
import { grantRole } from '../../src/modules/accounts/commands/membership-commands.js';
import { createUser } from '../../src/modules/accounts/commands/user-creator.js';
import { testApp, testDatabase } from '../helpers/build-app.js';
import { createFixture, inDays, type Fixture } from '../helpers/factories.js';
import { captureSmtp } from '../helpers/smtp.js';
import { axeViolations, describeViolations, launchBrowser, listen } from './browser.js';

/**
 * A coordinator brings a partner on board in Chromium: invites by e-mail, the
 * partner follows the link from a real SMTP message and sets a password,
 * imports a spreadsheet (one bad row first), submits; the coordinator
 * publishes, and the activity is in the wegwijzer.
 */
const database = await testDatabase();
const smtp = await captureSmtp();
let app: FastifyInstance;
let browser: Browser;
let base: string;
let fx: Fixture;
const scriptErrors: string[] = [];
const contexts: BrowserContext[] = [];

before(async () => {
  fx = await createFixture(database);
  await database.transaction(async (tx) => {
    const userId = await createUser(tx, { email: 'coordinator@proef.example', name: 'Cor Coördinator', password: 'coördinator-wachtwoord' });
    await grantRole(tx, 'system', { ecosystemId: fx.ecosystem.id, userId, role: 'coordinator' });
    await createUser(tx, { email: 'beheer@proef.example', name: 'Bep Beheer', password: 'platform-wachtwoord', platformAdmin: true });
  });
  // The server listens first, so mail links can point at it.
  app = await testApp(database, { smtpUrl: smtp.url });
  base = await listen(app);
  app.ctx.config.publicUrl = base;
  browser = await launchBrowser();
});
afterEach(() => assert.deepEqual(scriptErrors.splice(0), [], 'script errors'));
after(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await app?.close();
  await smtp.close();
  await database.drop();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'nl-NL' });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => scriptErrors.push(error.message));
  return page;
}

async function expectAccessible(page: Page, what: string) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${what}:\n${describeViolations(violations)}`);
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${base}/inloggen`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(/\/account/);
}

describe('bringing a partner on board', () => {
  let coordinator: Page;
  let partner: Page;

  test('the coordinator invites a partner editor for the library', async () => {
    coordinator = await newPage();
    await coordinator.goto(`${base}/inloggen`);
    await expectAccessible(coordinator, 'sign-in page');
    await signIn(coordinator, 'coordinator@proef.example', 'coördinator-wachtwoord');
    await expectAccessible(coordinator, 'account page');
    await coordinator.getByRole('link', { name: /Beheer/ }).first().click();
    await coordinator.waitForURL(/\/e\/proef\/beheer$/);
    await expectAccessible(coordinator, 'manage page');
    await coordinator.getByRole('link', { name: 'Mensen en rollen' }).first().click();
    await expectAccessible(coordinator, 'people page');

    // A mistake first: a partner editor needs an organisation.
    await coordinator.getByLabel('E-mailadres').fill('partner@proef.example');
    await coordinator.getByLabel(/^Redacteur aanbod/).check();
    await coordinator.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await coordinator.getByText('Kies minstens één organisatie voor een redacteur aanbod.').first().waitFor();
    await expectAccessible(coordinator, 'people page with errors');

    await coordinator.getByLabel('Bibliotheek Proefstad').check();
    await coordinator.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await coordinator.getByText('De uitnodiging is verstuurd naar partner@proef.example.').waitFor();
  });

  test('the partner follows the link in the mail, sets a name and password, and is in', async () => {
    const mail = await smtp.waitFor((m) => m.to.includes('partner@proef.example'));
    partner = await newPage();
    await partner.goto(mail.link(`${base}/uitnodiging/`));
    await expectAccessible(partner, 'invitation page');
    await partner.getByLabel('Naam').fill('Paula Partner');
    await partner.getByLabel('Wachtwoord', { exact: true }).fill('kort');
    await partner.getByLabel('Herhaal het wachtwoord').fill('kort');
    await partner.getByRole('button', { name: 'Account aanmaken' }).click();
    await partner.getByText('Kies een wachtwoord van minstens 12 tekens.').first().waitFor();
    await expectAccessible(partner, 'invitation page with errors');
    await partner.getByLabel('Wachtwoord', { exact: true }).fill('paula’s lange wachtwoord');
    await partner.getByLabel('Herhaal het wachtwoord').fill('paula’s lange wachtwoord');
    await partner.getByRole('button', { name: 'Account aanmaken' }).click();
    await partner.getByText('Welkom! Je rol bij Proefregio proef is actief.').waitFor();
  });

  test('forgotten password and sign-in by link, from the mail', async () => {
    const page = await newPage();
    await page.goto(`${base}/inloggen`);
    await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
    await expectAccessible(page, 'forgotten-password page');
    await page.getByLabel('E-mailadres').fill('partner@proef.example');
    await page.getByRole('button', { name: 'Stuur mij een link' }).click();
    await page.getByText(/hebben we een link gestuurd om een nieuw wachtwoord te kiezen/).waitFor();
    const reset = await smtp.waitFor((m) => m.to.includes('partner@proef.example') && m.subject === 'Een nieuw wachtwoord kiezen');
    await page.goto(reset.link(`${base}/wachtwoord-herstellen/`));
    await expectAccessible(page, 'new-password page');
    await page.getByLabel('Nieuw wachtwoord').fill('een heel nieuw wachtwoord');
    await page.getByLabel('Herhaal het wachtwoord').fill('een heel nieuw wachtwoord');
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await page.getByText('Je nieuwe wachtwoord is opgeslagen.').waitFor();

    const other = await newPage();
    await other.goto(`${base}/inloggen/link`);
    await expectAccessible(other, 'sign-in-link page');
    await other.getByLabel('E-mailadres').fill('partner@proef.example');
    await other.getByRole('button', { name: 'Stuur mij een link' }).click();
    const link = await smtp.waitFor((m) => m.to.includes('partner@proef.example') && m.subject === 'Je link om in te loggen');
    await other.goto(link.link(`${base}/inloggen/link/`));
    await expectAccessible(other, 'sign-in-link confirmation');
    await other.getByRole('button', { name: 'Inloggen' }).click();
    await other.getByText('Je bent ingelogd als Paula Partner (partner@proef.example).').waitFor();
  });

  test('the partner imports a spreadsheet with one bad row, fixes it, imports and submits', async () => {
    const page = await newPage();
    await signIn(page, 'partner@proef.example', 'een heel nieuw wachtwoord');
    await page.goto(`${base}/e/proef/beheer`);
    await page.getByRole('link', { name: 'Aanbod importeren en exporteren' }).first().click();
    await expectAccessible(page, 'import page');
    const day = (n: number) => inDays(n).toISOString().slice(0, 10);
    const row = (values: Record<string, string>) => columns.map((c) => values[c.header] ?? '');
    const activity = (over: Record<string, string>) =>
      row({
        'Eigen id': 'VOG-1', Titel: 'Vogels kijken bij de bieb', 'Thema’s': 'Natuur, milieu en duurzaamheid', Vorm: 'Excursie', 'Binnen/buiten school': 'Buiten school',
        'Leeftijd van': '8', 'Leeftijd tot': '12', Niveau: 'Kennismaken', Aanmelden: 'Aanmelden', Locatie: 'Bieb Centrum', Sessies: `${day(20)} 14:00-16:00 (15)`,
        ...over,
      });
    const second = { 'Eigen id': 'VOG-2', Titel: 'Uilenballen pluizen' };

    await page.locator('#veld-bestand').setInputFiles({ name: 'aanbod.csv', mimeType: 'text/csv', buffer: toCsv([activity({}), activity({ ...second, 'Leeftijd van': '14', 'Leeftijd tot': '10' })]) });
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByText('Leeftijd tot (10) is lager dan Leeftijd van (14).').waitFor();
    await page.getByRole('cell', { name: '3' }).first().waitFor();
    await expectAccessible(page, 'preview with a problem');

    await page.getByRole('link', { name: 'Een ander bestand uploaden' }).click();
    await page.locator('#veld-bestand').setInputFiles({ name: 'aanbod.csv', mimeType: 'text/csv', buffer: toCsv([activity({}), activity({ ...second, 'Leeftijd van': '10', 'Leeftijd tot': '14' })]) });
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByText('Alle rijen zijn in orde.').waitFor();
    await expectAccessible(page, 'preview without problems');
    await page.getByRole('button', { name: 'Importeren', exact: true }).click();
    await page.getByText('Klaar: 2 nieuwe en 0 bijgewerkte activiteiten.', { exact: false }).waitFor();

    await page.getByRole('link', { name: 'Mijn aanbod' }).first().click();
    await expectAccessible(page, 'my offer');
    await page.getByRole('link', { name: 'Vogels kijken bij de bieb' }).click();
    await page.getByRole('button', { name: 'Indienen ter beoordeling' }).click();
    await page.getByText('De activiteit is ingediend.').waitFor();
  });

  test('the coordinator publishes it, and it is in the wegwijzer', async () => {
    await coordinator.goto(`${base}/e/proef/beheer/beoordelen`);
    await expectAccessible(coordinator, 'review queue');
    const card = coordinator.locator('article', { hasText: 'Vogels kijken bij de bieb' });
    await card.getByRole('button', { name: 'Publiceren' }).click();
    await coordinator.getByText('De activiteit is gepubliceerd en staat nu in de wegwijzer.').waitFor();

    const visitor = await newPage();
    await visitor.goto(`${base}/e/proef/zoeken?q=vogels`);
    await visitor.getByRole('link', { name: 'Vogels kijken bij de bieb' }).click();
    await visitor.getByRole('heading', { name: 'Vogels kijken bij de bieb', level: 1 }).waitFor();
    // The draft that was not submitted stays out of sight.
    await visitor.goto(`${base}/e/proef/zoeken?q=uilenballen`);
    assert.equal(await visitor.getByRole('link', { name: 'Uilenballen pluizen' }).count(), 0);
  });

  test('the coordinator’s settings and log, and the administrator’s outbox, are accessible', async () => {
    await coordinator.goto(`${base}/e/proef/beheer/instellingen`);
    await expectAccessible(coordinator, 'settings page');
    await coordinator.getByLabel('Hoofdkleur').fill('#ffff00');
    await coordinator.getByRole('button', { name: 'Opslaan' }).click();
    await coordinator.getByText(/Deze kleur is te licht/).first().waitFor();
    await expectAccessible(coordinator, 'settings page with errors');
    await coordinator.getByLabel('Hoofdkleur').fill('#8a1538');
    await coordinator.getByRole('button', { name: 'Opslaan' }).click();
    await coordinator.getByText('De instellingen zijn opgeslagen.').waitFor();
    await expectAccessible(coordinator, 'settings page in the new colour');

    await coordinator.goto(`${base}/e/proef/beheer/logboek`);
    await coordinator.getByRole('cell', { name: 'Uitnodiging geaccepteerd' }).first().waitFor();
    await expectAccessible(coordinator, 'audit log');

    const admin = await newPage();
    await signIn(admin, 'beheer@proef.example', 'platform-wachtwoord');
    await admin.getByRole('link', { name: 'Uitgaande post' }).click();
    await admin.getByRole('link', { name: 'Uitnodiging voor Proefregio proef' }).first().click();
    await admin.getByText('De inhoud is na verzending gewist').waitFor();
    await expectAccessible(admin, 'one sent mail');
  });
});
