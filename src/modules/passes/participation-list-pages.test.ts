import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testApp, testDatabase } from '../../../test/helpers/build-app.js';
import { createFixture, type Fixture } from '../../../test/helpers/factories.js';
import { addParticipation, sessionOf } from '../../../test/helpers/pass-privacy.js';
import { signedInAs } from '../../../test/helpers/people.js';
import { isoDay } from '../../web/format.js';
import { deletePasses } from './commands/pass-privacy-delete.js';
import { issueClassBatch, type IssuedPass } from './commands/pass-issuer.js';

/** The list of check-ins: a partner sees only its own activities' scans, never a child's data; a coordinator sees all. */
const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;
const db = database.db;
let passes: IssuedPass[];
const people: Record<'library' | 'museum' | 'coordinator' | 'viewer' | 'school' | 'elsewhere', Record<string, string>> = {} as never;

before(async () => {
  fx = await createFixture(database);
  const other = await createFixture(database, 'ander');
  app = await testApp(database);
  const e = fx.ecosystem.id;
  passes = [];
  for (let i = 0; i < 2; i++) {
    passes.push(...(await database.transaction((tx) => issueClassBatch(tx, 'system' as never, { ecosystemId: e, label: `groep ${i}`, size: 40, schoolLocationId: null }))).passes);
  }
  await db.updateTable('passes').set({ nickname: 'Geheimpje' }).where('ecosystem_id', '=', e).execute();
  // The museum co-provides the library's robot club: it sees that activity's scans too.
  await db.insertInto('activity_co_providers').values({ ecosystem_id: e, activity_id: fx.activities.robotClub, organisation_id: fx.orgs.museum }).execute();
  const water = await sessionOf(database, fx.activities.water);
  for (const p of passes.slice(0, 55)) await addParticipation(database, { ecosystemId: e, passId: p.id, sessionId: water });
  await addParticipation(database, { ecosystemId: e, passId: passes[0]!.id, sessionId: await sessionOf(database, fx.activities.robots) });
  await addParticipation(database, { ecosystemId: e, passId: passes[1]!.id, sessionId: await sessionOf(database, fx.activities.robotClub) });
  await addParticipation(database, { ecosystemId: e, passId: passes[2]!.id, sessionId: await sessionOf(database, fx.activities.stars) });
  people.library = (await signedInAs(database, { ecosystemId: e, role: 'partner_editor', organisationIds: [fx.orgs.library] })).cookies;
  people.museum = (await signedInAs(database, { ecosystemId: e, role: 'partner_editor', organisationIds: [fx.orgs.museum] })).cookies;
  people.coordinator = (await signedInAs(database, { ecosystemId: e, role: 'coordinator' })).cookies;
  people.viewer = (await signedInAs(database, { ecosystemId: e, role: 'viewer' })).cookies;
  people.school = (await signedInAs(database, { ecosystemId: e, role: 'school_contact', locationIds: [fx.locations.enschede] })).cookies;
  people.elsewhere = (await signedInAs(database, { ecosystemId: other.ecosystem.id, role: 'partner_editor', organisationIds: [other.orgs.library] })).cookies;
});
after(async () => {
  await app.close();
  await database.drop();
});

const list = (who: keyof typeof people, query = '') => app.inject({ url: `/e/proef/beheer/deelnames${query}`, cookies: people[who] });
/** "activity | organisation" of every row of the table. */
const activitiesIn = (body: string) =>
  [...body.matchAll(/<tr class="utrecht-table__row">(<td[\s\S]*?)<\/tr>/g)].map((row) => {
    const cells = [...row[1]!.matchAll(/<td class="utrecht-table__cell">([\s\S]*?)<\/td>/g)].map((c) => c[1]);
    return `${cells[1]} | ${cells[3]}`;
  });
const count = (body: string) => (body.match(/<tr class="utrecht-table__row"><td/g) ?? []).length;

