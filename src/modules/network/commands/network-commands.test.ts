import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Actor } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { testDatabase } from '../../../../test/helpers/build-app.js';
import { createFixture, type Fixture } from '../../../../test/helpers/factories.js';
import { archiveOrganisation, createOrganisation } from '../../catalogue/commands/organisation-commands.js';
import { readSchoolFile } from '../school-csv.js';
import { addPartner, updatePartner } from './network-partner-commands.js';
import { createPerson, deletePerson } from './person-commands.js';
import { createRole, endRole } from './role-commands.js';
import { applySchoolImport, sectorForTypes, updateSchool } from './school-commands.js';

/** The commands on their own: every id is checked against the ecosystem, and an import with a bad row writes nothing. */
const database = await testDatabase();
let fx: Fixture;
let other: Fixture;
const actor: Actor = { kind: 'admin' };

before(async () => {
  fx = await createFixture(database);
  other = await createFixture(database, 'ander');
});
after(() => database.drop());

const problemsOf = (error: unknown) => (error instanceof AppError ? `${error.status} ${error.problems.map((p) => `${p.field}:${p.key}`).join(',') || error.key}` : String(error));
const refused = async (change: () => Promise<unknown>) => {
  try {
    await change();
  } catch (error) {
    return problemsOf(error);
  }
  return 'done';
};

test('one ecosystem never touches another’s partners, people, roles or schools', async () => {
  const theirs = await database.transaction((tx) => createPerson(tx, actor, other.ecosystem.id, { name: 'Elders', jobTitle: '', organisationId: other.orgs.library, email: null, phone: null, userId: null }));
  const theirRole = await database.transaction((tx) => createRole(tx, actor, other.ecosystem.id, { role: 'programme_team', personId: theirs.id, organisationId: null, municipality: null, community: null, startsOn: '2026-01-01', endsOn: null, note: '' }));
  await database.transaction((tx) => addPartner(tx, actor, other.ecosystem.id, { organisationId: other.orgs.museum, status: 'active', statusSince: '2026-01-01', note: '' }));
  const e = fx.ecosystem.id;

  assert.equal(await refused(() => database.transaction((t) => addPartner(t, actor, e, { organisationId: other.orgs.library, status: 'active', statusSince: '2026-01-01', note: '' }))), '400 organisationId:network.field.unknownChoice');
  assert.equal(await refused(() => database.transaction((t) => updatePartner(t, actor, e, other.orgs.museum, { status: 'former', statusSince: '2026-02-01', note: '' }))), '404 error.notFound.organisation');
  assert.equal(await refused(() => database.transaction((t) => createPerson(t, actor, e, { name: 'X', jobTitle: '', organisationId: other.orgs.library, email: null, phone: null, userId: null }))), '400 organisationId:network.field.unknownChoice');
  assert.equal(await refused(() => database.transaction((t) => deletePerson(t, actor, e, theirs.id))), '404 error.notFound.person');
  assert.equal(
    await refused(() => database.transaction((t) => createRole(t, actor, e, { role: 'steering_group', personId: theirs.id, organisationId: null, municipality: null, community: null, startsOn: '2026-01-01', endsOn: null, note: '' }))),
    '400 personId:network.field.unknownChoice',
  );
  assert.equal(await refused(() => database.transaction((t) => endRole(t, actor, e, theirRole.id, '2026-06-30', '2026-03-01'))), '404 error.notFound.networkRole');
  // Theirs is untouched.
  assert.equal((await database.db.selectFrom('network_people').select('id').where('id', '=', theirs.id).execute()).length, 1);
  assert.equal((await database.db.selectFrom('network_roles').select('ends_on').where('id', '=', theirRole.id).executeTakeFirstOrThrow()).ends_on, null);
  assert.equal((await database.db.selectFrom('network_partners').select('status').where('organisation_id', '=', other.orgs.museum).executeTakeFirstOrThrow()).status, 'active');
});

