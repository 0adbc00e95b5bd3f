import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, afterEach, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { testApp, testDatabase } from '../helpers/build-app.js';
import { createActivity } from '../../src/modules/catalogue/commands/activity-commands.js';
import { createSession } from '../../src/modules/catalogue/commands/session-commands.js';
import type { ActivityInput } from '../../src/modules/catalogue/schemas.js';
import { createFixture, inDays, type Fixture } from '../helpers/factories.js';
import { signedInAs } from '../helpers/people.js';
import { launchBrowser, listen, noViolations } from './browser.js';

/**
 * The whole journey of one child's pass, as the people involved do it in the
 * browser: a coordinator makes passes for a class and prints the cards; a
 * parent opens the child's card and agrees to the path page and badges; two
 * partners each scan the child at their own activity; the child opens the
 * path page with the card's code and secret and sees both steps, the badge
 * and at least three next steps with the reason for each; the badge, taken
 * from there, is genuine on the public verification page. Every page passes
 * axe-core.
 */
const database = await testDatabase();
let app: FastifyInstance;
let browser: Browser;
let base: string;
let fx: Fixture;
const contexts: BrowserContext[] = [];
const scriptErrors: string[] = [];
const eco = '/e/proef';
/** The first card of the class, as printed. */
let card: { code: string; secret: string };

async function newPage(options: { token?: string; phone?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    locale: 'nl-NL',
    acceptDownloads: true,
    ...(options.phone && { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }),
  });
  contexts.push(context);
  if (options.token) await context.addCookies([{ name: 'lx_sessie', value: options.token, url: base }]);
  const page = await context.newPage();
  page.on('pageerror', (error) => scriptErrors.push(error.message));
  return page;
}

before(async () => {
  fx = await createFixture(database);
  app = await testApp(database);
  base = await listen(app);
  // Badges name their issuer and key by the platform's public address: here, the test server.
  app.ctx.config.publicUrl = base;
  browser = await launchBrowser();
  // Today, one session at each partner's activity: the library's robots, the museum's stars.
  const start = new Date(Date.now() - 30 * 60_000);
  for (const activityId of [fx.activities.robots, fx.activities.stars]) {
    await database.db.insertInto('sessions').values({ ecosystem_id: fx.ecosystem.id, activity_id: activityId, starts_at: start, ends_at: new Date(start.getTime() + 2 * 3_600_000) }).execute();
  }
  // More to do later, for the next steps to choose from: a deeper step in nature, a theme not tried yet, a short free
  // taster at the library the child already knows.
  await database.transaction(async (tx) => {
    const e = fx.ecosystem.id;
    const more: Array<Partial<ActivityInput> & Pick<ActivityInput, 'title'>> = [
      { title: 'Vogels tellen met de boswachter', organisationId: fx.orgs.museum, locationId: fx.locations.hengelo, themes: ['natuur-duurzaamheid'], level: 'deepening', format: 'excursion' },
      { title: 'Ontwerp je eigen knuffel', themes: ['maken-ontwerpen'], format: 'workshop' },
      { title: 'Kwartiertje solderen', themes: ['maken-ontwerpen', 'programmeren-digitaal'], format: 'open_lab', priceCents: 0 },
    ];
    for (const [i, over] of more.entries()) {
      const activity = await createActivity(tx, e, {
        organisationId: fx.orgs.library, locationId: fx.locations.enschede, setting: 'out_of_school', minAge: 8, maxAge: 12, level: 'introduction',
        registrationMode: 'walk_in', status: 'published', format: 'workshop', themes: [], ...over,
      } as ActivityInput);
      const startsAt = inDays(6 + i);
      await createSession(tx, e, activity.id, { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 45 * 60_000).toISOString(), capacity: null });
    }
  });
});
afterEach(() => assert.deepEqual(scriptErrors.splice(0), [], 'script errors'));
after(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await app?.close();
  await database.drop();
});

