import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testApp, testDatabase } from '../../../test/helpers/build-app.js';
import { createFixture, type Fixture } from '../../../test/helpers/factories.js';
import { asPerson, signedInAs } from '../../../test/helpers/people.js';

/** The API through a browser session: each role may do exactly what the policy says, and nothing in another ecosystem. */
const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;
let other: Fixture;
const api = '/e/proef/api/v1';

before(async () => {
  fx = await createFixture(database);
  other = await createFixture(database, 'ander');
  app = await testApp(database);
});
after(async () => {
  await app.close();
  await database.drop();
});

describe('roles through the API', () => {
  test('a partner editor changes its own offer, not another organisation’s, and cannot publish', async () => {
    const { cookies } = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] });
    const call = asPerson(app, cookies);
    assert.equal((await call('PATCH', `${api}/activities/${fx.activities.robots}`, { summary: 'Nieuwe zin' })).statusCode, 200);
    assert.equal((await call('PATCH', `${api}/activities/${fx.activities.water}`, { summary: 'Niet van ons' })).statusCode, 403);
    assert.equal((await call('GET', `${api}/activities/${fx.activities.draft}`)).statusCode, 200, 'its own draft');
    assert.equal((await call('POST', `${api}/activities/${fx.activities.draft}/publish`)).statusCode, 403);
    assert.equal((await call('POST', `${api}/themes`, { slug: 'nieuw', name: 'Nieuw' })).statusCode, 403);
    const moved = await call('PATCH', `${api}/activities/${fx.activities.robots}`, { organisationId: fx.orgs.museum });
    assert.equal(moved.statusCode, 403, 'cannot move its activity to another organisation');
  });

  test('review: the partner submits, the coordinator returns with a comment, the partner resubmits, the coordinator publishes', async () => {
    const partner = asPerson(app, (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] })).cookies);
    const coordinator = asPerson(app, (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' })).cookies);
    const created = await partner('POST', `${api}/activities`, {
      organisationId: fx.orgs.library, title: 'Stripverhalen tekenen met een tablet', themes: ['kunst-cultuur'], format: 'workshop',
      setting: 'out_of_school', minAge: 9, maxAge: 12, level: 'introduction', registrationMode: 'sign_up', locationId: fx.locations.enschede,
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id;
    assert.equal((await partner('POST', `${api}/activities/${id}/return`, { comment: 'Zelf terugsturen?' })).statusCode, 403);
    assert.equal((await partner('POST', `${api}/activities/${id}/submit`)).json().status, 'submitted');
    assert.equal((await partner('POST', `${api}/activities/${id}/submit`)).statusCode, 409);
    assert.equal((await coordinator('POST', `${api}/activities/${id}/return`, { comment: '' })).statusCode, 400);
    const returned = await coordinator('POST', `${api}/activities/${id}/return`, { comment: 'Voeg nog een datum toe.' });
    assert.equal(returned.json().status, 'returned');
    assert.equal((await partner('GET', `${api}/activities/${id}`)).json().reviewComment, 'Voeg nog een datum toe.');
    assert.equal((await partner('POST', `${api}/activities/${id}/submit`)).json().status, 'submitted');
    const published = await coordinator('POST', `${api}/activities/${id}/publish`);
    assert.equal(published.json().status, 'published');
    assert.equal(published.json().reviewComment, '');
  });

  test('a coordinator publishes; a viewer reads drafts but changes nothing', async () => {
    const coordinator = asPerson(app, (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' })).cookies);
    const viewer = asPerson(app, (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'viewer' })).cookies);
    assert.equal((await viewer('GET', `${api}/activities/${fx.activities.draft}`)).statusCode, 200);
    assert.equal((await viewer('PATCH', `${api}/activities/${fx.activities.draft}`, { title: 'x' })).statusCode, 403);
    assert.equal((await coordinator('POST', `${api}/activities/${fx.activities.draft}/publish`)).json().status, 'published');
  });

  test('a role in one ecosystem gives nothing in another', async () => {
    const coordinator = asPerson(app, (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' })).cookies);
    assert.equal((await coordinator('PATCH', `/e/ander/api/v1/activities/${other.activities.robots}`, { title: 'x' })).statusCode, 403);
    assert.equal((await coordinator('GET', `/e/ander/api/v1/activities/${other.activities.draft}`)).statusCode, 404);
  });

  test('a signed-in write that a foreign page could forge is refused', async () => {
    const { cookies } = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' });
    const res = await app.inject({
      method: 'POST', url: `${api}/themes`, cookies,
      payload: 'slug=via-formulier&name=Formulier', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error, 'csrf');
    const labelled = await app.inject({ method: 'POST', url: `${api}/themes`, cookies, payload: { slug: 'x', name: 'X' }, headers: { 'sec-fetch-site': 'cross-site' } });
    assert.equal(labelled.statusCode, 403);
  });

  test('a school contact and anonymous visitors change nothing', async () => {
    const school = asPerson(app, (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'school_contact', locationIds: [fx.locations.enschede] })).cookies);
    assert.equal((await school('PATCH', `${api}/activities/${fx.activities.robots}`, { title: 'x' })).statusCode, 403);
    assert.equal((await app.inject({ method: 'PATCH', url: `${api}/activities/${fx.activities.robots}`, payload: { title: 'x' } })).statusCode, 401);
  });
});

test('every change through the API is in the audit log, with who did it', async () => {
  const { cookies } = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' }, 'logboek@proef.example');
  const call = asPerson(app, cookies);
  const created = await call('POST', `${api}/themes`, { slug: 'logboekthema', name: 'Logboekthema' });
  assert.equal(created.statusCode, 201);
  assert.equal((await call('PATCH', `${api}/activities/${fx.activities.robots}`, { summary: 'Gewijzigd voor het logboek' })).statusCode, 200);
  assert.equal((await call('POST', `${api}/activities/${fx.activities.water}/archive`)).statusCode, 200);
  const refused = await call('PATCH', `${api}/activities/${fx.activities.robots}`, { minAge: 30 });
  assert.equal(refused.statusCode, 400);
  const events = await database.db
    .selectFrom('audit_events')
    .select(['action', 'actor_label', 'subject_id', 'details'])
    .where('actor_label', '=', 'logboek@proef.example')
    .orderBy('id')
    .execute();
  assert.deepEqual(
    events.map((e) => [e.action, e.subject_id]),
    [
      ['catalogue.theme.created', String(created.json().id)],
      ['catalogue.activity.updated', String(fx.activities.robots)],
      ['catalogue.activity.archived', String(fx.activities.water)],
    ],
    'a refused change leaves no event',
  );
  assert.deepEqual(events[1]!.details, { fields: ['summary'] });
});
