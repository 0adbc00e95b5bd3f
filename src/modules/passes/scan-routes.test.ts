import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { auth, testApp, testDatabase } from '../../../test/helpers/build-app.js';
import { createFixture, type Fixture } from '../../../test/helpers/factories.js';
import { csrfFor, formPost } from '../../../test/helpers/forms.js';
import { signedInAs } from '../../../test/helpers/people.js';
import { issueClassBatch, type IssuedPass } from './commands/pass-issuer.js';
import { checkCharacter, formatPassCode } from './pass-code.js';
import { defaultGuardLimits } from './scan-guard.js';

const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;
type Person = { cookies: Record<string, string>; csrf: string; userId: number };
let library: Person; // partner of the library
let museum: Person; // partner of the museum
let coordinator: Person;
let schoolContact: Person;
let passes: IssuedPass[];
const s = { today: 0, museumToday: 0, cancelled: 0, tomorrow: 0, archived: 0, draft: 0, otherEcosystem: 0 };
const now = () => new Date();

async function person(grant: Parameters<typeof signedInAs>[1]): Promise<Person> {
  const { cookies, userId } = await signedInAs(database, grant);
  return { cookies, userId, csrf: await csrfFor(app, cookies, '/account') };
}

before(async () => {
  fx = await createFixture(database);
  const other = await createFixture(database, 'ander');
  app = await testApp(database);
  const e = fx.ecosystem.id;
  const start = new Date(Date.now() - 30 * 60_000);
  const insert = async (ecosystemId: number, activityId: number, startsAt: Date, status: 'scheduled' | 'cancelled' = 'scheduled') =>
    (await database.db.insertInto('sessions').values({ ecosystem_id: ecosystemId, activity_id: activityId, starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 90 * 60_000), status }).returning('id').executeTakeFirstOrThrow()).id;
  s.today = await insert(e, fx.activities.robots, start);
  s.museumToday = await insert(e, fx.activities.stars, start);
  s.cancelled = await insert(e, fx.activities.robotClub, start, 'cancelled');
  s.tomorrow = await insert(e, fx.activities.robots, new Date(Date.now() + 86_400_000 + 3_600_000));
  s.archived = await insert(e, fx.activities.past, start);
  s.draft = await insert(e, fx.activities.draft, start);
  s.otherEcosystem = await insert(other.ecosystem.id, other.activities.robots, start);
  await database.db.updateTable('activities').set({ status: 'archived' }).where('id', '=', fx.activities.past).execute();
  passes = (await database.transaction((tx) => issueClassBatch(tx, { kind: 'admin' }, { ecosystemId: e, label: 'groep 6', size: 30, schoolLocationId: null }))).passes;
  library = await person({ ecosystemId: e, role: 'partner_editor', organisationIds: [fx.orgs.library] });
  museum = await person({ ecosystemId: e, role: 'partner_editor', organisationIds: [fx.orgs.museum] });
  coordinator = await person({ ecosystemId: e, role: 'coordinator' });
  schoolContact = await person({ ecosystemId: e, role: 'school_contact', locationIds: [fx.locations.enschede] });
});
after(async () => {
  await app.close();
  await database.drop();
});

let nextPass = 0;
/** A pass nobody has scanned yet in this file. */
const freshPass = () => passes[nextPass++]!;

