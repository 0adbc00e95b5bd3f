import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testApp, testDatabase } from '../../../test/helpers/build-app.js';
import { createFixture, type Fixture } from '../../../test/helpers/factories.js';
import { signedInAs } from '../../../test/helpers/people.js';
import { submitActivity } from './commands/activity-commands.js';

const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;

before(async () => {
  fx = await createFixture(database);
  await database.transaction((tx) => submitActivity(tx, fx.ecosystem.id, fx.activities.draft));
  app = await testApp(database);
});
after(async () => {
  await app.close();
  await database.drop();
});

const form = (fields: Record<string, string>) => ({
  payload: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

test('the review queue: sign in first, coordinators only', async () => {
  const anonymous = await app.inject({ url: '/e/proef/beheer/beoordelen' });
  assert.equal(anonymous.statusCode, 303);
  assert.equal(anonymous.headers.location, '/inloggen?volgende=%2Fe%2Fproef%2Fbeheer%2Fbeoordelen');
  const partner = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] });
  assert.equal((await app.inject({ url: '/e/proef/beheer/beoordelen', cookies: partner.cookies })).statusCode, 403);
});

test('a coordinator returns with a comment, then publishes, and the activity appears in the wegwijzer', async () => {
  const { cookies } = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' });
  const page = await app.inject({ url: '/e/proef/beheer/beoordelen', cookies });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Geheime drone-workshop/);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;

  const empty = await app.inject({ method: 'POST', url: `/e/proef/beheer/beoordelen/${fx.activities.draft}/terugsturen`, cookies, ...form({ _csrf: csrf, comment: '' }) });
  assert.equal(empty.statusCode, 400);
  const noToken = await app.inject({ method: 'POST', url: `/e/proef/beheer/beoordelen/${fx.activities.draft}/publiceren`, cookies, ...form({ _csrf: 'vals' }) });
  assert.equal(noToken.statusCode, 403);

  const returned = await app.inject({ method: 'POST', url: `/e/proef/beheer/beoordelen/${fx.activities.draft}/terugsturen`, cookies, ...form({ _csrf: csrf, comment: 'Graag een foto.' }) });
  assert.equal(returned.statusCode, 303);
  assert.match((await app.inject({ url: returned.headers.location as string, cookies })).body, /teruggestuurd naar de aanbieder/);
  await database.transaction((tx) => submitActivity(tx, fx.ecosystem.id, fx.activities.draft));

  const published = await app.inject({ method: 'POST', url: `/e/proef/beheer/beoordelen/${fx.activities.draft}/publiceren`, cookies, ...form({ _csrf: csrf }) });
  assert.equal(published.statusCode, 303);
  const search = await app.inject({ url: '/e/proef/api/v1/activities?q=drone' });
  assert.equal(search.json().total, 1);
  const audit = await database.db.selectFrom('audit_events').select('action').execute();
  assert.ok(audit.some((e) => e.action === 'accounts.role.granted'));
});
