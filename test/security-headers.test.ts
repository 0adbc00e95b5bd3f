import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { testApp, testDatabase } from './helpers/build-app.js';
import { createFixture, type Fixture } from './helpers/factories.js';
import { signedInAs } from './helpers/people.js';
import { createAgreement } from '../src/modules/network/commands/agreement-commands.js';
import { createBudgetLine } from '../src/modules/network/commands/budget-commands.js';
import { createContribution } from '../src/modules/network/commands/contribution-commands.js';
import { createExpense } from '../src/modules/network/commands/expense-commands.js';
import { createGrant } from '../src/modules/network/commands/grant-commands.js';
import { issueSinglePass } from '../src/modules/passes/commands/pass-issuer.js';
import { startParentSession } from '../src/modules/passes/commands/parent-session.js';
import { pathPass, pathStep } from './helpers/path-fixtures.js';
import { createPrivateLink } from '../src/modules/passes/commands/pass-link.js';

const database = await testDatabase();
let app: FastifyInstance;
let production: FastifyInstance;
let fx: Fixture;
let coordinator: { lx_sessie: string };
let admin: { lx_sessie: string };
/** An agreement, a grant, a budget line, a contribution and an expense, for the finance pages. */
const fin = { agreement: 0, grant: 0, line: 0, contribution: 0, expense: 0 };
let parent: { lx_ouder: string };
let passId: number;
let signupSessionId: number;
let batchId: number;
/** A child's path page by its private link, and a published learning path (passes module). */
let pathLink: string;
let learningPathId: number;