test('an archived organisation cannot become a partner; a role outside its municipalities is refused', async () => {
  const gone = await database.transaction(async (tx) => {
    const org = await createOrganisation(tx, fx.ecosystem.id, { name: 'Opgeheven', sector: 'club' });
    await archiveOrganisation(tx, fx.ecosystem.id, org.id);
    return org.id;
  });
  assert.equal(await refused(() => database.transaction((t) => addPartner(t, actor, fx.ecosystem.id, { organisationId: gone, status: 'active', statusSince: '2026-01-01', note: '' }))), '400 organisationId:network.field.unknownChoice');
  assert.equal(
    await refused(() => database.transaction((t) => createRole(t, actor, fx.ecosystem.id, { role: 'core_team', personId: null, organisationId: fx.orgs.library, municipality: 'Zwolle', community: null, startsOn: '2026-01-01', endsOn: null, note: '' }))),
    '400 municipality:network.field.municipality.required',
  );
});

const header = 'INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;STRAATNAAM;HUISNUMMER-TOEVOEGING;POSTCODE;PLAATSNAAM;ONDERWIJSSTRUCTUUR';
function file(...rows: string[]) {
  const read = readSchoolFile(Buffer.from([header, ...rows].join('\n')));
  assert.deepEqual(read.problems, []);
  return { sheet: read.sheet!, skipped: 0, defaultTypes: null };
}

test('the import writes all rows or none, and updates on a second run', async () => {
  const count = async () => Number((await database.db.selectFrom('schools').select((eb) => eb.fn.countAll().as('n')).where('ecosystem_id', '=', fx.ecosystem.id).executeTakeFirstOrThrow()).n);
  const bad = await database.transaction((tx) => applySchoolImport(tx, actor, fx.ecosystem.id, file('11AA;11AA00;Goed;Weg;1;7511 AA;ENSCHEDE;HAVO', '11AA;11AA01;Fout;Weg;2;1011 AA;AMSTERDAM;VWO'), 'x.csv'));
  assert.equal(bad.applied, false);
  assert.deepEqual(bad.plan.problems.map((p) => [p.row, p.column, p.key]), [[3, 'POSTCODE', 'schools.import.postcode.unknown']]);
  assert.equal(await count(), 0);

  const good = file('11AA;11AA00;Goed;Weg;1;7511 AA;ENSCHEDE;HAVO', '11AA;11AA01;Ook goed;Weg;2;7550 AA;HENGELO;VSO');
  const first = await database.transaction((tx) => applySchoolImport(tx, actor, fx.ecosystem.id, good, 'x.csv'));
  assert.deepEqual([first.applied, first.created, first.updated], [true, 2, 0]);
  const org = await database.db.selectFrom('organisations').select(['name', 'sector']).where('ecosystem_id', '=', fx.ecosystem.id).where('name', '=', 'Goed').executeTakeFirstOrThrow();
  assert.equal(org.sector, 'school_special', 'a so/vso location makes the organisation special education');
  const second = await database.transaction((tx) => applySchoolImport(tx, actor, fx.ecosystem.id, good, 'x.csv'));
  assert.deepEqual([second.applied, second.created, second.updated], [true, 0, 2]);
  assert.equal(await count(), 2);

  // Editing a school of this ecosystem works; another's is not found.
  const school = await database.db.selectFrom('schools').select('id').where('brin', '=', '11AA').where('location_number', '=', '00').executeTakeFirstOrThrow();
  await database.transaction((tx) => updateSchool(tx, actor, fx.ecosystem.id, school.id, { types: ['havo'], pupilCount: 800, participation: 'participating', participatingSince: '2026-09-01', neighbourhoodId: null }));
  assert.equal(await refused(() => database.transaction((t) => updateSchool(t, actor, other.ecosystem.id, school.id, { types: ['havo'], pupilCount: null, participation: 'stopped', participatingSince: null, neighbourhoodId: null }))), '404 error.notFound.school');
  const otherHood = (await database.db.selectFrom('neighbourhoods').select('id').where('ecosystem_id', '=', other.ecosystem.id).executeTakeFirstOrThrow()).id;
  assert.match(await refused(() => database.transaction((t) => updateSchool(t, actor, fx.ecosystem.id, school.id, { types: ['havo'], pupilCount: null, participation: 'stopped', participatingSince: null, neighbourhoodId: otherHood }))), /^400 neighbourhoodId:field\.unknownValue/);
});

test('the sector that fits a school organisation’s types', () => {
  assert.equal(sectorForTypes(['po']), 'school_primary');
  assert.equal(sectorForTypes(['po', 'so']), 'school_special');
  assert.equal(sectorForTypes(['vmbo-tl', 'havo']), 'school_secondary');
  assert.equal(sectorForTypes([]), 'school_secondary');
});
