import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testApp, testDatabase } from '../../../test/helpers/build-app.js';
import { createFixture, type Fixture } from '../../../test/helpers/factories.js';
import { csrfFor, formPost } from '../../../test/helpers/forms.js';
import { signedInAs } from '../../../test/helpers/people.js';
import { createOrganisation } from '../catalogue/commands/organisation-commands.js';

/** Partners, people, roles and the governance page through HTTP, as a coordinator, the steering group and a partner use them. */
const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;
let other: Fixture;
type Cookies = { lx_sessie: string };
let coordinator: Cookies;
let viewer: Cookies;
let partner: Cookies;
let outsider: Cookies;
const orgs: Record<string, number> = {};

before(async () => {
  fx = await createFixture(database);
  other = await createFixture(database, 'ander');
  app = await testApp(database);
  coordinator = (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' })).cookies;
  viewer = (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'viewer' })).cookies;
  partner = (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] })).cookies;
  outsider = (await signedInAs(database, { ecosystemId: other.ecosystem.id, role: 'coordinator' })).cookies;
  await database.transaction(async (tx) => {
    for (const [key, name, sector] of [
      ['school', 'Basisschool De Esch', 'school_primary'], ['company', 'Hightech Twente BV', 'company'], ['youth', 'Jongerenwerk Proefstad', 'youth_work'],
      ['bso', 'BSO Het Speelhuis', 'out_of_school_care'], ['other', 'Stichting Iets', 'other'],
    ] as const) {
      orgs[key] = (await createOrganisation(tx, fx.ecosystem.id, { name, sector })).id;
    }
  });
});
after(async () => {
  await app.close();
  await database.drop();
});

const base = '/e/proef/beheer/netwerk';

// The CSRF token is the session's; the account page always has a form that carries it.
async function post(cookies: Cookies, url: string, fields: Record<string, string | string[]>) {
  const csrf = await csrfFor(app, cookies, '/account');
  return app.inject({ method: 'POST', url, cookies, ...formPost({ _csrf: csrf, ...fields }) });
}

const count = async (table: 'network_partners' | 'network_people' | 'network_roles') =>
  Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('ecosystem_id', '=', fx.ecosystem.id).executeTakeFirstOrThrow()).n);

