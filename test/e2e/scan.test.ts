import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, afterEach, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { testApp, testDatabase } from '../helpers/build-app.js';
import { createFixture, type Fixture } from '../helpers/factories.js';
import { signedInAs } from '../helpers/people.js';
import { createLocation, createOrganisation } from '../../src/modules/catalogue/commands/organisation-commands.js';
import { issueClassBatch, type IssuedPass } from '../../src/modules/passes/commands/pass-issuer.js';
import { formatPassCode } from '../../src/modules/passes/pass-code.js';
import { launchBrowser, listen, noViolations } from './browser.js';

/**
 * A school contact issues a class's cards; a partner scans on a phone-sized
 * page, loses the connection, keeps scanning into the device's queue, and the
 * scans are recorded once each when it comes back. Every page passes axe-core.
 */
const database = await testDatabase();
let app: FastifyInstance;
let browser: Browser;
let base: string;
let fx: Fixture;
let session: number;
let school: number;
let passes: IssuedPass[];
const contexts: BrowserContext[] = [];
const scriptErrors: string[] = [];

async function signedInPage(token: string): Promise<{ context: BrowserContext; page: Page }> {
  // A phone: narrow, touch, Dutch.
  const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  contexts.push(context);
  await context.addCookies([{ name: 'lx_sessie', value: token, url: base }]);
  const page = await context.newPage();
  page.on('pageerror', (error) => scriptErrors.push(error.message));
  return { context, page };
}

before(async () => {
  fx = await createFixture(database);
  app = await testApp(database);
  base = await listen(app);
  browser = await launchBrowser();
  const e = fx.ecosystem.id;
  const start = new Date(Date.now() - 30 * 60_000);
  session = (await database.db.insertInto('sessions').values({ ecosystem_id: e, activity_id: fx.activities.robots, starts_at: start, ends_at: new Date(start.getTime() + 2 * 3_600_000) }).returning('id').executeTakeFirstOrThrow()).id;
  school = await database.transaction(async (tx) => {
    const org = await createOrganisation(tx, e, { name: 'Basisschool De Regenboog', sector: 'school_primary' });
    return (await createLocation(tx, e, { organisationId: org.id, name: 'De Regenboog', city: 'Enschede', lat: 52.22, lng: 6.89, isSchool: true })).id;
  });
  passes = (await database.transaction((tx) => issueClassBatch(tx, { kind: 'admin' }, { ecosystemId: e, label: 'groep 7', size: 10, schoolLocationId: school }))).passes;
});
afterEach(() => assert.deepEqual(scriptErrors.splice(0), [], 'script errors'));
after(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await app?.close();
  await database.drop();
});

async function participationsOf(codes: string[]): Promise<number> {
  const rows = await database.db
    .selectFrom('participations as pa')
    .innerJoin('passes as p', 'p.id', 'pa.pass_id')
    .select('p.code')
    .where('p.code', 'in', codes)
    .where('pa.session_id', '=', session)
    .execute();
  return rows.length;
}

describe('class passes', () => {
  test('a school contact issues a class and downloads the cards as a PDF', async () => {
    const { cookies } = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'school_contact', locationIds: [school] });
    const { page } = await signedInPage(cookies.lx_sessie);
    await page.goto(`${base}/e/proef/beheer/passen`);
    await noViolations(page);
    await page.getByLabel('Naam van de klas').fill('groep 6b');
    await page.getByLabel('Aantal passen').fill('41');
    await page.getByRole('button', { name: 'Passen maken' }).click();
    await page.getByRole('alert').first().waitFor();
    assert.match(await page.locator('#veld-size-fout').innerText(), /Kies een aantal van 1 tot en met 40 passen\./);
    assert.equal(await page.getByLabel('Naam van de klas').inputValue(), 'groep 6b');
    await noViolations(page);

    await page.getByLabel('Aantal passen').fill('24');
    await page.getByLabel('School').selectOption({ label: 'De Regenboog, Enschede' });
    await page.getByRole('button', { name: 'Passen maken' }).click();
    await page.getByRole('heading', { level: 1, name: 'groep 6b' }).waitFor();
    assert.match(await page.getByRole('status').first().innerText(), /De 24 passen zijn gemaakt/);
    await noViolations(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Kaarten downloaden (PDF)' }).click()]);
    assert.equal(download.suggestedFilename(), 'leerpassen-groep-6b.pdf');
    const pdf = await readFile((await download.path())!);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    // Three A4 pages of ten cards.
    assert.equal(pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length, 3);

    await page.getByRole('link', { name: 'Alle klassen' }).click();
    await page.getByRole('rowheader', { name: 'groep 6b' }).waitFor();
    await noViolations(page);
  });
});

