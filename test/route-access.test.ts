import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../src/app.js';
import { grantRole } from '../src/modules/accounts/commands/membership-commands.js';
import { createUser } from '../src/modules/accounts/commands/user-creator.js';
import { createActivity, submitActivity } from '../src/modules/catalogue/commands/activity-commands.js';
import { createLocation, createOrganisation } from '../src/modules/catalogue/commands/organisation-commands.js';
import { createNextStep, createSession } from '../src/modules/catalogue/commands/session-commands.js';
import { createTheme } from '../src/modules/catalogue/commands/theme-commands.js';
import { testConfig, testDatabase } from './helpers/build-app.js';
import { createFixture, type Fixture } from './helpers/factories.js';
import { anonymousCsrf, formPost } from './helpers/forms.js';
import { multipartBody } from './helpers/multipart.js';
import { signedInAs } from './helpers/people.js';

/**
 * Every route × every role × another ecosystem, through HTTP: who gets in,
 * and with which status. The last test checks that no route is missing from
 * the table, so a new route cannot slip in without deciding who may use it.
 */
const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;
/** Route patterns that some request of this file reached, as "METHOD /pattern". */
const reached = new Set<string>();

type Who =
  | 'anonymous'
  | 'school contact'
  | 'viewer'
  | 'partner of another organisation'
  | 'coordinator of another ecosystem'
  | 'partner of this organisation'
  | 'coordinator'
  | 'platform administrator';
const everyone: Who[] = [
  'anonymous', 'school contact', 'viewer', 'partner of another organisation', 'coordinator of another ecosystem', 'partner of this organisation', 'coordinator',
  'platform administrator',
];
const people = new Map<Who, { cookies: Record<string, string>; csrf: string }>();

before(async () => {
  fx = await createFixture(database);
  const other = await createFixture(database, 'ander');
  app = await buildApp({ config: testConfig(), database });
  app.addHook('onResponse', async (request) => {
    if (request.routeOptions.url) reached.add(`${request.method} ${request.routeOptions.url}`);
  });
  await app.ready();
  const e = fx.ecosystem.id;
  const grants: Array<[Who, Parameters<typeof signedInAs>[1]]> = [
    ['coordinator', { ecosystemId: e, role: 'coordinator' }],
    ['partner of this organisation', { ecosystemId: e, role: 'partner_editor', organisationIds: [fx.orgs.library] }],
    ['partner of another organisation', { ecosystemId: e, role: 'partner_editor', organisationIds: [fx.orgs.museum] }],
    ['school contact', { ecosystemId: e, role: 'school_contact', locationIds: [fx.locations.enschede] }],
    ['viewer', { ecosystemId: e, role: 'viewer' }],
    ['coordinator of another ecosystem', { ecosystemId: other.ecosystem.id, role: 'coordinator' }],
    ['platform administrator', 'platform_admin'],
  ];
  for (const [who, grant] of grants) {
    const { cookies } = await signedInAs(database, grant);
    const account = await app.inject({ url: '/account', cookies });
    people.set(who, { cookies, csrf: /name="_csrf" value="([^"]+)"/.exec(account.body)![1]! });
  }
  people.set('anonymous', await anonymousCsrf(app));
});
after(async () => {
  await app.close();
  await database.drop();
});

