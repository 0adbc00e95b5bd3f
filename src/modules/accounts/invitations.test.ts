import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { testApp, testDatabase } from '../../../test/helpers/build-app.js';
import { createFixture, type Fixture } from '../../../test/helpers/factories.js';
import { signedInAs } from '../../../test/helpers/people.js';
import { captureSmtp } from '../../../test/helpers/smtp.js';
import { createLocation } from '../catalogue/commands/organisation-commands.js';
import { createUser } from './commands/user-creator.js';

const database = await testDatabase();
const smtp = await captureSmtp();
let app: FastifyInstance;
let fx: Fixture;
let other: Fixture;
let school: number;
let coordinator: { cookies: { lx_sessie: string }; userId: number };

before(async () => {
  fx = await createFixture(database);
  other = await createFixture(database, 'elders');
  school = (
    await database.transaction((tx) =>
      createLocation(tx, fx.ecosystem.id, { organisationId: fx.orgs.library, name: 'Basisschool De Proef', postcode: '7511 AB', city: 'Enschede', lat: 52.22, lng: 6.89, isSchool: true }),
    )
  ).id;
  coordinator = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' }, 'coordinator@proef.example');
  app = await testApp(database, { smtpUrl: smtp.url, publicUrl: 'https://leren.example.org' });
});
after(async () => {
  await app.close();
  await smtp.close();
  await database.drop();
});

type Fields = Array<[string, string]> | Record<string, string>;
const formBody = (fields: Fields) => ({
  payload: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});
const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)![1]!;
const formCookie = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === 'lx_formulier')?.value;
const sessionCookie = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === 'lx_sessie')?.value;
/** The path of a link in a mail, to request it from the app under test. */
const pathOf = (url: string) => new URL(url).pathname;

