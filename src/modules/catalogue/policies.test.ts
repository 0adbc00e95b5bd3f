import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Actor, Membership, Role } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { authorize, can, catalogueActions, readableOrganisations, type CatalogueAction, type CatalogueScope } from './policies.js';

const eco = 1;
const otherEco = 2;
const ownOrg = 10;
const otherOrg = 11;

function user(role: Role | 'platform_admin', organisationIds: number[] = []): Actor {
  const memberships: Membership[] = role === 'platform_admin' ? [] : [{ ecosystemId: eco, role, organisationIds, locationIds: [] }];
  return { kind: 'user', userId: 1, email: 'x@example.org', name: 'X', platformAdmin: role === 'platform_admin', memberships, sessionId: 's' };
}

const scopes: Array<[string, CatalogueScope]> = [
  ['own organisation', { ecosystemId: eco, organisationId: ownOrg }],
  ['another organisation', { ecosystemId: eco, organisationId: otherOrg }],
  ['no organisation', { ecosystemId: eco }],
  ['another ecosystem', { ecosystemId: otherEco, organisationId: ownOrg }],
];

// What each actor may do, written out per scope rather than derived from the rules.
const partnerOwn: CatalogueAction[] = [
  'catalogue.readUnpublished', 'activity.create', 'activity.update', 'activity.archive', 'activity.submit',
  'organisation.update', 'location.create', 'location.update', 'location.archive', 'offer.import', 'offer.export',
];
const expected: Array<[string, Actor, Record<string, readonly CatalogueAction[]>]> = [
  ['anonymous', { kind: 'anonymous' }, {}],
  ['API token', { kind: 'admin' }, { 'own organisation': catalogueActions, 'another organisation': catalogueActions, 'no organisation': catalogueActions, 'another ecosystem': catalogueActions }],
  ['platform administrator', user('platform_admin'), { 'own organisation': catalogueActions, 'another organisation': catalogueActions, 'no organisation': catalogueActions, 'another ecosystem': catalogueActions }],
  ['coordinator', user('coordinator'), { 'own organisation': catalogueActions, 'another organisation': catalogueActions, 'no organisation': catalogueActions }],
  ['viewer', user('viewer'), { 'own organisation': ['catalogue.readUnpublished'], 'another organisation': ['catalogue.readUnpublished'], 'no organisation': ['catalogue.readUnpublished'] }],
  ['partner editor', user('partner_editor', [ownOrg]), { 'own organisation': partnerOwn }],
  ['school contact', user('school_contact'), {}],
];

test('catalogue policy: every action × every role × own, other organisation and other ecosystem', () => {
  for (const [name, actor, allowed] of expected) {
    for (const [scopeName, scope] of scopes) {
      for (const action of catalogueActions) {
        const want = (allowed[scopeName] ?? []).includes(action);
        assert.equal(can(actor, action, scope), want, `${name} · ${action} · ${scopeName}`);
      }
    }
  }
});

test('unknown actors and actions are denied', () => {
  assert.equal(can({ kind: 'someone' } as unknown as Actor, 'activity.update', { ecosystemId: eco }), false);
  assert.equal(can(user('partner_editor', [ownOrg]), 'activity.delete' as CatalogueAction, { ecosystemId: eco, organisationId: ownOrg }), false);
});

test('authorize: 401 for anonymous callers, 403 for signed-in people without the right', () => {
  assert.throws(() => authorize({ kind: 'anonymous' }, 'activity.create', { ecosystemId: eco }), (e: unknown) => e instanceof AppError && e.status === 401);
  assert.throws(() => authorize(user('viewer'), 'activity.create', { ecosystemId: eco }), (e: unknown) => e instanceof AppError && e.status === 403);
});

test('which unpublished offer a person may read', () => {
  assert.equal(readableOrganisations(user('coordinator'), eco), 'all');
  assert.deepEqual(readableOrganisations(user('partner_editor', [ownOrg]), eco), [ownOrg]);
  assert.deepEqual(readableOrganisations(user('partner_editor', [ownOrg]), otherEco), []);
  assert.deepEqual(readableOrganisations({ kind: 'anonymous' }, eco), []);
});

// ---- every management page × every role, through HTTP ----