// Fresh rows of the library (the "organisation" of the table) for changes that cannot be repeated.
const fresh = {
  activity: () =>
    database.transaction(async (tx) =>
      (await createActivity(tx, fx.ecosystem.id, {
        organisationId: fx.orgs.library, title: 'Tabelproef', themes: ['bewegen'], format: 'workshop', setting: 'both', minAge: 6, maxAge: 10,
        level: 'introduction', registrationMode: 'walk_in', locationId: fx.locations.enschede,
      })).id,
    ),
  submitted: async () => {
    const id = await fresh.activity();
    await database.transaction((tx) => submitActivity(tx, fx.ecosystem.id, id));
    return id;
  },
  session: () =>
    database.transaction(async (tx) => {
      const startsAt = new Date(Date.now() + 9 * 86_400_000);
      return (await createSession(tx, fx.ecosystem.id, fx.activities.robotClub, { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString() })).id;
    }),
  nextStep: async () => {
    const from = await fresh.activity();
    return database.transaction(async (tx) => (await createNextStep(tx, fx.ecosystem.id, from, { toActivityId: fx.activities.stars, kind: 'broaden', reason: 'x' })).id);
  },
  location: () =>
    database.transaction(async (tx) => (await createLocation(tx, fx.ecosystem.id, { organisationId: fx.orgs.library, name: 'Tijdelijk', lat: 52.2, lng: 6.9 })).id),
  theme: () =>
    database.transaction(async (tx) => (await createTheme(tx, fx.ecosystem.id, { slug: `tabel-${Math.random().toString(36).slice(2, 8)}`, name: 'Tabel' })).id),
  organisation: () => database.transaction(async (tx) => (await createOrganisation(tx, fx.ecosystem.id, { name: 'Tijdelijke partner', sector: 'other' })).id),
  invitation: async () => {
    const row = await database.db
      .insertInto('invitations')
      .values({ ecosystem_id: fx.ecosystem.id, email: `tabel${Math.random().toString(36).slice(2, 8)}@proef.example`, role: 'viewer', token_hash: Math.random().toString(36), expires_at: new Date(Date.now() + 86_400_000) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },
  membership: () =>
    database.transaction(async (tx) => {
      const userId = await createUser(tx, { email: `rol${Math.random().toString(36).slice(2, 8)}@proef.example`, name: 'Rol' });
      return grantRole(tx, 'system', { ecosystemId: fx.ecosystem.id, userId, role: 'viewer' });
    }),
  learningPath: async () =>
    (await database.db.insertInto('learning_paths').values({ ecosystem_id: fx.ecosystem.id, slug: `route-${Math.random().toString(36).slice(2, 8)}`, title: 'Tabelroute' }).returning('id').executeTakeFirstOrThrow()).id,
  upload: async () => {
    const coordinator = people.get('coordinator')!;
    const csv = Buffer.from('Eigen id,Titel\nA-1,Proef\n');
    const { payload, headers } = multipartBody({ _csrf: coordinator.csrf, organisatie: String(fx.orgs.library) }, { name: 'bestand', fileName: 'aanbod.csv', type: 'text/csv', data: csv });
    const res = await app.inject({ method: 'POST', url: '/e/proef/beheer/aanbod/importeren', cookies: coordinator.cookies, payload, headers });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    return res.headers.location as string;
  },
};

const coordinatorOnly: Who[] = ['coordinator', 'platform administrator'];
const owners: Who[] = [...coordinatorOnly, 'partner of this organisation'];
const partners: Who[] = [...owners, 'partner of another organisation'];
const readers: Who[] = [...coordinatorOnly, 'viewer'];

type Body = {
  form?: () => Record<string, string | string[]>;
  json?: () => object;
  multipart?: () => ReturnType<typeof multipartBody>;
  raw?: () => { payload: string; type: string };
};
// [method, path (may create what it needs), who may, status for those who may, body, status for signed-in others (403 unless said)]
type Row = [method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: () => string | Promise<string>, allowed: Who[], okStatus: number, body?: Body, deniedStatus?: number];
const lib = () => fx.orgs.library;
const rows: Row[] = [
  // ---- management pages ----
  ['GET', () => '/e/proef/beheer', [...partners, 'viewer'], 200],
  ['GET', () => '/e/proef/beheer/aanbod', partners, 200],
  ['GET', () => '/e/proef/beheer/aanbod/nieuw', partners, 200],
  ['GET', () => `/e/proef/beheer/aanbod/${fx.activities.robotClub}`, owners, 200],
  ['GET', () => `/e/proef/beheer/aanbod/${fx.activities.robotClub}/bewerken`, owners, 200],
  ['GET', () => `/e/proef/beheer/aanbod/${fx.activities.draft}/voorbeeld`, owners, 200],
  ['GET', () => `/e/proef/beheer/aanbod/${fx.activities.robotClub}/bijeenkomsten/nieuw`, owners, 200],
  ['GET', () => `/e/proef/beheer/aanbod/${fx.activities.robotClub}/reeks`, owners, 200],
  ['GET', () => `/e/proef/beheer/aanbod/${fx.activities.robotClub}/vervolgstappen/nieuw`, owners, 200],
  ['GET', async () => `/e/proef/beheer/bijeenkomsten/${await fresh.session()}`, owners, 200],
  ['GET', () => '/e/proef/beheer/organisaties', partners, 200],
  ['GET', () => '/e/proef/beheer/organisaties/nieuw', coordinatorOnly, 200],
  ['GET', () => `/e/proef/beheer/organisaties/${fx.orgs.library}`, owners, 200],
  ['GET', () => `/e/proef/beheer/organisaties/${fx.orgs.library}/locaties/nieuw`, owners, 200],
  ['GET', () => `/e/proef/beheer/locaties/${fx.locations.enschede}`, owners, 200],
  ['GET', () => '/e/proef/beheer/themas', coordinatorOnly, 200],
  ['GET', () => '/e/proef/beheer/themas/nieuw', coordinatorOnly, 200],
  ['GET', async () => `/e/proef/beheer/themas/${await fresh.theme()}`, coordinatorOnly, 200],
  ['GET', () => '/e/proef/beheer/beoordelen', coordinatorOnly, 200],
  ['GET', () => '/e/proef/beheer/mensen', readers, 200],
  ['GET', () => '/e/proef/beheer/instellingen', coordinatorOnly, 200],
  ['GET', () => '/e/proef/beheer/logboek', coordinatorOnly, 200],
  ['GET', () => '/e/proef/beheer/aanbod/importeren', partners, 200],
  ['GET', () => `/e/proef/beheer/aanbod/export.csv?organisatie=${lib()}`, owners, 200],
  ['GET', () => '/e/proef/beheer/aanbod/export.xlsx', coordinatorOnly, 200],
  // An upload's preview belongs to the person who uploaded it; to everyone else it does not exist.
  ['GET', () => fresh.upload(), ['coordinator'], 200, undefined, 404],
  // Forms sent incomplete: those who may get the form back with messages (400), and nothing changes.
  ['POST', () => '/e/proef/beheer/aanbod/nieuw', owners, 400, { form: () => ({ organisationId: String(lib()) }) }],
  ['POST', () => `/e/proef/beheer/aanbod/${fx.activities.robotClub}/bewerken`, owners, 400],
  ['POST', () => `/e/proef/beheer/aanbod/${fx.activities.robotClub}/bijeenkomsten/nieuw`, owners, 400],
  ['POST', () => `/e/proef/beheer/aanbod/${fx.activities.robotClub}/reeks`, owners, 400],
  ['POST', () => `/e/proef/beheer/aanbod/${fx.activities.robotClub}/vervolgstappen/nieuw`, owners, 400],
  ['POST', async () => `/e/proef/beheer/bijeenkomsten/${await fresh.session()}`, owners, 400],
  ['POST', () => '/e/proef/beheer/organisaties/nieuw', coordinatorOnly, 400],
  ['POST', () => `/e/proef/beheer/organisaties/${fx.orgs.library}`, owners, 400],
  ['POST', () => `/e/proef/beheer/organisaties/${fx.orgs.library}/locaties/nieuw`, owners, 400],
  ['POST', async () => `/e/proef/beheer/locaties/${await fresh.location()}`, owners, 400],
  ['POST', () => '/e/proef/beheer/themas/nieuw', coordinatorOnly, 400],
  ['POST', async () => `/e/proef/beheer/themas/${await fresh.theme()}`, coordinatorOnly, 400],
  ['POST', () => '/e/proef/beheer/mensen/uitnodigen', coordinatorOnly, 400, { form: () => ({ email: 'geen-adres', role: 'viewer' }) }],
  ['POST', () => '/e/proef/beheer/instellingen', coordinatorOnly, 400, { form: () => ({ name: '' }) }],
  ['POST', () => '/e/proef/beheer/aanbod/importeren', owners, 400, {
    multipart: () => multipartBody({ _csrf: '', organisatie: String(lib()) }, { name: 'bestand', fileName: 'leeg.csv', type: 'text/csv', data: Buffer.alloc(0) }),
  }],
  // Actions: each on a fresh row, done (303) by those who may.
  ['POST', async () => `/e/proef/beheer/aanbod/${await fresh.activity()}/indienen`, owners, 303],
  ['POST', async () => `/e/proef/beheer/aanbod/${await fresh.activity()}/archiveren`, owners, 303],
  ['POST', async () => `/e/proef/beheer/aanbod/${await fresh.activity()}/kopieren`, owners, 303],
  ['POST', async () => `/e/proef/beheer/bijeenkomsten/${await fresh.session()}/annuleren`, owners, 303],
  ['POST', async () => `/e/proef/beheer/vervolgstappen/${await fresh.nextStep()}/verwijderen`, owners, 303],
  ['POST', async () => `/e/proef/beheer/locaties/${await fresh.location()}/archiveren`, owners, 303],
  ['POST', async () => `/e/proef/beheer/themas/${await fresh.theme()}/archiveren`, coordinatorOnly, 303],
  ['POST', async () => `/e/proef/beheer/organisaties/${await fresh.organisation()}/archiveren`, coordinatorOnly, 303],
  ['POST', async () => `/e/proef/beheer/beoordelen/${await fresh.submitted()}/publiceren`, coordinatorOnly, 303],
  ['POST', async () => `/e/proef/beheer/beoordelen/${await fresh.submitted()}/terugsturen`, coordinatorOnly, 303, { form: () => ({ comment: 'Graag een foto.' }) }],
  ['POST', async () => `/e/proef/beheer/mensen/uitnodigingen/${await fresh.invitation()}/intrekken`, coordinatorOnly, 303],
  ['POST', async () => `/e/proef/beheer/mensen/rollen/${await fresh.membership()}/intrekken`, coordinatorOnly, 303],
  ['POST', async () => `${await fresh.upload()}`, ['coordinator'], 303, { form: () => ({ modus: 'alles' }) }, 404],
  // ---- learning paths (passes module): coordinators only ----
  ['GET', () => '/e/proef/beheer/leerroutes', coordinatorOnly, 200],
  ['GET', () => '/e/proef/beheer/leerroutes/nieuw', coordinatorOnly, 200],
  ['GET', async () => `/e/proef/beheer/leerroutes/${await fresh.learningPath()}`, coordinatorOnly, 200],
  ['POST', () => '/e/proef/beheer/leerroutes/nieuw', coordinatorOnly, 400],
  ['POST', async () => `/e/proef/beheer/leerroutes/${await fresh.learningPath()}`, coordinatorOnly, 400],
  ['POST', async () => `/e/proef/beheer/leerroutes/${await fresh.learningPath()}/stappen`, coordinatorOnly, 303, { form: () => ({ toevoegen: String(fx.activities.robots) }) }],
  // ---- the platform's outbox ----
  ['GET', () => '/beheer/post', ['platform administrator'], 200],
  ['GET', async () => `/beheer/post/${(await database.db.insertInto('mail_messages').values({ to_address: 'a@proef.example', subject: 'Proef', status: 'outbox' }).returning('id').executeTakeFirstOrThrow()).id}`, ['platform administrator'], 200],
  // ---- the JSON API, with a session cookie as a browser script would call it ----
  ['POST', () => '/e/proef/api/v1/activities', owners, 201, {
    json: () => ({ organisationId: lib(), title: 'Via de API', themes: ['bewegen'], format: 'workshop', setting: 'both', minAge: 6, maxAge: 10, level: 'introduction', registrationMode: 'walk_in', locationId: fx.locations.enschede }),
  }],
  ['PATCH', async () => `/e/proef/api/v1/activities/${await fresh.activity()}`, owners, 200, { json: () => ({ summary: 'Anders' }) }],
  ['POST', async () => `/e/proef/api/v1/activities/${await fresh.activity()}/submit`, owners, 200],
  ['POST', async () => `/e/proef/api/v1/activities/${await fresh.submitted()}/return`, coordinatorOnly, 200, { json: () => ({ comment: 'Graag een foto.' }) }],
  ['POST', async () => `/e/proef/api/v1/activities/${await fresh.activity()}/publish`, coordinatorOnly, 200],
  ['POST', async () => `/e/proef/api/v1/activities/${await fresh.activity()}/archive`, owners, 200],
  ['POST', async () => `/e/proef/api/v1/activities/${await fresh.activity()}/sessions`, owners, 201, {
    json: () => ({ startsAt: new Date(Date.now() + 5 * 86_400_000).toISOString(), endsAt: new Date(Date.now() + 5 * 86_400_000 + 3_600_000).toISOString() }),
  }],
  ['PATCH', async () => `/e/proef/api/v1/sessions/${await fresh.session()}`, owners, 200, { json: () => ({ capacity: 12 }) }],
  ['POST', async () => `/e/proef/api/v1/sessions/${await fresh.session()}/cancel`, owners, 200],
  ['POST', async () => `/e/proef/api/v1/activities/${await fresh.activity()}/next-steps`, owners, 201, { json: () => ({ toActivityId: fx.activities.stars, kind: 'broaden', reason: 'Verder' }) }],
  ['DELETE', async () => `/e/proef/api/v1/next-steps/${await fresh.nextStep()}`, owners, 204],
  ['POST', () => '/e/proef/api/v1/organisations', coordinatorOnly, 201, { json: () => ({ name: 'Nieuwe partner', sector: 'other' }) }],
  ['PATCH', () => `/e/proef/api/v1/organisations/${lib()}`, owners, 200, { json: () => ({ description: 'Anders' }) }],
  ['POST', async () => `/e/proef/api/v1/organisations/${await fresh.organisation()}/archive`, coordinatorOnly, 200],
  ['POST', () => '/e/proef/api/v1/locations', owners, 201, { json: () => ({ organisationId: lib(), name: 'Nieuwe plek', lat: 52.2, lng: 6.9 }) }],
  ['PATCH', async () => `/e/proef/api/v1/locations/${await fresh.location()}`, owners, 200, { json: () => ({ name: 'Andere plek' }) }],
  ['POST', async () => `/e/proef/api/v1/locations/${await fresh.location()}/archive`, owners, 200],
  ['POST', () => '/e/proef/api/v1/themes', coordinatorOnly, 201, { json: () => ({ slug: `api-${Math.random().toString(36).slice(2, 8)}`, name: 'API-thema' }) }],
  ['PATCH', async () => `/e/proef/api/v1/themes/${await fresh.theme()}`, coordinatorOnly, 200, { json: () => ({ name: 'Ander thema' }) }],
  ['POST', async () => `/e/proef/api/v1/themes/${await fresh.theme()}/archive`, coordinatorOnly, 200],
  ['GET', () => `/e/proef/api/v1/offer/export?organisationId=${lib()}&format=csv`, owners, 200],
  ['POST', () => `/e/proef/api/v1/offer/import?organisationId=${lib()}&mode=preview`, owners, 200, { raw: () => ({ payload: 'Eigen id,Titel\nA-1,Proef\n', type: 'text/csv' }) }],
];

/** Reachable by anyone, on purpose: the public wegwijzer and API reads, sign-in and the mail links, assets and docs. */
const publicRoutes = [
  'GET /', 'GET /*', 'GET /healthz', 'GET /api/docs', 'GET /api/docs/openapi.json', 'GET /api/v1/ecosystems',
  'GET /inloggen', 'POST /inloggen', 'GET /inloggen/link', 'POST /inloggen/link', 'GET /inloggen/link/:token', 'POST /inloggen/link/:token',
  'GET /wachtwoord-vergeten', 'POST /wachtwoord-vergeten', 'GET /wachtwoord-herstellen/:token', 'POST /wachtwoord-herstellen/:token',
  'GET /uitnodiging/:token', 'POST /uitnodiging/:token',
  'GET /e/:ecosystem', 'GET /e/:ecosystem/', 'GET /e/:ecosystem/zoeken', 'GET /e/:ecosystem/kaart', 'GET /e/:ecosystem/activiteiten/:id', 'GET /e/:ecosystem/thema.css',
  'GET /e/:ecosystem/api/v1/activities', 'GET /e/:ecosystem/api/v1/activities/:id', 'GET /e/:ecosystem/api/v1/organisations', 'GET /e/:ecosystem/api/v1/organisations/:id',
  'GET /e/:ecosystem/api/v1/locations', 'GET /e/:ecosystem/api/v1/locations/:id', 'GET /e/:ecosystem/api/v1/themes', 'GET /e/:ecosystem/api/v1/neighbourhoods',
  // The template holds no data, only the column layout.
  'GET /e/:ecosystem/beheer/aanbod/sjabloon.:format',
  // The child's path page opens with the pass code and its secret, or a private link; never with a staff role
  // (src/modules/passes/routes/path-pages.test.ts). Published learning paths are public.
  'GET /e/:ecosystem/mijn-pad', 'POST /e/:ecosystem/mijn-pad', 'POST /e/:ecosystem/mijn-pad/sluiten', 'GET /e/:ecosystem/mijn-pad/:token',
  'GET /e/:ecosystem/leerroutes', 'GET /e/:ecosystem/leerroutes/:slug',
];
/** The signed-in person's own account: any signed-in person, about themselves only (src/modules/accounts/sign-in.test.ts). */
const ownAccountRoutes = ['GET /account', 'POST /uitloggen', 'POST /uitloggen/overal'];

function request(method: Row[0], url: string, who: Who, body: Body | undefined): InjectOptions {
  const person = people.get(who)!;
  const base: InjectOptions = { method, url, cookies: person.cookies };
  if (body?.json) return { ...base, payload: body.json() };
  if (body?.raw) {
    const { payload, type } = body.raw();
    return { ...base, payload, headers: { 'content-type': type } };
  }
  if (body?.multipart) {
    const { payload, headers } = body.multipart();
    // The CSRF field goes first in the multipart body, as the form sends it.
    return { ...base, payload: Buffer.from(payload.toString('latin1').replace('name="_csrf"\r\n\r\n', `name="_csrf"\r\n\r\n${person.csrf}`), 'latin1'), headers };
  }
  if (method === 'GET' || url.includes('/api/')) return base;
  return { ...base, ...formPost({ _csrf: person.csrf, ...body?.form?.() }) };
}

describe('every route × every role × another ecosystem', () => {
  for (const [method, path, allowed, okStatus, body, deniedStatus = 403] of rows) {
    const label = path.toString().replace(/^(async\s*)?\(\)\s*=>\s*/, '').replace(/[`"']/g, '').replace(/\$\{[^}]+\}/g, ':id').slice(0, 100);
    test(`${method} ${label}`, async () => {
      for (const who of everyone) {
        const url = await path();
        const res = await app.inject(request(method, url, who, body));
        const page = !url.includes('/api/');
        const want = allowed.includes(who) ? okStatus : who === 'anonymous' ? (method === 'GET' && page ? 303 : 401) : deniedStatus;
        assert.equal(res.statusCode, want, `${who}: ${method} ${url}\n${res.body.slice(0, 300)}`);
        if (who === 'anonymous' && method === 'GET' && page) assert.match(res.headers.location as string, /^\/inloggen\?volgende=/);
      }
    });
  }

  test('no route is missing from this table', () => {
    const routes = new Set<string>();
    // printRoutes draws a tree; each line ends with its methods, and indentation gives the parent.
    const stack: string[] = [];
    for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
      const m = /^([│ ]*)[└├]── (.*) \(([A-Z, ]+)\)$/.exec(line);
      if (!m) continue;
      const depth = m[1]!.length / 4;
      stack.length = depth;
      const path = (stack[depth - 1] ?? '') + (depth === 0 ? '' : m[2]!.startsWith('/') ? '' : '/') + (depth === 0 ? m[2] : m[2]!);
      stack[depth] = path === '/' ? '' : path;
      for (const method of m[3]!.split(', ')) if (method !== 'HEAD') routes.add(`${method} ${path.replace(/\/{2,}/g, '/') || '/'}`);
    }
    assert.ok(routes.size > 50, `parsed ${routes.size} routes`);
    const covered = new Set([...reached, ...publicRoutes, ...ownAccountRoutes]);
    const missing = [...routes].filter((r) => !covered.has(r)).sort();
    assert.deepEqual(missing, [], 'routes without a row in the access table');
  });
});