const participations = async () => Number((await database.db.selectFrom('participations').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

const scanForm = (who: Person, fields: Record<string, string>, address = '10.0.0.1') =>
  app.inject({ method: 'POST', url: '/e/proef/scannen', cookies: who.cookies, headers: { 'x-forwarded-for': address, ...formPost({}).headers }, payload: formPost({ _csrf: who.csrf, ...fields }).payload });

const scanApi = (who: Person | 'admin', scans: object[], address = '10.0.0.2') =>
  app.inject({
    method: 'POST',
    url: '/e/proef/api/v1/check-ins',
    ...(who === 'admin' ? { headers: { ...auth, 'x-forwarded-for': address } } : { cookies: who.cookies, headers: { 'x-forwarded-for': address } }),
    payload: { scans },
  });

const scan = (over: Partial<{ code: string; sessionId: number; deviceScanId: string; scannedAt: string }> = {}) => ({
  code: passes[0]!.code,
  sessionId: s.today,
  deviceScanId: randomUUID(),
  scannedAt: now().toISOString(),
  ...over,
});

describe('the scan page', () => {
  test('lists today’s sessions of the partner’s own activities; a coordinator sees every organisation’s', async () => {
    const res = await app.inject({ url: '/e/proef/scannen', cookies: library.cookies });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, new RegExp(`href="/e/proef/scannen\\?bijeenkomst=${s.today}"`));
    for (const id of [s.museumToday, s.cancelled, s.tomorrow, s.archived, s.draft]) assert.doesNotMatch(res.body, new RegExp(`bijeenkomst=${id}"`), `session ${id}`);
    // Without a session chosen, no JavaScript: the list is plain links.
    assert.doesNotMatch(res.body, /<script src="\/assets\/js\/scan\.js"/);
    const all = await app.inject({ url: '/e/proef/scannen', cookies: coordinator.cookies });
    assert.match(all.body, new RegExp(`bijeenkomst=${s.today}"`));
    assert.match(all.body, new RegExp(`bijeenkomst=${s.museumToday}"`));

    const chosen = await app.inject({ url: `/e/proef/scannen?bijeenkomst=${s.today}`, cookies: library.cookies });
    assert.equal(chosen.statusCode, 200);
    assert.match(chosen.body, /Je scant bij Robots bouwen en programmeren/);
    assert.match(chosen.body, /<script src="\/assets\/js\/scan\.js" defer>/);
    assert.match(chosen.body, /name="deviceScanId" value="[0-9a-f-]{36}"/);
    // Another partner's session, another day's or a made-up one: not offered, and said so.
    for (const id of [s.museumToday, s.tomorrow, 999_999]) {
      const refused = await app.inject({ url: `/e/proef/scannen?bijeenkomst=${id}`, cookies: library.cookies });
      assert.equal(refused.statusCode, 404);
      assert.match(refused.body, /Bij deze bijeenkomst kun je vandaag niet scannen/);
    }
  });

  test('a typed code is recorded; the same form sent twice counts once ("Al gescand")', async () => {
    const pass = freshPass();
    const page = await app.inject({ url: `/e/proef/scannen?bijeenkomst=${s.today}`, cookies: library.cookies });
    const deviceScanId = /name="deviceScanId" value="([^"]+)"/.exec(page.body)![1]!;
    const before = await participations();
    const typed = formatPassCode(pass.code).toLowerCase().replace(/-/g, ' ');
    const first = await scanForm(library, { sessionId: String(s.today), deviceScanId, code: typed });
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /Stap genoteerd\./);
    assert.match(first.body, new RegExp(formatPassCode(pass.code)));
    const nextId = /name="deviceScanId" value="([^"]+)"/.exec(first.body)![1]!;
    assert.notEqual(nextId, deviceScanId, 'a fresh id for the next scan');
    const again = await scanForm(library, { sessionId: String(s.today), deviceScanId, code: typed });
    assert.equal(again.statusCode, 200);
    assert.match(again.body, /Al gescand/);
    assert.equal(await participations(), before + 1);
    const row = await database.db.selectFrom('participations').select(['scanned_by', 'session_id', 'organisation_id']).where('device_scan_id', '=', deviceScanId).executeTakeFirstOrThrow();
    assert.deepEqual(row, { scanned_by: library.userId, session_id: s.today, organisation_id: fx.orgs.library });
  });

  test('a card’s address read by a camera counts as its code', async () => {
    const pass = freshPass();
    const res = await scanForm(library, { sessionId: String(s.today), deviceScanId: randomUUID(), code: `https://leren.example.org/e/proef/pas/${pass.code}` });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Stap genoteerd\./);
  });

  test('bad scans through the form: a clear Dutch message, and nothing recorded', async () => {
    const code = passes[0]!.code;
    const wrongCheck = code.slice(0, 16) + (code[16] === '0' ? '1' : '0');
    const cases: Array<[string, Person, Record<string, string>, number, RegExp]> = [
      ['no code', library, { code: '' }, 400, /Vul de code van de pas in\./],
      ['letters outside the alphabet', library, { code: 'UUUU-UUUU-UUUU-UUUU-U' }, 400, /alleen uit cijfers en letters/],
      ['too short', library, { code: '7K3M-9QXD' }, 400, /Een pascode heeft 17 tekens/],
      ['a mistyped character', library, { code: wrongCheck }, 400, /er is waarschijnlijk een teken verkeerd overgenomen/],
      ['a code nobody was given', library, { code: '00000000000000000' }, 400, /Deze pas kennen we niet in dit leerecosysteem\./],
      ['another partner’s session', library, { sessionId: String(s.museumToday) }, 403, /van een andere organisatie/],
      ['a cancelled session', coordinator, { sessionId: String(s.cancelled) }, 400, /Deze bijeenkomst is afgelast/],
      ['an archived activity', coordinator, { sessionId: String(s.archived) }, 400, /gearchiveerd; scannen kan niet/],
      ['an activity not published', coordinator, { sessionId: String(s.draft) }, 400, /niet gepubliceerd/],
      ['a session on another day', library, { sessionId: String(s.tomorrow) }, 400, /alleen op de dag van de bijeenkomst/],
      ['another ecosystem’s session', coordinator, { sessionId: String(s.otherEcosystem) }, 400, /Deze bijeenkomst bestaat niet\./],
      ['a session that does not exist', coordinator, { sessionId: '999999' }, 400, /Deze bijeenkomst bestaat niet\./],
      ['no session', library, { sessionId: '' }, 400, /Bij deze bijeenkomst kun je vandaag niet scannen/],
      ['a session that is not a number', library, { sessionId: 'drie' }, 400, /Bij deze bijeenkomst kun je vandaag niet scannen/],
      ['no device id', library, { deviceScanId: '' }, 400, /Laad de scanpagina opnieuw/],
      ['a device id that is not a UUID', library, { deviceScanId: 'abc' }, 400, /Laad de scanpagina opnieuw/],
    ];
    const before = await participations();
    for (const [name, who, over, status, message] of cases) {
      const res = await scanForm(who, { sessionId: String(s.today), deviceScanId: randomUUID(), code, ...over }, '10.1.0.1');
      assert.equal(res.statusCode, status, `${name}: ${res.statusCode}`);
      assert.match(res.body.replace(/&#39;/g, "'"), message, name);
    }
    assert.equal(await participations(), before);
  });

  test('who may scan: partners and coordinators; anonymous people sign in first; school contacts and others are refused', async () => {
    assert.equal((await app.inject({ url: '/e/proef/scannen' })).statusCode, 303);
    assert.equal((await app.inject({ url: '/e/proef/scannen', cookies: schoolContact.cookies })).statusCode, 403);
    assert.equal((await scanForm(schoolContact, { sessionId: String(s.today), deviceScanId: randomUUID(), code: passes[0]!.code })).statusCode, 403);
    // A form post with a wrong CSRF token is refused before anything is looked at.
    const before = await participations();
    const forged = await app.inject({ method: 'POST', url: '/e/proef/scannen', cookies: library.cookies, ...formPost({ _csrf: 'x'.repeat(43), sessionId: String(s.today), deviceScanId: randomUUID(), code: freshPass().code }) });
    assert.equal(forged.statusCode, 403);
    assert.equal(await participations(), before);
  });
});