describe('scanning on a phone', () => {
  test('scans by typing; offline scans wait on the device and are recorded once when the connection is back', async () => {
    const { cookies } = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] });
    const { context, page } = await signedInPage(cookies.lx_sessie);
    await page.goto(`${base}/e/proef/scannen`);
    await noViolations(page);
    await page.getByRole('link', { name: 'Robots bouwen en programmeren' }).click();
    await page.getByText(/Je scant bij Robots bouwen en programmeren/).waitFor();
    // The island is there: the queue section shows, and the camera button where the browser has a camera API.
    await page.getByRole('heading', { name: 'Scans op dit apparaat' }).waitFor();
    await noViolations(page);

    const code = page.getByLabel('Code van de pas');
    const note = page.getByRole('button', { name: 'Noteren' });
    // Online: a typed code (lower case, spaces) is recorded at once.
    await code.fill(formatPassCode(passes[0]!.code).toLowerCase().replace(/-/g, ' '));
    await note.click();
    await page.locator('#scan-log li[data-state="recorded"]').first().waitFor();
    assert.match(await page.locator('#scan-result').innerText(), /Stap genoteerd\./);
    await page.getByText('Alle scans zijn verstuurd.').waitFor();
    assert.equal(await participationsOf([passes[0]!.code]), 1);

    // A typo is caught on the device, before anything is queued.
    await code.fill(passes[1]!.code.slice(0, 16) + (passes[1]!.code[16] === '0' ? '1' : '0'));
    await note.click();
    await page.getByText(/er is waarschijnlijk een teken verkeerd overgenomen/).waitFor();
    assert.equal(await code.getAttribute('aria-invalid'), 'true');

    // The connection drops: scans are kept on the device, and the page says how many wait.
    await context.setOffline(true);
    const offline = [passes[1]!.code, passes[2]!.code, passes[0]!.code];
    for (const c of offline) {
      await code.fill(formatPassCode(c));
      await note.click();
    }
    await page.getByText('3 scans wachten op verbinding.').waitFor();
    assert.equal(await page.locator('#scan-log li[data-state="queued"]').count(), 3);
    assert.match(await page.locator('#scan-result').innerText(), /Geen verbinding/);
    assert.equal(await participationsOf(offline.slice(0, 2)), 0, 'nothing reached the server');
    const queued = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('lx-scans:')).map(([, v]) => JSON.parse(v) as unknown[]));
    assert.equal(queued[0]?.length, 3);
    await noViolations(page);

    // Back online: the queue is sent by itself; the first pass again is "already scanned", not a second step.
    await context.setOffline(false);
    await page.getByText('Alle scans zijn verstuurd.').waitFor();
    assert.equal(await page.locator('#scan-log li[data-state="recorded"]').count(), 3);
    assert.equal(await page.locator('#scan-log li[data-state="duplicate"]').count(), 1);
    assert.equal(await participationsOf(offline), 3);

    // Reloading sends nothing again: the queue is empty, and each pass counts once at this session.
    await page.reload();
    await page.getByText('Alle scans zijn verstuurd.').waitFor();
    assert.equal(await participationsOf(offline), 3);
    const rows = await database.db.selectFrom('participations').select('pass_id').where('session_id', '=', session).execute();
    assert.equal(new Set(rows.map((r) => r.pass_id)).size, rows.length);
  });

  test('a scan sent while the answer is lost counts once when the device sends it again', async () => {
    const { cookies } = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] });
    const { page } = await signedInPage(cookies.lx_sessie);
    await page.goto(`${base}/e/proef/scannen?bijeenkomst=${session}`);
    // The server records the scan, but the answer never reaches the phone.
    let dropped = 0;
    await page.route('**/api/v1/check-ins', async (route) => {
      if (dropped++ === 0) {
        await route.fetch();
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await page.getByLabel('Code van de pas').fill(passes[5]!.code);
    await page.getByRole('button', { name: 'Noteren' }).click();
    // Retried after a pause: the server knows the scan by its device id.
    await page.locator('#scan-log li[data-state="duplicate"]').waitFor({ timeout: 20_000 });
    assert.equal(await participationsOf([passes[5]!.code]), 1);
  });

  test('without the island the form posts the typed code; a wrong code is shown beside the field, kept to correct', async () => {
    const { cookies } = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] });
    // The island never arrives (as on a browser without JavaScript; axe-core itself needs scripts to run, so they stay on).
    const { page } = await signedInPage(cookies.lx_sessie);
    await page.route('**/assets/js/**', (route) => route.abort());
    await page.goto(`${base}/e/proef/scannen?bijeenkomst=${session}`);
    await page.getByLabel('Code van de pas').fill(formatPassCode(passes[7]!.code));
    await page.getByRole('button', { name: 'Noteren' }).click();
    await page.getByText('Stap genoteerd.').waitFor();
    assert.equal(await page.locator('#scan-queue').isHidden(), true, 'no island');
    await noViolations(page);
    // A wrong code: the message beside the field, the code kept to correct.
    await page.getByLabel('Code van de pas').fill('7K3M-9QXD');
    await page.getByRole('button', { name: 'Noteren' }).click();
    await page.getByText(/Een pascode heeft 17 tekens/).first().waitFor();
    assert.equal(await page.getByLabel('Code van de pas').inputValue(), '7K3M-9QXD');
    await noViolations(page);
    assert.equal(await participationsOf([passes[7]!.code]), 1);
  });

  test('the page a card’s QR code opens passes axe-core', async () => {
    const { page } = await signedInPage('geen-sessie');
    await page.goto(`${base}/e/proef/pas/${passes[3]!.code}`);
    await page.getByRole('heading', { level: 1, name: 'Leerpas' }).waitFor();
    await noViolations(page);
  });
});
