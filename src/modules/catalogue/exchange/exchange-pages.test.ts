import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { auth, testApp, testDatabase } from '../../../../test/helpers/build-app.js';
import { createFixture, inDays, type Fixture } from '../../../../test/helpers/factories.js';
import { multipartBody } from '../../../../test/helpers/multipart.js';
import { signedInAs } from '../../../../test/helpers/people.js';
import { columns } from './columns.js';
import { formatSessions } from './session-format.js';
import { readSheet } from './sheet-reader.js';
import { toCsv, toXlsx } from './sheet-writer.js';

const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;
let other: Fixture;
let partner: { lx_sessie: string };
let coordinator: { lx_sessie: string };

before(async () => {
  fx = await createFixture(database);
  other = await createFixture(database, 'ander');
  app = await testApp(database);
  partner = (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] })).cookies;
  coordinator = (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' })).cookies;
});
after(async () => {
  await app.close();
  await database.drop();
});

const page = '/e/proef/beheer/aanbod/importeren';
const session = (days: number, capacity?: number) => formatSessions([{ startsAt: inDays(days), endsAt: new Date(inDays(days).getTime() + 2 * 3_600_000), capacity: capacity ?? null }]);

/** A row in the layout, from Dutch headers; the rest empty. */
function row(values: Record<string, string>): string[] {
  return columns.map((c) => values[c.header] ?? '');
}
const vogels = (over: Record<string, string> = {}) => row({
  'Eigen id': 'VOG-1', Titel: 'Vogels kijken', 'Thema’s': 'Natuur, milieu en duurzaamheid', Vorm: 'Excursie', 'Binnen/buiten school': 'Buiten school',
  'Leeftijd van': '8', 'Leeftijd tot': '12', Niveau: 'Kennismaken', Aanmelden: 'Aanmelden', Locatie: 'Bieb Centrum', Sessies: `${session(20, 15)}; ${session(27, 15)}`, ...over,
});

async function csrfOf(cookies: { lx_sessie: string }): Promise<string> {
  const response = await app.inject({ url: page, cookies });
  assert.equal(response.statusCode, 200, response.body);
  return /name="_csrf" value="([^"]+)"/.exec(response.body)![1]!;
}

/** Uploads a file through the form; returns the preview's address and page. */
async function upload(cookies: { lx_sessie: string }, data: Buffer, options: { organisation?: string; fileName?: string } = {}) {
  const { payload, headers } = multipartBody(
    { _csrf: await csrfOf(cookies), organisatie: options.organisation ?? String(fx.orgs.library) },
    { name: 'bestand', fileName: options.fileName ?? 'aanbod.csv', type: 'text/csv', data },
  );
  const response = await app.inject({ method: 'POST', url: page, cookies, payload, headers });
  if (response.statusCode !== 303) return { response, location: undefined, preview: undefined };
  const location = response.headers.location as string;
  const preview = await app.inject({ url: location, cookies });
  return { response, location, preview };
}

