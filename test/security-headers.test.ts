import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { testApp, testDatabase } from './helpers/build-app.js';
import { createFixture, type Fixture } from './helpers/factories.js';
import { signedInAs } from './helpers/people.js';
import { pathPass, pathStep } from './helpers/path-fixtures.js';
import { createPrivateLink } from '../src/modules/passes/commands/path-access.js';

const database = await testDatabase();
let app: FastifyInstance;
let production: FastifyInstance;
let fx: Fixture;
let coordinator: { lx_sessie: string };
let admin: { lx_sessie: string };
/** A child's path page by its private link, and a published learning path (passes module). */
let pathLink: string;
let learningPathId: number;

before(async () => {
  fx = await createFixture(database);
  coordinator = (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' })).cookies;
  admin = (await signedInAs(database, 'platform_admin')).cookies;
  const child = await pathPass(database, fx.ecosystem.id);
  await pathStep(database, fx.ecosystem.id, child.id, fx.activities.robots, 3);
  pathLink = await database.transaction((tx) => createPrivateLink(tx, 'system', child.id));
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
const pages = (): Array<{ url: string; cookies?: { lx_sessie: string }; referrer?: string }> => [
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
