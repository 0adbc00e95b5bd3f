import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testApp, testDatabase } from '../../../test/helpers/build-app.js';
import { createFixture, type Fixture } from '../../../test/helpers/factories.js';
import { csrfFor, formPost } from '../../../test/helpers/forms.js';
import { multipartBody } from '../../../test/helpers/multipart.js';
import { signedInAs } from '../../../test/helpers/people.js';
import { archiveLocation, createLocation, createOrganisation } from '../catalogue/commands/organisation-commands.js';
import { participatingLocationsByType } from './queries/school-counts.js';

/** School locations through HTTP: the DUO import (preview, all or nothing, confirm), the list with its counts, and editing one school. */
const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;
let other: Fixture;
type Cookies = { lx_sessie: string };
let coordinator: Cookies;
let viewer: Cookies;
let partner: Cookies;

before(async () => {
  fx = await createFixture(database);
  other = await createFixture(database, 'ander');
  app = await testApp(database);
  coordinator = (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' })).cookies;
  viewer = (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'viewer' })).cookies;
  partner = (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] })).cookies;
});
after(async () => {
  await app.close();
  await database.drop();
});

const base = '/e/proef/beheer/netwerk/scholen';
const page = `${base}/importeren`;
const header = 'PROVINCIE;INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;STRAATNAAM;HUISNUMMER-TOEVOEGING;POSTCODE;PLAATSNAAM;GEMEENTENAAM;INTERNETADRES;ONDERWIJSSTRUCTUUR;SOORT PO;AANTAL LEERLINGEN';

/** One row of the test layout, from the values that matter. */
function row(v: Partial<Record<'brin' | 'code' | 'name' | 'street' | 'number' | 'postcode' | 'city' | 'municipality' | 'website' | 'structure' | 'po' | 'pupils', string>>): string {
  const r = { brin: '12AB', code: '12AB00', name: 'Basisschool De Vlieger', street: 'Ruiterweg', number: '3', postcode: '7511 AA', city: 'ENSCHEDE', municipality: 'ENSCHEDE', website: 'www.devlieger.example', structure: '', po: 'Basisonderwijs', pupils: '', ...v };
  return ['Overijssel', r.brin, r.code, r.name, r.street, r.number, r.postcode, r.city, r.municipality, r.website, r.structure, r.po, r.pupils].join(';');
}
const csv = (...rows: string[]) => Buffer.from([header, ...rows].join('\r\n') + '\r\n');

const good = [
  row({}),
  row({ code: '12AB01', name: 'Basisschool De Vlieger, locatie Hengelo', street: 'Marktstraat', number: '12-A', postcode: '7550 BB', city: 'HENGELO', municipality: 'HENGELO', pupils: '212' }),
  row({ brin: '34CD', code: '34CD00', name: 'Twents Lyceum', postcode: '7511 CC', structure: 'HAVO/VWO', po: '', website: 'www.twentslyceum.example' }),
  row({ brin: '56EF', code: '56EF00', name: 'Almelo College', postcode: '7600 AA', city: 'ALMELO', municipality: 'ALMELO', structure: 'VBO/MAVO', po: '' }),
];

async function upload(cookies: Cookies, data: Buffer, fields: Record<string, string> = {}) {
  const { payload, headers } = multipartBody({ _csrf: await csrfFor(app, cookies, '/account'), ...fields }, { name: 'bestand', fileName: 'vestigingen.csv', type: 'text/csv', data });
  const response = await app.inject({ method: 'POST', url: page, cookies, payload, headers });
  if (response.statusCode !== 303) return { response, location: undefined, preview: undefined };
  const location = response.headers.location as string;
  return { response, location, preview: await app.inject({ url: location, cookies }) };
}

async function confirm(cookies: Cookies, location: string) {
  return app.inject({ method: 'POST', url: location, cookies, ...formPost({ _csrf: await csrfFor(app, cookies, '/account') }) });
}