async function confirm(cookies: { lx_sessie: string }, location: string, modus: 'alles' | 'geldig') {
  return app.inject({
    method: 'POST', url: location, cookies,
    payload: new URLSearchParams({ _csrf: await csrfOf(cookies), modus }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

const countActivities = async () => Number((await database.db.selectFrom('activities').select((eb) => eb.fn.countAll().as('n')).where('ecosystem_id', '=', fx.ecosystem.id).executeTakeFirstOrThrow()).n);
const byExternalId = (externalId: string) => database.db.selectFrom('activities').selectAll().where('ecosystem_id', '=', fx.ecosystem.id).where('external_id', '=', externalId).execute();

test('who may use the exchange page', async () => {
  const anonymous = await app.inject({ url: page });
  assert.equal(anonymous.statusCode, 303);
  assert.match(anonymous.headers.location as string, /^\/inloggen\?volgende=/);
  for (const role of ['viewer', 'school_contact'] as const) {
    const { cookies } = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role, ...(role === 'school_contact' && { locationIds: [fx.locations.enschede] }) });
    assert.equal((await app.inject({ url: page, cookies })).statusCode, 403, role);
  }
  // A coordinator of another ecosystem is nobody here.
  const stranger = (await signedInAs(database, { ecosystemId: other.ecosystem.id, role: 'coordinator' })).cookies;
  assert.equal((await app.inject({ url: page, cookies: stranger })).statusCode, 403);

  const own = await app.inject({ url: page, cookies: partner });
  assert.equal(own.statusCode, 200);
  assert.match(own.body, /Bibliotheek Proefstad/);
  assert.doesNotMatch(own.body, /Museum voor Techniek/);
  assert.doesNotMatch(own.body, /Volgens de kolom Aanbieder/);
  const all = await app.inject({ url: page, cookies: coordinator });
  assert.match(all.body, /Volgens de kolom Aanbieder/);
  assert.match(all.body, /Het hele aanbod van Proefregio proef/);
});

test('templates: CSV and XLSX with the Dutch column names', async () => {
  const csv = await app.inject({ url: '/e/proef/beheer/aanbod/sjabloon.csv' });
  assert.equal(csv.statusCode, 200);
  assert.match(csv.headers['content-disposition'] as string, /attachment; filename="sjabloon-aanbod-\d{4}-\d{2}-\d{2}\.csv"/);
  assert.equal(csv.rawPayload.subarray(0, 3).toString('hex'), 'efbbbf');
  assert.match(csv.body, /^\uFEFFPlatform-id;Eigen id;Aanbieder;Titel;Samenvatting;Beschrijving;Thema’s;Vorm;Binnen\/buiten school;Leeftijd van;Leeftijd tot;/);
  const xlsx = await app.inject({ url: '/e/proef/beheer/aanbod/sjabloon.xlsx' });
  assert.equal(xlsx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const { sheet, problems } = await readSheet(xlsx.rawPayload);
  // A template has no rows yet; the reader says so and would not import it.
  assert.equal(sheet, undefined);
  assert.deepEqual(problems.map((p) => p.key), ['exchange.file.noRows']);
});

test('a file that is not a spreadsheet, or no file at all: the form again with the problem', async () => {
  const pdf = await upload(partner, Buffer.from('%PDF-1.4\n'), { fileName: 'aanbod.pdf' });
  assert.equal(pdf.response.statusCode, 400);
  assert.match(pdf.response.body, /Dit bestand is geen CSV of Excel/);
  const empty = await upload(partner, Buffer.alloc(0));
  assert.equal(empty.response.statusCode, 400);
  assert.match(empty.response.body, /Het bestand is leeg/);
  const none = await upload(partner, Buffer.alloc(0), { fileName: '' });
  assert.equal(none.response.statusCode, 400);
  assert.match(none.response.body, /Kies een bestand om te uploaden/);
  const noToken = multipartBody({ _csrf: 'vals' }, { name: 'bestand', fileName: 'a.csv', type: 'text/csv', data: toCsv([vogels()]) });
  assert.equal((await app.inject({ method: 'POST', url: page, cookies: partner, ...noToken })).statusCode, 403);
});

test('all or nothing: a file with a bad row writes nothing; then only the valid rows, as the partner chooses', async () => {
  const before = await countActivities();
  const file = toCsv([vogels(), vogels({ 'Eigen id': 'VOG-2', Titel: 'Vleermuizen zoeken', 'Leeftijd van': '14', 'Leeftijd tot': '10' }), vogels({ 'Eigen id': 'VOG-3', Titel: 'Uilen' })]);
  const { location, preview } = await upload(partner, file);
  assert.equal(preview!.statusCode, 200);
  assert.match(preview!.body, /3 rijen: 2 nieuw, 0 bijwerken, 1 met problemen\./);
  assert.match(preview!.body, /<td class="utrecht-table__cell">3<\/td><td class="utrecht-table__cell">Leeftijd tot<\/td><td class="utrecht-table__cell">Leeftijd tot \(10\) is lager dan Leeftijd van \(14\)\.<\/td>/);
  assert.doesNotMatch(preview!.body, />Importeren</);
  assert.match(preview!.body, /Alleen de 2 goede rijen importeren/);

  // Forcing "all" anyway is refused and writes nothing.
  const forced = await confirm(partner, location!, 'alles');
  assert.equal(forced.statusCode, 303);
  assert.equal(forced.headers.location, `${location}?veranderd=1`);
  assert.equal(await countActivities(), before);

  const chosen = await confirm(partner, location!, 'geldig');
  assert.equal(chosen.statusCode, 303);
  assert.equal(chosen.headers.location, `${page}?nieuw=2&bijgewerkt=0`);
  assert.match((await app.inject({ url: chosen.headers.location as string, cookies: partner })).body, /Klaar: 2 nieuwe en 0 bijgewerkte activiteiten/);
  assert.equal(await countActivities(), before + 2);
  const [created] = await byExternalId('VOG-1');
  assert.equal(created!.status, 'draft');
  assert.equal(created!.organisation_id, fx.orgs.library);
  assert.equal((await database.db.selectFrom('sessions').select('capacity').where('activity_id', '=', created!.id).execute()).length, 2);
  assert.deepEqual(await byExternalId('VOG-2'), []);
  const audit = await database.db.selectFrom('audit_events').select(['action', 'actor_kind']).where('action', 'like', 'catalogue.%import%').execute();
  assert.equal(audit.filter((a) => a.action === 'catalogue.activity.imported').length, 2);
  assert.equal(audit.filter((a) => a.action === 'catalogue.offer.imported').length, 1);
  // The upload is gone once imported.
  assert.equal((await app.inject({ url: location!, cookies: partner })).statusCode, 404);
});

test('an upload is only for the person who made it', async () => {
  const { location } = await upload(partner, toCsv([vogels({ 'Eigen id': 'PRIV-1' })]));
  const colleague = (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] })).cookies;
  assert.equal((await app.inject({ url: location!, cookies: colleague })).statusCode, 404);
  assert.equal((await confirm(colleague, location!, 'alles')).statusCode, 404);
  assert.equal((await app.inject({ url: location!.replace('/e/proef/', '/e/ander/'), cookies: partner })).statusCode, 404);
  assert.deepEqual(await byExternalId('PRIV-1'), []);
});

