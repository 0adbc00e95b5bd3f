import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testApp, testDatabase } from '../../../test/helpers/build-app.js';
import { createFixture, inDays, type Fixture } from '../../../test/helpers/factories.js';
import { csrfFor } from '../../../test/helpers/forms.js';
import { signedInAs } from '../../../test/helpers/people.js';
import { createActivity } from '../catalogue/commands/activity-commands.js';
import { createSession } from '../catalogue/commands/session-commands.js';
import { issueSinglePass } from '../passes/commands/pass-issuer.js';
import { Mailer } from '../mail/mailer.js';
import { signUp } from './commands/signup-commands.js';

/** A teacher books a class, the provider confirms it within the session's capacity, shared with parents' sign-ups. */
const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;
let activityId: number;
let sessionId: number;
const db = database.db;
const silent = { level: 'silent', info() {}, warn() {}, error() {}, debug() {}, fatal() {}, trace() {}, child: () => silent } as never;

before(async () => {
  fx = await createFixture(database);
  app = await testApp(database);
  activityId = await database.transaction(async (tx) =>
    (await createActivity(tx, fx.ecosystem.id, {
      organisationId: fx.orgs.library, title: 'Gastles programmeren', themes: ['programmeren-digitaal'], format: 'guest_lesson', setting: 'both', minAge: 8, maxAge: 12,
      level: 'introduction', registrationMode: 'sign_up', locationId: fx.locations.enschede, status: 'published',
    })).id,
  );
  sessionId = await database.transaction(async (tx) => (await createSession(tx, fx.ecosystem.id, activityId, { startsAt: inDays(14).toISOString(), endsAt: new Date(inDays(14).getTime() + 3_600_000).toISOString(), capacity: 30 })).id);
});
after(async () => {
  await app.close();
  await database.drop();
});