/** Opens a page with a form as an anonymous browser, then posts it with the form token and cookie. */
async function anonymousPost(pageUrl: string, postUrl: string, fields: Record<string, string>) {
  const page = await app.inject({ url: pageUrl });
  const token = csrfOf(page.body);
  const cookie = formCookie(page);
  return app.inject({
    method: 'POST',
    url: postUrl,
    ...formBody({ _csrf: token, ...fields }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `lx_formulier=${cookie}`, 'x-forwarded-for': `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
  });
}

async function invite(cookies: { lx_sessie: string }, fields: Array<[string, string]>, slug = 'proef') {
  const page = await app.inject({ url: `/e/${slug}/beheer/mensen`, cookies });
  const token = page.statusCode === 200 ? csrfOf(page.body) : 'geen';
  return app.inject({ method: 'POST', url: `/e/${slug}/beheer/mensen/uitnodigen`, cookies, ...formBody([['_csrf', token], ...fields]) });
}

const count = async (table: 'invitations' | 'users' | 'mail_messages' | 'memberships') =>
  Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('inviting a partner', () => {
  test('the coordinator invites; the mail arrives over SMTP; the partner sets a name and password and is signed in with the role', async () => {
    const res = await invite(coordinator.cookies, [['email', ' Nieuw.Partner@Proef.example '], ['role', 'partner_editor'], ['organisationIds', String(fx.orgs.library)]]);
    assert.equal(res.statusCode, 303);
    const list = await app.inject({ url: res.headers.location as string, cookies: coordinator.cookies });
    assert.match(list.body, /De uitnodiging is verstuurd naar nieuw\.partner@proef\.example/);
    assert.match(list.body, /Openstaande uitnodigingen[\s\S]*nieuw\.partner@proef\.example/);

    const mail = await smtp.waitFor((m) => m.to.includes('nieuw.partner@proef.example'));
    assert.equal(mail.subject, 'Uitnodiging voor Proefregio proef');
    assert.match(mail.text, /nodigt je uit om mee te doen in Proefregio proef als Redacteur aanbod/);
    const link = mail.link('https://leren.example.org/uitnodiging/');
    assert.match(mail.html, /href="https:\/\/leren\.example\.org\/uitnodiging\//);

    const page = await app.inject({ url: pathOf(link) });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Maak je account aan voor nieuw\.partner@proef\.example/);

    const users = await count('users');
    const bad: Array<[Record<string, string>, RegExp]> = [
      [{ name: '', password: 'een lang wachtwoord', repeat: 'een lang wachtwoord' }, /Vul dit in/],
      [{ name: 'Pim', password: 'kort', repeat: 'kort' }, /minstens 12 tekens/],
      [{ name: 'Pim', password: 'een lang wachtwoord', repeat: 'een ander wachtwoord' }, /niet gelijk/],
      [{ name: 'x'.repeat(201), password: 'een lang wachtwoord', repeat: 'een lang wachtwoord' }, /Maximaal 200 tekens/],
    ];
    for (const [fields, message] of bad) {
      const refused = await anonymousPost(pathOf(link), pathOf(link), fields);
      assert.equal(refused.statusCode, 400, JSON.stringify(fields));
      assert.match(refused.body, message);
      assert.equal(await count('users'), users, 'nothing written');
    }

    const accepted = await anonymousPost(pathOf(link), pathOf(link), { name: 'Pim Proef', password: 'een lang wachtwoord', repeat: 'een lang wachtwoord' });
    assert.equal(accepted.statusCode, 303);
    assert.equal(accepted.headers.location, '/e/proef/beheer?welkom=1');
    const session = sessionCookie(accepted);
    assert.ok(session);
    const manage = await app.inject({ url: '/e/proef/beheer?welkom=1', cookies: { lx_sessie: session } });
    assert.match(manage.body, /Welkom! Je rol bij Proefregio proef is actief/);
    const membership = await database.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .innerJoin('membership_organisations', 'membership_organisations.membership_id', 'memberships.id')
      .select(['memberships.role', 'users.name', 'membership_organisations.organisation_id'])
      .where('users.email', '=', 'nieuw.partner@proef.example')
      .execute();
    assert.deepEqual(membership, [{ role: 'partner_editor', name: 'Pim Proef', organisation_id: fx.orgs.library }]);

    // A link works once.
    assert.equal((await app.inject({ url: pathOf(link) })).statusCode, 410);
    const again = await anonymousPost('/inloggen', pathOf(link), { name: 'Pim', password: 'een lang wachtwoord', repeat: 'een lang wachtwoord' });
    assert.equal(again.statusCode, 410);

    const audit = await database.db.selectFrom('audit_events').select('action').where('ecosystem_id', '=', fx.ecosystem.id).execute();
    for (const action of ['accounts.invitation.sent', 'accounts.invitation.accepted', 'accounts.role.granted']) assert.ok(audit.some((a) => a.action === action), action);
  });

  test('someone with an account already accepts with one click and keeps their password', async () => {
    await database.transaction((tx) => createUser(tx, { email: 'bestaand@proef.example', name: 'Bea', password: 'haar eigen wachtwoord' }));
    await invite(coordinator.cookies, [['email', 'bestaand@proef.example'], ['role', 'viewer']]);
    const link = (await smtp.waitFor((m) => m.to.includes('bestaand@proef.example'))).link('https://leren.example.org/uitnodiging/');
    const page = await app.inject({ url: pathOf(link) });
    assert.match(page.body, /Je hebt al een account met bestaand@proef\.example/);
    assert.doesNotMatch(page.body, /name="password"/);
    const accepted = await anonymousPost(pathOf(link), pathOf(link), {});
    assert.equal(accepted.statusCode, 303);
    const roles = await database.db.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id').select('role').where('email', '=', 'bestaand@proef.example').execute();
    assert.deepEqual(roles, [{ role: 'viewer' }]);
  });

  test('a school contact is invited for a school location', async () => {
    const res = await invite(coordinator.cookies, [['email', 'juf@proef.example'], ['role', 'school_contact'], ['locationIds', String(school)]]);
    assert.equal(res.statusCode, 303);
    const row = await database.db.selectFrom('invitations').select(['role', 'location_ids']).where('email', '=', 'juf@proef.example').executeTakeFirstOrThrow();
    assert.deepEqual(row, { role: 'school_contact', location_ids: [school] });
  });

  test('bad invitations get a specific Dutch message and write and mail nothing', async () => {
    const before = [await count('invitations'), await count('mail_messages')];
    const bad: Array<[Array<[string, string]>, RegExp]> = [
      [[['email', ''], ['role', 'viewer']], /Vul dit in/],
      [[['email', 'geen-adres'], ['role', 'viewer']], /Vul een geldig e-mailadres in/],
      [[['email', 'a@b'], ['role', 'viewer']], /Vul een geldig e-mailadres in/],
      [[['email', `${'a'.repeat(250)}@proef.example`], ['role', 'viewer']], /Vul een geldig e-mailadres in/],
      [[['email', 'x@proef.example']], /Vul dit in/],
      [[['email', 'x@proef.example'], ['role', 'superheld']], /Vul dit in/],
      [[['email', 'x@proef.example'], ['role', 'partner_editor']], /Kies minstens één organisatie/],
      [[['email', 'x@proef.example'], ['role', 'partner_editor'], ['organisationIds', String(other.orgs.library)]], /hoort niet bij dit leerecosysteem/],
      [[['email', 'x@proef.example'], ['role', 'partner_editor'], ['organisationIds', 'drie']], /hoort niet bij dit leerecosysteem/],
      [[['email', 'x@proef.example'], ['role', 'partner_editor'], ['organisationIds', '99999999999']], /hoort niet bij dit leerecosysteem/],
      [[['email', 'x@proef.example'], ['role', 'school_contact']], /Kies minstens één schoollocatie/],
      [[['email', 'x@proef.example'], ['role', 'school_contact'], ['locationIds', String(fx.locations.enschede)]], /hoort niet bij dit leerecosysteem/],
    ];
    for (const [fields, message] of bad) {
      const res = await invite(coordinator.cookies, fields);
      assert.equal(res.statusCode, 400, JSON.stringify(fields));
      assert.match(res.body, message, JSON.stringify(fields));
      assert.match(res.body, /Er ging iets mis/);
    }
    assert.deepEqual([await count('invitations'), await count('mail_messages')], before);
  });

  test('only coordinators of this ecosystem invite; others are refused and nothing is sent', async () => {
    const partner = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] });
    const viewer = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'viewer' });
    const otherCoordinator = await signedInAs(database, { ecosystemId: other.ecosystem.id, role: 'coordinator' });
    const before = await count('invitations');
    for (const who of [partner, viewer, otherCoordinator]) {
      const page = await app.inject({ url: '/e/proef/beheer/mensen', cookies: who.cookies });
      assert.equal(page.statusCode, who === viewer ? 200 : 403);
      if (who === viewer) assert.doesNotMatch(page.body, /Uitnodiging versturen|Rol intrekken/, 'a viewer sees no buttons');
      const csrf = (await app.inject({ url: '/account', cookies: who.cookies })).body;
      const res = await app.inject({ method: 'POST', url: '/e/proef/beheer/mensen/uitnodigen', cookies: who.cookies, ...formBody([['_csrf', csrfOf(csrf)], ['email', 'x@proef.example'], ['role', 'coordinator']]) });
      assert.equal(res.statusCode, 403);
    }
    const anonymous = await app.inject({ method: 'POST', url: '/e/proef/beheer/mensen/uitnodigen', ...formBody([['_csrf', 'x'], ['email', 'x@proef.example'], ['role', 'coordinator']]) });
    assert.equal(anonymous.statusCode, 403, 'no form token, no entry');
    assert.equal(await count('invitations'), before);
  });

  test('a withdrawn invitation no longer works, and a role can be taken away', async () => {
    await invite(coordinator.cookies, [['email', 'weg@proef.example'], ['role', 'viewer']]);
    const link = (await smtp.waitFor((m) => m.to.includes('weg@proef.example'))).link('https://leren.example.org/uitnodiging/');
    const id = (await database.db.selectFrom('invitations').select('id').where('email', '=', 'weg@proef.example').executeTakeFirstOrThrow()).id;
    const csrf = csrfOf((await app.inject({ url: '/e/proef/beheer/mensen', cookies: coordinator.cookies })).body);
    const withdrawn = await app.inject({ method: 'POST', url: `/e/proef/beheer/mensen/uitnodigingen/${id}/intrekken`, cookies: coordinator.cookies, ...formBody({ _csrf: csrf }) });
    assert.equal(withdrawn.statusCode, 303);
    assert.equal((await app.inject({ url: pathOf(link) })).statusCode, 410);
    // Another ecosystem's invitation cannot be withdrawn from here.
    const elsewhere = await app.inject({ method: 'POST', url: `/e/elders/beheer/mensen/uitnodigingen/${id}/intrekken`, cookies: coordinator.cookies, ...formBody({ _csrf: csrf }) });
    assert.equal(elsewhere.statusCode, 403);

    const viewer = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'viewer' });
    const membership = (await database.db.selectFrom('memberships').select('id').where('user_id', '=', viewer.userId).executeTakeFirstOrThrow()).id;
    const revoked = await app.inject({ method: 'POST', url: `/e/proef/beheer/mensen/rollen/${membership}/intrekken`, cookies: coordinator.cookies, ...formBody({ _csrf: csrf }) });
    assert.equal(revoked.statusCode, 303);
    assert.equal((await app.inject({ url: '/e/proef/beheer/mensen', cookies: viewer.cookies })).statusCode, 403, 'the role is gone at once');
    const own = (await database.db.selectFrom('memberships').select('id').where('user_id', '=', coordinator.userId).executeTakeFirstOrThrow()).id;
    const self = await app.inject({ method: 'POST', url: `/e/proef/beheer/mensen/rollen/${own}/intrekken`, cookies: coordinator.cookies, ...formBody({ _csrf: csrf }) });
    assert.equal(self.statusCode, 409);
  });
});

describe('signing in with a link and resetting a password', () => {
  const email = 'link@proef.example';
  before(async () => {
    await database.transaction((tx) => createUser(tx, { email, name: 'Lieke', password: 'het oude wachtwoord' }));
  });

  test('a sign-in link: same answer for known and unknown addresses; the link signs in once', async () => {
    const mailsBefore = await count('mail_messages');
    const unknown = await anonymousPost('/inloggen/link', '/inloggen/link', { email: 'onbekend@proef.example' });
    const known = await anonymousPost('/inloggen/link', '/inloggen/link', { email: 'LINK@proef.example' });
    assert.equal(unknown.statusCode, 200);
    assert.equal(known.statusCode, 200);
    const message = /Als dit e-mailadres bij ons bekend is, hebben we een link gestuurd/;
    assert.match(unknown.body, message);
    assert.match(known.body, message);
    assert.equal(await count('mail_messages'), mailsBefore + 1, 'only the known address gets mail');

    const mail = await smtp.waitFor((m) => m.to.includes(email) && m.subject === 'Je link om in te loggen');
    const link = mail.link('https://leren.example.org/inloggen/link/');
    const confirm = await app.inject({ url: pathOf(link) });
    assert.equal(confirm.statusCode, 200, 'opening the link (as a mail scanner would) does not use it up');
    assert.equal(sessionCookie(confirm), undefined);
    const signedIn = await anonymousPost(pathOf(link), pathOf(link), {});
    assert.equal(signedIn.statusCode, 303);
    assert.ok(sessionCookie(signedIn));
    const twice = await anonymousPost('/inloggen', pathOf(link), {});
    assert.equal(twice.statusCode, 410);
    assert.match(twice.body, /verlopen of al gebruikt/);
  });

  test('bad addresses are refused with a message; malformed and unknown tokens say the link has expired', async () => {
    for (const bad of ['', 'geen-adres', 'a b@c.nl']) {
      const res = await anonymousPost('/inloggen/link', '/inloggen/link', { email: bad });
      assert.equal(res.statusCode, 400, bad);
      assert.match(res.body, /Vul (dit in|een geldig e-mailadres in)/);
    }
    for (const token of ['kort', 'x'.repeat(43), 'x'.repeat(150)]) {
      assert.equal((await app.inject({ url: `/inloggen/link/${token}` })).statusCode, 410, token);
      assert.equal((await app.inject({ url: `/wachtwoord-herstellen/${token}` })).statusCode, 410, token);
      assert.equal((await app.inject({ url: `/uitnodiging/${token}` })).statusCode, 410, token);
    }
  });

  test('a password reset sets the new password, ends every session and signs in', async () => {
    const oldSession = await anonymousPost('/inloggen', '/inloggen', { email, password: 'het oude wachtwoord' });
    const oldCookie = sessionCookie(oldSession)!;
    assert.equal((await app.inject({ url: '/account', cookies: { lx_sessie: oldCookie } })).statusCode, 200);

    await anonymousPost('/wachtwoord-vergeten', '/wachtwoord-vergeten', { email });
    const link = (await smtp.waitFor((m) => m.to.includes(email) && m.subject === 'Een nieuw wachtwoord kiezen')).link('https://leren.example.org/wachtwoord-herstellen/');
    const page = await app.inject({ url: pathOf(link) });
    assert.match(page.body, /Kies een nieuw wachtwoord/);
    for (const [password, repeat, message] of [
      ['kort', 'kort', /minstens 12 tekens/],
      ['een nieuw wachtwoord', 'iets anders dan dat', /niet gelijk/],
      ['', '', /minstens 12 tekens/],
    ] as const) {
      const res = await anonymousPost(pathOf(link), pathOf(link), { password, repeat });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, message);
    }
    const done = await anonymousPost(pathOf(link), pathOf(link), { password: 'een nieuw wachtwoord', repeat: 'een nieuw wachtwoord' });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/account?klaar=wachtwoord');
    assert.match((await app.inject({ url: '/account?klaar=wachtwoord', cookies: { lx_sessie: sessionCookie(done)! } })).body, /Je nieuwe wachtwoord is opgeslagen/);
    assert.equal((await app.inject({ url: '/account', cookies: { lx_sessie: oldCookie } })).statusCode, 303, 'the old session has ended');
    assert.equal((await anonymousPost('/inloggen', '/inloggen', { email, password: 'het oude wachtwoord' })).statusCode, 400);
    assert.equal((await anonymousPost('/inloggen', '/inloggen', { email, password: 'een nieuw wachtwoord' })).statusCode, 303);
    assert.equal((await app.inject({ url: pathOf(link) })).statusCode, 410, 'the reset link is used up');
  });

  test('asking for links is rate-limited per client', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const page = await app.inject({ url: '/wachtwoord-vergeten' });
      const res = await app.inject({
        method: 'POST',
        url: '/wachtwoord-vergeten',
        ...formBody({ _csrf: csrfOf(page.body), email: 'niemand@proef.example' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `lx_formulier=${formCookie(page)}`, 'x-forwarded-for': '10.9.9.9' },
      });
      statuses.push(res.statusCode);
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429]);
  });
});