describe('the check-in endpoint', () => {
  test('takes a batch and answers each scan; sending the batch again records nothing twice', async () => {
    const [a, b] = [freshPass(), freshPass()];
    const batch = [
      scan({ code: a.code }),
      scan({ code: formatPassCode(b.code).toLowerCase() }),
      scan({ code: '00000000000000000' }),
      scan({ code: b.code, sessionId: s.museumToday }),
    ];
    const before = await participations();
    const first = await scanApi(library, batch);
    assert.equal(first.statusCode, 200, first.body);
    const results = first.json().results as Array<{ deviceScanId: string; status: string; message: string; error?: string; field?: string; participationId?: string }>;
    assert.deepEqual(results.map((r) => r.deviceScanId), batch.map((x) => x.deviceScanId));
    assert.deepEqual(results.map((r) => r.status), ['recorded', 'recorded', 'refused', 'refused']);
    assert.equal(results[0]!.message, 'Stap genoteerd.');
    assert.deepEqual([results[2]!.error, results[2]!.field, results[2]!.message], ['passes.code.unknown', 'code', 'Deze pas kennen we niet in dit leerecosysteem.']);
    assert.deepEqual([results[3]!.error, results[3]!.message], ['forbidden', 'Deze bijeenkomst is van een activiteit van een andere organisatie; daar kun je niet scannen.']);
    assert.equal(await participations(), before + 2);

    // The device lost the answer and sends everything again: the same answers for what was done, nothing recorded twice.
    const resent = await scanApi(library, batch);
    const again = resent.json().results as typeof results;
    assert.deepEqual(again.map((r) => r.status), ['duplicate', 'duplicate', 'refused', 'refused']);
    assert.deepEqual(again.slice(0, 2).map((r) => r.participationId), results.slice(0, 2).map((r) => r.participationId));
    assert.equal(again[0]!.message, 'Al gescand: deze pas staat al genoteerd bij deze bijeenkomst.');
    // Another device scanning the same child at the same session: counted once too.
    const otherDevice = (await scanApi(coordinator, [scan({ code: a.code })])).json().results[0];
    assert.equal(otherDevice.status, 'duplicate');
    assert.equal(await participations(), before + 2);
  });

  test('partners see only their own sessions: the museum records at its own, not at the library’s', async () => {
    const pass = freshPass();
    const mine = (await scanApi(museum, [scan({ code: pass.code, sessionId: s.museumToday })])).json().results[0];
    assert.equal(mine.status, 'recorded');
    const theirs = (await scanApi(museum, [scan({ code: pass.code, sessionId: s.today })])).json().results[0];
    assert.deepEqual([theirs.status, theirs.error], ['refused', 'forbidden']);
  });

  test('bad scans in a batch: each refused with its own Dutch message, nothing recorded', async () => {
    const code = passes[0]!.code;
    const scannedYesterday = new Date(Date.now() - 86_400_000 - 3_600_000).toISOString();
    const cases: Array<[string, Partial<Parameters<typeof scan>[0]>, string, string]> = [
      ['empty code', { code: '' }, 'passes.code.empty', 'Vul de code van de pas in.'],
      ['letters outside the alphabet', { code: 'UUUU-UUUU-UUUU-UUUU-U' }, 'passes.code.characters', 'Een pascode bestaat alleen uit cijfers en letters (zonder I, L, O en U). Kijk de code nog eens na.'],
      ['too short', { code: 'ABCD' }, 'passes.code.length', 'Een pascode heeft 17 tekens, zoals 7K3M-9QXD-2HBA-WT4R-8. Kijk de code nog eens na.'],
      ['wrong check character', { code: code.slice(0, 16) + (code[16] === '0' ? '1' : '0') }, 'passes.code.check', 'Deze code klopt niet: er is waarschijnlijk een teken verkeerd overgenomen. Kijk de code nog eens na.'],
      ['unknown code', { code: '00000000000000000' }, 'passes.code.unknown', 'Deze pas kennen we niet in dit leerecosysteem.'],
      ['cancelled session', { sessionId: s.cancelled }, 'passes.scan.cancelled', 'Deze bijeenkomst is afgelast; scannen kan niet.'],
      ['archived activity', { sessionId: s.archived }, 'passes.scan.activityNotOpen', 'Deze activiteit is niet gepubliceerd of gearchiveerd; scannen kan niet.'],
      ['session tomorrow', { sessionId: s.tomorrow }, 'passes.scan.otherDay', 'Scannen kan alleen op de dag van de bijeenkomst.'],
      ['scanned yesterday', { scannedAt: scannedYesterday }, 'passes.scan.otherDay', 'Scannen kan alleen op de dag van de bijeenkomst.'],
      ['scanned in the future', { scannedAt: new Date(Date.now() + 3_600_000).toISOString() }, 'passes.scan.future', 'Het tijdstip van de scan ligt in de toekomst. Staat de klok van dit apparaat goed?'],
      ['scanned in year 0', { scannedAt: '0000-01-01T00:00:00Z' }, 'passes.scan.when', 'Het tijdstip van de scan is onleesbaar.'],
      ['another ecosystem’s session', { sessionId: s.otherEcosystem }, 'passes.scan.unknownSession', 'Deze bijeenkomst bestaat niet.'],
      ['a session that does not exist', { sessionId: 999_999 }, 'passes.scan.unknownSession', 'Deze bijeenkomst bestaat niet.'],
      ['a device id that is not a UUID', { deviceScanId: 'apparaat-1' }, 'passes.scan.deviceScanId', 'De scan mist een geldig kenmerk van het apparaat. Laad de scanpagina opnieuw.'],
    ];
    const before = await participations();
    const res = await scanApi(coordinator, cases.map(([, over]) => scan(over)), '10.2.0.1');
    assert.equal(res.statusCode, 200);
    const results = res.json().results as Array<{ status: string; error: string; message: string }>;
    for (const [i, [name, , error, message]] of cases.entries()) {
      assert.deepEqual([results[i]!.status, results[i]!.error, results[i]!.message], ['refused', error, message], name);
    }
    assert.equal(await participations(), before);
  });

  test('a scan id used for another pass is refused, not taken as a repeat', async () => {
    const deviceScanId = randomUUID();
    const [a, b] = [freshPass(), freshPass()];
    const first = (await scanApi(library, [scan({ code: a.code, deviceScanId })])).json().results[0];
    const reused = (await scanApi(library, [scan({ code: b.code, deviceScanId })])).json().results[0];
    assert.equal(first.status, 'recorded');
    assert.deepEqual([reused.status, reused.error], ['refused', 'passes.scan.deviceScanIdReused']);
  });

  test('a body that is not a batch of scans: 400 with a message per field, nothing recorded', async () => {
    const cases: Array<[string, unknown, string]> = [
      ['no scans', {}, 'scans'],
      ['an empty batch', { scans: [] }, 'scans'],
      ['101 scans', { scans: Array.from({ length: 101 }, () => scan()) }, 'scans'],
      ['a session id as text', { scans: [{ ...scan(), sessionId: 'drie' }] }, 'scans.0.sessionId'],
      ['a time that is not a time', { scans: [{ ...scan(), scannedAt: 'gisteren' }] }, 'scans.0.scannedAt'],
      ['an unknown field', { scans: [{ ...scan(), naam: 'Sam' }] }, 'scans.0.naam'],
      ['a missing code', { scans: [{ sessionId: s.today, deviceScanId: randomUUID(), scannedAt: now().toISOString() }] }, 'scans.0.code'],
      ['a code too long', { scans: [{ ...scan(), code: 'A'.repeat(201) }] }, 'scans.0.code'],
    ];
    const before = await participations();
    for (const [name, payload, field] of cases) {
      const res = await app.inject({ method: 'POST', url: '/e/proef/api/v1/check-ins', cookies: library.cookies, payload: payload as object });
      assert.equal(res.statusCode, 400, name);
      const body = res.json();
      assert.equal(body.error, 'invalid_input', name);
      assert.ok(body.details.some((d: { field: string }) => d.field === field), `${name}: ${JSON.stringify(body.details)}`);
    }
    const notJson = await app.inject({ method: 'POST', url: '/e/proef/api/v1/check-ins', cookies: library.cookies, headers: { 'content-type': 'application/json' }, payload: '{"scans": [' });
    assert.equal(notJson.statusCode, 400);
    assert.equal(await participations(), before);
  });

  test('the session cookie works only for JSON sent by this site; the API key works too; others are refused', async () => {
    const pass = freshPass();
    const body = JSON.stringify({ scans: [scan({ code: pass.code })] });
    // A foreign page can send form-like bodies without asking, or be labelled cross-site by the browser: both refused.
    // (A text body is not even read as a batch; either way nothing is recorded.)
    const before = await participations();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const asForm = await app.inject({ method: 'POST', url: '/e/proef/api/v1/check-ins', cookies: library.cookies, headers: { 'content-type': type }, payload: body });
      assert.ok([400, 403, 415].includes(asForm.statusCode), `${type}: ${asForm.statusCode}`);
    }
    assert.equal(await participations(), before);
    const crossSite = await app.inject({ method: 'POST', url: '/e/proef/api/v1/check-ins', cookies: library.cookies, headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }, payload: body });
    assert.equal(crossSite.statusCode, 403);
    assert.equal((await app.inject({ method: 'POST', url: '/e/proef/api/v1/check-ins', payload: JSON.parse(body) })).statusCode, 401);
    assert.equal((await scanApi(schoolContact, [scan({ code: pass.code })])).statusCode, 403);
    const sameSite = await app.inject({ method: 'POST', url: '/e/proef/api/v1/check-ins', cookies: library.cookies, headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' }, payload: body });
    assert.equal(sameSite.json().results[0].status, 'recorded');
    const admin = await scanApi('admin', [scan({ code: freshPass().code, sessionId: s.museumToday })]);
    assert.equal(admin.json().results[0].status, 'recorded');
  });

  test('the endpoint is documented in the OpenAPI description', async () => {
    const spec = (await app.inject({ url: '/api/docs/openapi.json' })).json();
    const op = spec.paths['/e/{ecosystem}/api/v1/check-ins'].post;
    assert.equal(op.summary, 'Scans van passen noteren');
    assert.deepEqual(op.requestBody.content['application/json'].schema.properties.scans.maxItems, 100);
    assert.ok(op.responses['200'] && op.responses['429']);
  });
});