function postForm(cookies: Record<string, string>, url: string, fields: Record<string, string>) {
  return app.inject({ method: 'POST', url, cookies, payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

describe('class bookings', () => {
  test('a teacher requests, bad input gets clear messages, the provider confirms within capacity shared with sign-ups', async () => {
    const teacher = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'school_contact', locationIds: [fx.locations.enschede] });
    const partner = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] });
    const activityPage = await app.inject({ url: `/e/proef/activiteiten/${activityId}` });
    assert.match(activityPage.body, new RegExp(`/beheer/klasboekingen/nieuw\\?activiteit=${activityId}`));
    const form = await app.inject({ url: `/e/proef/beheer/klasboekingen/nieuw?activiteit=${activityId}`, cookies: teacher.cookies });
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="pupils"/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const url = '/e/proef/beheer/klasboekingen/nieuw';
    const base = { _csrf: csrf, activityId: String(activityId), schoolLocationId: String(fx.locations.enschede), groupLabel: 'groep 6b', pupils: '25', sessionId: String(sessionId), wishes: '' };
    const bad: Array<[Record<string, string>, RegExp]> = [
      [{ pupils: '0' }, /Vul het aantal leerlingen in, van 1 tot en met 200/],
      [{ pupils: 'vijfentwintig' }, /Vul het aantal leerlingen in/],
      [{ schoolLocationId: String(fx.locations.hengelo) }, /Kies een van uw eigen scholen/],
      [{ groupLabel: '' }, /groep|verplicht/i],
      [{ sessionId: '', wishes: '' }, /Kies een bijeenkomst of schrijf op welke data/],
      [{ sessionId: 'morgen' }, /Kies een bijeenkomst uit de lijst/],
      [{ activityId: String(fx.activities.draft) }, /Kies een gepubliceerde activiteit/],
    ];
    for (const [change, message] of bad) {
      const res = await postForm(teacher.cookies, url, { ...base, ...change });
      assert.equal(res.statusCode, 400, JSON.stringify(change));
      assert.match(res.body, message);
    }
    assert.equal((await db.selectFrom('class_bookings').select('id').execute()).length, 0, 'nothing changed');
    const ok = await postForm(teacher.cookies, url, base);
    assert.equal(ok.statusCode, 303);
    const bookingId = (await db.selectFrom('class_bookings').select('id').executeTakeFirstOrThrow()).id;

    // Parents take 10 of the 30 places first: 20 left, the class of 25 does not fit.
    const mail = { mailer: new Mailer(database, { smtpUrl: undefined, from: 'x@proef.example', logger: silent }), publicUrl: 'http://proef.example' };
    for (let i = 0; i < 10; i += 1) {
      await database.transaction(async (tx) => {
        const pass = await issueSinglePass(tx, 'system', fx.ecosystem.id, 'parent');
        await signUp(tx, { kind: 'anonymous' }, { ecosystemId: fx.ecosystem.id, passId: pass.id, sessionId }, mail);
      });
    }
    const list = await app.inject({ url: '/e/proef/beheer/klasboekingen', cookies: partner.cookies });
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /groep 6b, 25 leerlingen/);
    const pcsrf = await csrfFor(app, partner.cookies, '/e/proef/beheer/klasboekingen');
    const full = await postForm(partner.cookies, `/e/proef/beheer/klasboekingen/${bookingId}/bevestigen`, { _csrf: pcsrf, sessionId: String(sessionId) });
    assert.equal(full.statusCode, 400);
    assert.match(full.body, /nog 20 plaatsen vrij; de klas heeft 25 leerlingen/);
    // The teacher's school is the only one that may cancel; another partner may not confirm.
    const other = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.museum] });
    const ocsrf = await csrfFor(app, other.cookies, '/account');
    assert.equal((await postForm(other.cookies, `/e/proef/beheer/klasboekingen/${bookingId}/bevestigen`, { _csrf: ocsrf, sessionId: String(sessionId) })).statusCode, 403);

    // Fewer pupils fit: a new request of 20, confirmed; the session is then exactly full and the next parent waits.
    await postForm(teacher.cookies, url, { ...base, pupils: '20', groupLabel: 'groep 7' });
    const second = (await db.selectFrom('class_bookings').select('id').where('group_label', '=', 'groep 7').executeTakeFirstOrThrow()).id;
    const confirmed = await postForm(partner.cookies, `/e/proef/beheer/klasboekingen/${second}/bevestigen`, { _csrf: pcsrf, sessionId: String(sessionId) });
    assert.equal(confirmed.statusCode, 303);
    const late = await database.transaction(async (tx) => {
      const pass = await issueSinglePass(tx, 'system', fx.ecosystem.id, 'parent');
      return signUp(tx, { kind: 'anonymous' }, { ecosystemId: fx.ecosystem.id, passId: pass.id, sessionId }, mail);
    });
    assert.deepEqual([late.status, late.position], ['waiting', 1]);
    // The provider's overview counts the class's pupils among the places taken: full, with one waiting.
    const overview = await app.inject({ url: '/e/proef/beheer/aanmeldingen', cookies: partner.cookies });
    assert.equal(overview.statusCode, 200);
    assert.match(overview.body, /<td[^>]*>30 \/ 30<\/td>/);

    // The school cancels: twenty places free, the waiting parent is offered one.
    const tcsrf = await csrfFor(app, teacher.cookies, '/e/proef/beheer/klasboekingen');
    const cancelled = await postForm(teacher.cookies, `/e/proef/beheer/klasboekingen/${second}/annuleren`, { _csrf: tcsrf });
    assert.equal(cancelled.statusCode, 303);
    assert.equal((await db.selectFrom('signups').select('status').where('id', '=', late.signupId).executeTakeFirstOrThrow()).status, 'offered');
    const declined = await postForm(partner.cookies, `/e/proef/beheer/klasboekingen/${bookingId}/afwijzen`, { _csrf: pcsrf, note: 'Vol' });
    assert.equal(declined.statusCode, 303);
    assert.equal((await db.selectFrom('class_bookings').select('status').where('id', '=', bookingId).executeTakeFirstOrThrow()).status, 'declined');
  });
});
