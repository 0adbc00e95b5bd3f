import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { errors } from '../src/core/errors.js';
import { updateActivity } from '../src/modules/catalogue/commands/activity-commands.js';
import { createNextStep } from '../src/modules/catalogue/commands/session-commands.js';
import { readActivity } from '../src/modules/catalogue/queries/activity-reader.js';
import { createFixture, type Fixture } from './helpers/factories.js';
import { auth, testApp, testDatabase } from './helpers/build-app.js';

/** One ecosystem can neither read nor change another's data, through the API, the pages or the commands. */
const database = await testDatabase();
let app: FastifyInstance;
let a: Fixture;
let b: Fixture;

before(async () => {
  a = await createFixture(database, 'noord', ['noord.leren.example']);
  b = await createFixture(database, 'zuid');
  app = await testApp(database);
});
after(async () => {
  await app.close();
  await database.drop();
});

describe('reading across ecosystems', () => {
  test('search in one ecosystem never returns the other', async () => {
    const north = (await app.inject({ url: '/e/noord/api/v1/activities?perPage=100' })).json();
    const south = (await app.inject({ url: '/e/zuid/api/v1/activities?perPage=100' })).json();
    const northIds = new Set(north.items.map((i: { id: number }) => i.id));
    assert.equal(north.total, 5);
    assert.ok(south.items.every((i: { id: number }) => !northIds.has(i.id)));
  });

  test("another ecosystem's ids are not found", async () => {
    const urls = [
      `/e/noord/api/v1/activities/${b.activities.robots}`,
      `/e/noord/api/v1/organisations/${b.orgs.library}`,
      `/e/noord/api/v1/locations/${b.locations.enschede}`,
      `/e/noord/activiteiten/${b.activities.robots}`,
    ];
    for (const url of urls) {
      assert.equal((await app.inject({ url, headers: auth })).statusCode, 404, url);
    }
  });

  test('lists stay inside the ecosystem', async () => {
    const orgs = (await app.inject({ url: '/e/noord/api/v1/organisations' })).json().items.map((o: { id: number }) => o.id);
    assert.deepEqual(orgs.sort(), [a.orgs.library, a.orgs.museum].sort());
    const hoods = (await app.inject({ url: '/e/zuid/api/v1/neighbourhoods' })).json().items;
    assert.equal(hoods.length, 2);
  });

  test('a host name mapped to an ecosystem serves it at the root', async () => {
    const res = await app.inject({ url: '/api/v1/activities', headers: { host: 'noord.leren.example' } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().total, 5);
    assert.match(res.json().items[0].url, /^http:\/\/noord\.leren\.example\/activiteiten\/\d+$/);
    const page = await app.inject({ url: '/zoeken', headers: { host: 'noord.leren.example' } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /action="\/zoeken"/);
    const other = await app.inject({ url: `/activiteiten/${b.activities.robots}`, headers: { host: 'noord.leren.example' } });
    assert.equal(other.statusCode, 404);
  });
});

describe('changing across ecosystems', () => {
  test("the API cannot change another ecosystem's data", async () => {
    const changes: Array<[string, string, unknown]> = [
      ['PATCH', `/e/noord/api/v1/activities/${b.activities.robots}`, { title: 'Overgenomen' }],
      ['POST', `/e/noord/api/v1/activities/${b.activities.robots}/archive`, undefined],
      ['POST', `/e/noord/api/v1/activities/${b.activities.draft}/publish`, undefined],
      ['PATCH', `/e/noord/api/v1/organisations/${b.orgs.library}`, { name: 'Overgenomen' }],
      ['POST', `/e/noord/api/v1/organisations/${b.orgs.library}/archive`, undefined],
      ['PATCH', `/e/noord/api/v1/locations/${b.locations.enschede}`, { name: 'Overgenomen' }],
      ['POST', `/e/noord/api/v1/activities/${b.activities.robots}/sessions`, { startsAt: '2027-01-10T13:00:00Z', endsAt: '2027-01-10T14:00:00Z' }],
    ];
    for (const [method, url, payload] of changes) {
      const res = await app.inject({ method: method as 'POST', url, headers: auth, ...(payload !== undefined && { payload: payload as object }) });
      assert.equal(res.statusCode, 404, `${method} ${url}: ${res.body}`);
    }
    const south = (await app.inject({ url: `/e/zuid/api/v1/activities/${b.activities.robots}`, headers: auth })).json();
    assert.equal(south.title, 'Robots bouwen en programmeren');
    assert.equal(south.status, 'published');
    assert.equal(south.sessions.length, 2);
    assert.equal((await app.inject({ url: `/e/zuid/api/v1/activities/${b.activities.draft}`, headers: auth })).json().status, 'draft');
  });

  test("an activity cannot point at another ecosystem's organisation, location, theme or activity", async () => {
    const base = {
      organisationId: a.orgs.library, title: 'Grensganger', themes: ['bewegen'], format: 'workshop', setting: 'out_of_school',
      minAge: 8, maxAge: 10, level: 'introduction', registrationMode: 'walk_in', locationId: a.locations.enschede,
    };
    for (const [field, change] of [
      ['organisationId', { organisationId: b.orgs.library }],
      ['locationId', { locationId: b.locations.enschede }],
      ['coProviderIds', { coProviderIds: [b.orgs.museum] }],
    ] as const) {
      const res = await app.inject({ method: 'POST', url: '/e/noord/api/v1/activities', headers: auth, payload: { ...base, ...change } });
      assert.equal(res.statusCode, 400, res.body);
      assert.ok(res.json().details.some((d: { field: string }) => d.field === field), res.body);
    }
    const step = await app.inject({
      method: 'POST', url: `/e/noord/api/v1/activities/${a.activities.robots}/next-steps`, headers: auth,
      payload: { toActivityId: b.activities.stars, kind: 'broaden', reason: 'Over de grens' },
    });
    assert.equal(step.statusCode, 400, step.body);
  });

  test('commands called with the wrong ecosystem change nothing', async () => {
    await assert.rejects(
      database.transaction((tx) => updateActivity(tx, a.ecosystem.id, b.activities.robots, { title: 'Overgenomen' })),
      (e: unknown) => e instanceof Error && e.message === errors.notFound('activity').message,
    );
    await assert.rejects(
      database.transaction((tx) => createNextStep(tx, a.ecosystem.id, b.activities.robots, { toActivityId: b.activities.stars, kind: 'broaden', reason: 'x' })),
    );
    assert.equal(await readActivity(database.db, a.ecosystem.id, b.activities.robots), undefined);
  });

  test('the database refuses rows that mix ecosystems', async () => {
    await assert.rejects(
      database.db
        .insertInto('activity_themes')
        .values({ ecosystem_id: a.ecosystem.id, activity_id: b.activities.robots, theme_id: 1 })
        .execute(),
    );
    await assert.rejects(
      database.db
        .insertInto('sessions')
        .values({ ecosystem_id: a.ecosystem.id, activity_id: b.activities.robots, starts_at: new Date(), ends_at: new Date(Date.now() + 3_600_000) })
        .execute(),
    );
  });
});
