import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createOrganisation } from '../../src/modules/catalogue/commands/organisation-commands.js';
import { testApp, testDatabase } from '../helpers/build-app.js';
import { createFixture, type Fixture } from '../helpers/factories.js';
import { signedInAs } from '../helpers/people.js';
import { axeViolations, describeViolations, launchBrowser, listen } from './browser.js';

/**
 * A coordinator runs the network in Chromium, without JavaScript: builds the
 * governance structure, imports schools from a DUO file (a mistake in the
 * preview, fixed, confirmed) and sets one participating. axe-core on every page.
 */
const database = await testDatabase();
let app: FastifyInstance;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let base: string;
let fx: Fixture;
const scriptErrors: string[] = [];

before(async () => {
  fx = await createFixture(database);
  await database.transaction(async (tx) => {
    await createOrganisation(tx, fx.ecosystem.id, { name: 'Jongerenwerk Proefstad', sector: 'youth_work' });
  });
  app = await testApp(database);
  base = await listen(app);
  browser = await launchBrowser();
  const token = (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' })).cookies.lx_sessie;
  // These pages load no JavaScript at all; the forms are plain HTML posts.
  context = await browser.newContext({ locale: 'nl-NL' });
  await context.addCookies([{ name: 'lx_sessie', value: token, url: base }]);
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
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${page.url()}\n${describeViolations(violations)}`);
}

const header = 'INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;STRAATNAAM;HUISNUMMER-TOEVOEGING;POSTCODE;PLAATSNAAM;GEMEENTENAAM;ONDERWIJSSTRUCTUUR;SOORT PO';
const file = (rows: string[]) => ({ name: 'vestigingen.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\r\n') + '\r\n') });

describe('a coordinator runs the network', () => {
  test('partners: the checklist names what is missing until the domains are connected', async () => {
    await page.goto(`${base}/e/proef/beheer/netwerk`);
    await page.getByText('Er is nog geen partner uit het sociaal domein.').waitFor();
    await page.getByText(/Nog 5 partners nodig/).waitFor();
    await noViolations();
    await page.getByRole('link', { name: 'Partner toevoegen' }).click();
    await page.getByLabel('Organisatie').selectOption({ label: 'Jongerenwerk Proefstad (Jongerenwerk en sociaal werk)' });
    await page.getByLabel('Actief').check();
    // A date input takes only real dates; an empty one is the mistake a browser lets through.
    await page.getByLabel('Sinds').fill('');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('alert').first().waitFor();
    assert.match(await page.locator('#fout-statusSince').innerText(), /Vul in sinds wanneer deze status geldt\./);
    await noViolations();
    await page.getByLabel('Sinds').fill('2026-02-01');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('De partner is toegevoegd.').waitFor();
    await noViolations();
    await page.getByRole('link', { name: 'Netwerk', exact: true }).first().click();
    assert.equal(await page.getByText('Er is nog geen partner uit het sociaal domein.').count(), 0);
    await page.getByText('Sociaal domein: 1 actieve partner.').waitFor();
  });

  test('governance: a person and a role through the forms, a date mistake shown beside its field, then the structure and its table', async () => {
    await page.goto(`${base}/e/proef/beheer/netwerk/mensen`);
    await noViolations();
    await page.getByRole('link', { name: 'Contactpersoon toevoegen' }).click();
    await page.getByLabel('Naam', { exact: true }).fill('Sanne Proef');
    await page.getByLabel('Functie').fill('Teamleider educatie');
    await page.getByLabel('Organisatie').selectOption({ label: 'Bibliotheek Proefstad' });
    await page.getByLabel('E-mailadres (werk)').fill('sanne@bieb.example.org');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('De contactpersoon is toegevoegd.').waitFor();
    await noViolations();

    await page.getByRole('link', { name: 'Rol toevoegen' }).click();
    await page.getByLabel('Programmaleider').check();
    await page.getByLabel('Vanaf').fill('2026-03-01');
    await page.getByLabel('Tot en met').fill('2026-02-01');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    assert.match(await page.locator('#fout-endsOn').innerText(), /De einddatum ligt vóór de begindatum \(2026-03-01\)/);
    await noViolations();
    await page.getByLabel('Tot en met').fill('');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('De rol is toegevoegd.').waitFor();
    await noViolations();

    await page.goto(`${base}/e/proef/beheer/netwerk/rollen/nieuw?organisatie=${fx.orgs.library}`);
    await page.getByLabel('Penvoerder').check();
    await page.getByLabel('Vanaf').fill('2026-01-01');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('De rol is toegevoegd.').waitFor();

    await page.goto(`${base}/e/proef/beheer/netwerk/structuur`);
    const diagram = page.getByRole('region', { name: 'Structuur' });
    await diagram.getByRole('group', { name: 'Penvoerder' }).getByText('Bibliotheek Proefstad').waitFor();
    await diagram.getByRole('group', { name: 'Programmaleider en coördinator' }).getByText('Sanne Proef (Bibliotheek Proefstad)').waitFor();
    assert.match(await diagram.getByRole('group', { name: 'Stuurgroep' }).innerText(), /Nog niemand/);
    const table = page.getByRole('region', { name: 'Alle huidige rollen' });
    await table.getByRole('rowheader', { name: 'Programmaleider' }).waitFor();
    await noViolations();
  });

  test('schools: import a DUO file, see a mistake in the preview, fix it, confirm; then set one school participating', async () => {
    await page.goto(`${base}/e/proef/beheer/netwerk/scholen`);
    await page.getByText(/Er zijn nog geen schoolvestigingen/).waitFor();
    await noViolations();
    await page.getByRole('link', { name: 'Scholen importeren uit de DUO-lijst' }).click();
    await noViolations();

    const rows = [
      '12AB;12AB00;Basisschool De Vlieger;Ruiterweg;3;7511 AA;ENSCHEDE;ENSCHEDE;;Basisonderwijs',
      '34CD;34CD00;Twents Lyceum;Haaksbergerstraat;140;7550 BB;HENGELO;HENGELO;HAVO/VMBO;',
      '56EF;56EF00;Almelo College;Molenstraat;8;7600 AA;ALMELO;ALMELO;VWO;',
    ];
    await page.getByLabel('DUO-bestand (CSV)').setInputFiles(file(rows));
    await page.getByRole('button', { name: 'Bekijken wat er gebeurt' }).click();
    await page.getByText('Vestigingen in dit bestand: 2. Nieuw: 1, bijwerken: 0, met fouten: 1.').waitFor();
    await page.getByText('Rijen overgeslagen omdat hun gemeente niet bij dit leerecosysteem hoort: 1.').waitFor();
    await page.getByText('ONDERWIJSSTRUCTUUR: VMBO zegt niet welke leerweg.', { exact: false }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Importeren' }).count(), 0, 'no confirm with a mistake in the file');
    await noViolations();

    await page.getByRole('link', { name: 'Een ander bestand uploaden' }).click();
    rows[1] = '34CD;34CD00;Twents Lyceum;Haaksbergerstraat;140;7550 BB;HENGELO;HENGELO;HAVO/MAVO;';
    await page.getByLabel('DUO-bestand (CSV)').setInputFiles(file(rows));
    await page.getByRole('button', { name: 'Bekijken wat er gebeurt' }).click();
    await page.getByText('Vestigingen in dit bestand: 2. Nieuw: 2, bijwerken: 0, met fouten: 0.').waitFor();
    await page.getByText(/Alles klopt/).waitFor();
    await noViolations();
    await page.getByRole('button', { name: 'Importeren' }).click();
    await page.getByText('Klaar. Nieuwe schoolvestigingen: 2. Bijgewerkt: 0.').waitFor();

    await page.goto(`${base}/e/proef/beheer/netwerk/scholen`);
    await page.getByRole('rowheader', { name: 'Twents Lyceum' }).waitFor();
    await noViolations();
    await page.getByRole('link', { name: 'Twents Lyceum' }).click();
    await noViolations();
    await page.getByRole('radio', { name: 'Neemt deel' }).check();
    await page.getByLabel('Aantal leerlingen').fill('-40');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    assert.match(await page.locator('#fout-pupilCount').innerText(), /kan niet negatief zijn/);
    assert.match(await page.locator('#fout-participatingSince').innerText(), /sinds wanneer de school deelneemt/);
    await noViolations();
    await page.getByLabel('Aantal leerlingen').fill('980');
    await page.getByLabel('Neemt deel sinds').fill('2026-09-01');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('De gegevens van de school zijn opgeslagen.').waitFor();
    const counts = page.getByRole('region', { name: 'Deelnemende vestigingen per schoolsoort' });
    assert.equal(await counts.getByRole('row', { name: /^havo 1$/ }).count(), 1);
    assert.equal(await counts.getByRole('row', { name: /^vmbo theoretische leerweg 1$/ }).count(), 1);
    assert.equal(await counts.getByRole('row', { name: /^po \(basisonderwijs\) 0$/ }).count(), 1);
  });
});
