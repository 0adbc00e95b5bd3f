import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import ICAL from 'ical.js';
import { testApp, testDatabase } from '../../../test/helpers/build-app.js';
import { createFixture, inDays, type Fixture } from '../../../test/helpers/factories.js';
import { get, issuedSecrets, parentBrowser, post, requestFormToken, requestPass } from '../../../test/helpers/pass-privacy.js';
import { signedInAs } from '../../../test/helpers/people.js';
import { captureSmtp, type CapturedMail } from '../../../test/helpers/smtp.js';
import { createSession } from '../catalogue/commands/session-commands.js';

/**
 * Parents sign up over HTTP (an existing pass, a new pass, a series), see,
 * move and cancel; a freed place is offered by mail with a deadline and taken
 * through the mail's link; providers see their own lists, mark attendance,
 * cancel a session with notice. Mail goes over SMTP to a local server and its
 * calendar file is parsed.
 */
const database = await testDatabase();
const smtp = await captureSmtp();
let app: FastifyInstance;
let fx: Fixture;
const db = database.db;
const thisYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(new Date()));

before(async () => {
  fx = await createFixture(database);
  await createFixture(database, 'ander');
  app = await testApp(database, { smtpUrl: smtp.url, publicUrl: 'https://leren.example.org' });
});
after(async () => {
  await app.close();
  await smtp.close();
  await database.drop();
});

async function newSession(activityId: number, capacity: number | null, days = 5): Promise<number> {
  return database.transaction(async (tx) => (await createSession(tx, fx.ecosystem.id, activityId, { startsAt: inDays(days).toISOString(), endsAt: new Date(inDays(days).getTime() + 7_200_000).toISOString(), capacity })).id);
}

/** A parent with a pass of a nine-year-old and e-mail consent; the browser holds the pass's session. */
async function parentWithPass(email: string) {
  return requestPass(app, { birthYear: String(thisYear - 9), purposes: ['email'], email, givenBy: 'parent' });
}

function calendarOf(mail: CapturedMail) {
  const file = mail.attachments.find((a) => a.filename.endsWith('.ics'));
  assert.ok(file, `no .ics in “${mail.subject}”`);
  assert.match(file.contentType, /^text\/calendar/);
  const component = new ICAL.Component(ICAL.parse(file.content));
  const event = component.getFirstSubcomponent('vevent')!;
  return { method: component.getFirstPropertyValue('method'), event: new ICAL.Event(event), status: event.getFirstPropertyValue('status') };
}