test('a partner sees only the scans at its own activities (as provider or co-provider), never a child’s data', async () => {
  const library = await list('library');
  assert.equal(library.statusCode, 200);
  assert.equal(library.headers['cache-control'], 'no-store');
  const libraryRows = new Set(activitiesIn(library.body));
  assert.deepEqual([...libraryRows].sort(), ['Robotclub voor gevorderden | Bibliotheek Proefstad', 'Robots bouwen en programmeren | Bibliotheek Proefstad']);
  assert.doesNotMatch(library.body, /Geheimpje/);
  assert.match(library.body, /<span class="pass-pseudonym">…[0-9A-Z]{4}<\/span>/);
  for (const p of passes.slice(0, 3)) assert.ok(!library.body.includes(p.code), 'never a whole code');

  const museum = await list('museum', '?pagina=2');
  const museumRows = new Set([...activitiesIn((await list('museum')).body), ...activitiesIn(museum.body)]);
  assert.deepEqual([...museumRows].sort(), ['Proefjes met water | Museum voor Techniek', 'Robotclub voor gevorderden | Bibliotheek Proefstad', 'Sterrenkijken in de Natuurtuin | Museum voor Techniek']);
  // The filter offers only the partner's own activities; another's is "not in the list".
  assert.doesNotMatch((await list('museum')).body, /<option value="\d+">Robots bouwen en programmeren/);
  const foreign = await list('museum', `?activiteit=${fx.activities.robots}`);
  assert.equal(foreign.statusCode, 400);
  assert.match(foreign.body, /Kies een activiteit uit de lijst/);
  assert.equal(count(foreign.body), 0, 'and shows nothing of it');
});

test('a coordinator sees every organisation’s scans, still as pseudonyms; pages of 50', async () => {
  const first = await list('coordinator');
  assert.equal(first.statusCode, 200);
  assert.equal(count(first.body), 50);
  assert.match(first.body, /rel="next"/);
  assert.doesNotMatch(first.body, /Geheimpje/);
  const second = await list('coordinator', '?pagina=2');
  assert.equal(count(second.body), 58 - 50);
  assert.doesNotMatch(second.body, /rel="next"/);
  assert.match(second.body, /rel="prev"/);
  assert.equal(count((await list('coordinator', '?pagina=3')).body), 0);
});

test('filters: by activity and by day', async () => {
  const water = await list('coordinator', `?activiteit=${fx.activities.water}`);
  assert.equal(count(water.body), 50);
  assert.ok(activitiesIn(water.body).every((r) => r.startsWith('Proefjes met water')));
  const stars = await db.selectFrom('sessions').select('starts_at').where('activity_id', '=', fx.activities.stars).orderBy('starts_at').executeTakeFirstOrThrow();
  const day = await list('coordinator', `?datum=${isoDay(stars.starts_at)}`);
  assert.deepEqual(activitiesIn(day.body), ['Sterrenkijken in de Natuurtuin | Museum voor Techniek']);
  assert.equal(count((await list('coordinator', '?datum=2001-01-01')).body), 0);
});

test('bad filters: a clear message, never a 500', async () => {
  const cases: Array<[string, RegExp]> = [
    ['?datum=2026-02-30', /jjjj-mm-dd/],
    ['?datum=gisteren', /jjjj-mm-dd/],
    ['?activiteit=abc', /Kies een activiteit uit de lijst/],
    ['?activiteit=99999999999', /Kies een activiteit uit de lijst/],
    ['?pagina=0', /Dit paginanummer bestaat niet/],
    ['?pagina=-1', /Dit paginanummer bestaat niet/],
    ['?pagina=99999', /Dit paginanummer bestaat niet/],
    ['?pagina=een', /Dit paginanummer bestaat niet/],
  ];
  for (const [query, message] of cases) {
    const res = await list('library', query);
    assert.equal(res.statusCode, 400, query);
    assert.match(res.body, message, query);
  }
  assert.equal((await list('library', `?datum=${'x'.repeat(50)}`)).statusCode, 400);
});

test('a deleted pass’s scans still show, without any pseudonym', async () => {
  await database.transaction((tx) => deletePasses(tx, 'system', fx.ecosystem.id, [passes[2]!.id], 'parent'));
  const res = await list('museum', `?activiteit=${fx.activities.stars}`);
  assert.equal(count(res.body), 1);
  assert.match(res.body, /<span class="muted">verwijderd<\/span>/);
});

test('who may: partners and coordinators; not viewers, school contacts or anyone of another ecosystem', async () => {
  for (const who of ['viewer', 'school', 'elsewhere'] as const) assert.equal((await list(who)).statusCode, 403, who);
  const anonymous = await app.inject({ url: '/e/proef/beheer/deelnames' });
  assert.equal(anonymous.statusCode, 303);
  assert.match((await app.inject({ url: '/e/proef/beheer', cookies: people.library })).body, /Deelnames/);
  assert.doesNotMatch((await app.inject({ url: '/e/proef/beheer', cookies: people.viewer })).body, /Deelnames/);
});
