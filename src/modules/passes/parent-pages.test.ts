import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testApp, testDatabase } from '../../../test/helpers/build-app.js';
import { createFixture, type Fixture } from '../../../test/helpers/factories.js';
import { addParticipation, addSchool, get, issuedSecrets, parentBrowser, post, requestFormToken, requestPass, sessionOf } from '../../../test/helpers/pass-privacy.js';
import { signedInAs } from '../../../test/helpers/people.js';
import { createUser } from '../accounts/commands/user-creator.js';
import { recordCheckIn } from './commands/check-in.js';
import { hashToken } from '../accounts/secrets.js';

/**
 * A parent online: requesting a pass (profile and consent, the code and the
 * secret shown once, mail only with consent), opening it again with code and
 * secret, changing consent (a history), the private link, the export, and
 * deleting (the profile goes; check-ins still count but lead nowhere).
 */
const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;
let school: number;
const db = database.db;

before(async () => {
  fx = await createFixture(database);
  await createFixture(database, 'ander');
  school = await addSchool(database, fx.ecosystem.id, fx.orgs.library);
  app = await testApp(database);
});
after(async () => {
  await app.close();
  await database.drop();
});

const thisYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(new Date()));
const passByCode = (code: string) => db.selectFrom('passes').selectAll().where('code', '=', code.replace(/-/g, '')).executeTakeFirst();
const auditOf = (action: string) => db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('id').execute();

describe('requesting a pass', () => {
  test('the public page explains the pass and what is kept, and sets no parent session', async () => {
    const res = await app.inject({ url: '/e/proef/ouders' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.match(res.body, /We vragen nooit de naam van je kind/);
    assert.match(res.body, /Een pas die 3 jaar niet is gebruikt, verwijderen we vanzelf/);
    assert.ok(!res.cookies.some((c) => c.name === 'lx_ouder'));
    const form = await app.inject({ url: '/e/proef/ouders/nieuw' });
    assert.equal(form.statusCode, 200);
    for (const purpose of ['path_page', 'badges', 'email', 'monitoring']) assert.match(form.body, new RegExp(`name="purposes" value="${purpose}"`));
    assert.match(form.body, /Basisschool De Proef/, 'the ecosystem’s schools to choose from');
    const fields = new Set([...form.body.matchAll(/<(?:input|select|textarea)[^>]*name="([^"]+)"/g)].map((m) => m[1]));
    assert.deepEqual([...fields].sort(), ['_csrf', 'aanvraag', 'birthYear', 'email', 'gender', 'givenBy', 'givenByName', 'nickname', 'postcode', 'purposes', 'schoolLocationId'], 'nothing more is asked; never the child’s name');
  });

  test('a parent requests a pass: code and secret shown once, profile and consent stored, the code mailed with consent', async () => {
    const { browser, code, secret, body } = await requestPass(app, {
      nickname: 'Sterrenkijker', birthYear: String(thisYear - 9), postcode: '7511 AB', schoolLocationId: String(school), gender: 'girl',
      purposes: ['path_page', 'email', 'monitoring'], email: 'Ouder@Proef.example', givenBy: 'guardian', givenByName: 'Sanne',
    });
    assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}-[0-9A-Z]$/);
    assert.match(secret, /^[0-9A-Z]{6}$/);
    assert.match(body, /\/e\/proef\/mijn-pad\/[A-Za-z0-9_-]{43}/, 'the private link, with the path-page consent');
    assert.match(body, /gemaild naar ouder@proef\.example/);

    const pass = (await passByCode(code))!;
    assert.equal(pass.issued_via, 'parent');
    assert.equal(pass.nickname, 'Sterrenkijker');
    assert.equal(pass.birth_year, thisYear - 9);
    assert.equal(pass.postcode, '7511', 'only the four digits are kept');
    assert.ok(pass.neighbourhood_id !== null, 'the postcode maps to its neighbourhood');
    assert.equal(pass.school_location_id, school);
    assert.equal(pass.gender, 'girl');
    assert.equal(pass.contact_email, 'ouder@proef.example');
    assert.ok(pass.link_token_hash);
    const consents = await db.selectFrom('pass_consents').selectAll().where('pass_id', '=', pass.id).orderBy('id').execute();
    assert.deepEqual(consents.map((c) => [c.purpose, c.granted, c.given_by, c.given_by_name]), [
      ['path_page', true, 'guardian', 'Sanne'], ['email', true, 'guardian', 'Sanne'], ['monitoring', true, 'guardian', 'Sanne'],
    ]);

    const mail = await db.selectFrom('mail_messages').selectAll().where('to_address', '=', 'ouder@proef.example').execute();
    assert.equal(mail.length, 1);
    assert.equal(mail[0]!.kind, 'pass_code');
    assert.match(mail[0]!.text_body, new RegExp(code));
    assert.match(mail[0]!.text_body, /\/e\/proef\/mijn-pad\/[A-Za-z0-9_-]{43}/);
    assert.doesNotMatch(mail[0]!.text_body, new RegExp(secret), 'the secret is never mailed');
    assert.doesNotMatch(`${mail[0]!.subject} ${mail[0]!.text_body}`, /Sterrenkijker/, 'no nickname in the mail');

    // Audit: what happened, never the child's data, the secret, the name or the address.
    const events = await db.selectFrom('audit_events').selectAll().where('subject_type', '=', 'pass').where('subject_id', '=', String(pass.id)).orderBy('id').execute();
    assert.deepEqual(events.map((e) => e.action), ['passes.pass.issued', 'passes.profile.updated', 'passes.consent.changed', 'passes.link.created']);
    const logged = JSON.stringify(events.map((e) => e.details));
    for (const secretThing of ['Sterrenkijker', '7511', 'Sanne', 'ouder@proef.example', secret, code.replace(/-/g, '')]) assert.ok(!logged.includes(secretThing), `audit holds ${secretThing}`);

    // The cookie: httpOnly, SameSite=Strict, only for the parents' pages of this ecosystem, short-lived.
    const cookie = (await app.inject({ method: 'POST', url: '/e/proef/ouders/openen', headers: { 'x-forwarded-for': browser.ip, 'content-type': 'application/x-www-form-urlencoded' }, cookies: browser.cookies, payload: new URLSearchParams({ _csrf: browser.csrf, code, secret }).toString() })).cookies.find((c) => c.name === 'lx_ouder')!;
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(cookie.path, '/e/proef/ouders');
    assert.ok(cookie.maxAge! > 0 && cookie.maxAge! <= 3600);
    const page = await get(app, browser, '/e/proef/ouders/pas');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /De kinderpas van Sterrenkijker/);
  });

  test('without e-mail consent nothing is mailed and no address is kept; without path-page consent no link', async () => {
    const { code, body } = await requestPass(app, { purposes: ['badges'] });
    const pass = (await passByCode(code))!;
    assert.equal(pass.contact_email, null);
    assert.equal(pass.link_token_hash, null);
    assert.equal(pass.nickname, null);
    assert.doesNotMatch(body, /\/mijn-pad\/[A-Za-z0-9_-]{43}/);
    assert.doesNotMatch(body, /gemaild/);
  });
});