describe('a parent signs up', () => {
  test('with an existing pass’s code and secret: a place, and mail with the session in a calendar file', async () => {
    const sessionId = await newSession(fx.activities.robots, 5);
    const { code, secret } = await parentWithPass('ouder1@proef.example');
    const browser = await parentBrowser(app);
    const form = await get(app, browser, `/e/proef/ouders/aanmelden/${sessionId}`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Nog 5 plaatsen vrij/);
    assert.match(form.body, /name="secret"/);
    const res = await post(app, browser, `/e/proef/ouders/aanmelden/${sessionId}`, { code, secret });
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    assert.match(res.body, /uw kind heeft een plek/);
    const mail = await smtp.waitFor((m) => m.to === 'ouder1@proef.example' && m.subject.startsWith('Aangemeld'));
    assert.match(mail.text, /Robots bouwen en programmeren/);
    const { event, status, method } = calendarOf(mail);
    assert.equal(event.summary, 'Robots bouwen en programmeren');
    assert.equal(event.startDate.toJSDate().getTime(), inDays(5).getTime());
    assert.equal(status, 'CONFIRMED');
    assert.equal(method, 'PUBLISH');
    // Opened now: the page knows the pass, and a second sign-up is refused with a clear message.
    const again = await post(app, browser, `/e/proef/ouders/aanmelden/${sessionId}`, {});
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /Deze pas is al aangemeld voor deze bijeenkomst/);
    assert.equal(Number((await db.selectFrom('signups').select((eb) => eb.fn.countAll().as('n')).where('session_id', '=', sessionId).executeTakeFirstOrThrow()).n), 1);
  });

  test('with a new pass requested on the sign-up page: code and secret shown once, the sign-up made with it', async () => {
    const sessionId = await newSession(fx.activities.robots, 5, 6);
    const browser = await parentBrowser(app);
    const res = await post(app, browser, `/e/proef/ouders/aanmelden/${sessionId}/nieuwe-pas`, { birthYear: String(thisYear - 10), givenBy: 'parent', purposes: ['email'], email: 'nieuw@proef.example' });
    assert.equal(res.statusCode, 200, res.body.slice(0, 800));
    const { code } = issuedSecrets(res.body);
    const pass = await db.selectFrom('passes').select('id').where('code', '=', code.replace(/-/g, '')).executeTakeFirstOrThrow();
    const signup = await db.selectFrom('signups').select('status').where('pass_id', '=', pass.id).executeTakeFirstOrThrow();
    assert.equal(signup.status, 'confirmed');
    const mine = await get(app, browser, '/e/proef/ouders/aanmeldingen');
    assert.equal(mine.statusCode, 200);
    assert.match(mine.body, /Aangemeld, heeft een plek/);
  });

  test('the parent’s download of everything about the pass includes its sign-ups', async () => {
    const sessionId = await newSession(fx.activities.robots, 5, 8);
    const browser = await parentBrowser(app);
    const made = await post(app, browser, `/e/proef/ouders/aanmelden/${sessionId}/nieuwe-pas`, { birthYear: String(thisYear - 10), givenBy: 'parent' });
    assert.equal(made.statusCode, 200, made.body.slice(0, 800));
    const download = await get(app, browser, '/e/proef/ouders/pas/alle-gegevens.json');
    assert.equal(download.statusCode, 200);
    const data = JSON.parse(download.body) as { signups?: { signups: Array<{ activity: string; status: string; session: { startsAt: string } }> } };
    assert.equal(data.signups?.signups.length, 1);
    assert.equal(data.signups!.signups[0]!.activity, 'Robots bouwen en programmeren');
    assert.equal(data.signups!.signups[0]!.status, 'confirmed');
    assert.doesNotMatch(download.body, /token/i, 'no tokens or their hashes');
  });

  test('the sign-up page’s new-pass form sent twice makes one pass and one sign-up', async () => {
    const sessionId = await newSession(fx.activities.robots, 5, 7);
    const browser = await parentBrowser(app);
    const aanvraag = await requestFormToken(app, browser, `/e/proef/ouders/aanmelden/${sessionId}`);
    const fields = { birthYear: String(thisYear - 10), givenBy: 'parent', aanvraag };
    const first = await post(app, browser, `/e/proef/ouders/aanmelden/${sessionId}/nieuwe-pas`, fields);
    assert.equal(first.statusCode, 200, first.body.slice(0, 800));
    const again = await post(app, browser, `/e/proef/ouders/aanmelden/${sessionId}/nieuwe-pas`, fields);
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, '/e/proef/ouders/aanmeldingen?klaar=al-gemaakt');
    assert.match((await get(app, browser, again.headers.location)).body, /er is niets dubbel gemaakt/);
    const signups = await db.selectFrom('signups').select('id').where('session_id', '=', sessionId).execute();
    assert.equal(signups.length, 1);
  });

  test('a new pass whose sign-up is refused leaves no pass behind', async () => {
    const sessionId = await newSession(fx.activities.robots, 5, 6);
    const before = await db.selectFrom('passes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const browser = await parentBrowser(app);
    const res = await post(app, browser, `/e/proef/ouders/aanmelden/${sessionId}/nieuwe-pas`, { birthYear: String(thisYear - 4), givenBy: 'parent' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /voor kinderen van 8 tot en met 12 jaar/);
    const afterCount = await db.selectFrom('passes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(afterCount.n), Number(before.n));
  });

  test('for a whole series, then cancels it as one', async () => {
    const a = await newSession(fx.activities.robotClub, 3, 11);
    await newSession(fx.activities.robotClub, 3, 18);
    const { browser } = await requestPass(app, { birthYear: String(thisYear - 11), purposes: ['email'], email: 'reeks@proef.example', givenBy: 'parent' });
    const form = await get(app, browser, `/e/proef/ouders/aanmelden/${a}`);
    assert.match(form.body, /name="reeks"/);
    const res = await post(app, browser, `/e/proef/ouders/aanmelden/${a}`, { reeks: '1' });
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    assert.match(res.body, /een plek in alle 3 bijeenkomsten/);
    const rows = await db.selectFrom('signups as s').innerJoin('passes as p', 'p.id', 's.pass_id').select(['s.id', 's.series_key', 's.status']).where('p.contact_email', '=', 'reeks@proef.example').execute();
    assert.equal(rows.length, 3);
    assert.equal(new Set(rows.map((r) => r.series_key)).size, 1);
    const cancel = await post(app, browser, `/e/proef/ouders/aanmeldingen/${rows[0]!.id}/afmelden`);
    assert.equal(cancel.statusCode, 303);
    const after = await db.selectFrom('signups').select('status').where('id', 'in', rows.map((r) => r.id)).execute();
    assert.deepEqual(after.map((r) => r.status), ['cancelled', 'cancelled', 'cancelled']);
    const mail = await smtp.waitFor((m) => m.to === 'reeks@proef.example' && m.subject.startsWith('Afgemeld'));
    const { status, method } = calendarOf(mail);
    assert.equal(status, 'CANCELLED');
    assert.equal(method, 'CANCEL');
  });

  test('moves a sign-up to another date', async () => {
    const from = await newSession(fx.activities.water, 4, 12);
    const to = await newSession(fx.activities.water, 4, 13);
    const { browser } = await requestPass(app, { birthYear: String(thisYear - 5), givenBy: 'parent' });
    assert.equal((await post(app, browser, `/e/proef/ouders/aanmelden/${from}`, {})).statusCode, 200);
    const id = (await db.selectFrom('signups').select('id').where('session_id', '=', from).executeTakeFirstOrThrow()).id;
    const res = await post(app, browser, `/e/proef/ouders/aanmeldingen/${id}/verzetten`, { sessionId: String(to) });
    assert.equal(res.statusCode, 303);
    assert.equal((await db.selectFrom('signups').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'cancelled');
    assert.equal((await db.selectFrom('signups').select('status').where('session_id', '=', to).executeTakeFirstOrThrow()).status, 'confirmed');
  });
});

describe('the waiting list', () => {
  test('a freed place is offered by mail with a deadline; the family takes it through the link', async () => {
    const sessionId = await newSession(fx.activities.robots, 1, 8);
    const first = await parentWithPass('eerste@proef.example');
    const second = await parentWithPass('tweede@proef.example');
    assert.equal((await post(app, first.browser, `/e/proef/ouders/aanmelden/${sessionId}`, {})).statusCode, 200);
    const waiting = await post(app, second.browser, `/e/proef/ouders/aanmelden/${sessionId}`, {});
    assert.match(waiting.body, /op de wachtlijst, op plaats 1/);
    const waitMail = await smtp.waitFor((m) => m.to === 'tweede@proef.example' && m.subject.startsWith('Wachtlijst'));
    assert.match(waitMail.text, /op plaats 1/);

    const firstId = (await db.selectFrom('signups').select('id').where('session_id', '=', sessionId).where('status', '=', 'confirmed').executeTakeFirstOrThrow()).id;
    assert.equal((await post(app, first.browser, `/e/proef/ouders/aanmeldingen/${firstId}/afmelden`)).statusCode, 303);
    const offer = await smtp.waitFor((m) => m.to === 'tweede@proef.example' && m.subject.startsWith('Er is een plek vrij'));
    assert.match(offer.text, /Bevestig dan vóór/);
    const link = offer.link('https://leren.example.org/e/proef/aanmelding/plek/');
    const path = new URL(link).pathname;
    const page = await get(app, second.browser, path);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Ja, wij nemen de plek/);
    const taken = await post(app, second.browser, path, { keuze: 'ja' });
    assert.equal(taken.statusCode, 200);
    assert.match(taken.body, /uw kind heeft de plek/);
    assert.equal((await db.selectFrom('signups').select('status').where('session_id', '=', sessionId).where('status', '=', 'confirmed').execute()).length, 1);
    // The link works once.
    const again = await post(app, second.browser, path, { keuze: 'ja' });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /Deze plek is niet meer beschikbaar/);
  });
});