before(async () => {
  fx = await createFixture(database);
  coordinator = (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' })).cookies;
  admin = (await signedInAs(database, 'platform_admin')).cookies;
  await database.transaction(async (tx) => {
    const e = fx.ecosystem.id;
    fin.agreement = await createAgreement(tx, 'system', e, { title: 'Convenant', kind: 'covenant', status: 'signed', startsOn: '2026-08-01', endsOn: '2029-07-31', reminderDays: 60, documentUrl: null, notes: '' });
    fin.grant = await createGrant(tx, 'system', e, { name: 'Subsidie', startsOn: '2026-08-01', endsOn: '2029-07-31', cofinancingPart: 1, grantPart: 1, awardedCents: null, notes: '', rates: { po: 100 } });
    fin.line = await createBudgetLine(tx, 'system', e, fin.grant, { category: 'activities', name: 'Activiteiten', planned: [100, 100, 100] });
    fin.contribution = await createContribution(tx, 'system', e, { organisationId: fx.orgs.library, agreementId: fin.agreement, grantId: fin.grant, stage: 'commitment', kind: 'hours', description: 'Uren', value: { hoursHundredths: 100, hourlyRateCents: 5000 }, datedOn: null });
    fin.expense = (await createExpense(tx, 'system', e, { budgetLineId: fin.line, spentOn: '2026-09-01', description: 'Bus', organisationId: null, reference: '', value: { amountCents: 50 } })).id;
  });
  ({ parent, passId } = await database.transaction(async (tx) => {
    const pass = await issueSinglePass(tx, 'system', fx.ecosystem.id, 'parent');
    return { passId: pass.id, parent: { lx_ouder: await startParentSession(tx, fx.ecosystem.id, pass.id) } };
  }));
  signupSessionId = (await database.db.selectFrom('sessions').select('id').where('activity_id', '=', fx.activities.robots).orderBy('starts_at').executeTakeFirstOrThrow()).id;
  batchId = (await database.db.insertInto('pass_batches').values({ ecosystem_id: fx.ecosystem.id, label: 'groep 6', size: 1 }).returning('id').executeTakeFirstOrThrow()).id;
  const child = await pathPass(database, fx.ecosystem.id);
  await pathStep(database, fx.ecosystem.id, child.id, fx.activities.robots, 3);
  pathLink = await database.transaction((tx) => createPrivateLink(tx, 'system', fx.ecosystem.id, child.id));
  learningPathId = (await database.db.insertInto('learning_paths').values({ ecosystem_id: fx.ecosystem.id, slug: 'proefroute', title: 'Proefroute', status: 'published' }).returning('id').executeTakeFirstOrThrow()).id;
  await database.db.insertInto('learning_path_steps').values({ ecosystem_id: fx.ecosystem.id, learning_path_id: learningPathId, activity_id: fx.activities.robots, position: 0 }).execute();
  app = await testApp(database);
  production = await testApp(database, { env: 'production' });
});
after(async () => {
  await app.close();
  await production.close();
  await database.drop();
});

/** Every kind of response: public pages, forms, management pages, the API, errors and assets. */
const pages = (): Array<{ url: string; cookies?: Record<string, string>; referrer?: string }> => [
  { url: '/e/proef/' },
  { url: '/e/proef/zoeken?q=robots' },
  { url: '/e/proef/kaart' },
  { url: `/e/proef/activiteiten/${fx.activities.robots}` },
  { url: '/inloggen' },
  { url: '/inloggen/link' },
  { url: '/wachtwoord-vergeten' },
  { url: '/account', cookies: coordinator },
  { url: '/e/proef/beheer', cookies: coordinator },
  { url: '/e/proef/beheer/mensen', cookies: coordinator },
  { url: '/e/proef/beheer/instellingen', cookies: coordinator },
  { url: '/e/proef/beheer/logboek', cookies: coordinator },
  { url: '/e/proef/beheer/beoordelen', cookies: coordinator },
  { url: '/beheer/post', cookies: admin },
  { url: '/e/proef/beheer/aanbod', cookies: coordinator },
  { url: '/e/proef/beheer/aanbod/nieuw?organisatie=' + fx.orgs.library, cookies: coordinator },
  { url: `/e/proef/beheer/aanbod/${fx.activities.robots}`, cookies: coordinator },
  { url: `/e/proef/beheer/aanbod/${fx.activities.robots}/bewerken`, cookies: coordinator },
  { url: `/e/proef/beheer/aanbod/${fx.activities.robots}/reeks`, cookies: coordinator },
  { url: '/e/proef/beheer/organisaties', cookies: coordinator },
  { url: '/e/proef/beheer/themas', cookies: coordinator },
  { url: '/e/proef/beheer/aanbod/importeren', cookies: coordinator },
  { url: '/e/proef/beheer/netwerk', cookies: coordinator },
  { url: `/e/proef/beheer/netwerk/partners/${fx.orgs.library}`, cookies: coordinator },
  { url: '/e/proef/beheer/netwerk/partners/nieuw', cookies: coordinator },
  { url: '/e/proef/beheer/netwerk/structuur', cookies: coordinator },
  { url: '/e/proef/beheer/netwerk/mensen', cookies: coordinator },
  { url: '/e/proef/beheer/netwerk/mensen/nieuw', cookies: coordinator },
  { url: '/e/proef/beheer/netwerk/rollen/nieuw', cookies: coordinator },
  { url: '/e/proef/beheer/netwerk/scholen', cookies: coordinator },
  { url: '/e/proef/beheer/netwerk/scholen/importeren', cookies: coordinator },
  { url: '/e/proef/beheer/overeenkomsten', cookies: coordinator },
  { url: '/e/proef/beheer/overeenkomsten/nieuw', cookies: coordinator },
  { url: `/e/proef/beheer/overeenkomsten/${fin.agreement}`, cookies: coordinator },
  { url: `/e/proef/beheer/overeenkomsten/${fin.agreement}/bewerken`, cookies: coordinator },
  { url: '/e/proef/beheer/financien', cookies: coordinator },
  { url: '/e/proef/beheer/financien/subsidies/nieuw', cookies: coordinator },
  { url: `/e/proef/beheer/financien/subsidies/${fin.grant}/bewerken`, cookies: coordinator },
  { url: `/e/proef/beheer/financien/subsidies/${fin.grant}/begroting/nieuw`, cookies: coordinator },
  { url: `/e/proef/beheer/financien/begroting/${fin.line}/bewerken`, cookies: coordinator },
  { url: '/e/proef/beheer/financien/bijdragen', cookies: coordinator },
  { url: '/e/proef/beheer/financien/bijdragen/nieuw', cookies: coordinator },
  { url: `/e/proef/beheer/financien/bijdragen/${fin.contribution}/bewerken`, cookies: coordinator },
  { url: '/e/proef/beheer/financien/uitgaven', cookies: coordinator },
  { url: '/e/proef/beheer/financien/uitgaven/nieuw', cookies: coordinator },
  { url: `/e/proef/beheer/financien/uitgaven/${fin.expense}/bewerken`, cookies: coordinator },
  { url: '/e/proef/ouders' },
  { url: '/e/proef/ouders/nieuw' },
  { url: '/e/proef/ouders/pas', cookies: parent },
  { url: '/e/proef/ouders/pas/verwijderen', cookies: parent },
  { url: `/e/proef/ouders/aanmelden/${signupSessionId}` },
  { url: `/e/proef/ouders/aanmelden/${signupSessionId}`, cookies: parent },
  { url: '/e/proef/ouders/aanmeldingen', cookies: parent },
  // The token of an offered place is in the address: no Referer at all from that page.
  { url: `/e/proef/aanmelding/plek/${'a'.repeat(43)}`, referrer: 'no-referrer' },
  { url: '/e/proef/beheer/aanmeldingen', cookies: coordinator },
  { url: `/e/proef/beheer/aanmeldingen/sessie/${signupSessionId}`, cookies: coordinator },
  { url: `/e/proef/beheer/aanmeldingen/activiteit/${fx.activities.robots}/loting`, cookies: coordinator },
  { url: '/e/proef/beheer/loting', cookies: coordinator },
  { url: '/e/proef/beheer/klasboekingen', cookies: coordinator },
  { url: `/e/proef/beheer/klasboekingen/nieuw?activiteit=${fx.activities.robots}`, cookies: coordinator },
  { url: '/e/proef/beheer/passen/opzoeken', cookies: coordinator },
  { url: `/e/proef/beheer/passen/opzoeken/${passId}`, cookies: coordinator },
  { url: '/e/proef/beheer/deelnames', cookies: coordinator },
  { url: '/e/proef/beheer/passen', cookies: coordinator },
  { url: `/e/proef/beheer/passen/${batchId}`, cookies: coordinator },
  { url: '/e/proef/scannen', cookies: coordinator },
  { url: '/e/proef/pas/00000000000000000' },
  { url: '/e/proef/mijn-pad' },
  // The private link's token is in the address: no Referer at all from that page.
  { url: `/e/proef/mijn-pad/${pathLink}`, referrer: 'no-referrer' },
  { url: '/e/proef/leerroutes' },
  { url: '/e/proef/leerroutes/proefroute' },
  { url: '/e/proef/leerroutes/bestaat-niet' },
  { url: '/e/proef/beheer/leerroutes', cookies: coordinator },
  { url: '/e/proef/beheer/leerroutes/nieuw', cookies: coordinator },
  { url: `/e/proef/beheer/leerroutes/${learningPathId}`, cookies: coordinator },
  { url: '/e/proef/api/v1/activities?q=robots' },
  { url: '/e/proef/insignes/controleren' },
  { url: '/e/proef/insignes/uitgever' },
  { url: `/e/proef/beheer/aanbod/${fx.activities.robots}/insigne`, cookies: coordinator },
  { url: '/e/proef/bestaat-niet' },
  { url: '/e/proef/zoeken?age=99' },
];

function directives(res: LightMyRequestResponse): Map<string, string> {
  const csp = res.headers['content-security-policy'];
  assert.equal(typeof csp, 'string', 'a Content-Security-Policy on every response');
  return new Map((csp as string).split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values.join(' ')]));
}