test('another organisation’s offer: not by choosing it, not through the Aanbieder column, not as an export', async () => {
  const chosen = await upload(partner, toCsv([vogels({ 'Eigen id': 'M-1' })]), { organisation: String(fx.orgs.museum) });
  assert.equal(chosen.response.statusCode, 403);
  const { preview } = await upload(partner, toCsv([vogels({ 'Eigen id': 'M-2', Aanbieder: 'Museum voor Techniek', Locatie: 'Museum Hengelo' })]));
  assert.match(preview!.body, /Je mag het aanbod van &quot;Museum voor Techniek&quot; niet wijzigen\./);
  assert.doesNotMatch(preview!.body, /goede rijen importeren|>Importeren</);
  assert.equal((await app.inject({ url: `/e/proef/beheer/aanbod/export.csv?organisatie=${fx.orgs.museum}`, cookies: partner })).statusCode, 403);
  assert.equal((await app.inject({ url: '/e/proef/beheer/aanbod/export.csv', cookies: partner })).statusCode, 403);
  // Another ecosystem's organisation is not found here, even for a coordinator.
  assert.equal((await app.inject({ url: `/e/proef/beheer/aanbod/export.csv?organisatie=${other.orgs.library}`, cookies: coordinator })).statusCode, 404);
  const stranger = (await signedInAs(database, { ecosystemId: other.ecosystem.id, role: 'coordinator' })).cookies;
  assert.equal((await app.inject({ url: '/e/proef/beheer/aanbod/export.xlsx', cookies: stranger })).statusCode, 403);
});

test('round trip: export, import again, nothing doubles; changed sessions replace the upcoming ones, the past stays', async () => {
  const exported = await app.inject({ url: `/e/proef/beheer/aanbod/export.xlsx?organisatie=${fx.orgs.library}`, cookies: partner });
  assert.equal(exported.statusCode, 200);
  const { sheet } = await readSheet(exported.rawPayload);
  const titles = sheet!.rows.map((r) => r[3]);
  assert.ok(titles.includes('Robots bouwen en programmeren') && titles.includes('Voorbije vliegerdag') && !titles.includes('Sterrenkijken in de Natuurtuin'));

  const before = await countActivities();
  const sessionsBefore = await database.db.selectFrom('sessions').select(['id', 'activity_id', 'starts_at']).where('ecosystem_id', '=', fx.ecosystem.id).orderBy('id').execute();
  const { location, preview } = await upload(partner, exported.rawPayload, { fileName: 'export.xlsx' });
  assert.match(preview!.body, new RegExp(`${sheet!.rows.length} rijen: 0 nieuw, ${sheet!.rows.length} bijwerken, 0 met problemen`));
  assert.match(preview!.body, /1 voorbij, overgeslagen/);
  const done = await confirm(partner, location!, 'alles');
  assert.equal(done.headers.location, `${page}?nieuw=0&bijgewerkt=${sheet!.rows.length}`);
  assert.equal(await countActivities(), before);
  const sessionsAfter = await database.db.selectFrom('sessions').select(['id', 'activity_id', 'starts_at']).where('ecosystem_id', '=', fx.ecosystem.id).orderBy('id').execute();
  assert.deepEqual(sessionsAfter, sessionsBefore, 'same sessions, same ids');
  const robots = await database.db.selectFrom('activities').select(['status', 'external_id']).where('id', '=', fx.activities.robots).executeTakeFirstOrThrow();
  assert.equal(robots.status, 'published', 'an update keeps the status');

  // The partner gives the robots workshop an own id and new dates in the CSV; the past session of the kite day stays.
  const csvRows = sheet!.rows.map((r) => [...r]);
  const robotsRow = csvRows.find((r) => r[0] === String(fx.activities.robots))!;
  robotsRow[1] = 'ROB-01';
  robotsRow[23] = `${session(60, 8)}`;
  const pastRow = csvRows.find((r) => r[0] === String(fx.activities.past))!;
  pastRow[23] = '';
  const second = await upload(partner, toCsv(csvRows));
  assert.equal((await confirm(partner, second.location!, 'alles')).statusCode, 303);
  const robotSessions = await database.db.selectFrom('sessions').select(['capacity', 'starts_at']).where('activity_id', '=', fx.activities.robots).execute();
  assert.deepEqual(robotSessions.map((s) => s.capacity), [8]);
  assert.equal((await database.db.selectFrom('sessions').select('id').where('activity_id', '=', fx.activities.past).execute()).length, 1, 'the past session stays');

  // Now matched by the own id alone: no platform id needed, still no duplicate.
  const third = await upload(partner, toCsv([row({ ...Object.fromEntries(columns.map((c, i) => [c.header, robotsRow[i] ?? ''])), 'Platform-id': '', Titel: 'Robots bouwen (nieuw)' })]));
  assert.match(third.preview!.body, /Bijwerken \(activiteit \d+\)/);
  await confirm(partner, third.location!, 'alles');
  assert.equal(await countActivities(), before);
  const renamed = await byExternalId('ROB-01');
  assert.deepEqual(renamed.map((a) => [a.id, a.title]), [[fx.activities.robots, 'Robots bouwen (nieuw)']]);
});