describe('providers', () => {
  test('see their own session’s list by pseudonym (logged), not another partner’s; cancel a session with notice', async () => {
    const sessionId = await newSession(fx.activities.robots, 3, 9);
    const { browser } = await parentWithPass('afgelast@proef.example');
    await db.updateTable('passes').set({ nickname: 'Robotfan' }).where('contact_email', '=', 'afgelast@proef.example').execute();
    assert.equal((await post(app, browser, `/e/proef/ouders/aanmelden/${sessionId}`, {})).statusCode, 200);

    const own = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] });
    const other = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.museum] });
    const overview = await app.inject({ url: '/e/proef/beheer/aanmeldingen', cookies: own.cookies });
    assert.equal(overview.statusCode, 200);
    assert.match(overview.body, new RegExp(`/beheer/aanmeldingen/sessie/${sessionId}`));
    const list = await app.inject({ url: `/e/proef/beheer/aanmeldingen/sessie/${sessionId}`, cookies: own.cookies });
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Robotfan/);
    assert.doesNotMatch(list.body, /afgelast@proef\.example/);
    const views = await db.selectFrom('audit_events').select('actor_user_id').where('action', '=', 'signups.list.viewed').where('subject_id', '=', String(sessionId)).execute();
    assert.deepEqual(views.map((v) => v.actor_user_id), [own.userId]);
    assert.equal((await app.inject({ url: `/e/proef/beheer/aanmeldingen/sessie/${sessionId}`, cookies: other.cookies })).statusCode, 403);

    const csrf = /name="_csrf" value="([^"]+)"/.exec(list.body)![1]!;
    // Attendance before the session has begun is refused.
    const signupId = (await db.selectFrom('signups').select('id').where('session_id', '=', sessionId).executeTakeFirstOrThrow()).id;
    const early = await app.inject({ method: 'POST', url: `/e/proef/beheer/aanmeldingen/sessie/${sessionId}/aanwezigheid`, cookies: own.cookies, payload: new URLSearchParams({ _csrf: csrf, signupId, aanwezig: 'ja' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /pas bijhouden als de bijeenkomst begonnen is/);

    const cancel = await app.inject({ method: 'POST', url: `/e/proef/beheer/aanmeldingen/sessie/${sessionId}/afgelasten`, cookies: own.cookies, payload: new URLSearchParams({ _csrf: csrf, reason: 'De begeleider is ziek.' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(cancel.statusCode, 303);
    assert.equal((await db.selectFrom('sessions').select('status').where('id', '=', sessionId).executeTakeFirstOrThrow()).status, 'cancelled');
    const notice = await smtp.waitFor((m) => m.to === 'afgelast@proef.example' && m.subject.startsWith('Gaat niet door'));
    assert.match(notice.text, /De begeleider is ziek\./);
    assert.equal(calendarOf(notice).status, 'CANCELLED');
  });

  test('attendance after the start, and a scan counts as attended', async () => {
    const sessionId = await newSession(fx.activities.robots, 3, 9);
    const { browser } = await parentWithPass('aanwezig@proef.example');
    assert.equal((await post(app, browser, `/e/proef/ouders/aanmelden/${sessionId}`, {})).statusCode, 200);
    // The session has begun (moved into the past, as time would).
    await db.updateTable('sessions').set({ starts_at: new Date(Date.now() - 3_600_000), ends_at: new Date(Date.now() + 3_600_000) }).where('id', '=', sessionId).execute();
    const coordinator = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' });
    const list = await app.inject({ url: `/e/proef/beheer/aanmeldingen/sessie/${sessionId}`, cookies: coordinator.cookies });
    assert.match(list.body, /Nog niet bijgehouden/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(list.body)![1]!;
    const signupId = (await db.selectFrom('signups').select('id').where('session_id', '=', sessionId).executeTakeFirstOrThrow()).id;
    const res = await app.inject({ method: 'POST', url: `/e/proef/beheer/aanmeldingen/sessie/${sessionId}/aanwezigheid`, cookies: coordinator.cookies, payload: new URLSearchParams({ _csrf: csrf, signupId, aanwezig: 'nee' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(res.statusCode, 303);
    assert.equal((await db.selectFrom('signups').select('attendance').where('id', '=', signupId).executeTakeFirstOrThrow()).attendance, 'no_show');
    const pass = await db.selectFrom('signups as s').innerJoin('passes as p', 'p.id', 's.pass_id').select(['p.id', 'p.subject_key']).where('s.id', '=', signupId).executeTakeFirstOrThrow();
    await db.insertInto('participations').values({ ecosystem_id: fx.ecosystem.id, pass_id: pass.id, subject_key: pass.subject_key, session_id: sessionId, activity_id: fx.activities.robots, organisation_id: fx.orgs.library, device_scan_id: randomUUID(), scanned_at: new Date() }).execute();
    const after = await app.inject({ url: `/e/proef/beheer/aanmeldingen/sessie/${sessionId}`, cookies: coordinator.cookies });
    assert.match(after.body, /Aanwezig \(pas gescand\)/);
  });
});