describe('security headers', () => {
  test('a strict Content-Security-Policy everywhere: no inline script or style, no plugins, no framing by others', async () => {
    for (const page of pages()) {
      const res = await app.inject({ url: page.url, ...(page.cookies && { cookies: page.cookies }) });
      assert.ok(res.statusCode < 500, page.url);
      const csp = directives(res);
      assert.equal(csp.get('default-src'), "'self'", page.url);
      assert.equal(csp.get('script-src'), "'self'", `${page.url}: scripts only from this site, never inline`);
      assert.equal(csp.get('style-src'), "'self'", page.url);
      assert.equal(csp.get('object-src'), "'none'", page.url);
      assert.equal(csp.get('base-uri'), "'self'", page.url);
      assert.equal(csp.get('form-action'), "'self'", page.url);
      assert.equal(csp.get('frame-ancestors'), "'self'", page.url);
      assert.equal(csp.get('script-src-attr'), "'none'", page.url);
      for (const [name, value] of csp) assert.doesNotMatch(value, /unsafe-inline|unsafe-eval|\*/, `${page.url}: ${name}`);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', page.url);
      assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN', page.url);
      assert.equal(res.headers['referrer-policy'], page.referrer ?? 'strict-origin-when-cross-origin', page.url);
      assert.equal(res.headers['cross-origin-opener-policy'], 'same-origin', page.url);
      assert.equal(res.headers['x-powered-by'], undefined, page.url);
      assert.equal(res.headers['strict-transport-security'], undefined, 'no HSTS on plain-http development');
    }
  });

  test('pages obey their own policy: scripts only by src (or JSON data), no style attributes, no inline handlers', async () => {
    for (const page of pages().filter((p) => !p.url.includes('/api/'))) {
      const body = (await app.inject({ url: page.url, ...(page.cookies && { cookies: page.cookies }) })).body;
      for (const m of body.matchAll(/<script([^>]*)>/g)) assert.match(m[1]!, /src="\/|type="application\/(ld\+)?json"/, page.url);
      assert.doesNotMatch(body, /<[^>]+\sstyle="/, `${page.url}: style attributes are blocked by style-src`);
      assert.doesNotMatch(body, /<[^>]+\son[a-z]+="/, `${page.url}: inline event handlers`);
      assert.doesNotMatch(body, /<style[\s>]/, page.url);
    }
  });

  test('management pages are never cached; their forms carry the CSRF token', async () => {
    for (const page of pages().filter((p) => p.cookies)) {
      const res = await app.inject({ url: page.url, cookies: page.cookies! });
      assert.equal(res.headers['cache-control'], 'no-store', page.url);
      for (const form of res.body.matchAll(/<form[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/g)) {
        assert.match(form[1]!, /name="_csrf" value="[^"]{20,}"/, page.url);
      }
    }
  });

  test('in production: HSTS, upgrade-insecure-requests and Secure cookies', async () => {
    const res = await production.inject({ url: '/inloggen' });
    assert.match(res.headers['strict-transport-security'] as string, /max-age=\d{7,}/);
    assert.ok(directives(res).has('upgrade-insecure-requests'));
    const cookie = res.cookies.find((c) => c.name === 'lx_formulier');
    assert.ok(cookie?.secure, 'the form cookie is Secure');
    assert.ok(cookie.httpOnly);
    assert.equal(cookie.sameSite, 'Lax');
  });
});