const text = (html: string) => html.replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('partners and the domain check', () => {
  test('an empty network: the checklist names every domain and how many partners are missing', async () => {
    const page = await app.inject({ url: base, cookies: coordinator });
    assert.equal(page.statusCode, 200);
    const body = text(page.body);
    assert.match(body, /Er is nog geen partner uit het onderwijs\./);
    assert.match(body, /Er is nog geen partner uit het sociaal domein\./);
    assert.match(body, /Er is nog geen partner uit het bedrijfsleven\./);
    assert.match(body, /Nog 5 partners nodig: er zijn er 0 actief, minstens 5 zijn nodig\./);
    assert.match(body, /Partner toevoegen/);
  });

  test('adding partners fills the checklist, from the data', async () => {
    const add = (organisationId: number, status = 'active', statusSince = '2026-01-15') =>
      post(coordinator, `${base}/partners/nieuw`, { organisationId: String(organisationId), status, statusSince, note: '' });
    for (const id of [fx.orgs.library, orgs.school!, orgs.company!]) assert.equal((await add(id)).statusCode, 303);
    let body = text((await app.inject({ url: base, cookies: coordinator })).body);
    assert.match(body, /Onderwijs: 1 actieve partner\./);
    assert.match(body, /Er is nog geen partner uit het sociaal domein\./);
    assert.match(body, /Nog 2 partners nodig: er zijn er 3 actief/);

    // A candidate does not count yet; an "other" partner counts for five, not for a domain.
    const added = await add(orgs.youth!, 'candidate');
    assert.equal(added.headers.location, `${base}/partners/${orgs.youth}?klaar=toegevoegd`);
    await add(orgs.other!);
    body = text((await app.inject({ url: base, cookies: coordinator })).body);
    assert.match(body, /Er is nog geen partner uit het sociaal domein\./);
    assert.match(body, /Nog 1 partner nodig: er zijn er 4 actief/);

    // The youth work becomes active: all four domains, five partners.
    const changed = await post(coordinator, `${base}/partners/${orgs.youth}`, { status: 'active', statusSince: '2026-02-01', note: 'Tekende de intentieverklaring' });
    assert.equal(changed.statusCode, 303);
    body = text((await app.inject({ url: base, cookies: coordinator })).body);
    assert.match(body, /Het netwerk verbindt alle vier de domeinen met 5 actieve partners\./);
    assert.doesNotMatch(body, /Ontbreekt/);
    const filtered = text((await app.inject({ url: `${base}?status=candidate`, cookies: coordinator })).body);
    assert.match(filtered, /Geen partners met deze status\./);

    const audit = await database.db.selectFrom('audit_events').select(['action', 'subject_id']).where('action', 'like', 'network.partner.%').execute();
    assert.equal(audit.filter((a) => a.action === 'network.partner.added').length, 5);
    assert.deepEqual(audit.filter((a) => a.action === 'network.partner.updated').map((a) => a.subject_id), [String(orgs.youth)]);
  });

  // [what, fields, field, message]
  const bad: Array<[string, Record<string, string>, string, RegExp]> = [
    ['no organisation', { organisationId: '', status: 'active', statusSince: '2026-01-01' }, 'organisationId', /Kies de organisatie die partner wordt\./],
    ['an unknown organisation id', { organisationId: '999999', status: 'active', statusSince: '2026-01-01' }, 'organisationId', /Kies een van de mogelijkheden uit de lijst\./],
    ['an organisation of another ecosystem', { organisationId: 'OTHER', status: 'active', statusSince: '2026-01-01' }, 'organisationId', /Kies een van de mogelijkheden/],
    ['an organisation that is already a partner', { organisationId: 'LIBRARY', status: 'active', statusSince: '2026-01-01' }, 'organisationId', /Kies een van de mogelijkheden/],
    ['not a number', { organisationId: '12abc', status: 'active', statusSince: '2026-01-01' }, 'organisationId', /Kies een van de mogelijkheden/],
    ['no status', { organisationId: 'BSO', status: '', statusSince: '2026-01-01' }, 'status', /Maak een keuze uit de lijst\./],
    ['an unknown status', { organisationId: 'BSO', status: 'sleeping', statusSince: '2026-01-01' }, 'status', /"sleeping" is geen geldige keuze\./],
    ['no date', { organisationId: 'BSO', status: 'active', statusSince: '' }, 'statusSince', /Vul in sinds wanneer deze status geldt\./],
    ['a date that does not exist', { organisationId: 'BSO', status: 'active', statusSince: '2026-02-30' }, 'statusSince', /jjjj-mm-dd/],
    ['a date in words', { organisationId: 'BSO', status: 'active', statusSince: 'gisteren' }, 'statusSince', /jjjj-mm-dd/],
    ['a note that is too long', { organisationId: 'BSO', status: 'active', statusSince: '2026-01-01', note: 'x'.repeat(1001) }, 'note', /Maximaal 1000 tekens\./],
    ['a control character', { organisationId: 'BSO', status: 'active', statusSince: '2026-01-01', note: 'a\u0007b' }, 'note', /niet zijn toegestaan/],
  ];
  for (const [what, fields, field, message] of bad) {
    test(`adding a partner with ${what}: the form again, with the message beside the field, nothing written`, async () => {
      const before = await count('network_partners');
      const resolved = Object.fromEntries(
        Object.entries(fields).map(([k, v]) => [k, v === 'OTHER' ? String(other.orgs.library) : v === 'LIBRARY' ? String(fx.orgs.library) : v === 'BSO' ? String(orgs.bso) : v]),
      );
      const res = await post(coordinator, `${base}/partners/nieuw`, resolved);
      assert.equal(res.statusCode, 400, res.body.slice(0, 300));
      assert.match(text(res.body), message);
      // Control characters are refused for every form before it is read (src/app.ts), on a page of their own.
      if (!what.includes('control')) assert.match(res.body, new RegExp(`href="#veld-${field}"`));
      assert.equal(await count('network_partners'), before);
    });
  }

  test('a form without the CSRF token, or with a wrong one, is refused and changes nothing', async () => {
    const before = await count('network_partners');
    for (const token of ['', 'vals', 'x'.repeat(43)]) {
      const res = await app.inject({ method: 'POST', url: `${base}/partners/nieuw`, cookies: coordinator, ...formPost({ _csrf: token, organisationId: String(orgs.bso), status: 'active', statusSince: '2026-01-01' }) });
      assert.equal(res.statusCode, 403);
      assert.match(res.body, /Dit formulier is verlopen/);
    }
    assert.equal(await count('network_partners'), before);
  });

  test('oversize input and unknown ids get a clear answer, never a 500', async () => {
    const huge = await post(coordinator, `${base}/partners/${fx.orgs.library}`, { status: 'active', statusSince: '2026-01-01', note: 'x'.repeat(30_000) });
    assert.equal(huge.statusCode, 400);
    assert.match(huge.body, /Maximaal 20000 tekens/);
    for (const url of [`${base}/partners/999999`, `${base}/partners/${other.orgs.library}`]) {
      const res = await app.inject({ url, cookies: coordinator });
      assert.equal(res.statusCode, 404);
      assert.match(res.body, /Deze organisatie bestaat niet\./);
    }
    assert.equal((await app.inject({ url: `${base}/partners/abc`, cookies: coordinator })).statusCode, 400);
    assert.equal((await app.inject({ url: `${base}?status=slapend`, cookies: coordinator })).statusCode, 400);
    // The museum is in the catalogue but not in the network: its page says so; changing its status is not found.
    const museum = await app.inject({ url: `${base}/partners/${fx.orgs.museum}`, cookies: coordinator });
    assert.match(text(museum.body), /doet \(nog\) niet mee in het netwerk/);
    const change = await post(coordinator, `${base}/partners/${fx.orgs.museum}`, { status: 'active', statusSince: '2026-01-01' });
    assert.equal(change.statusCode, 404);
    assert.match(change.body, /doet niet mee in het netwerk/);
  });

  test('the steering group reads everything and changes nothing; a partner sees its own entry only', async () => {
    const read = await app.inject({ url: base, cookies: viewer });
    assert.equal(read.statusCode, 200);
    assert.match(read.body, /Hightech Twente BV/);
    assert.doesNotMatch(read.body, /Partner toevoegen/);
    const entry = await app.inject({ url: `${base}/partners/${orgs.youth}`, cookies: viewer });
    assert.equal(entry.statusCode, 200);
    assert.doesNotMatch(entry.body, /<form[^>]*method="post"/);
    assert.equal((await post(viewer, `${base}/partners/${orgs.youth}`, { status: 'former', statusSince: '2026-03-01' })).statusCode, 403);

    const own = await app.inject({ url: base, cookies: partner });
    assert.equal(own.statusCode, 200);
    assert.match(own.body, /Onze organisatie in het netwerk/);
    assert.match(own.body, /Bibliotheek Proefstad/);
    assert.doesNotMatch(own.body, /Hightech Twente BV|Ontbreekt|In orde/);
    assert.equal((await app.inject({ url: `${base}/partners/${fx.orgs.library}`, cookies: partner })).statusCode, 200);
    assert.equal((await app.inject({ url: `${base}/partners/${orgs.company}`, cookies: partner })).statusCode, 403);
    assert.equal((await app.inject({ url: `${base}/structuur`, cookies: partner })).statusCode, 403);
    // A coordinator of another ecosystem is nobody here.
    assert.equal((await app.inject({ url: base, cookies: outsider })).statusCode, 403);
    assert.equal((await app.inject({ url: `${base}/partners/${fx.orgs.library}`, cookies: outsider })).statusCode, 403);
  });
});