describe('guessing codes', () => {
  test('unknown codes are logged (with a prefix only) and, after too many, scanning pauses for that person and address', async () => {
    const guesser = await person({ ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] });
    const address = '10.9.9.9';
    // Well-formed codes (the right check character) that nobody was given.
    const unknown = (i: number) => `ZZZZ${String(i).padStart(12, '0')}`;
    const codes = Array.from({ length: defaultGuardLimits.perActor + 1 }, (_, i) => unknown(i) + checkCharacter(unknown(i)));
    const batch = await scanApi(guesser, codes.map((code) => scan({ code })), address);
    const statuses = (batch.json().results as Array<{ status: string; error: string }>).map((r) => `${r.status}:${r.error}`);
    assert.deepEqual(statuses, [...Array(defaultGuardLimits.perActor).fill('refused:passes.code.unknown'), 'retry:too_many_requests']);
    const events = await database.db.selectFrom('audit_events').select(['action', 'details', 'actor_user_id']).where('action', 'in', ['passes.scan.unknownCode', 'passes.scan.paused']).where('actor_user_id', '=', guesser.userId).execute();
    assert.equal(events.filter((e) => e.action === 'passes.scan.unknownCode').length, defaultGuardLimits.perActor);
    assert.equal(events.filter((e) => e.action === 'passes.scan.paused').length, 1);
    for (const e of events) {
      const details = e.details as Record<string, unknown>;
      assert.ok(!JSON.stringify(details).includes(codes[0]!), 'never the whole code');
      if (e.action === 'passes.scan.unknownCode') assert.equal(details.codePrefix, 'ZZZZ');
    }

    // Now everything this person sends waits, even a real pass: the whole batch is answered 429.
    const paused = await scanApi(guesser, [scan({ code: freshPass().code })], '10.9.9.10');
    assert.equal(paused.statusCode, 429);
    assert.ok(Number(paused.headers['retry-after']) > 0);
    assert.match(paused.json().message, /gepauzeerd/);
    const form = await scanForm(guesser, { sessionId: String(s.today), deviceScanId: randomUUID(), code: freshPass().code }, '10.9.9.11');
    assert.equal(form.statusCode, 429);
    assert.match(form.body, /Scannen is even gepauzeerd/);
    // Others keep scanning.
    assert.equal((await scanApi(library, [scan({ code: freshPass().code })], '10.9.9.12')).json().results[0].status, 'recorded');
  });

  test('typos never count: a wrong check character is caught before any look-up', async () => {
    const typist = await person({ ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] });
    const code = passes[0]!.code;
    const typo = code.slice(0, 16) + (code[16] === '0' ? '1' : '0');
    const res = await scanApi(typist, Array.from({ length: 40 }, () => scan({ code: typo })), '10.8.8.8');
    assert.ok((res.json().results as Array<{ error: string }>).every((r) => r.error === 'passes.code.check'));
    assert.equal((await database.db.selectFrom('audit_events').select('id').where('actor_user_id', '=', typist.userId).execute()).length, 0);
  });
});