const text = (html: string) => html.replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const schoolCount = async () => Number((await database.db.selectFrom('schools').select((eb) => eb.fn.countAll().as('n')).where('ecosystem_id', '=', fx.ecosystem.id).executeTakeFirstOrThrow()).n);
const tableCounts = async () => ({
  schools: await schoolCount(),
  organisations: Number((await database.db.selectFrom('organisations').select((eb) => eb.fn.countAll().as('n')).where('ecosystem_id', '=', fx.ecosystem.id).executeTakeFirstOrThrow()).n),
  locations: Number((await database.db.selectFrom('locations').select((eb) => eb.fn.countAll().as('n')).where('ecosystem_id', '=', fx.ecosystem.id).executeTakeFirstOrThrow()).n),
});

describe('importing DUO’s list of school locations', () => {
  test('who may import: coordinators; the steering group and partners not; someone signed out goes to sign in', async () => {
    assert.equal((await app.inject({ url: page, cookies: coordinator })).statusCode, 200);
    assert.equal((await app.inject({ url: page, cookies: viewer })).statusCode, 403);
    assert.equal((await app.inject({ url: page, cookies: partner })).statusCode, 403);
    const anonymous = await app.inject({ url: page });
    assert.equal(anonymous.statusCode, 303);
    assert.match(anonymous.headers.location as string, /^\/inloggen\?volgende=/);
  });

  test('a preview first, row by row; then the confirmation creates organisations, locations and schools', async () => {
    const before = await tableCounts();
    const { location, preview } = await upload(coordinator, csv(...good));
    assert.equal(preview!.statusCode, 200);
    const body = text(preview!.body);
    assert.match(body, /Vestigingen in dit bestand: 3\. Nieuw: 3, bijwerken: 0, met fouten: 0\./);
    assert.match(body, /Rijen overgeslagen omdat hun gemeente niet bij dit leerecosysteem hoort: 1\./);
    assert.match(body, /Nieuwe organisaties: Basisschool De Vlieger, Twents Lyceum\./);
    assert.match(body, /Alles klopt\. Er is nog niets opgeslagen/);
    assert.doesNotMatch(body, /Almelo College/);
    assert.deepEqual(await tableCounts(), before, 'the preview writes nothing');

    const done = await confirm(coordinator, location!);
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, `${page}?nieuw=3&bijgewerkt=0`);
    assert.match(text((await app.inject({ url: done.headers.location as string, cookies: coordinator })).body), /Klaar\. Nieuwe schoolvestigingen: 3\. Bijgewerkt: 0\./);
    assert.deepEqual(await tableCounts(), { schools: before.schools + 3, organisations: before.organisations + 2, locations: before.locations + 3 });

    const schools = await database.db
      .selectFrom('schools as s')
      .innerJoin('locations as l', 'l.id', 's.location_id')
      .innerJoin('organisations as o', 'o.id', 'l.organisation_id')
      .select(['s.brin', 's.location_number', 's.school_types', 's.pupil_count', 's.participation', 's.neighbourhood_id', 'l.name', 'l.street', 'l.postcode', 'l.city', 'l.lat', 'l.lng', 'l.is_school', 'o.name as organisation', 'o.sector', 'o.website'])
      .where('s.ecosystem_id', '=', fx.ecosystem.id)
      .orderBy('s.brin')
      .orderBy('s.location_number')
      .execute();
    const hoods = await database.db.selectFrom('postcode_areas').select(['postcode', 'neighbourhood_id', 'lat', 'lng']).where('ecosystem_id', '=', fx.ecosystem.id).execute();
    const area = (pc: string) => hoods.find((h) => h.postcode === pc)!;
    assert.deepEqual(schools.map((s) => [s.brin, s.location_number, s.school_types, s.organisation, s.sector]), [
      ['12AB', '00', ['po'], 'Basisschool De Vlieger', 'school_primary'],
      ['12AB', '01', ['po'], 'Basisschool De Vlieger', 'school_primary'],
      ['34CD', '00', ['havo', 'vwo'], 'Twents Lyceum', 'school_secondary'],
    ]);
    const hengelo = schools[1]!;
    assert.deepEqual(
      [hengelo.street, hengelo.postcode, hengelo.city, hengelo.lat, hengelo.lng, hengelo.neighbourhood_id, hengelo.pupil_count, hengelo.is_school, hengelo.participation],
      ['Marktstraat 12-A', '7550 BB', 'Hengelo', area('7550').lat, area('7550').lng, area('7550').neighbourhood_id, 212, true, 'not_participating'],
    );
    assert.equal(schools[0]!.website, 'https://www.devlieger.example');
    const audit = await database.db.selectFrom('audit_events').select(['action', 'details']).where('action', 'like', 'network.school%').execute();
    assert.equal(audit.filter((a) => a.action === 'network.school.imported').length, 3);
    assert.deepEqual(audit.find((a) => a.action === 'network.schools.imported')!.details, { created: 3, updated: 0, organisations: 2, skipped: 1 });
    // The upload is gone once imported.
    assert.equal((await app.inject({ url: location!, cookies: coordinator })).statusCode, 404);
  });

  test('importing again updates the same locations, matched on BRIN and location number: nothing doubles', async () => {
    const before = await tableCounts();
    const changed = csv(row({ name: 'Basisschool De Vlieger (vernieuwd)', pupils: '301' }), good[1]!, row({ brin: '34CD', code: '34CD00', name: 'Twents Lyceum', postcode: '7511 CC', structure: 'VBO/MAVO/HAVO/VWO', po: '' }));
    const { location, preview } = await upload(coordinator, changed);
    assert.match(text(preview!.body), /Vestigingen in dit bestand: 3\. Nieuw: 0, bijwerken: 3, met fouten: 0\./);
    assert.equal((await confirm(coordinator, location!)).headers.location, `${page}?nieuw=0&bijgewerkt=3`);
    assert.deepEqual(await tableCounts(), before);
    const lyceum = await database.db.selectFrom('schools').select(['school_types', 'pupil_count']).where('brin', '=', '34CD').executeTakeFirstOrThrow();
    assert.deepEqual(lyceum.school_types, ['vmbo-bb', 'vmbo-kb', 'vmbo-tl', 'havo', 'vwo']);
    const vlieger = await database.db.selectFrom('schools as s').innerJoin('locations as l', 'l.id', 's.location_id').select(['l.name', 's.pupil_count']).where('s.brin', '=', '12AB').where('s.location_number', '=', '00').executeTakeFirstOrThrow();
    assert.deepEqual(vlieger, { name: 'Basisschool De Vlieger (vernieuwd)', pupil_count: 301 });
  });

  // [what, the bad row, column named, message]
  const badRows: Array<[string, string, string, RegExp]> = [
    ['a BRIN of three characters', row({ brin: '1AB', code: '1AB00' }), 'INSTELLINGSCODE', /BRIN-code "1AB" klopt niet: een BRIN-code is twee cijfers en twee letters/],
    ['a BRIN with a digit for a letter', row({ brin: '12A8', code: '12A800' }), 'INSTELLINGSCODE', /BRIN-code "12A8" klopt niet/],
    ['no BRIN', row({ brin: '', code: '12AB00' }), 'INSTELLINGSCODE', /Vul de BRIN-code in\./],
    ['a bad location number', row({ code: '12AB0X' }), 'VESTIGINGSCODE', /Vestigingscode "12AB0X" klopt niet/],
    ['a location code of another BRIN', row({ code: '99ZZ00' }), 'VESTIGINGSCODE', /Vestigingscode 99ZZ00 hoort niet bij BRIN-code 12AB/],
    ['an unknown school type', row({ structure: 'MBO', po: '' }), 'ONDERWIJSSTRUCTUUR', /Onbekende schoolsoort "MBO"/],
    ['vmbo without a track', row({ structure: 'VMBO/HAVO', po: '' }), 'ONDERWIJSSTRUCTUUR', /VMBO zegt niet welke leerweg/],
    ['only practical education', row({ structure: 'PRO', po: '' }), 'ONDERWIJSSTRUCTUUR', /telt niet als schoolsoort voor de subsidie/],
    ['no school type at all', row({ structure: '', po: '' }), 'ONDERWIJSSTRUCTUUR', /Deze rij noemt geen schoolsoort/],
    ['negative pupils', row({ pupils: '-12' }), 'AANTAL LEERLINGEN', /Het aantal leerlingen \(-12\) kan niet negatief zijn\./],
    ['pupils suppressed by DUO', row({ pupils: '<5' }), 'AANTAL LEERLINGEN', /Aantal leerlingen "<5" is geen heel getal/],
    ['a postcode outside the ecosystem', row({ postcode: '9712 AB' }), 'POSTCODE', /Postcode 9712 ligt niet in dit leerecosysteem/],
    ['a postcode that is not one', row({ postcode: '75111' }), 'POSTCODE', /Postcode "75111" klopt niet/],
    ['no name', row({ name: '' }), 'VESTIGINGSNAAM', /Vul de naam van de vestiging in\./],
    ['the same location twice', row({ code: '12AB01', name: 'Dubbel', postcode: '7550 BB' }), 'VESTIGINGSCODE', /BRIN 12AB vestiging 01 staat al in rij 2\./],
  ];
  for (const [what, bad, column, message] of badRows) {
    test(`a file with ${what}: the preview names the row and column, and nothing is imported`, async () => {
      const before = await tableCounts();
      const { location, preview } = await upload(coordinator, csv(good[1]!, bad));
      assert.equal(preview!.statusCode, 200);
      const body = text(preview!.body);
      assert.match(body, /met fouten: 1\./);
      assert.match(body, /Er zijn fouten\. Er wordt niets geïmporteerd/);
      assert.ok(body.includes(`<th class="utrecht-table__header-cell" scope="row">3</th>`), 'the bad row by its number');
      assert.match(body, new RegExp(`${column.replace(/[()]/g, '\\$&')}: `));
      assert.match(body, message);
      assert.doesNotMatch(body, />Importeren</, 'no confirm button');
      // Confirming anyway writes nothing and shows the problems again.
      const forced = await confirm(coordinator, location!);
      assert.equal(forced.headers.location, `${location}?veranderd=1`);
      assert.match(text((await app.inject({ url: forced.headers.location as string, cookies: coordinator })).body), /Er is niets geïmporteerd/);
      assert.deepEqual(await tableCounts(), before);
    });
  }

  // [what, file or form, status, message]
  const badFiles: Array<[string, () => { data?: Buffer; fields?: Record<string, string> }, number, RegExp]> = [
    ['an empty file', () => ({ data: Buffer.alloc(0) }), 400, /Het bestand is leeg/],
    ['no file at all', () => ({}), 400, /Kies een bestand om te uploaden\./],
    ['the wrong columns', () => ({ data: Buffer.from('Naam;Adres;Plaats\r\nDe Vlieger;Ruiterweg 3;Enschede\r\n') }), 400, /niet de kolommen van DUO’s lijst "Adressen alle vestigingen"\. Verwacht: INSTELLINGSCODE, VESTIGINGSCODE/],
    ['missing columns', () => ({ data: Buffer.from('INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM\r\n12AB;12AB00;De Vlieger\r\n') }), 400, /Deze kolommen van DUO ontbreken: STRAATNAAM, HUISNUMMER-TOEVOEGING, POSTCODE, PLAATSNAAM\./],
    ['the wrong separator', () => ({ data: Buffer.from(header.replaceAll(';', '|') + '\r\n' + good[0]!.replaceAll(';', '|') + '\r\n') }), 400, /De kolommen zijn gescheiden door "\|"\. DUO gebruikt puntkomma’s/],
    ['an Excel workbook', () => ({ data: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]) }), 400, /Dit is een Excel-bestand/],
    ['only schools of other municipalities', () => ({ data: csv(good[3]!) }), 400, /Geen enkele rij ligt in een gemeente van dit leerecosysteem \(Enschede, Hengelo\)\. Overgeslagen rijen: 1\./],
    ['an unknown type choice', () => ({ data: csv(good[0]!), fields: { soort: 'mbo' } }), 400, /"mbo" is geen geldige keuze\./],
    ['a huge file', () => ({ data: Buffer.alloc(9 * 1024 * 1024, 0x41) }), 413, /Het bestand is groter dan 8 MB/],
  ];
  for (const [what, make, status, message] of badFiles) {
    test(`uploading ${what}: the form again with what is wrong, nothing stored`, async () => {
      const uploads = async () => Number((await database.db.selectFrom('school_import_uploads').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const before = await uploads();
      const { data, fields = {} } = make();
      const body = data === undefined
        ? multipartBody({ _csrf: await csrfFor(app, coordinator, '/account'), ...fields }, { name: 'bestand', fileName: '', type: 'application/octet-stream', data: Buffer.alloc(0) })
        : multipartBody({ _csrf: await csrfFor(app, coordinator, '/account'), ...fields }, { name: 'bestand', fileName: 'vestigingen.csv', type: 'text/csv', data });
      const res = await app.inject({ method: 'POST', url: page, cookies: coordinator, ...body });
      assert.equal(res.statusCode, status, res.body.slice(0, 300));
      assert.match(text(res.body), message);
      assert.match(res.body, /<form method="post" action="\/e\/proef\/beheer\/netwerk\/scholen\/importeren" enctype="multipart\/form-data"/);
      assert.equal(await uploads(), before);
    });
  }

  test('a wrong CSRF token on the upload or the confirmation is refused; another person’s preview does not exist', async () => {
    const { payload, headers } = multipartBody({ _csrf: 'vals' }, { name: 'bestand', fileName: 'v.csv', type: 'text/csv', data: csv(good[0]!) });
    assert.equal((await app.inject({ method: 'POST', url: page, cookies: coordinator, payload, headers })).statusCode, 403);
    const before = await tableCounts();
    const { location } = await upload(coordinator, csv(row({ brin: '78GH', code: '78GH00', name: 'Nieuwe school' })));
    const wrong = await app.inject({ method: 'POST', url: location!, cookies: coordinator, ...formPost({ _csrf: 'vals' }) });
    assert.equal(wrong.statusCode, 403);
    const colleague = (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' })).cookies;
    assert.equal((await app.inject({ url: location!, cookies: colleague })).statusCode, 404);
    assert.match(text((await confirm(colleague, location!)).body), /Deze import bestaat niet \(meer\)/);
    const outsider = (await signedInAs(database, { ecosystemId: other.ecosystem.id, role: 'coordinator' })).cookies;
    assert.equal((await app.inject({ url: location!.replace('/e/proef/', '/e/ander/'), cookies: outsider })).statusCode, 404);
    assert.equal((await app.inject({ url: `${page}/kort`, cookies: coordinator })).statusCode, 400);
    assert.deepEqual(await tableCounts(), before);
  });

  test('a file without types takes the type chosen at upload; a location entered by hand is adopted, not doubled', async () => {
    const hand = await database.transaction(async (tx) => {
      const org = await createOrganisation(tx, fx.ecosystem.id, { name: 'Kindcentrum De Es', sector: 'school_primary' });
      const location = await createLocation(tx, fx.ecosystem.id, { organisationId: org.id, name: 'KC De Es', postcode: '7550 DD', lat: 52.26, lng: 6.79, isSchool: true });
      return { org: org.id, location: location.id };
    });
    const before = await tableCounts();
    const noTypes = Buffer.from('INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;STRAATNAAM;HUISNUMMER-TOEVOEGING;POSTCODE;PLAATSNAAM\r\n90ZZ;90ZZ00;Kindcentrum De Es;Esweg;4;7550 DD;HENGELO\r\n');
    const { location, preview } = await upload(coordinator, noTypes, { soort: 'po' });
    assert.match(text(preview!.body), /Vestigingen in dit bestand: 1\. Nieuw: 1,/);
    assert.doesNotMatch(text(preview!.body), /Nieuwe organisaties/);
    await confirm(coordinator, location!);
    assert.deepEqual(await tableCounts(), { ...before, schools: before.schools + 1 });
    const school = await database.db.selectFrom('schools').select(['location_id', 'school_types']).where('brin', '=', '90ZZ').executeTakeFirstOrThrow();
    assert.deepEqual(school, { location_id: hand.location, school_types: ['po'] });
  });
});

describe('the list of schools and editing one', () => {
  test('the list filters by type and participation and counts participating locations per type', async () => {
    const list = await app.inject({ url: base, cookies: viewer });
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Basisschool De Vlieger \(vernieuwd\)/);
    assert.match(list.body, /12AB 01/);
    assert.doesNotMatch(list.body, /Scholen importeren uit de DUO-lijst/, 'the steering group does not import');
    const havo = await app.inject({ url: `${base}?soort=havo`, cookies: viewer });
    assert.match(havo.body, /Twents Lyceum/);
    assert.doesNotMatch(havo.body, /Basisschool De Vlieger/);
    const none = await app.inject({ url: `${base}?deelname=participating`, cookies: viewer });
    assert.match(none.body, /Geen vestigingen met deze schoolsoort en deelname\./);
    for (const bad of ['?soort=mbo', '?deelname=misschien']) {
      const res = await app.inject({ url: `${base}${bad}`, cookies: viewer });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /geen geldige keuze/);
    }
    assert.equal((await app.inject({ url: base, cookies: partner })).statusCode, 403);
  });

  const schoolId = async (brin: string, number = '00') =>
    (await database.db.selectFrom('schools').select('id').where('ecosystem_id', '=', fx.ecosystem.id).where('brin', '=', brin).where('location_number', '=', number).executeTakeFirstOrThrow()).id;
  const post = async (url: string, fields: Record<string, string | string[]>) =>
    app.inject({ method: 'POST', url, cookies: coordinator, ...formPost({ _csrf: await csrfFor(app, coordinator, '/account'), ...fields }) });

  test('a coordinator sets participation; the counts the grant is sized on follow', async () => {
    const lyceum = await schoolId('34CD');
    const hood = (await database.db.selectFrom('neighbourhoods').select('id').where('ecosystem_id', '=', fx.ecosystem.id).orderBy('id').executeTakeFirstOrThrow()).id;
    let res = await post(`${base}/${lyceum}`, { types: ['havo', 'vwo'], pupilCount: '1250', participation: 'participating', participatingSince: '2026-02-01', neighbourhoodId: String(hood) });
    assert.equal(res.statusCode, 303, res.body.slice(0, 400));
    res = await post(`${base}/${await schoolId('12AB')}`, { types: ['po'], pupilCount: '', participation: 'participating', participatingSince: '2026-03-01', neighbourhoodId: '' });
    assert.equal(res.statusCode, 303);
    res = await post(`${base}/${await schoolId('12AB', '01')}`, { types: ['po'], pupilCount: '212', participation: 'interested', participatingSince: '2026-03-01', neighbourhoodId: '' });
    assert.equal(res.statusCode, 303);

    const counts = await participatingLocationsByType(database.db, fx.ecosystem.id);
    assert.deepEqual(counts, { po: 1, so: 0, vso: 0, 'vmbo-bb': 0, 'vmbo-kb': 0, 'vmbo-gl': 0, 'vmbo-tl': 0, havo: 1, vwo: 1 });
    const saved = await database.db.selectFrom('schools').select(['pupil_count', 'participation', 'neighbourhood_id']).where('id', '=', lyceum).executeTakeFirstOrThrow();
    assert.deepEqual(saved, { pupil_count: 1250, participation: 'participating', neighbourhood_id: hood });
    const list = text((await app.inject({ url: base, cookies: viewer })).body);
    assert.match(list, /<th class="utrecht-table__header-cell" scope="row">havo<\/th><td class="utrecht-table__cell">1<\/td>/);
    assert.match(list, /Deelnemende vestigingen in totaal: 2\./);
    assert.match(list, /Neemt deel, sinds 1 februari 2026/);
    // "Interested" kept no participation date.
    const interested = await database.db.selectFrom('schools').select('participating_since').where('id', '=', await schoolId('12AB', '01')).executeTakeFirstOrThrow();
    assert.equal(interested.participating_since, null);

    // An archived location no longer counts; another ecosystem's schools never do.
    const vlieger = await database.db.selectFrom('schools').select('location_id').where('id', '=', await schoolId('12AB')).executeTakeFirstOrThrow();
    await database.transaction((tx) => archiveLocation(tx, fx.ecosystem.id, vlieger.location_id));
    assert.equal((await participatingLocationsByType(database.db, fx.ecosystem.id)).po, 0);
    assert.deepEqual(Object.values(await participatingLocationsByType(database.db, other.ecosystem.id)), [0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  // [what, fields, field, message]
  const bad: Array<[string, Record<string, string | string[]>, string, RegExp]> = [
    ['no school type', { types: [] }, 'types', /Kies minstens één schoolsoort\./],
    ['an unknown school type', { types: ['havo', 'mbo'] }, 'types', /"mbo" is geen geldige keuze\./],
    ['negative pupils', { pupilCount: '-3' }, 'pupilCount', /Het aantal leerlingen kan niet negatief zijn\./],
    ['pupils in words', { pupilCount: 'veel' }, 'pupilCount', /heel getal van 0 tot en met 100000/],
    ['too many pupils', { pupilCount: '100001' }, 'pupilCount', /heel getal van 0 tot en met 100000/],
    ['a decimal number of pupils', { pupilCount: '12,5' }, 'pupilCount', /heel getal/],
    ['an unknown participation', { participation: 'maybe' }, 'participation', /"maybe" is geen geldige keuze\./],
    ['participating without a date', { participation: 'participating', participatingSince: '' }, 'participatingSince', /Vul in sinds wanneer de school deelneemt\./],
    ['a date that does not exist', { participation: 'participating', participatingSince: '2026-13-01' }, 'participatingSince', /jjjj-mm-dd/],
    ['a neighbourhood of another ecosystem', { neighbourhoodId: 'OTHER' }, 'neighbourhoodId', /Kies een van de mogelijkheden uit de lijst\./],
    ['an unknown neighbourhood', { neighbourhoodId: '99999' }, 'neighbourhoodId', /Kies een van de mogelijkheden/],
  ];
  for (const [what, change, field, message] of bad) {
    test(`saving a school with ${what}: the message beside the field, nothing changed`, async () => {
      const id = await schoolId('34CD');
      const otherHood = (await database.db.selectFrom('neighbourhoods').select('id').where('ecosystem_id', '=', other.ecosystem.id).executeTakeFirstOrThrow()).id;
      const fields = { types: ['havo'], pupilCount: '10', participation: 'stopped', participatingSince: '', neighbourhoodId: '', ...change };
      if (fields.neighbourhoodId === 'OTHER') fields.neighbourhoodId = String(otherHood);
      const before = await database.db.selectFrom('schools').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const res = await post(`${base}/${id}`, fields);
      assert.equal(res.statusCode, 400);
      assert.match(text(res.body), message);
      assert.match(res.body, new RegExp(`href="#veld-${field}"`));
      assert.deepEqual(await database.db.selectFrom('schools').selectAll().where('id', '=', id).executeTakeFirstOrThrow(), before);
    });
  }

  test('readers see a school without a form; unknown ids are not found', async () => {
    const id = await schoolId('34CD');
    const read = await app.inject({ url: `${base}/${id}`, cookies: viewer });
    assert.equal(read.statusCode, 200);
    assert.match(read.body, /Twents Lyceum/);
    assert.doesNotMatch(read.body, /<form[^>]*method="post"/);
    assert.equal((await post(`${base}/${id}`, { types: ['havo'] }).then(() => app.inject({ method: 'POST', url: `${base}/${id}`, cookies: viewer, ...formPost({ _csrf: 'x' }) }))).statusCode, 403);
    assert.equal((await app.inject({ url: `${base}/999999`, cookies: coordinator })).statusCode, 404);
    const otherSchool = await database.transaction(async (tx) => {
      const org = await createOrganisation(tx, other.ecosystem.id, { name: 'School elders', sector: 'school_primary' });
      const loc = await createLocation(tx, other.ecosystem.id, { organisationId: org.id, name: 'School elders', lat: 52.2, lng: 6.9, isSchool: true });
      return (await tx.db.insertInto('schools').values({ ecosystem_id: other.ecosystem.id, location_id: loc.id, brin: '11AA', location_number: '00', school_types: ['po'] }).returning('id').executeTakeFirstOrThrow()).id;
    });
    const foreign = await app.inject({ url: `${base}/${otherSchool}`, cookies: coordinator });
    assert.equal(foreign.statusCode, 404);
    assert.match(foreign.body, /Deze school bestaat niet in dit leerecosysteem\./);
  });

  test('the sample file is there for anyone, in DUO’s layout', async () => {
    const res = await app.inject({ url: `${base}/voorbeeld.csv` });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-disposition'] as string, /attachment; filename="duo-vestigingen-voorbeeld\.csv"/);
    assert.match(res.body, /^PROVINCIE;BEVOEGD GEZAG NUMMER;INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM/);
  });
});
