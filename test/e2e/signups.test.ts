import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createActivity } from '../../src/modules/catalogue/commands/activity-commands.js';
import { createSession } from '../../src/modules/catalogue/commands/session-commands.js';
import { issueSinglePass } from '../../src/modules/passes/commands/pass-issuer.js';
import { Mailer } from '../../src/modules/mail/mailer.js';
import { signUp } from '../../src/modules/signups/commands/signup-commands.js';
import { testApp, testDatabase } from '../helpers/build-app.js';
import { createFixture, inDays, type Fixture } from '../helpers/factories.js';
import { signedInAs } from '../helpers/people.js';
import { captureSmtp } from '../helpers/smtp.js';
import { axeViolations, describeViolations, launchBrowser, listen } from './browser.js';

/**
 * In Chromium: a parent signs a child up from the activity page; a family on
 * the waiting list gets a place by mail and takes it through the link; a
 * provider draws a lottery with priorities and checks it against its seed.
 * Every page passes axe-core; nothing needs JavaScript.
 */
const database = await testDatabase();
const smtp = await captureSmtp();
let app: FastifyInstance;
let browser: Browser;
let base: string;
let fx: Fixture;
const contexts: BrowserContext[] = [];
const scriptErrors: string[] = [];
const silent = { level: 'silent', info() {}, warn() {}, error() {}, debug() {}, fatal() {}, trace() {}, child: () => silent } as never;

before(async () => {
  fx = await createFixture(database);
  app = await testApp(database, { smtpUrl: smtp.url });
  base = await listen(app);
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

async function newPage(cookies: Array<{ name: string; value: string }> = []): Promise<Page> {
  const context = await browser.newContext({ locale: 'nl-NL' });
  contexts.push(context);
  if (cookies.length) await context.addCookies(cookies.map((c) => ({ ...c, url: base })));
  const page = await context.newPage();
  page.on('pageerror', (error) => scriptErrors.push(error.message));
  return page;
}

async function noViolations(page: Page) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, describeViolations(violations));
}

const thisYear = new Date().getUTCFullYear();
async function pass(birthYear = thisYear - 9) {
  return database.transaction(async (tx) => {
    const issued = await issueSinglePass(tx, 'system', fx.ecosystem.id, 'parent');
    await tx.db.updateTable('passes').set({ birth_year: birthYear }).where('id', '=', issued.id).execute();
    return issued;
  });
}

async function session(activityId: number, days: number, capacity: number): Promise<number> {
  return database.transaction(async (tx) => (await createSession(tx, fx.ecosystem.id, activityId, { startsAt: inDays(days).toISOString(), endsAt: new Date(inDays(days).getTime() + 3_600_000).toISOString(), capacity })).id);
}

describe('a parent signs a child up', () => {
  test('from the activity page, with the pass’s code and secret, and an address for this sign-up only', async () => {
    const sessionId = await session(fx.activities.robots, 15, 4);
    const { code, secret } = await pass();
    const page = await newPage();
    await page.goto(`${base}/e/proef/activiteiten/${fx.activities.robots}`);
    await noViolations(page);
    await page.locator(`a[href$="/ouders/aanmelden/${sessionId}"]`).click();
    await page.getByRole('heading', { level: 1, name: 'Aanmelden: Robots bouwen en programmeren' }).waitFor();
    await page.getByText('Nog 4 plaatsen vrij').waitFor();
    await noViolations(page);
    await page.getByLabel('Code', { exact: false }).first().fill(code);
    await page.getByLabel('Geheim', { exact: false }).first().fill('VERKEERD');
    await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    await page.getByRole('alert').first().waitFor();
    await noViolations(page);
    await page.getByLabel('Code', { exact: false }).first().fill(code);
    await page.getByLabel('Geheim', { exact: false }).first().fill(secret);
    await page.getByLabel(/E-mailadres voor berichten over deze aanmelding/).fill('e2e-ouder@proef.example');
    await page.getByLabel('Wij hebben een stadspas').check();
    await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Aanmelding ontvangen' }).waitFor();
    await page.getByText(/uw kind heeft een plek/).waitFor();
    await noViolations(page);
    const mail = await smtp.waitFor((m) => m.to === 'e2e-ouder@proef.example' && m.subject.startsWith('Aangemeld'));
    assert.ok(mail.attachments.some((a) => a.filename === 'aanmelding.ics'));

    await page.getByRole('link', { name: 'Aanmeldingen van deze pas' }).click();
    await page.getByRole('heading', { level: 1, name: 'Aanmeldingen van deze pas' }).waitFor();
    await page.getByText('Aangemeld, heeft een plek').waitFor();
    await noViolations(page);
  });
});