describe('the page a card’s QR code opens', () => {
  test('explains the pass and links to the path page, without looking anything up', async () => {
    const code = passes[1]!.code;
    const res = await app.inject({ url: `/e/proef/pas/${code}` });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Dit is een leerpas van Proefregio proef/);
    assert.match(res.body, new RegExp(formatPassCode(code)));
    assert.match(res.body, new RegExp(`href="/e/proef/mijn-pad\\?code=${code}"`));
    assert.match(res.body, /href="\/e\/proef\/ouders"/);
    assert.doesNotMatch(res.body, /Deze pas scannen/);
    // Typed by hand in lower case with dashes: the same page.
    assert.equal((await app.inject({ url: `/e/proef/pas/${formatPassCode(code).toLowerCase()}` })).statusCode, 200);
    // Partner staff whose own phone camera opened it go on to the scan page with the code filled in.
    const staff = await app.inject({ url: `/e/proef/pas/${code}`, cookies: library.cookies });
    assert.match(staff.body, new RegExp(`href="/e/proef/scannen\\?code=${code}"`));
    const picker = await app.inject({ url: `/e/proef/scannen?code=${code}`, cookies: library.cookies });
    assert.match(picker.body, new RegExp(`bijeenkomst=${s.today}&amp;code=${code}"`));
    const form = await app.inject({ url: `/e/proef/scannen?bijeenkomst=${s.today}&code=${code}`, cookies: library.cookies });
    assert.match(form.body, new RegExp(`id="veld-code" name="code" value="${code}"`));
  });

  test('a code that cannot be a pass is not found', async () => {
    for (const code of ['ABCD', 'UUUUUUUUUUUUUUUUU', passes[1]!.code.slice(0, 16) + (passes[1]!.code[16] === '0' ? '1' : '0')]) {
      const res = await app.inject({ url: `/e/proef/pas/${code}` });
      assert.equal(res.statusCode, 404, code);
      assert.match(res.body, /Deze pas bestaat niet/);
    }
  });
});