describe('management routes × roles: the status each person gets', async () => {
  const { testApp, testDatabase } = await import('../../../test/helpers/build-app.js');
  const { createFixture } = await import('../../../test/helpers/factories.js');
  const { anonymousCsrf, formPost } = await import('../../../test/helpers/forms.js');
  const { signedInAs } = await import('../../../test/helpers/people.js');
  const { createActivity } = await import('./commands/activity-commands.js');
  const { createLocation, createOrganisation } = await import('./commands/organisation-commands.js');
  const { createNextStep, createSession } = await import('./commands/session-commands.js');
  const { createTheme } = await import('./commands/theme-commands.js');
  type Fixture = Awaited<ReturnType<typeof createFixture>>;

  const database = await testDatabase();
  let app: FastifyInstance;
  let fx: Fixture;
  const people = new Map<Who, { cookies: Record<string, string>; csrf: string }>();

  type Who = 'coordinator' | 'partner of this organisation' | 'partner of another organisation' | 'school contact' | 'viewer' | 'anonymous' | 'coordinator of another ecosystem';
  const everyone: Who[] = ['anonymous', 'school contact', 'viewer', 'partner of another organisation', 'coordinator of another ecosystem', 'partner of this organisation', 'coordinator'];

  before(async () => {
    fx = await createFixture(database);
    const other = await createFixture(database, 'ander');
    app = await testApp(database);
    const e = fx.ecosystem.id;
    const grants: Array<[Who, Parameters<typeof signedInAs>[1]]> = [
      ['coordinator', { ecosystemId: e, role: 'coordinator' }],
      ['partner of this organisation', { ecosystemId: e, role: 'partner_editor', organisationIds: [fx.orgs.library] }],
      ['partner of another organisation', { ecosystemId: e, role: 'partner_editor', organisationIds: [fx.orgs.museum] }],
      ['school contact', { ecosystemId: e, role: 'school_contact', locationIds: [fx.locations.enschede] }],
      ['viewer', { ecosystemId: e, role: 'viewer' }],
      ['coordinator of another ecosystem', { ecosystemId: other.ecosystem.id, role: 'coordinator' }],
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
  };

  const coordinatorOnly: Who[] = ['coordinator'];
  const owners: Who[] = ['coordinator', 'partner of this organisation'];
  const partners: Who[] = ['coordinator', 'partner of this organisation', 'partner of another organisation'];

  // [method, path (may create what it needs), who may, status for those who may]
  type Row = [method: 'GET' | 'POST', path: () => string | Promise<string>, allowed: Who[], okStatus: number, body?: () => Record<string, string>];
  const rows: Row[] = [
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
    // Forms sent empty: those who may get the form back with messages (400), and nothing changes.
    ['POST', () => '/e/proef/beheer/aanbod/nieuw', owners, 400, () => ({ organisationId: String(fx.orgs.library) })],
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
    // Actions: each on a fresh row, done (303) by those who may.
    ['POST', async () => `/e/proef/beheer/aanbod/${await fresh.activity()}/indienen`, owners, 303],
    ['POST', async () => `/e/proef/beheer/aanbod/${await fresh.activity()}/archiveren`, owners, 303],
    ['POST', async () => `/e/proef/beheer/aanbod/${await fresh.activity()}/kopieren`, owners, 303],
    ['POST', async () => `/e/proef/beheer/bijeenkomsten/${await fresh.session()}/annuleren`, owners, 303],
    ['POST', async () => `/e/proef/beheer/vervolgstappen/${await fresh.nextStep()}/verwijderen`, owners, 303],
    ['POST', async () => `/e/proef/beheer/locaties/${await fresh.location()}/archiveren`, owners, 303],
    ['POST', async () => `/e/proef/beheer/themas/${await fresh.theme()}/archiveren`, coordinatorOnly, 303],
    ['POST', async () => `/e/proef/beheer/organisaties/${await fresh.organisation()}/archiveren`, coordinatorOnly, 303],
  ];

  for (const [method, path, allowed, okStatus, body] of rows) {
    const label = path.toString().replace(/^(async\s*)?\(\)\s*=>\s*/, '').replace(/[`"']/g, '').replace(/\$\{[^}]+\}/g, ':id');
    test(`${method} ${label}`, async () => {
      for (const who of everyone) {
        const url = await path();
        const person = people.get(who)!;
        const res = await app.inject({ method, url, cookies: person.cookies, ...(method === 'POST' && formPost({ _csrf: person.csrf, ...body?.() })) });
        const want = allowed.includes(who) ? okStatus : who === 'anonymous' ? (method === 'GET' ? 303 : 401) : 403;
        assert.equal(res.statusCode, want, `${who}: ${method} ${url}`);
        if (who === 'anonymous' && method === 'GET') assert.match(res.headers.location as string, /^\/inloggen\?volgende=/);
      }
    });
  }
});