describe('people and roles', () => {
  let annaId = 0;
  let roleId = 0;

  test('a coordinator adds a contact person to an organisation', async () => {
    const res = await post(coordinator, `${base}/mensen/nieuw`, {
      name: 'Anna Proef', jobTitle: 'Teamleider educatie', organisationId: String(fx.orgs.library), email: 'Anna@Bieb.example.org', phone: '053 123 45 67', userId: '',
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    annaId = Number(/mensen\/(\d+)\?klaar=aangemaakt/.exec(res.headers.location as string)![1]);
    const person = await database.db.selectFrom('network_people').selectAll().where('id', '=', annaId).executeTakeFirstOrThrow();
    assert.equal(person.email, 'anna@bieb.example.org');
    assert.equal(person.organisation_id, fx.orgs.library);
    const list = await app.inject({ url: `${base}/mensen`, cookies: viewer });
    assert.match(list.body, /Anna Proef/);
    assert.match(list.body, /Teamleider educatie/);
    // The partner sees the contacts of its own organisation on its entry.
    assert.match((await app.inject({ url: `${base}/partners/${fx.orgs.library}`, cookies: partner })).body, /Anna Proef/);
  });

  const badPeople: Array<[string, Record<string, string>, string, RegExp]> = [
    ['no name', { name: '' }, 'name', /Vul een naam in\./],
    ['a name of 201 characters', { name: 'n'.repeat(201) }, 'name', /Maximaal 200 tekens\./],
    ['an e-mail address without @', { email: 'anna.bieb.nl' }, 'email', /Vul een e-mailadres in/],
    ['letters in the phone number', { phone: 'bel me' }, 'phone', /telefoonnummer/],
    ['an organisation of another ecosystem', { organisationId: 'OTHER' }, 'organisationId', /Kies een van de mogelijkheden/],
    ['an account without a role here', { userId: 'STRANGER' }, 'userId', /Kies een van de mogelijkheden/],
  ];
  for (const [what, change, field, message] of badPeople) {
    test(`a person with ${what}: the message beside the field, nothing written`, async () => {
      const strangerId = (await signedInAs(database, { ecosystemId: other.ecosystem.id, role: 'viewer' })).userId;
      const fields = { name: 'Bram Proef', jobTitle: '', organisationId: '', email: '', phone: '', userId: '', ...change };
      const resolved = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === 'OTHER' ? String(other.orgs.library) : v === 'STRANGER' ? String(strangerId) : v]));
      const before = await count('network_people');
      const res = await post(coordinator, `${base}/mensen/nieuw`, resolved);
      assert.equal(res.statusCode, 400);
      assert.match(text(res.body), message);
      assert.match(res.body, new RegExp(`href="#veld-${field}"`));
      assert.equal(await count('network_people'), before);
    });
  }

  test('roles: a person in the steering group, the library as penvoerder, a core team and a community of practice', async () => {
    const add = (fields: Record<string, string>) => post(coordinator, `${base}/rollen/nieuw`, { personId: '', organisationId: '', municipality: '', community: '', endsOn: '', note: '', ...fields });
    let res = await add({ role: 'steering_group', personId: String(annaId), startsOn: '2026-01-01' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 800));
    roleId = Number(/rollen\/(\d+)/.exec(res.headers.location as string)![1]);
    res = await add({ role: 'lead_applicant', organisationId: String(fx.orgs.library), startsOn: '2025-09-01' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 800));
    res = await add({ role: 'core_team', personId: String(annaId), municipality: 'Hengelo', startsOn: '2026-01-01' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 800));
    res = await add({ role: 'community_of_practice', organisationId: String(fx.orgs.museum), community: 'Techniek in de onderbouw', startsOn: '2026-01-01' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 800));

    const page = await app.inject({ url: `${base}/structuur`, cookies: viewer });
    assert.equal(page.statusCode, 200);
    const body = text(page.body);
    assert.match(body, /<ul class="governance">/);
    assert.match(body, /Penvoerder[\s\S]*Bibliotheek Proefstad[\s\S]*Stuurgroep[\s\S]*Anna Proef \(Bibliotheek Proefstad\)[\s\S]*Kernteam Hengelo[\s\S]*Community of practice: Techniek in de onderbouw[\s\S]*Museum voor Techniek/);
    assert.match(body, /Nog niemand/, 'the programme leader is not appointed yet');
    // The table beside the diagram lists the same roles.
    assert.match(body, /<th class="utrecht-table__header-cell" scope="row">Stuurgroep<\/th><td class="utrecht-table__cell">Anna Proef \(Bibliotheek Proefstad\)<\/td>/);
    assert.doesNotMatch(body, /Rol toevoegen/, 'the steering group does not add roles');
    assert.match((await app.inject({ url: `${base}/structuur`, cookies: coordinator })).body, /Rol toevoegen/);
  });

  const badRoles: Array<[string, Record<string, string>, string, RegExp]> = [
    ['no role', { role: '', personId: 'ANNA', startsOn: '2026-01-01' }, 'role', /Kies een rol\./],
    ['an unknown role', { role: 'king', personId: 'ANNA', startsOn: '2026-01-01' }, 'role', /"king" is geen geldige keuze\./],
    ['nobody', { role: 'programme_team', startsOn: '2026-01-01' }, 'personId', /Kies wie deze rol heeft/],
    ['a person and an organisation', { role: 'programme_team', personId: 'ANNA', organisationId: 'MUSEUM', startsOn: '2026-01-01' }, 'personId', /niet allebei/],
    ['an organisation as programme leader', { role: 'programme_leader', organisationId: 'MUSEUM', startsOn: '2026-01-01' }, 'organisationId', /voor een persoon, niet voor een organisatie/],
    ['a person as penvoerder', { role: 'lead_applicant', personId: 'ANNA', startsOn: '2026-01-01' }, 'personId', /voor een organisatie, niet voor een persoon/],
    ['a second penvoerder at the same time', { role: 'lead_applicant', organisationId: 'MUSEUM', startsOn: '2026-03-01' }, 'startsOn', /Bibliotheek Proefstad al penvoerder/],
    ['a core team without a municipality', { role: 'core_team', personId: 'ANNA', startsOn: '2026-01-01' }, 'municipality', /Kies de gemeente van dit kernteam\./],
    ['a core team in a municipality outside the ecosystem', { role: 'core_team', personId: 'ANNA', municipality: 'Amsterdam', startsOn: '2026-01-01' }, 'municipality', /"Amsterdam" is geen geldige keuze/],
    ['a community of practice without a name', { role: 'community_of_practice', personId: 'ANNA', startsOn: '2026-01-01' }, 'community', /naam van de community of practice/],
    ['an end before the start', { role: 'programme_team', personId: 'ANNA', startsOn: '2026-05-01', endsOn: '2026-04-30' }, 'endsOn', /vóór de begindatum \(2026-05-01\)/],
    ['no start', { role: 'programme_team', personId: 'ANNA', startsOn: '' }, 'startsOn', /Vul in vanaf wanneer deze rol geldt\./],
    ['a start that is not a date', { role: 'programme_team', personId: 'ANNA', startsOn: '31-12-2026' }, 'startsOn', /jjjj-mm-dd/],
    ['an unknown person', { role: 'programme_team', personId: '999999', startsOn: '2026-01-01' }, 'personId', /Kies een van de mogelijkheden/],
    ['the same seat twice', { role: 'steering_group', personId: 'ANNA', startsOn: '2026-06-01' }, 'startsOn', /al toegekend aan dezelfde persoon/],
  ];
  for (const [what, change, field, message] of badRoles) {
    test(`a role with ${what}: the message beside the field, nothing written`, async () => {
      const fields = { personId: '', organisationId: '', municipality: '', community: '', endsOn: '', note: '', ...change };
      const resolved = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === 'ANNA' ? String(annaId) : v === 'MUSEUM' ? String(fx.orgs.museum) : v]));
      const before = await count('network_roles');
      const res = await post(coordinator, `${base}/rollen/nieuw`, resolved);
      assert.equal(res.statusCode, 400, res.body.slice(0, 300));
      assert.match(text(res.body), message);
      assert.match(res.body, new RegExp(`href="#veld-${field}"`));
      assert.equal(await count('network_roles'), before);
    });
  }

  test('ending a role: not before its start; once ended it leaves the structure and cannot end again', async () => {
    const url = `${base}/rollen/${roleId}/beeindigen`;
    const early = await post(coordinator, url, { lastDay: '2025-12-31' });
    assert.equal(early.statusCode, 400);
    assert.match(text(early.body), /De einddatum ligt vóór de begindatum \(2026-01-01\)/);
    assert.match(early.body, /href="#veld-lastDay"/);
    const empty = await post(coordinator, url, { lastDay: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Vul de laatste dag van deze rol in\./);

    const ended = await post(coordinator, url, { lastDay: '2026-01-31' });
    assert.equal(ended.statusCode, 303);
    const row = await database.db.selectFrom('network_roles').select('ends_on').where('id', '=', roleId).executeTakeFirstOrThrow();
    assert.ok(row.ends_on !== null);
    const page = text((await app.inject({ url: `${base}/structuur`, cookies: coordinator })).body);
    assert.match(page, /Beëindigde rollen[\s\S]*Stuurgroep/);
    const again = await post(coordinator, url, { lastDay: '2026-02-01' });
    assert.equal(again.statusCode, 409);
    assert.match(text(again.body), /al beëindigd op 2026-01-31/);
    assert.equal((await app.inject({ url: `${base}/rollen/999999`, cookies: coordinator })).statusCode, 404);
  });

  test('changing a role keeps its kind; deleting a person removes their roles too', async () => {
    const roles = await database.db.selectFrom('network_roles').select(['id', 'role']).where('person_id', '=', annaId).where('role', '=', 'core_team').execute();
    const coreTeam = roles[0]!.id;
    const res = await post(coordinator, `${base}/rollen/${coreTeam}`, { role: 'lead_applicant', personId: String(annaId), organisationId: '', municipality: 'Enschede', startsOn: '2026-01-01', endsOn: '', note: 'Verhuisd' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const changed = await database.db.selectFrom('network_roles').select(['role', 'municipality']).where('id', '=', coreTeam).executeTakeFirstOrThrow();
    assert.deepEqual(changed, { role: 'core_team', municipality: 'Enschede' });

    const deleted = await post(coordinator, `${base}/mensen/${annaId}/verwijderen`, {});
    assert.equal(deleted.statusCode, 303);
    assert.equal((await database.db.selectFrom('network_roles').select('id').where('person_id', '=', annaId).execute()).length, 0);
    assert.equal((await app.inject({ url: `${base}/mensen/${annaId}`, cookies: coordinator })).statusCode, 404);
    const audit = await database.db.selectFrom('audit_events').select(['action', 'details']).where('action', '=', 'network.person.deleted').executeTakeFirstOrThrow();
    assert.deepEqual(audit.details, { roles: 2 });
  });
});