describe('opening a pass with its code and secret', () => {
  test('code and secret open the pass page; the secret is accepted however it is typed', async () => {
    const { code, secret } = await requestPass(app, { nickname: 'Knutselaar' });
    const browser = await parentBrowser(app);
    const opened = await post(app, browser, '/e/proef/ouders/openen', { code: code.toLowerCase().replace(/-/g, ' '), secret: ` ${secret.toLowerCase()} ` });
    assert.equal(opened.statusCode, 303);
    assert.equal(opened.headers.location, '/e/proef/ouders/pas');
    assert.match((await get(app, browser, '/e/proef/ouders/pas')).body, /Knutselaar/);
    assert.ok(!String(opened.headers.location).includes(secret), 'never the secret in a URL');

    // Closing ends the session: the cookie no longer opens anything.
    const token = browser.cookies.lx_ouder!;
    assert.equal((await post(app, browser, '/e/proef/ouders/pas/sluiten')).statusCode, 303);
    const again = await app.inject({ url: '/e/proef/ouders/pas', cookies: { lx_ouder: token } });
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, '/e/proef/ouders?klaar=verlopen');
  });

  test('a wrong secret and an unknown code get one generic message, are logged without the secret, and change nothing', async () => {
    const { code } = await requestPass(app);
    const pass = (await passByCode(code))!;
    const browser = await parentBrowser(app);
    const before = (await auditOf('passes.parent.failedAttempt')).length;
    const wrong = await post(app, browser, '/e/proef/ouders/openen', { code, secret: 'ZZZZZ9' });
    const unknownData = '7K3M9QXD2HBAWT4R';
    const { checkCharacter } = await import('./pass-code.js');
    const unknown = await post(app, browser, '/e/proef/ouders/openen', { code: unknownData + checkCharacter(unknownData), secret: 'ZZZZZ9' });
    for (const res of [wrong, unknown]) {
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /De code en de geheime code horen niet bij elkaar, of er is te vaak geprobeerd/);
      assert.ok(!res.cookies.some((c) => c.name === 'lx_ouder' && c.value));
      assert.doesNotMatch(res.body, /ZZZZZ9/, 'the secret is never shown back');
    }
    const message = (body: string) => /<p class="utrecht-form-field-error-message"[^>]*>([^<]+)</.exec(body)?.[1];
    assert.equal(message(wrong.body), message(unknown.body), 'the same words, so a guesser learns nothing');
    const failures = (await auditOf('passes.parent.failedAttempt')).slice(before);
    assert.deepEqual(failures.map((f) => [f.details.reason, f.subject_id]), [['wrongSecret', String(pass.id)], ['unknownCode', '']]);
    assert.ok(!JSON.stringify(failures).includes('ZZZZZ9'));

    // A typo caught by the check character is the parent's to fix: a specific message (and still logged).
    const typo = await post(app, browser, '/e/proef/ouders/openen', { code: code.slice(0, -1) + (code.endsWith('0') ? '1' : '0'), secret: 'ZZZZZ9' });
    assert.equal(typo.statusCode, 400);
    assert.match(typo.body, /teken verkeerd overgenomen/);
    const empty = await post(app, browser, '/e/proef/ouders/openen', { code: '', secret: '' });
    assert.match(empty.body, /Vul de code van de pas in/);
    assert.match(empty.body, /Vul de geheime code in/);
  });

  test('guessing is rate-limited per address, and a pass locks after ten wrong secrets from anywhere', async () => {
    const { code, secret } = await requestPass(app);
    const browser = await parentBrowser(app);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await post(app, browser, '/e/proef/ouders/openen', { code, secret: 'AAAAA0' })).statusCode);
    assert.deepEqual(statuses, [...Array(10).fill(400), 429]);
    const limited = await post(app, browser, '/e/proef/ouders/openen', { code, secret });
    assert.equal(limited.statusCode, 429, 'even the right secret waits, from this address');
    assert.match(limited.body, /Te veel verzoeken/);
    // From another address the right secret is still refused: ten failures locked the pass for an hour.
    const other = await parentBrowser(app);
    const locked = await post(app, other, '/e/proef/ouders/openen', { code, secret });
    assert.equal(locked.statusCode, 400);
    assert.match(locked.body, /te vaak geprobeerd/);
    assert.equal((await auditOf('passes.parent.failedAttempt')).filter((e) => e.details.reason === 'locked').length, 1);
  });

  test('tenant isolation: a pass of one ecosystem never opens in another, not by code nor by cookie', async () => {
    const { browser, code, secret } = await requestPass(app);
    const elsewhere = await parentBrowser(app, 'ander');
    const res = await post(app, elsewhere, '/e/ander/ouders/openen', { code, secret });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /horen niet bij elkaar/);
    const withCookie = await app.inject({ url: '/e/ander/ouders/pas', cookies: { lx_ouder: browser.cookies.lx_ouder! } });
    assert.equal(withCookie.statusCode, 303);
    assert.equal(withCookie.headers.location, '/e/ander/ouders?klaar=verlopen');
    const exported = await app.inject({ url: '/e/ander/ouders/pas/alle-gegevens.json', cookies: { lx_ouder: browser.cookies.lx_ouder! } });
    assert.equal(exported.statusCode, 303);
  });

  test('every page of a pass needs its session: without one, back to the start', async () => {
    const browser = await parentBrowser(app);
    for (const url of ['/e/proef/ouders/pas', '/e/proef/ouders/pas/alle-gegevens.json', '/e/proef/ouders/pas/verwijderen']) {
      const res = await get(app, browser, url);
      assert.equal(res.statusCode, 303, url);
      assert.equal(res.headers.location, '/e/proef/ouders?klaar=verlopen');
    }
    for (const url of ['/e/proef/ouders/pas/gegevens', '/e/proef/ouders/pas/toestemming', '/e/proef/ouders/pas/link', '/e/proef/ouders/pas/link/stoppen', '/e/proef/ouders/pas/verwijderen']) {
      const res = await post(app, browser, url, { purposes: 'badges', givenBy: 'parent' });
      assert.equal(res.statusCode, 303, url);
    }
    assert.match((await app.inject({ url: '/e/proef/ouders?klaar=verlopen' })).body, /voor de veiligheid gesloten/);
    // An expired session is no session.
    const { browser: parent, code } = await requestPass(app);
    const pass = (await passByCode(code))!;
    await db.updateTable('pass_parent_sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('pass_id', '=', pass.id).execute();
    assert.equal((await get(app, parent, '/e/proef/ouders/pas')).statusCode, 303);
  });
});

