import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testApp, testDatabase } from '../../../test/helpers/build-app.js';
import { createFixture, type Fixture } from '../../../test/helpers/factories.js';
import { signedInAs } from '../../../test/helpers/people.js';
import { recordAudit } from './commands/audit-recorder.js';
import { auditPageSize } from './queries/audit-log.js';

const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;
let other: Fixture;

before(async () => {
  fx = await createFixture(database);
  other = await createFixture(database, 'elders');
  await database.transaction(async (tx) => {
    for (let i = 0; i < auditPageSize + 5; i++) {
      await recordAudit(tx, 'system', { ecosystemId: fx.ecosystem.id, action: 'catalogue.activity.updated', subjectType: 'activity', subjectId: i, details: { volgnummer: i } });
    }
    await recordAudit(tx, 'system', { ecosystemId: fx.ecosystem.id, action: 'accounts.invitation.sent', subjectType: 'invitation', subjectId: 1, details: { email: 'a@proef.example' } });
    await recordAudit(tx, 'system', { ecosystemId: other.ecosystem.id, action: 'accounts.invitation.sent', details: { email: 'geheim@elders.example' } });
  });
  app = await testApp(database);
});
after(async () => {
  await app.close();
  await database.drop();
});

test('coordinators read their own ecosystem’s log, newest first, a page at a time, filtered by kind', async () => {
  const { cookies } = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' });
  const first = await app.inject({ url: '/e/proef/beheer/logboek', cookies });
  assert.equal(first.statusCode, 200);
  assert.match(first.body, /Uitnodiging verstuurd/);
  assert.doesNotMatch(first.body, /geheim@elders/, 'never another ecosystem’s events');
  const older = /href="([^"]*voor=\d+[^"]*)"/.exec(first.body)![1]!.replace(/&amp;/g, '&');
  const second = await app.inject({ url: older, cookies });
  assert.match(second.body, /volgnummer: 0</);
  assert.doesNotMatch(second.body, /Uitnodiging verstuurd</);

  const filtered = await app.inject({ url: '/e/proef/beheer/logboek?actie=accounts.invitation', cookies });
  assert.match(filtered.body, /a@proef\.example/);
  assert.doesNotMatch(filtered.body, /volgnummer/);
});

test('only coordinators; bad filters are refused', async () => {
  const partner = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] });
  const viewer = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'viewer' });
  const elsewhere = await signedInAs(database, { ecosystemId: other.ecosystem.id, role: 'coordinator' });
  for (const who of [partner, viewer, elsewhere]) assert.equal((await app.inject({ url: '/e/proef/beheer/logboek', cookies: who.cookies })).statusCode, 403);
  assert.equal((await app.inject({ url: '/e/proef/beheer/logboek' })).statusCode, 303);
  const { cookies } = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' });
  for (const bad of ['actie=%25', "actie='or'1'='1", 'voor=abc', 'voor=0', `actie=${'a'.repeat(101)}`]) {
    const res = await app.inject({ url: `/e/proef/beheer/logboek?${bad}`, cookies });
    assert.equal(res.statusCode, 400, bad);
  }
});
