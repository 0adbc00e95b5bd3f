import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { extractText, getDocumentProxy } from 'unpdf';
import { testApp, testDatabase } from '../../../test/helpers/build-app.js';
import { createFixture, type Fixture } from '../../../test/helpers/factories.js';
import { csrfFor, formPost } from '../../../test/helpers/forms.js';
import { signedInAs } from '../../../test/helpers/people.js';
import { createLocation, createOrganisation } from '../catalogue/commands/organisation-commands.js';
import { removeExpiredSheets, sheetLifetimeMs } from './commands/batch-sheets.js';
import { recordCheckIn } from './commands/check-in.js';
import { formatPassCode, hashPassSecret } from './pass-code.js';

const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;
let schoolA: number;
let schoolB: number;
type Person = { cookies: Record<string, string>; csrf: string };
let coordinator: Person;
let contactA: Person;
let contactB: Person;
let partner: Person;

async function person(grant: Parameters<typeof signedInAs>[1]): Promise<Person> {
  const { cookies } = await signedInAs(database, grant);
  return { cookies, csrf: await csrfFor(app, cookies, '/account') };
}

before(async () => {
  fx = await createFixture(database);
  app = await testApp(database, { publicUrl: 'https://leren.example.org' });
  const e = fx.ecosystem.id;
  ({ schoolA, schoolB } = await database.transaction(async (tx) => {
    const school = await createOrganisation(tx, e, { name: 'Basisschool De Regenboog', sector: 'school_primary' });
    const a = await createLocation(tx, e, { organisationId: school.id, name: 'De Regenboog', city: 'Enschede', lat: 52.22, lng: 6.89, isSchool: true });
    const b = await createLocation(tx, e, { organisationId: school.id, name: 'De Regenboog Noord', city: 'Hengelo', lat: 52.26, lng: 6.79, isSchool: true });
    return { schoolA: a.id, schoolB: b.id };
  }));
  coordinator = await person({ ecosystemId: e, role: 'coordinator' });
  contactA = await person({ ecosystemId: e, role: 'school_contact', locationIds: [schoolA] });
  contactB = await person({ ecosystemId: e, role: 'school_contact', locationIds: [schoolB] });
  partner = await person({ ecosystemId: e, role: 'partner_editor', organisationIds: [fx.orgs.library] });
});
after(async () => {
  await app.close();
  await database.drop();
});

const post = (who: Person, url: string, fields: Record<string, string>, cookies: Record<string, string> = who.cookies) =>
  app.inject({ method: 'POST', url, cookies, ...formPost({ _csrf: who.csrf, ...fields }) });

const count = async (table: 'pass_batches' | 'passes' | 'pass_card_sheets') =>
  Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

/** The cookies a response set, added to the person's own (as a browser keeps them). */
function withSetCookies(res: LightMyRequestResponse, cookies: Record<string, string>): Record<string, string> {
  const out = { ...cookies };
  for (const c of res.cookies) out[c.name] = c.value;
  return out;
}

async function pdfText(pdf: Buffer): Promise<{ pages: number; text: string[] }> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { totalPages, text } = await extractText(doc, { mergePages: false });
  return { pages: totalPages, text: text as string[] };
}

/** Issues a batch as the person and follows the redirect; returns the batch id and the browser's cookies after it. */
async function issue(who: Person, fields: Record<string, string>) {
  const res = await post(who, '/e/proef/beheer/passen', fields);
  assert.equal(res.statusCode, 303, res.body.slice(0, 500));
  const location = res.headers.location as string;
  const id = Number(/\/beheer\/passen\/(\d+)\?klaar=uitgegeven$/.exec(location)?.[1]);
  assert.ok(id > 0, location);
  return { id, location, cookies: withSetCookies(res, who.cookies), res };
}