describe('the parent changes the pass', () => {
  test('profile: changed and audited by field name only', async () => {
    const { browser, code } = await requestPass(app, { nickname: 'Eerst' });
    const res = await post(app, browser, '/e/proef/ouders/pas/gegevens', { nickname: 'Daarna', birthYear: String(thisYear - 12), postcode: '7550', gender: '' });
    assert.equal(res.statusCode, 303);
    assert.match((await get(app, browser, res.headers.location as string)).body, /De gegevens zijn opgeslagen/);
    const pass = (await passByCode(code))!;
    assert.deepEqual([pass.nickname, pass.birth_year, pass.postcode, pass.gender], ['Daarna', thisYear - 12, '7550', null]);
    const event = (await auditOf('passes.profile.updated')).filter((e) => e.subject_id === String(pass.id)).at(-1)!;
    assert.deepEqual(event.details, { fields: ['nickname', 'birthYear', 'postcode', 'neighbourhoodId'] });
  });

  test('consent: each grant and withdrawal is a new row with who and when; withdrawing has its effects at once', async () => {
    const { browser, code } = await requestPass(app, { purposes: ['path_page', 'email', 'monitoring', 'badges'], email: 'gezin@proef.example' });
    const pass = (await passByCode(code))!;
    // A check-in recorded with the monitoring consent carries the snapshot.
    const userId = await database.transaction((tx) => createUser(tx, { email: 'scan@proef.example', name: 'Scanner' }));
    const start = new Date(Date.now() - 60_000);
    const sessionId = (await db.insertInto('sessions').values({ ecosystem_id: fx.ecosystem.id, activity_id: fx.activities.robots, starts_at: start, ends_at: new Date(start.getTime() + 7_200_000) }).returning('id').executeTakeFirstOrThrow()).id;
    const partner = { kind: 'user' as const, userId, email: 'scan@proef.example', name: 'Scanner', platformAdmin: false, sessionId: 'x', memberships: [{ ecosystemId: fx.ecosystem.id, role: 'partner_editor' as const, organisationIds: [fx.orgs.library], locationIds: [] }] };
    await database.transaction((tx) => recordCheckIn(tx, partner, { ecosystemId: fx.ecosystem.id, code, sessionId, deviceScanId: randomUUID(), scannedAt: new Date() }));
    await db.updateTable('passes').set({ birth_year: thisYear - 10, neighbourhood_id: pass.neighbourhood_id }).where('id', '=', pass.id).execute();
    const snapshot = () => db.selectFrom('participations').select(['neighbourhood_id', 'age']).where('pass_id', '=', pass.id).executeTakeFirstOrThrow();
    await db.updateTable('participations').set({ age: 10 }).where('pass_id', '=', pass.id).execute();
    assert.equal((await snapshot()).age, 10);

    const withdraw = await post(app, browser, '/e/proef/ouders/pas/toestemming', { purposes: ['badges'], givenBy: 'parent', givenByName: 'Mo' });
    assert.equal(withdraw.statusCode, 303);
    const after = (await passByCode(code))!;
    assert.equal(after.contact_email, null, 'no address without the e-mail consent');
    assert.equal(after.link_token_hash, null, 'the private link stops with the path-page consent');
    assert.deepEqual(await snapshot(), { neighbourhood_id: null, age: null }, 'monitoring snapshots go with the consent');
    assert.equal((await db.selectFrom('mail_messages').select('id').where('to_address', '=', 'gezin@proef.example').execute()).length, 0, 'the mail with the code is gone with the address');
    // And check-in copies no new snapshot.
    const later = new Date(Date.now() - 30_000);
    const second = (await db.insertInto('sessions').values({ ecosystem_id: fx.ecosystem.id, activity_id: fx.activities.robots, starts_at: later, ends_at: new Date(later.getTime() + 7_200_000) }).returning('id').executeTakeFirstOrThrow()).id;
    await database.transaction((tx) => recordCheckIn(tx, partner, { ecosystemId: fx.ecosystem.id, code, sessionId: second, deviceScanId: randomUUID(), scannedAt: new Date() }));
    assert.deepEqual(await db.selectFrom('participations').select(['neighbourhood_id', 'age']).where('pass_id', '=', pass.id).where('session_id', '=', second).executeTakeFirstOrThrow(), { neighbourhood_id: null, age: null });

    await post(app, browser, '/e/proef/ouders/pas/toestemming', { purposes: ['badges', 'monitoring'], givenBy: 'guardian' });
    const history = await db.selectFrom('pass_consents').select(['purpose', 'granted', 'given_by', 'given_by_name']).where('pass_id', '=', pass.id).orderBy('id').execute();
    assert.deepEqual(history.map((h) => `${h.purpose}:${h.granted}:${h.given_by}:${h.given_by_name}`), [
      'path_page:true:parent:', 'badges:true:parent:', 'email:true:parent:', 'monitoring:true:parent:',
      'path_page:false:parent:Mo', 'email:false:parent:Mo', 'monitoring:false:parent:Mo',
      'monitoring:true:guardian:',
    ]);
    const page = (await get(app, browser, '/e/proef/ouders/pas')).body;
    assert.match(page, /Geschiedenis van de toestemming/);
    assert.match(page, /Ingetrokken/);
    assert.match(page, /Ouder \(Mo\)/);
    const events = (await auditOf('passes.consent.changed')).filter((e) => e.subject_id === String(pass.id));
    assert.deepEqual(events.at(-2)!.details, { granted: [], withdrawn: ['path_page', 'email', 'monitoring'], givenBy: 'parent', emailChanged: true });
    assert.ok(!JSON.stringify(events.map((e) => e.details)).includes('Mo'));
  });

  test('the private link: made with consent (only its hash kept), replaced by a new one, stopped on request', async () => {
    const { browser, code } = await requestPass(app, { purposes: ['path_page'] });
    const first = (await passByCode(code))!.link_token_hash;
    const made = await post(app, browser, '/e/proef/ouders/pas/link');
    assert.equal(made.statusCode, 200);
    const token = /\/e\/proef\/mijn-pad\/([A-Za-z0-9_-]{43})/.exec(made.body)![1]!;
    const stored = (await passByCode(code))!.link_token_hash;
    assert.equal(stored, hashToken(token));
    assert.notEqual(stored, first, 'a new link replaces the old one');
    // The link leads to the child's path page, not to an empty address.
    const opened = await app.inject({ url: `/e/proef/mijn-pad/${token}` });
    assert.equal(opened.statusCode, 200, opened.body.slice(0, 300));
    assert.equal((await post(app, browser, '/e/proef/ouders/pas/link/stoppen')).statusCode, 303);
    assert.equal((await passByCode(code))!.link_token_hash, null);
    // Without the path-page consent there is no link to make.
    await post(app, browser, '/e/proef/ouders/pas/toestemming', { givenBy: 'parent' });
    const refused = await post(app, browser, '/e/proef/ouders/pas/link');
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /alleen met toestemming voor een eigen pagina/);
    assert.equal((await passByCode(code))!.link_token_hash, null);
  });
});