test('a coordinator makes passes for a class and downloads the cards to print', async () => {
  const page = await newPage({ token: (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' })).cookies.lx_sessie });
  await page.goto(`${base}${eco}/beheer/passen`);
  await page.getByLabel('Naam van de klas').fill('groep 7a');
  await page.getByLabel('Aantal passen').fill('12');
  await page.getByRole('button', { name: 'Passen maken' }).click();
  await page.getByRole('heading', { level: 1, name: 'groep 7a' }).waitFor();
  await noViolations(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Kaarten downloaden (PDF)' }).click()]);
  const pdf = await readFile((await download.path())!);
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  // Each card: "Code van de pas", the code, "Geheime code voor ouders", the six-character secret.
  const first = /Code van de pas\s+([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3}-[0-9A-Z])\s+Geheime code voor ouders\s+([0-9A-Z]{6})/.exec(text as string);
  assert.ok(first, `a card with its code and secret in the PDF:\n${String(text).slice(0, 400)}`);
  card = { code: first[1]!, secret: first[2]! };
  const cards = (text as string).match(/Code van de pas\s+[0-9A-Z]{4}-/g) ?? [];
  assert.equal(cards.length, 12, 'twelve cards');
});

test('a parent opens the card’s pass and agrees to the path page and badges', async () => {
  const page = await newPage({ phone: true });
  await page.goto(`${base}${eco}/ouders`);
  await page.getByLabel('Code van de pas').fill(card.code);
  await page.getByLabel('Geheime code').fill(card.secret);
  await page.getByRole('button', { name: 'Pas openen' }).click();
  await page.getByRole('heading', { level: 1, name: 'De kinderpas' }).waitFor();
  await noViolations(page);
  await page.getByLabel('Eigen pagina').check();
  await page.getByLabel('Insignes').check();
  await page.getByLabel('Ouder', { exact: true }).check();
  await page.getByRole('button', { name: 'Toestemming opslaan' }).click();
  await page.getByText('De toestemming is opgeslagen').first().waitFor();
  assert.ok(await page.getByLabel('Eigen pagina').isChecked());
  assert.ok(await page.getByLabel('Insignes').isChecked());
  await noViolations(page);
});

test('the library switches on a badge for its robots activity', async () => {
  const page = await newPage({ token: (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] })).cookies.lx_sessie });
  await page.goto(`${base}${eco}/beheer/aanbod/${fx.activities.robots}`);
  await page.getByRole('link', { name: 'Insigne', exact: true }).click();
  await page.getByLabel('Ja, deelnemers krijgen een insigne').check();
  await page.getByLabel('Naam van het insigne').fill('Robotbouwer');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  assert.match(await page.getByRole('status').first().innerText(), /opgeslagen/);
});

for (const [partner, title] of [['library', 'Robots bouwen en programmeren'], ['museum', 'Sterrenkijken in de Natuurtuin']] as const) {
  test(`the ${partner} scans the child at “${title}” on a phone`, async () => {
    const token = (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs[partner]] })).cookies.lx_sessie;
    const page = await newPage({ token, phone: true });
    await page.goto(`${base}${eco}/scannen`);
    await page.getByRole('link', { name: title }).click();
    await page.getByText(`Je scant bij ${title}`).waitFor();
    await noViolations(page);
    await page.getByLabel('Code van de pas').fill(card.code);
    await page.getByRole('button', { name: 'Noteren' }).click();
    await page.locator('#scan-log li[data-state="recorded"]').first().waitFor();
    assert.match(await page.locator('#scan-result').innerText(), /Stap genoteerd\./);
    await page.getByText('Alle scans zijn verstuurd.').waitFor();
    await noViolations(page);
  });
}

let badgeUrl: string;

test('the child opens the path page with the card: both steps, the badge, and three next steps that say why', async () => {
  const page = await newPage({ phone: true });
  await page.goto(`${base}${eco}/mijn-pad`);
  await page.getByLabel('Code van je pas').fill(card.code);
  await page.getByLabel('Geheime code').fill(card.secret);
  await page.getByRole('button', { name: 'Open mijn pad' }).click();
  await page.getByRole('heading', { level: 1, name: /pad/i }).waitFor();
  // The steps, on the islands of their themes.
  for (const title of ['Robots bouwen en programmeren', 'Sterrenkijken in de Natuurtuin']) {
    assert.ok((await page.locator('.path-island', { hasText: title }).count()) >= 1, `the step “${title}” on an island`);
  }
  const badge = page.locator('.badge-card__link', { hasText: 'Robotbouwer' });
  assert.equal(await badge.count(), 1, 'the badge earned at the library');
  badgeUrl = new URL((await badge.getAttribute('href'))!, base).href;

  const suggestions = page.locator('.suggestion');
  const count = await suggestions.count();
  assert.ok(count >= 3, `at least three next steps, got ${count}`);
  const done = new Set(['Robots bouwen en programmeren', 'Sterrenkijken in de Natuurtuin']);
  for (let i = 0; i < count; i++) {
    const title = (await suggestions.nth(i).locator('.suggestion__link').innerText()).trim();
    const why = (await suggestions.nth(i).locator('.suggestion__why').innerText()).trim();
    assert.ok(!done.has(title), `${title}: not something already done`);
    assert.ok(why.length > 10, `${title}: the reason is shown (“${why}”)`);
  }
  const reasons = await page.locator('.suggestion__why').allInnerTexts();
  assert.ok(reasons.some((r) => /^Omdat je Robots bouwen en programmeren deed/.test(r)), reasons.join(' | '));
  await noViolations(page);
});

test('the badge from the path page is genuine on the public verification page', async () => {
  const page = await newPage();
  await page.goto(badgeUrl);
  await page.getByRole('heading', { level: 2, name: 'Echt' }).waitFor();
  await noViolations(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Afbeelding met het insigne erin/ }).click()]);
  const file = (await download.path())!;
  await page.goto(`${base}${eco}/insignes/controleren`);
  await page.getByLabel('Of kies een bestand').setInputFiles(file);
  await page.getByRole('button', { name: 'Controleren' }).click();
  await page.getByRole('heading', { level: 2, name: 'Echt' }).waitFor();
  assert.match(await page.locator('.badge-result').innerText(), /Robotbouwer/);
  await noViolations(page);
});
