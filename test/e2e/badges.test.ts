import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, afterEach, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { recordCheckIn } from '../../src/modules/passes/commands/check-in.js';
import { issueClassBatch } from '../../src/modules/passes/commands/pass-issuer.js';
import { testApp, testDatabase } from '../helpers/build-app.js';
import { createFixture, type Fixture } from '../helpers/factories.js';
import { signedInAs } from '../helpers/people.js';
import { launchBrowser, listen, noViolations } from './browser.js';

/** A partner switches a badge on; a child earns it at a scan; anyone checks it on the verification page. Pages pass axe-core. */
const database = await testDatabase();
let app: FastifyInstance;
let browser: Browser;
let base: string;
let fx: Fixture;
let partner: Page;
let visitor: Page;
const scriptErrors: string[] = [];

before(async () => {
  fx = await createFixture(database);
  app = await testApp(database);
  base = await listen(app);
  // Badges name their issuer and key by the platform's public address: here, the test server.
  app.ctx.config.publicUrl = base;
  browser = await launchBrowser();
  const token = (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] })).cookies.lx_sessie;
  const partnerContext = await browser.newContext({ locale: 'nl-NL' });
  await partnerContext.addCookies([{ name: 'lx_sessie', value: token, url: base }]);
  partner = await partnerContext.newPage();
  visitor = await (await browser.newContext({ locale: 'nl-NL', acceptDownloads: true })).newPage();
  for (const page of [partner, visitor]) page.on('pageerror', (error) => scriptErrors.push(error.message));
});
afterEach(() => assert.deepEqual(scriptErrors.splice(0), [], 'script errors'));
after(async () => {
  await browser?.close();
  await app?.close();
  await database.drop();
});

let awardId: string;

test('a partner switches on the badge of an activity', async () => {
  await partner.goto(`${base}/e/proef/beheer/aanbod/${fx.activities.robots}`);
  await partner.getByRole('link', { name: 'Insigne', exact: true }).click();
  await partner.getByRole('heading', { level: 1, name: 'Insigne bij Robots bouwen en programmeren' }).waitFor();
  await noViolations(partner);
  await partner.getByLabel('Ja, deelnemers krijgen een insigne').check();
  await partner.getByLabel('Naam van het insigne').fill('');
  await partner.getByRole('button', { name: 'Opslaan' }).click();
  await partner.getByRole('alert').first().waitFor();
  assert.match(await partner.locator('#veld-name-fout').innerText(), /Vul dit in/);
  await noViolations(partner);
  await partner.getByLabel('Naam van het insigne').fill('Robotbouwer');
  await partner.getByRole('button', { name: 'Opslaan' }).click();
  assert.match(await partner.getByRole('status').first().innerText(), /opgeslagen/);
  assert.ok(await partner.locator('.badge-figure img').isVisible());
  await noViolations(partner);
});

test('a child with the badges consent earns it at a scan; its page says "Echt" and offers the downloads', async () => {
  const e = fx.ecosystem.id;
  const start = new Date(Date.now() - 3_600_000);
  const session = await database.db.insertInto('sessions').values({ ecosystem_id: e, activity_id: fx.activities.robots, starts_at: start, ends_at: new Date(start.getTime() + 2 * 3_600_000) }).returning('id').executeTakeFirstOrThrow();
  const [pass] = (await database.transaction((tx) => issueClassBatch(tx, { kind: 'admin' }, { ecosystemId: e, label: 'groep 6', size: 1, schoolLocationId: null }))).passes;
  await database.db.insertInto('pass_consents').values({ ecosystem_id: e, pass_id: pass!.id, purpose: 'badges', granted: true, given_by: 'parent' }).execute();
  await database.transaction((tx) => recordCheckIn(tx, { kind: 'admin' }, { ecosystemId: e, code: pass!.code, sessionId: session.id, deviceScanId: randomUUID(), scannedAt: new Date() }));
  awardId = (await database.db.selectFrom('badge_awards').select('id').where('pass_id', '=', pass!.id).executeTakeFirstOrThrow()).id;

  await visitor.goto(`${base}/e/proef/insignes/${awardId}`);
  await visitor.getByRole('heading', { level: 2, name: 'Echt' }).waitFor();
  assert.ok(await visitor.getByRole('img', { name: 'Insigne Robotbouwer' }).isVisible());
  await noViolations(visitor);
});

test('the downloaded image, uploaded on the verification page, is genuine; garbage gets a clear message', async () => {
  const [download] = await Promise.all([visitor.waitForEvent('download'), visitor.getByRole('link', { name: /Afbeelding met het insigne erin/ }).click()]);
  const file = await download.path();
  assert.ok(file);

  await visitor.goto(`${base}/e/proef/insignes/controleren`);
  await noViolations(visitor);
  await visitor.getByLabel('Of kies een bestand').setInputFiles(file);
  await visitor.getByRole('button', { name: 'Controleren' }).click();
  await visitor.getByRole('heading', { level: 2, name: 'Echt' }).waitFor();
  assert.match(await visitor.locator('.badge-result').innerText(), /Robotbouwer/);
  await noViolations(visitor);

  await visitor.getByLabel('Plak het insigne').fill('dit is geen insigne');
  await visitor.getByRole('button', { name: 'Controleren' }).click();
  await visitor.getByRole('alert').first().waitFor();
  assert.match(await visitor.getByRole('alert').first().innerText(), /herkennen we niet als insigne/);
  await noViolations(visitor);
});