describe('export and delete', () => {
  test('the export holds everything about the pass: profile, consent history, check-ins, badges with credentials, staff views', async () => {
    const { browser, code } = await requestPass(app, {
      nickname: 'Bouwer', birthYear: String(thisYear - 8), postcode: '7511', schoolLocationId: String(school), gender: 'other', purposes: ['path_page', 'badges', 'monitoring'], givenByName: 'Kim',
    });
    const pass = (await passByCode(code))!;
    const e = fx.ecosystem.id;
    await addParticipation(database, { ecosystemId: e, passId: pass.id, sessionId: await sessionOf(database, fx.activities.robots), neighbourhoodId: pass.neighbourhood_id, age: 8 });
    await addParticipation(database, { ecosystemId: e, passId: pass.id, sessionId: await sessionOf(database, fx.activities.stars) });
    const achievement = (await db.insertInto('achievements').values({ ecosystem_id: e, kind: 'activity', activity_id: fx.activities.robots, name: 'Robotbouwer' }).returning('id').executeTakeFirstOrThrow()).id;
    await db.insertInto('badge_awards').values({ ecosystem_id: e, pass_id: pass.id, achievement_id: achievement, credential: JSON.stringify({ type: ['VerifiableCredential', 'OpenBadgeCredential'], proof: { proofValue: 'z123' } }) }).execute();
    const coordinator = await signedInAs(database, { ecosystemId: e, role: 'coordinator' }, 'kijker@proef.example');
    assert.equal((await app.inject({ url: `/e/proef/beheer/passen/opzoeken/${pass.id}`, cookies: coordinator.cookies })).statusCode, 200);

    const res = await get(app, browser, '/e/proef/ouders/pas/alle-gegevens.json');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^application\/json/);
    assert.match(res.headers['content-disposition'] as string, /^attachment; filename="kinderpas-[0-9A-Z]{4}\.json"$/);
    assert.equal(res.headers['cache-control'], 'no-store');
    const data = res.json();
    assert.equal(data.pass.code, code);
    assert.deepEqual(data.profile, { nickname: 'Bouwer', birthYear: thisYear - 8, postcode: '7511', neighbourhood: 'Enschede Centrum', school: 'Basisschool De Proef', gender: 'other', contactEmail: null });
    assert.deepEqual(data.consents.current, { path_page: true, badges: true, email: false, monitoring: true });
    assert.deepEqual(data.consents.history.map((h: { purpose: string; givenByName: string }) => [h.purpose, h.givenByName]), [['path_page', 'Kim'], ['badges', 'Kim'], ['monitoring', 'Kim']]);
    assert.deepEqual(data.participations.map((p: { activity: string; organisation: string }) => [p.activity, p.organisation]).sort(), [
      ['Robots bouwen en programmeren', 'Bibliotheek Proefstad'], ['Sterrenkijken in de Natuurtuin', 'Museum voor Techniek'],
    ]);
    assert.ok(data.participations.every((p: { scannedAt: string; session: { startsAt: string } }) => !Number.isNaN(Date.parse(p.scannedAt)) && p.session.startsAt));
    assert.deepEqual(data.participations.find((p: { activity: string }) => p.activity.startsWith('Robots')).monitoringSnapshot, { neighbourhoodId: pass.neighbourhood_id, age: 8 });
    assert.equal(data.badges.length, 1);
    assert.equal(data.badges[0].achievement, 'Robotbouwer');
    assert.equal(data.badges[0].credential.proof.proofValue, 'z123');
    assert.deepEqual(data.staffViews.map((v: { by: string }) => v.by), ['Proefpersoon']);
    assert.ok(!JSON.stringify(data).includes(pass.secret_hash) && !JSON.stringify(data).includes(pass.subject_key), 'no hashes, no subject key');
    assert.equal((await auditOf('passes.pass.exported')).filter((x) => x.subject_id === String(pass.id)).length, 1);
  });

  test('deleting: a confirm step; the profile goes, check-ins still count but lead nowhere, the code stops working', async () => {
    const { browser, code, secret } = await requestPass(app, { nickname: 'Wegwezen', birthYear: String(thisYear - 10), postcode: '7511', purposes: ['monitoring', 'email', 'path_page'], email: 'weg@proef.example' });
    const pass = (await passByCode(code))!;
    const e = fx.ecosystem.id;
    const kept = await addParticipation(database, { ecosystemId: e, passId: pass.id, sessionId: await sessionOf(database, fx.activities.robots), neighbourhoodId: pass.neighbourhood_id, age: 10 });
    const achievement = (await db.insertInto('achievements').values({ ecosystem_id: e, kind: 'activity', activity_id: fx.activities.water, name: 'Waterproever' }).returning('id').executeTakeFirstOrThrow()).id;
    await db.insertInto('badge_awards').values({ ecosystem_id: e, pass_id: pass.id, achievement_id: achievement, participation_id: kept, credential: JSON.stringify({ proof: 'x' }) }).execute();
    const totalBefore = Number((await db.selectFrom('participations').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

    const confirm = await get(app, browser, '/e/proef/ouders/pas/verwijderen');
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /Dit kan niet ongedaan worden gemaakt/);
    assert.ok(await passByCode(code), 'looking at the confirm step deletes nothing');
    const done = await post(app, browser, '/e/proef/ouders/pas/verwijderen');
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /De pas is verwijderd/);
    assert.equal(browser.cookies.lx_ouder, undefined, 'the session cookie is cleared');

    assert.equal(await passByCode(code), undefined);
    assert.equal((await db.selectFrom('pass_consents').select('id').where('pass_id', '=', pass.id).execute()).length, 0);
    assert.equal((await db.selectFrom('pass_parent_sessions').select('pass_id').where('pass_id', '=', pass.id).execute()).length, 0);
    const participation = await db.selectFrom('participations').selectAll().where('id', '=', kept).executeTakeFirstOrThrow();
    assert.equal(participation.pass_id, null, 'no pass to link to');
    assert.equal(participation.subject_key, pass.subject_key, 'still one child in the totals');
    assert.equal((await db.selectFrom('passes').select('id').where('subject_key', '=', pass.subject_key).execute()).length, 0, 'and the key leads to no pass');
    assert.deepEqual([participation.neighbourhood_id, participation.age], [pass.neighbourhood_id, 10], 'with monitoring consent the coarse snapshot stays');
    assert.equal(Number((await db.selectFrom('participations').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n), totalBefore, 'every check-in still counts');
    const award = await db.selectFrom('badge_awards').selectAll().where('achievement_id', '=', achievement).executeTakeFirstOrThrow();
    assert.deepEqual([award.pass_id, award.credential], [null, null]);
    assert.equal((await db.selectFrom('mail_messages').select('id').where('to_address', '=', 'weg@proef.example').execute()).length, 0);
    const event = (await auditOf('passes.pass.deleted')).filter((x) => x.subject_id === String(pass.id));
    assert.equal(event.length, 1);
    assert.deepEqual(event[0]!.details, { reason: 'parent', participationsAnonymised: 1, badgesAnonymised: 1, monitoringSnapshotsKept: true });

    const reopen = await post(app, await parentBrowser(app), '/e/proef/ouders/openen', { code, secret });
    assert.equal(reopen.statusCode, 400, 'the code no longer works');
    assert.match(reopen.body, /horen niet bij elkaar/);
  });

  test('deleting without monitoring consent clears the snapshots too', async () => {
    const { browser, code } = await requestPass(app, { postcode: '7511', birthYear: String(thisYear - 7) });
    const pass = (await passByCode(code))!;
    const id = await addParticipation(database, { ecosystemId: fx.ecosystem.id, passId: pass.id, sessionId: await sessionOf(database, fx.activities.water), neighbourhoodId: pass.neighbourhood_id, age: 7 });
    await post(app, browser, '/e/proef/ouders/pas/verwijderen');
    const row = await db.selectFrom('participations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual([row.pass_id, row.neighbourhood_id, row.age], [null, null, null]);
  });
});

describe('bad input changes nothing and gets a clear Dutch message', () => {
  const passCount = async () => Number((await db.selectFrom('passes').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  // [fields on top of a good request, field, words of the message]
  const badRequests = (): Array<[Record<string, string | string[]>, string, RegExp]> => [
    [{ postcode: '123' }, 'postcode', /vier cijfers van een postcode/],
    [{ postcode: '12345' }, 'postcode', /vier cijfers van een postcode/],
    [{ postcode: 'abcd' }, 'postcode', /vier cijfers van een postcode/],
    [{ postcode: '0511' }, 'postcode', /vier cijfers van een postcode/],
    [{ postcode: '1011' }, 'postcode', /Postcode 1011 ligt niet in deze regio\. .*Laat de postcode dan leeg/],
    [{ birthYear: String(thisYear - 3) }, 'birthYear', new RegExp(`van ${thisYear - 18} tot en met ${thisYear - 4}`)],
    [{ birthYear: String(thisYear - 19) }, 'birthYear', /4 tot en met 18 jaar/],
    [{ birthYear: '20l6' }, 'birthYear', /vier cijfers/],
    [{ birthYear: '16' }, 'birthYear', /vier cijfers/],
    [{ nickname: 'x'.repeat(41) }, 'nickname', /Maximaal 40 tekens/],
    [{ nickname: 'twee\nregels' }, 'nickname', /zonder regeleinden of stuurtekens/],
    [{ nickname: 'omgekeerd\u202Etxt' }, 'nickname', /zonder regeleinden of stuurtekens/],
    [{ schoolLocationId: '999999' }, 'schoolLocationId', /Kies een school uit de lijst/],
    [{ schoolLocationId: 'een' }, 'schoolLocationId', /Kies een school uit de lijst/],
    // A location of this ecosystem that is not a school.
    [{ schoolLocationId: String(fx.locations.enschede) }, 'schoolLocationId', /Kies een school uit de lijst/],
    [{ gender: 'unknown' }, 'gender', /Kies meisje, jongen, anders/],
    [{ purposes: ['path_page', 'marketing'] }, 'purposes', /Kies alleen uit de onderdelen in de lijst/],
    [{ purposes: 'email' }, 'email', /Vul je e-mailadres in/],
    [{ purposes: 'email', email: 'geen-adres' }, 'email', /e-mailadres/i],
    [{ email: 'ouder@proef.example' }, 'email', /alleen met toestemming voor e-mail/],
    [{ givenBy: 'school' }, 'givenBy', /ouder of de voogd/],
    [{ givenBy: '' }, 'givenBy', /ouder of de voogd/],
    [{ givenByName: 'n'.repeat(101) }, 'givenByName', /Maximaal 100 tekens/],
  ];

  test('requesting a pass: a table of bad input', async () => {
    const before = await passCount();
    const mailBefore = (await db.selectFrom('mail_messages').select('id').execute()).length;
    for (const [fields, field, message] of badRequests()) {
      const browser = await parentBrowser(app);
      const res = await post(app, browser, '/e/proef/ouders/nieuw', { givenBy: 'parent', ...fields });
      assert.equal(res.statusCode, 400, JSON.stringify(fields));
      const error = new RegExp(`id="veld-${field}-fout">([^<]+)<`).exec(res.body)?.[1] ?? '';
      assert.match(error.replace(/&quot;/g, '"'), message, `${JSON.stringify(fields)}: ${error}`);
      assert.match(res.body, /<a class="utrecht-link" href="#veld-/, 'the summary links to the field');
      assert.ok(!res.cookies.some((c) => c.name === 'lx_ouder'));
    }
    assert.equal(await passCount(), before, 'no pass issued');
    assert.equal((await db.selectFrom('mail_messages').select('id').execute()).length, mailBefore, 'no mail');
  });

  test('oversize input, control characters and a wrong CSRF token: refused with a message, never a 500', async () => {
    const before = await passCount();
    const browser = await parentBrowser(app);
    const huge = await post(app, browser, '/e/proef/ouders/nieuw', { givenBy: 'parent', nickname: 'x'.repeat(5000) });
    assert.equal(huge.statusCode, 400);
    assert.match(huge.body, /Maximaal 1000 tekens/);
    const nul = await post(app, browser, '/e/proef/ouders/nieuw', { givenBy: 'parent', nickname: 'a\u0000b' });
    assert.equal(nul.statusCode, 400);
    assert.match(nul.body, /nul-byte of een stuurteken/);
    const manyPurposes = await post(app, browser, '/e/proef/ouders/nieuw', { givenBy: 'parent', purposes: Array(30).fill('badges') });
    assert.equal(manyPurposes.statusCode, 400);
    const tooBig = await app.inject({ method: 'POST', url: '/e/proef/ouders/nieuw', cookies: browser.cookies, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': browser.ip }, payload: `_csrf=${browser.csrf}&nickname=${'x'.repeat(600 * 1024)}` });
    assert.equal(tooBig.statusCode, 413);
    const csrf = await app.inject({ method: 'POST', url: '/e/proef/ouders/nieuw', cookies: browser.cookies, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': browser.ip }, payload: '_csrf=verkeerd&givenBy=parent' });
    assert.equal(csrf.statusCode, 403);
    assert.match(csrf.body, /Dit formulier is verlopen of kwam niet van deze site/);
    const noCookie = await app.inject({ method: 'POST', url: '/e/proef/ouders/nieuw', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': browser.ip }, payload: `_csrf=${browser.csrf}&givenBy=parent` });
    assert.equal(noCookie.statusCode, 403);
    assert.equal(await passCount(), before);
  });

  test('the pass page forms: bad profile and consent input change nothing', async () => {
    const { browser, code } = await requestPass(app, { nickname: 'Blijft', postcode: '7511', purposes: ['badges'] });
    const before = (await passByCode(code))!;
    const consentsBefore = (await db.selectFrom('pass_consents').select('id').where('pass_id', '=', before.id).execute()).length;
    const badProfiles: Array<[Record<string, string>, RegExp]> = [
      [{ nickname: 'Anders', postcode: '99' }, /vier cijfers/],
      [{ nickname: 'Anders', birthYear: '1990' }, /4 tot en met 18 jaar/],
      [{ nickname: 'Anders', schoolLocationId: '2147483648' }, /Kies een school uit de lijst/],
      [{ nickname: 'Anders', gender: 'x' }, /Kies meisje/],
      [{ nickname: 'Anders\ttab' }, /zonder regeleinden/],
    ];
    for (const [fields, message] of badProfiles) {
      const res = await post(app, browser, '/e/proef/ouders/pas/gegevens', fields);
      assert.equal(res.statusCode, 400, JSON.stringify(fields));
      assert.match(res.body, message);
      assert.match(res.body, /value="Anders/, 'what was typed comes back');
    }
    const badConsents: Array<[Record<string, string | string[]>, RegExp]> = [
      [{ purposes: ['badges', 'verkopen'], givenBy: 'parent' }, /Kies alleen uit de onderdelen/],
      [{ purposes: 'badges', givenBy: 'buurman' }, /ouder of de voogd/],
      [{ purposes: 'email', givenBy: 'parent', email: 'x@' }, /e-mailadres/i],
    ];
    for (const [fields, message] of badConsents) {
      const res = await post(app, browser, '/e/proef/ouders/pas/toestemming', fields);
      assert.equal(res.statusCode, 400, JSON.stringify(fields));
      assert.match(res.body, message);
    }
    const after = (await passByCode(code))!;
    assert.deepEqual(after, before);
    assert.equal((await db.selectFrom('pass_consents').select('id').where('pass_id', '=', before.id).execute()).length, consentsBefore);
  });

  test('sending the same request form again (a refresh, a double click) makes one pass and says so', async () => {
    const before = await passCount();
    const mailBefore = (await db.selectFrom('mail_messages').select('id').execute()).length;
    const browser = await parentBrowser(app);
    const aanvraag = await requestFormToken(app, browser, '/e/proef/ouders/nieuw');
    const fields = { givenBy: 'parent', nickname: 'Eenmaal', purposes: ['email'], email: 'eenmaal@proef.example', aanvraag };
    const first = await post(app, browser, '/e/proef/ouders/nieuw', fields);
    assert.equal(first.statusCode, 200);
    const { code } = issuedSecrets(first.body);
    const again = await post(app, browser, '/e/proef/ouders/nieuw', fields);
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, '/e/proef/ouders/pas?klaar=al-gemaakt');
    const page = await get(app, browser, again.headers.location);
    assert.match(page.body, /Deze pas was al gemaakt; er is geen tweede pas gemaakt/);
    assert.match(page.body, new RegExp(code));
    // Two at the same moment, with a token not used before: still one pass.
    const other = await parentBrowser(app);
    const token = await requestFormToken(app, other, '/e/proef/ouders/nieuw');
    const both = await Promise.all([0, 1].map(() => post(app, other, '/e/proef/ouders/nieuw', { givenBy: 'parent', aanvraag: token })));
    assert.deepEqual(both.map((r) => r.statusCode).sort(), [200, 303]);
    assert.equal(await passCount(), before + 2);
    assert.equal((await db.selectFrom('mail_messages').select('id').execute()).length, mailBefore + 1, 'one mail for the first form');

    // Without a usable token: a message, a fresh token, and nothing made.
    for (const bad of ['', 'kort', 'x'.repeat(43) + '!']) {
      const res = await post(app, browser, '/e/proef/ouders/nieuw', { givenBy: 'parent', aanvraag: bad });
      assert.equal(res.statusCode, 400, bad);
      assert.match(res.body, /Druk nog een keer op de knop/);
      assert.match(res.body, /href="#veld-aanvraag"/);
      assert.match(res.body, /id="veld-aanvraag"/, 'the summary’s link has a target');
      assert.match(res.body, /name="aanvraag" value="[A-Za-z0-9_-]{43}"/);
    }
    assert.equal(await passCount(), before + 2);
  });

  test('issuing is rate-limited per address', async () => {
    const browser = await parentBrowser(app);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await post(app, browser, '/e/proef/ouders/nieuw', { givenBy: 'parent' })).statusCode);
    assert.deepEqual(statuses, [...Array(10).fill(200), 429]);
  });
});