describe('issuing class passes', () => {
  test('a school contact issues a class: the page offers the PDF once, with every code, and the secrets match the stored hashes', async () => {
    const { id, location, cookies, res } = await issue(contactA, { label: 'groep 6b', size: '12', schoolLocationId: String(schoolA) });
    // The key travels only in an httpOnly cookie for this batch's pages.
    const sheetCookie = res.cookies.find((c) => c.name.startsWith('lx_kaarten_'))!;
    assert.equal(sheetCookie.path, `/e/proef/beheer/passen/${id}`);
    assert.equal(sheetCookie.httpOnly, true);
    assert.equal(sheetCookie.sameSite, 'Strict');

    const page = await app.inject({ url: location, cookies });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /De 12 passen zijn gemaakt/);
    assert.match(page.body, /Kaarten downloaden \(PDF\)/);
    assert.equal(page.headers['cache-control'], 'no-store');

    const pdf = await app.inject({ url: `/e/proef/beheer/passen/${id}/kaarten.pdf`, cookies });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.match(pdf.headers['content-disposition'] as string, /attachment; filename="leerpassen-groep-6b\.pdf"/);
    assert.equal(pdf.headers['cache-control'], 'no-store');
    const { pages, text } = await pdfText(pdf.rawPayload);
    assert.equal(pages, 2, 'ten cards a page: 12 cards on two pages');

    const stored = await database.db.selectFrom('passes').select(['id', 'code', 'secret_hash']).where('batch_id', '=', id).orderBy('id').execute();
    assert.equal(stored.length, 12);
    const all = text.join('\n');
    for (const [i, pass] of stored.entries()) {
      assert.ok(text[Math.floor(i / 10)]!.includes(formatPassCode(pass.code)), `card ${i + 1} on page ${Math.floor(i / 10) + 1}`);
      // The secret printed beside the code is the one whose hash the pass keeps.
      const secret = new RegExp(`${formatPassCode(pass.code)}[\\s\\S]*?Geheime code voor ouders\\s+([0-9A-Z]{6})`).exec(all)?.[1];
      assert.ok(secret, `secret of card ${i + 1}`);
      assert.equal(hashPassSecret(pass.code, secret), pass.secret_hash);
    }
    assert.match(all, /Proefregio proef/);
    assert.match(all, /leren\.example\.org\/e\/proef\/mijn-pad/);
    assert.match(all, /leren\.example\.org\/e\/proef\/ouders/);
    assert.match(all, /kaart 12 van 12 · groep 6b/);

    // The sealed sheet reveals nothing without the browser's key: no secret is stored in plain text anywhere.
    const sheet = await database.db.selectFrom('pass_card_sheets').select('sealed').where('batch_id', '=', id).executeTakeFirstOrThrow();
    assert.ok(stored.every((p) => !sheet.sealed.includes(p.code)));

    // Another person who may see the batch (the coordinator) cannot download: the key is not theirs.
    const stolen = await app.inject({ url: `/e/proef/beheer/passen/${id}/kaarten.pdf`, cookies: { ...coordinator.cookies, [sheetCookie.name]: sheetCookie.value } });
    assert.equal(stolen.statusCode, 409);
    // Without the cookie the page says the cards are gone, and offers a reprint.
    const later = await app.inject({ url: `/e/proef/beheer/passen/${id}`, cookies: contactA.cookies });
    assert.match(later.body, /kunnen niet meer worden gedownload/);
    assert.doesNotMatch(later.body, /Kaarten downloaden/);

    const audit = await database.db.selectFrom('audit_events').select(['action', 'details']).where('subject_type', '=', 'pass_batch').where('subject_id', '=', String(id)).orderBy('id').execute();
    assert.deepEqual(audit.map((a) => a.action), ['passes.batch.issued', 'passes.batch.cardsDownloaded']);
    assert.doesNotMatch(JSON.stringify(audit), new RegExp(stored[0]!.code));
  });

  test('the list shows counts only; a school contact sees only their own schools’ classes', async () => {
    const mine = await issue(contactA, { label: 'groep 7a', size: '3', schoolLocationId: String(schoolA) });
    const theirs = await issue(contactB, { label: 'groep 8 Noord', size: '2', schoolLocationId: String(schoolB) });
    const [pass] = await database.db.selectFrom('passes').select('code').where('batch_id', '=', mine.id).execute();
    const session = (await database.db.selectFrom('sessions').select('id').where('activity_id', '=', fx.activities.robots).executeTakeFirstOrThrow()).id;
    const now = new Date();
    await database.db.updateTable('sessions').set({ starts_at: new Date(now.getTime() - 3_600_000), ends_at: new Date(now.getTime() + 3_600_000) }).where('id', '=', session).execute();
    await database.transaction((tx) => recordCheckIn(tx, { kind: 'admin' }, { ecosystemId: fx.ecosystem.id, code: pass!.code, sessionId: session, deviceScanId: randomUUID(), scannedAt: now }));

    const a = await app.inject({ url: '/e/proef/beheer/passen', cookies: contactA.cookies });
    assert.equal(a.statusCode, 200);
    assert.match(a.body, /groep 7a/);
    assert.doesNotMatch(a.body, /groep 8 Noord/);
    // Label, school, size, date, scanned at least once (1), activated (0).
    assert.match(a.body, /groep 7a<\/a><\/th><td class="utrecht-table__cell">De Regenboog, Enschede<\/td><td class="utrecht-table__cell">3<\/td><td class="utrecht-table__cell">[^<]+<\/td><td class="utrecht-table__cell">1<\/td><td class="utrecht-table__cell">0<\/td>/);
    assert.doesNotMatch(a.body, new RegExp(formatPassCode(pass!.code)));
    // The form offers only their own school, and no "without a school".
    assert.match(a.body, /<option value="\d+"[^>]*>De Regenboog, Enschede<\/option>/);
    assert.doesNotMatch(a.body, /De Regenboog Noord/);

    const all = await app.inject({ url: '/e/proef/beheer/passen', cookies: coordinator.cookies });
    assert.match(all.body, /groep 7a/);
    assert.match(all.body, /groep 8 Noord/);
    assert.match(all.body, /Geen school \(bijvoorbeeld een club of BSO-groep\)/);

    // Another school's batch, its cards and its reprint are refused to a school contact.
    for (const res of [
      await app.inject({ url: `/e/proef/beheer/passen/${theirs.id}`, cookies: contactA.cookies }),
      await app.inject({ url: `/e/proef/beheer/passen/${theirs.id}/kaarten.pdf`, cookies: contactA.cookies }),
      await post(contactA, `/e/proef/beheer/passen/${theirs.id}/opnieuw`, { cards: '' }),
    ]) assert.equal(res.statusCode, 403);
  });

  test('bad input gets a specific Dutch message beside its field, the form keeps what was typed, and nothing is issued', async () => {
    const cases: Array<[string, Person, Record<string, string>, string, RegExp]> = [
      ['no label', contactA, { label: '  ', size: '5', schoolLocationId: String(schoolA) }, 'label', /Vul dit in\./],
      ['a label too long', contactA, { label: 'x'.repeat(101), size: '5', schoolLocationId: String(schoolA) }, 'label', /Maximaal 100 tekens\./],
      ['no number', contactA, { label: 'groep 5', size: '', schoolLocationId: String(schoolA) }, 'size', /Kies een aantal van 1 tot en met 40 passen\./],
      ['zero passes', contactA, { label: 'groep 5', size: '0', schoolLocationId: String(schoolA) }, 'size', /Kies een aantal van 1 tot en met 40 passen\./],
      ['41 passes', contactA, { label: 'groep 5', size: '41', schoolLocationId: String(schoolA) }, 'size', /Kies een aantal van 1 tot en met 40 passen\./],
      ['a fraction', contactA, { label: 'groep 5', size: '2.5', schoolLocationId: String(schoolA) }, 'size', /Kies een aantal van 1 tot en met 40 passen\./],
      ['words for a number', contactA, { label: 'groep 5', size: 'twintig', schoolLocationId: String(schoolA) }, 'size', /Kies een aantal/],
      ['a school contact without a school', contactA, { label: 'groep 5', size: '5', schoolLocationId: '' }, 'schoolLocationId', /Kies de school van de klas\./],
      ['a school that is not a number', coordinator, { label: 'groep 5', size: '5', schoolLocationId: 'abc' }, 'schoolLocationId', /Kies een school uit de lijst\./],
      ['a location that is not a school', coordinator, { label: 'groep 5', size: '5', schoolLocationId: String(fx.locations.enschede) }, 'schoolLocationId', /Kies een school uit de lijst\./],
      ['a school that does not exist', coordinator, { label: 'groep 5', size: '5', schoolLocationId: '999999' }, 'schoolLocationId', /Kies een school uit de lijst\./],
    ];
    const before = [await count('pass_batches'), await count('passes'), await count('pass_card_sheets')];
    for (const [name, who, fields, field, message] of cases) {
      const res = await post(who, '/e/proef/beheer/passen', fields);
      assert.equal(res.statusCode, 400, `${name}: ${res.statusCode}`);
      assert.match(res.body, message, name);
      assert.match(res.body, new RegExp(`href="#veld-${field}"`), `${name}: the summary links to the field`);
      if (fields.label && fields.label.trim() && fields.label.length <= 100) assert.match(res.body, new RegExp(`value="${fields.label}"`), `${name}: keeps the label`);
    }
    assert.deepEqual([await count('pass_batches'), await count('passes'), await count('pass_card_sheets')], before);
  });

  test('who may issue: a school contact only for their own school; partners never; coordinators also without a school', async () => {
    const fields = (school: number | '') => ({ label: 'groep 4', size: '2', schoolLocationId: String(school) });
    assert.equal((await post(contactA, '/e/proef/beheer/passen', fields(schoolB))).statusCode, 403, 'another school');
    assert.equal((await post(partner, '/e/proef/beheer/passen', fields(schoolA))).statusCode, 403, 'a partner');
    assert.equal((await app.inject({ url: '/e/proef/beheer/passen', cookies: partner.cookies })).statusCode, 403);
    const none = await issue(coordinator, fields(''));
    const row = await database.db.selectFrom('pass_batches').select('school_location_id').where('id', '=', none.id).executeTakeFirstOrThrow();
    assert.equal(row.school_location_id, null);
    // A batch without a school is the coordinators' alone.
    assert.equal((await app.inject({ url: `/e/proef/beheer/passen/${none.id}`, cookies: contactA.cookies })).statusCode, 403);
  });

  test('a reprint gives new secrets to cards not yet activated, keeps codes and activated cards, and offers the new sheet', async () => {
    const { id } = await issue(contactA, { label: 'groep 3', size: '4', schoolLocationId: String(schoolA) });
    const before = await database.db.selectFrom('passes').select(['id', 'code', 'secret_hash']).where('batch_id', '=', id).orderBy('id').execute();
    // A parent activated card 2 (consent recorded).
    await database.db.insertInto('pass_consents').values({ ecosystem_id: fx.ecosystem.id, pass_id: before[1]!.id, purpose: 'path_page', granted: true, given_by: 'parent' }).execute();

    const bad: Array<[string, RegExp]> = [
      ['0', /Vul kaartnummers in van 1 tot en met 4/],
      ['5', /Vul kaartnummers in van 1 tot en met 4/],
      ['3-1', /Vul kaartnummers in/],
      ['drie', /Vul kaartnummers in/],
      ['2', /houden hun geheime code/],
    ];
    for (const [cards, message] of bad) {
      const res = await post(contactA, `/e/proef/beheer/passen/${id}/opnieuw`, { cards });
      assert.equal(res.statusCode, 400, cards);
      assert.match(res.body.replace(/&quot;/g, '"'), message, cards);
      assert.match(res.body, new RegExp(`value="${cards}"`), `${cards}: kept`);
    }
    assert.deepEqual(await database.db.selectFrom('passes').select(['id', 'code', 'secret_hash']).where('batch_id', '=', id).orderBy('id').execute(), before);

    const res = await post(contactA, `/e/proef/beheer/passen/${id}/opnieuw`, { cards: '1, 2-3' });
    assert.equal(res.statusCode, 303);
    assert.match(res.headers.location as string, /\?klaar=opnieuw&aantal=2$/);
    const cookies = withSetCookies(res, contactA.cookies);
    const after = await database.db.selectFrom('passes').select(['id', 'code', 'secret_hash']).where('batch_id', '=', id).orderBy('id').execute();
    assert.deepEqual(after.map((p) => p.code), before.map((p) => p.code), 'codes stay');
    assert.deepEqual(after.map((p, i) => p.secret_hash !== before[i]!.secret_hash), [true, false, true, false]);

    const page = await app.inject({ url: res.headers.location as string, cookies });
    assert.match(page.body, /2 kaarten hebben een nieuwe geheime code/);
    const pdf = await app.inject({ url: `/e/proef/beheer/passen/${id}/kaarten.pdf`, cookies });
    const { pages, text } = await pdfText(pdf.rawPayload);
    assert.equal(pages, 1);
    assert.ok(text[0]!.includes(formatPassCode(before[0]!.code)) && text[0]!.includes(formatPassCode(before[2]!.code)));
    assert.ok(!text[0]!.includes(formatPassCode(before[1]!.code)) && !text[0]!.includes(formatPassCode(before[3]!.code)));
    assert.match(text[0]!, /kaart 1 van 4[\s\S]*kaart 3 van 4/);

    // Everything activated: nothing to reprint, said plainly.
    for (const p of after) await database.db.insertInto('pass_consents').values({ ecosystem_id: fx.ecosystem.id, pass_id: p.id, purpose: 'badges', granted: false, given_by: 'parent' }).execute();
    const nothing = await post(contactA, `/e/proef/beheer/passen/${id}/opnieuw`, { cards: '' });
    assert.equal(nothing.statusCode, 400);
    assert.match(nothing.body, /Alle kaarten zijn al door ouders in gebruik genomen/);
  });

  test('sheets expire: after half an hour the download is gone and housekeeping removes the row', async () => {
    const { id, cookies } = await issue(coordinator, { label: 'groep 2', size: '1', schoolLocationId: '' });
    await database.db.updateTable('pass_card_sheets').set({ expires_at: new Date(Date.now() - 1000) }).where('batch_id', '=', id).execute();
    const res = await app.inject({ url: `/e/proef/beheer/passen/${id}/kaarten.pdf`, cookies });
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /kunnen niet meer worden gedownload/);
    assert.ok(sheetLifetimeMs >= 10 * 60_000);
    const removed = await database.transaction((tx) => removeExpiredSheets(tx, new Date()));
    assert.ok(removed >= 1);
    assert.equal(Number((await database.db.selectFrom('pass_card_sheets').select((eb) => eb.fn.countAll<string>().as('n')).where('batch_id', '=', id).executeTakeFirstOrThrow()).n), 0);
  });

  test('the management page lists the class passes for school contacts and coordinators', async () => {
    const res = await app.inject({ url: '/e/proef/beheer', cookies: contactA.cookies });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /href="\/e\/proef\/beheer\/passen"/);
    assert.doesNotMatch(res.body, /href="\/e\/proef\/scannen"/);
    const forPartner = await app.inject({ url: '/e/proef/beheer', cookies: partner.cookies });
    assert.match(forPartner.body, /href="\/e\/proef\/scannen"/);
    assert.doesNotMatch(forPartner.body, /href="\/e\/proef\/beheer\/passen"/);
  });
});