describe('the waiting list', () => {
  test('a place freed is offered by mail; the family takes it through the link', async () => {
    const sessionId = await session(fx.activities.water, 16, 1);
    const mail = { mailer: new Mailer(database, { smtpUrl: undefined, from: 'x@proef.example', logger: silent }), publicUrl: base };
    // Someone already has the only place.
    const holder = await pass(thisYear - 5);
    const first = await database.transaction((tx) => signUp(tx, { kind: 'anonymous' }, { ecosystemId: fx.ecosystem.id, passId: holder.id, sessionId }, mail));
    const waiting = await pass(thisYear - 5);
    const page = await newPage();
    await page.goto(`${base}/e/proef/ouders/aanmelden/${sessionId}`);
    await page.getByText(/Vol\. Meldt u zich aan/).waitFor();
    await page.getByLabel('Code', { exact: false }).first().fill(waiting.code);
    await page.getByLabel('Geheim', { exact: false }).first().fill(waiting.secret);
    await page.getByLabel(/E-mailadres voor berichten over deze aanmelding/).fill('e2e-wachtlijst@proef.example');
    await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    await page.getByText(/op de wachtlijst, op plaats 1/).waitFor();

    // The family with the place cancels, through their own pages.
    const holderPage = await newPage();
    await holderPage.goto(`${base}/e/proef/ouders`);
    await holderPage.getByLabel('Code', { exact: false }).first().fill(holder.code);
    await holderPage.getByLabel('Geheim', { exact: false }).first().fill(holder.secret);
    await holderPage.getByRole('button', { name: 'Pas openen' }).click();
    await holderPage.goto(`${base}/e/proef/ouders/aanmeldingen`);
    await holderPage.getByRole('button', { name: 'Afmelden' }).click();
    await holderPage.getByText(/De aanmelding is afgemeld/).waitFor();
    assert.ok(first.signupId);

    const offer = await smtp.waitFor((m) => m.to === 'e2e-wachtlijst@proef.example' && m.subject.startsWith('Er is een plek vrij'));
    const link = offer.link('http');
    const offerPage = await newPage();
    await offerPage.goto(`${base}${new URL(link).pathname}`);
    await offerPage.getByRole('heading', { level: 1, name: 'Een plek voor uw kind' }).waitFor();
    await noViolations(offerPage);
    await offerPage.getByRole('button', { name: 'Ja, wij nemen de plek' }).click();
    await offerPage.getByText(/uw kind heeft de plek/).waitFor();
    await noViolations(offerPage);
    await smtp.waitFor((m) => m.to === 'e2e-wachtlijst@proef.example' && m.subject.startsWith('Aangemeld'));
  });
});

describe('a lottery', () => {
  test('a provider draws with priorities, reads the report and checks it against the seed', async () => {
    const activityId = await database.transaction(async (tx) =>
      (await createActivity(tx, fx.ecosystem.id, {
        organisationId: fx.orgs.library, title: 'Loting: drones bouwen', themes: ['maken-ontwerpen'], format: 'course', setting: 'out_of_school', minAge: 8, maxAge: 12,
        level: 'introduction', registrationMode: 'lottery', locationId: fx.locations.enschede, status: 'published',
      })).id,
    );
    const sessionId = await session(activityId, 25, 2);
    await database.db.insertInto('signup_settings').values({ ecosystem_id: fx.ecosystem.id, activity_id: activityId, closes_at: new Date(Date.now() + 86_400_000) }).execute();
    const mail = { mailer: new Mailer(database, { smtpUrl: undefined, from: 'x@proef.example', logger: silent }), publicUrl: base };
    const hood = await database.db.selectFrom('neighbourhoods').select(['id', 'ses_tier']).where('ecosystem_id', '=', fx.ecosystem.id).orderBy('ses_tier').execute();
    // Five entries; one child from the priority neighbourhood (SES tier 2), the others from tier 4.
    for (let i = 0; i < 5; i += 1) {
      const p = await pass();
      await database.db.updateTable('passes').set({ neighbourhood_id: i === 0 ? hood[0]!.id : hood[1]!.id }).where('id', '=', p.id).execute();
      await database.transaction((tx) => signUp(tx, { kind: 'anonymous' }, { ecosystemId: fx.ecosystem.id, passId: p.id, sessionId }, mail));
    }
    await database.db.updateTable('signup_settings').set({ closes_at: new Date(Date.now() - 60_000) }).where('activity_id', '=', activityId).execute();

    const partner = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] });
    const page = await newPage([{ name: 'lx_sessie', value: partner.cookies.lx_sessie }]);
    await page.goto(`${base}/e/proef/beheer/aanmeldingen`);
    await noViolations(page);
    await page.getByRole('link', { name: 'Loting (5 ingeschreven)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Loting: Loting: drones bouwen' }).waitFor();
    await noViolations(page);
    await page.getByRole('button', { name: 'Nu loten' }).click();
    await page.getByRole('heading', { name: 'Uitslag van de loting' }).waitFor();
    await page.getByText(/Er is geloot/).waitFor();
    await noViolations(page);
    // The child from the priority neighbourhood is first in the order and has a place.
    const firstRow = page.locator('table tbody tr').first();
    assert.match(await firstRow.innerText(), /voorrangswijk/);
    assert.match(await firstRow.innerText(), /Plek op/);
    await page.getByRole('button', { name: 'Opnieuw uitvoeren met het zaadgetal en vergelijken' }).click();
    await page.getByText(/de uitslag is precies gelijk aan de vastgelegde/).waitFor();
    await noViolations(page);

    await page.goto(`${base}/e/proef/beheer/aanmeldingen/sessie/${sessionId}`);
    await page.getByRole('heading', { level: 2, name: 'Met een plek' }).waitFor();
    await noViolations(page);

    const coordinator = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' });
    const settings = await newPage([{ name: 'lx_sessie', value: coordinator.cookies.lx_sessie }]);
    await settings.goto(`${base}/e/proef/beheer/loting`);
    await settings.getByRole('heading', { level: 1, name: 'Voorrang bij loting' }).waitFor();
    await noViolations(settings);
  });
});