test('a coordinator exports the whole ecosystem as CSV and imports it by the Aanbieder column', async () => {
  const exported = await app.inject({ url: '/e/proef/beheer/aanbod/export.csv', cookies: coordinator });
  assert.equal(exported.statusCode, 200);
  const { sheet } = await readSheet(exported.rawPayload);
  assert.ok(sheet!.rows.some((r) => r[2] === 'Museum voor Techniek') && sheet!.rows.some((r) => r[2] === 'Bibliotheek Proefstad'));
  assert.ok(!sheet!.rows.some((r) => r[2]!.includes('ander')));
  const before = await countActivities();
  const { location, preview } = await upload(coordinator, exported.rawPayload, { organisation: '' });
  assert.match(preview!.body, /0 nieuw/);
  await confirm(coordinator, location!, 'alles');
  assert.equal(await countActivities(), before);
});

test('the API: preview, all or nothing with every problem, valid rows only, export', async () => {
  const url = `/e/proef/api/v1/offer/import?organisationId=${fx.orgs.museum}`;
  const xlsx = await toXlsx([vogels({ 'Eigen id': 'API-1', Locatie: 'Museum Hengelo' }), vogels({ 'Eigen id': 'API-2', 'Thema’s': 'Koken', Locatie: 'Museum Hengelo' })]);
  const headers = { ...auth, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
  const preview = await app.inject({ method: 'POST', url, headers, payload: xlsx });
  assert.equal(preview.statusCode, 200, preview.body);
  assert.equal(preview.json().applied, false);
  assert.deepEqual(preview.json().rows.map((r: { externalId: string; action: string }) => [r.externalId, r.action]), [['API-1', 'create']]);
  assert.equal(preview.json().problems[0].row, 3);

  const all = await app.inject({ method: 'POST', url: `${url}&mode=all`, headers, payload: xlsx });
  assert.equal(all.statusCode, 400);
  assert.equal(all.json().details[0].field, 'rij 3, Thema’s');
  assert.match(all.json().details[0].message, /Het thema "Koken" bestaat niet/);
  assert.deepEqual(await byExternalId('API-1'), []);

  const valid = await app.inject({ method: 'POST', url: `${url}&mode=valid`, headers, payload: xlsx });
  assert.equal(valid.statusCode, 200);
  assert.equal(valid.json().created, 1);
  assert.equal((await byExternalId('API-1'))[0]!.organisation_id, fx.orgs.museum);

  const anonymous = await app.inject({ method: 'POST', url, headers: { 'content-type': 'text/csv' }, payload: toCsv([vogels()]) });
  assert.equal(anonymous.statusCode, 401);
  const wrongType = await app.inject({ method: 'POST', url, headers: { ...auth, 'content-type': 'text/csv' }, payload: Buffer.from('%PDF-1.4') });
  assert.equal(wrongType.statusCode, 400);
  assert.match(wrongType.json().details[0].message, /geen CSV of Excel/);

  const exported = await app.inject({ url: `/e/proef/api/v1/offer/export?organisationId=${fx.orgs.museum}&format=csv`, headers: auth });
  assert.equal(exported.statusCode, 200);
  assert.match(exported.body, /API-1/);
  assert.equal((await app.inject({ url: '/e/proef/api/v1/offer/export' })).statusCode, 401);
});
