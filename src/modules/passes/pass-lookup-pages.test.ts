import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testApp, testDatabase } from '../../../test/helpers/build-app.js';
import { createFixture, type Fixture } from '../../../test/helpers/factories.js';
import { formPost } from '../../../test/helpers/forms.js';
import { addParticipation, addSchool, requestPass, sessionOf } from '../../../test/helpers/pass-privacy.js';
import { signedInAs } from '../../../test/helpers/people.js';
import { formatPassCode } from './pass-code.js';

/** The coordinator's look-up of one pass: who may, what it shows, and that every showing is in the audit log. */
const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;
let other: Fixture;
const db = database.db;
let coordinator: Record<string, string>;
let passId: number;
let code: string;

before(async () => {
  fx = await createFixture(database);
  other = await createFixture(database, 'ander');
  const school = await addSchool(database, fx.ecosystem.id, fx.orgs.library);
  app = await testApp(database);
  coordinator = (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' }, 'coordinator@proef.example')).cookies;
  const issued = await requestPass(app, { nickname: 'Uitvinder', birthYear: '2015', postcode: '7511', schoolLocationId: String(school), gender: 'boy', purposes: ['path_page', 'monitoring'], givenByName: 'Ilse' });
  code = issued.code;
  passId = (await db.selectFrom('passes').select('id').where('code', '=', code.replace(/-/g, '')).executeTakeFirstOrThrow()).id;
  await addParticipation(database, { ecosystemId: fx.ecosystem.id, passId, sessionId: await sessionOf(database, fx.activities.stars) });
});
after(async () => {
  await app.close();
  await database.drop();
});

const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)![1]!;
const views = async () => db.selectFrom('audit_events').selectAll().where('action', '=', 'passes.pass.viewed').orderBy('id').execute();

test('a coordinator looks a pass up by its code and sees profile, consent and steps; every view is audited without personal data', async () => {
  const form = await app.inject({ url: '/e/proef/beheer/passen/opzoeken', cookies: coordinator });
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Elke keer dat je een pas bekijkt, komt in het logboek/);
  const found = await app.inject({ method: 'POST', url: '/e/proef/beheer/passen/opzoeken', cookies: coordinator, ...formPost({ _csrf: csrfOf(form.body), code: code.toLowerCase() }) });
  assert.equal(found.statusCode, 303);
  assert.equal(found.headers.location, `/e/proef/beheer/passen/opzoeken/${passId}`);
  assert.ok(!String(found.headers.location).includes(code.replace(/-/g, '')), 'the code stays out of the address');

  const before = (await views()).length;
  const page = await app.inject({ url: found.headers.location as string, cookies: coordinator });
  assert.equal(page.statusCode, 200);
  assert.equal(page.headers['cache-control'], 'no-store');
  for (const shown of ['Uitvinder', '2015', '7511', 'Enschede Centrum', 'Basisschool De Proef', 'Jongen', 'Sterrenkijken in de Natuurtuin', 'Museum voor Techniek', 'Ouder (Ilse)', 'Dit staat in het logboek']) {
    assert.ok(page.body.includes(shown), shown);
  }
  await app.inject({ url: found.headers.location as string, cookies: coordinator });
  const after = (await views()).slice(before);
  assert.equal(after.length, 2, 'every view, not only the first');
  for (const event of after) {
    assert.equal(event.subject_type, 'pass');
    assert.equal(event.subject_id, String(passId));
    assert.equal(event.actor_label, 'coordinator@proef.example');
    assert.deepEqual(event.details, {});
  }
  // The audit log page names the action in Dutch.
  assert.match((await app.inject({ url: '/e/proef/beheer/logboek', cookies: coordinator })).body, /Pas bekeken door een medewerker/);
});

test('unknown and malformed codes: a clear message, nothing logged as a view', async () => {
  const csrf = csrfOf((await app.inject({ url: '/e/proef/beheer/passen/opzoeken', cookies: coordinator })).body);
  const before = (await views()).length;
  const cases: Array<[string, RegExp]> = [
    ['', /Vul de code van de pas in/],
    ['ABC', /17 tekens/],
    ['7K3M-9QXD-2HBA-WT4R-U', /alleen uit cijfers en letters/],
    [code.slice(0, -1) + (code.endsWith('0') ? '1' : '0'), /teken verkeerd overgenomen/],
    ['x'.repeat(150), /alleen uit cijfers en letters|17 tekens/],
  ];
  for (const [typed, message] of cases) {
    const res = await app.inject({ method: 'POST', url: '/e/proef/beheer/passen/opzoeken', cookies: coordinator, ...formPost({ _csrf: csrf, code: typed }) });
    assert.equal(res.statusCode, 400, typed);
    assert.match(res.body, message, typed);
  }
  assert.equal((await views()).length, before);
});

test('tenant isolation: another ecosystem’s coordinator never finds or opens this pass', async () => {
  const elsewhere = (await signedInAs(database, { ecosystemId: other.ecosystem.id, role: 'coordinator' })).cookies;
  const csrf = csrfOf((await app.inject({ url: '/e/ander/beheer/passen/opzoeken', cookies: elsewhere })).body);
  const res = await app.inject({ method: 'POST', url: '/e/ander/beheer/passen/opzoeken', cookies: elsewhere, ...formPost({ _csrf: csrf, code }) });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /Deze pas kennen we niet in dit leerecosysteem/);
  const before = (await views()).length;
  assert.equal((await app.inject({ url: `/e/ander/beheer/passen/opzoeken/${passId}`, cookies: elsewhere })).statusCode, 404);
  assert.equal((await app.inject({ url: `/e/proef/beheer/passen/opzoeken/${passId}`, cookies: elsewhere })).statusCode, 403);
  assert.equal((await views()).length, before, 'a refused look is no view');
});

test('partners, school contacts and viewers may not look up passes, and the menu does not offer it to them', async () => {
  const roles = [
    { ecosystemId: fx.ecosystem.id, role: 'partner_editor' as const, organisationIds: [fx.orgs.library] },
    { ecosystemId: fx.ecosystem.id, role: 'school_contact' as const, locationIds: [fx.locations.enschede] },
    { ecosystemId: fx.ecosystem.id, role: 'viewer' as const },
  ];
  for (const role of roles) {
    const { cookies } = await signedInAs(database, role);
    assert.equal((await app.inject({ url: '/e/proef/beheer/passen/opzoeken', cookies })).statusCode, 403, role.role);
    assert.equal((await app.inject({ url: `/e/proef/beheer/passen/opzoeken/${passId}`, cookies })).statusCode, 403, role.role);
    assert.doesNotMatch((await app.inject({ url: '/e/proef/beheer', cookies })).body, /Pas opzoeken/, role.role);
  }
  assert.match((await app.inject({ url: '/e/proef/beheer', cookies: coordinator })).body, /Pas opzoeken/);
  assert.equal((await app.inject({ url: '/e/proef/beheer/passen/opzoeken/999999', cookies: coordinator })).statusCode, 404);
  assert.equal(formatPassCode(code.replace(/-/g, '')), code);
});
