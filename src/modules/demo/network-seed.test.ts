import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { testApp, testDatabase } from '../../../test/helpers/build-app.js';
import { multipartBody } from '../../../test/helpers/multipart.js';
import { signedInAs } from '../../../test/helpers/people.js';
import { duoSampleCsv } from '../network/school-duo-sample.js';
import { checkDomains } from '../network/domain-check.js';
import { activePartnerSectors, listRoles } from '../network/queries/network-directory.js';
import { participatingLocationsByType } from '../network/queries/school-counts.js';
import { seedDemo } from './seed.js';

// The demo's network: schools for every school location, partners in every domain, invented people in every role.
let database: Awaited<ReturnType<typeof testDatabase>>;
let ecosystemId: number;

before(async () => {
  database = await testDatabase();
  ecosystemId = (await seedDemo(database, { today: new Date('2026-03-10T09:30:00Z'), seed: 7 })).ecosystemId;
});
after(async () => {
  await database.drop();
});

test('every demo school location has a school row with an invented BRIN, some participating', async () => {
  const locations = await database.db.selectFrom('locations').select('id').where('ecosystem_id', '=', ecosystemId).where('is_school', '=', true).execute();
  const schools = await database.db.selectFrom('schools').selectAll().where('ecosystem_id', '=', ecosystemId).execute();
  assert.ok(locations.length >= 30, `${locations.length} school locations`);
  assert.deepEqual(schools.map((s) => s.location_id).sort((a, b) => a - b), locations.map((l) => l.id).sort((a, b) => a - b));
  for (const s of schools) assert.match(s.brin, /^9[0-7][A-Z]{2}$/, 'invented BRINs start with 90–97');
  assert.equal(new Set(schools.map((s) => `${s.brin}${s.location_number}`)).size, schools.length);
  assert.ok(schools.some((s) => s.location_number === '01'), 'organisations with a second location');
  const participating = schools.filter((s) => s.participation === 'participating');
  assert.ok(participating.length >= 10 && participating.length < schools.length, `${participating.length} participating`);
  assert.ok(participating.every((s) => s.participating_since !== null));
  const counts = await participatingLocationsByType(database.db, ecosystemId);
  assert.ok(counts.po > 0 && counts.havo > 0 && counts['vmbo-tl'] > 0, JSON.stringify(counts));
});

test('partners connect the four domains; some are candidates or former', async () => {
  const check = checkDomains(await activePartnerSectors(database.db, ecosystemId));
  assert.equal(check.complete, true, JSON.stringify(check));
  const statuses = await database.db.selectFrom('network_partners').select('status').where('ecosystem_id', '=', ecosystemId).execute();
  for (const status of ['active', 'candidate', 'former']) assert.ok(statuses.some((s) => s.status === status), status);
});

test('invented people, clearly demo, fill every part of the governance structure', async () => {
  const people = await database.db.selectFrom('network_people').select(['name', 'email', 'user_id']).where('ecosystem_id', '=', ecosystemId).execute();
  assert.ok(people.length >= 10);
  for (const p of people) {
    assert.match(p.name, /\(demo\)$/);
    assert.match(p.email ?? '', /\.example$/);
  }
  assert.equal(people.filter((p) => p.user_id !== null).length, 1, 'the coordinator is linked to the demo coordinator account');
  const current = await listRoles(database.db, ecosystemId, { current: '2026-03-10' });
  for (const role of ['lead_applicant', 'steering_group', 'programme_leader', 'coordinator', 'core_team', 'programme_team', 'community_of_practice']) {
    assert.ok(current.some((r) => r.role === role), role);
  }
  assert.deepEqual([...new Set(current.filter((r) => r.role === 'core_team').map((r) => r.municipality))], ['Almelo', 'Enschede', 'Hengelo'], 'core teams by municipality');
  assert.deepEqual([...new Set(current.filter((r) => r.role === 'community_of_practice').map((r) => r.community))].sort(), ['Makeronderwijs', 'Techniek in de onderbouw']);
  const all = await listRoles(database.db, ecosystemId);
  assert.ok(all.some((r) => r.endsOn !== null), 'an ended role shows the history');
});

test('the sample DUO file imports into the demo: eight new locations, the Zwolle row skipped', async () => {
  const app = await testApp(database);
  try {
    const { cookies } = await signedInAs(database, { ecosystemId, role: 'coordinator' });
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await app.inject({ url: '/account', cookies })).body)![1]!;
    const { payload, headers } = multipartBody({ _csrf: csrf }, { name: 'bestand', fileName: 'duo-vestigingen-voorbeeld.csv', type: 'text/csv', data: Buffer.from(duoSampleCsv) });
    const upload = await app.inject({ method: 'POST', url: '/e/twente-demo/beheer/netwerk/scholen/importeren', cookies, payload, headers });
    assert.equal(upload.statusCode, 303, upload.body.slice(0, 500));
    const preview = (await app.inject({ url: upload.headers.location as string, cookies })).body;
    assert.match(preview, /Vestigingen in dit bestand: 8\. Nieuw: 8, bijwerken: 0, met fouten: 0\./);
    assert.match(preview, /Rijen overgeslagen omdat hun gemeente niet bij dit leerecosysteem hoort: 1\./);
    const newOrganisations = /Nieuwe organisaties: ([^<]*)\./.exec(preview)![1]!;
    for (const name of ['Kindcentrum De Weverij', 'Basisschool Het Vlasveld', 'SBO De Molenwiek', 'Lyceum Twentestad', 'Techniekcollege Hengelo', 'De Kei']) assert.ok(newOrganisations.includes(name), name);
    assert.ok(!newOrganisations.includes('De Toren'));
  } finally {
    await app.close();
  }
});
