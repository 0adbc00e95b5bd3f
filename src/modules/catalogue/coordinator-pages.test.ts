import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testApp, testDatabase } from '../../../test/helpers/build-app.js';
import { createFixture, type Fixture } from '../../../test/helpers/factories.js';
import { csrfFor, formPost } from '../../../test/helpers/forms.js';
import { signedInAs } from '../../../test/helpers/people.js';

const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;
let other: Fixture;
let coordinator: { lx_sessie: string };
let partner: { lx_sessie: string };
const tokens = new Map<string, string>();

before(async () => {
  fx = await createFixture(database);
  other = await createFixture(database, 'ander');
  app = await testApp(database);
  coordinator = (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' })).cookies;
  partner = (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] })).cookies;
  tokens.set(coordinator.lx_sessie, await csrfFor(app, coordinator, '/e/proef/beheer/organisaties/nieuw'));
  tokens.set(partner.lx_sessie, await csrfFor(app, partner, `/e/proef/beheer/organisaties/${fx.orgs.library}`));
});
after(async () => {
  await app.close();
  await database.drop();
});

const post = (url: string, fields: Record<string, string | string[]>, cookies = coordinator) =>
  app.inject({ method: 'POST', url, cookies, ...formPost({ _csrf: tokens.get(cookies.lx_sessie)!, ...fields }) });
const decoded = (body: string) => body.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
const rows = async (table: 'organisations' | 'locations' | 'themes') =>
  database.db.selectFrom(table).selectAll().where('ecosystem_id', '=', fx.ecosystem.id).orderBy('id').execute();

const validOrganisation = { name: 'Makerspace De Draad', sector: 'maker_space', description: 'Solderen en 3D-printen.', website: 'https://draad.example.org', email: 'hallo@draad.example.org', phone: '053 123 45 67' };
const validLocation = { name: 'Werkplaats', street: 'Molenstraat 3', postcode: '7514dd', city: 'Enschede', lat: '52,2230', lng: '6,8990', neighbourhoodId: '', isSchool: '' };

describe('organisations and locations', () => {
  test('a coordinator lists every organisation with its locations, creates, edits and archives one', async () => {
    const list = await app.inject({ url: '/e/proef/beheer/organisaties', cookies: coordinator });
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Bibliotheek Proefstad/);
    assert.match(list.body, /Museum voor Techniek/);
    assert.match(list.body, /Nieuwe organisatie/);

    const created = await post('/e/proef/beheer/organisaties/nieuw', validOrganisation);
    assert.equal(created.statusCode, 303, created.body);
    const id = Number(/organisaties\/(\d+)\?klaar=aangemaakt/.exec(created.headers.location as string)![1]);
    const org = (await rows('organisations')).find((o) => o.id === id)!;
    assert.equal(org.website, 'https://draad.example.org');

    const location = await post(`/e/proef/beheer/organisaties/${id}/locaties/nieuw`, validLocation);
    assert.equal(location.statusCode, 303, location.body);
    const loc = (await rows('locations')).find((l) => l.organisation_id === id)!;
    assert.equal(loc.postcode, '7514 DD');
    assert.equal(loc.lat, 52.223);

    const page = await app.inject({ url: `/e/proef/beheer/organisaties/${id}?klaar=locatie`, cookies: coordinator });
    assert.match(page.body, /Werkplaats/);
    assert.match(page.body, /Molenstraat 3, 7514 DD Enschede/);
    assert.match(page.body, /De locatie is toegevoegd\./);

    const edited = await post(`/e/proef/beheer/locaties/${loc.id}`, { ...validLocation, name: 'Grote werkplaats', postcode: '' });
    assert.equal(edited.statusCode, 303, edited.body);
    const after = (await rows('locations')).find((l) => l.id === loc.id)!;
    assert.equal(after.name, 'Grote werkplaats');
    assert.equal(after.postcode, '');

    const renamed = await post(`/e/proef/beheer/organisaties/${id}`, { ...validOrganisation, name: 'De Draad', website: '' });
    assert.equal(renamed.statusCode, 303);
    assert.equal((await rows('organisations')).find((o) => o.id === id)!.website, null);

    assert.equal((await post(`/e/proef/beheer/locaties/${loc.id}/archiveren`, {})).statusCode, 303);
    assert.equal((await rows('locations')).find((l) => l.id === loc.id)!.status, 'archived');
    assert.equal((await post(`/e/proef/beheer/organisaties/${id}/archiveren`, {})).statusCode, 303);
    assert.equal((await rows('organisations')).find((o) => o.id === id)!.status, 'archived');
    const archived = await app.inject({ url: `/e/proef/beheer/organisaties/${id}`, cookies: coordinator });
    assert.match(archived.body, /Deze organisatie is gearchiveerd\./);
    assert.doesNotMatch(archived.body, /name="name"/);

    const actions = (await database.db.selectFrom('audit_events').select('action').where('ecosystem_id', '=', fx.ecosystem.id).execute()).map((e) => e.action);
    for (const action of ['organisation.created', 'location.created', 'location.updated', 'organisation.updated', 'location.archived', 'organisation.archived']) {
      assert.ok(actions.includes(`catalogue.${action}`), action);
    }
  });

  test('a partner editor edits the own organisation and its locations, but creates or archives no organisation', async () => {
    const list = await app.inject({ url: '/e/proef/beheer/organisaties', cookies: partner });
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Bibliotheek Proefstad/);
    assert.doesNotMatch(list.body, /Museum voor Techniek/);
    assert.doesNotMatch(list.body, /Nieuwe organisatie/);
    const page = await app.inject({ url: `/e/proef/beheer/organisaties/${fx.orgs.library}`, cookies: partner });
    assert.doesNotMatch(page.body, /archiveren"/, 'no archive button');
    assert.match(page.body, /Locatie toevoegen/);

    const saved = await post(`/e/proef/beheer/organisaties/${fx.orgs.library}`, { ...validOrganisation, name: 'Bibliotheek Proefstad', sector: 'library' }, partner);
    assert.equal(saved.statusCode, 303);
    assert.equal((await post(`/e/proef/beheer/organisaties/${fx.orgs.library}/archiveren`, {}, partner)).statusCode, 403);
    assert.equal((await post('/e/proef/beheer/organisaties/nieuw', validOrganisation, partner)).statusCode, 403);
    assert.equal((await post(`/e/proef/beheer/organisaties/${fx.orgs.museum}`, validOrganisation, partner)).statusCode, 403);
    assert.equal((await post(`/e/proef/beheer/locaties/${fx.locations.hengelo}`, validLocation, partner)).statusCode, 403);
    assert.equal((await app.inject({ url: `/e/proef/beheer/organisaties/${fx.orgs.museum}`, cookies: partner })).statusCode, 403);
    const loc = await post(`/e/proef/beheer/locaties/${fx.locations.enschede}`, { ...validLocation, name: 'Bieb Centrum' }, partner);
    assert.equal(loc.statusCode, 303);
  });

  const badOrganisations: Array<[string, Record<string, string>, RegExp]> = [
    ['no name', { name: '' }, /Vul een naam in\./],
    ['an unknown sector', { sector: 'circus' }, /Maak een keuze uit de lijst\./],
    ['a website without http', { website: 'draad.example.org' }, /Vul een webadres in dat begint met https:\/\//],
    ['a broken e-mail address', { email: 'hallo@' }, /Vul een e-mailadres in, bijvoorbeeld info@voorbeeld\.nl\./],
    ['a phone number with letters', { phone: '053-DRAAD' }, /Vul een telefoonnummer in met alleen cijfers/],
  ];
  for (const [name, change, message] of badOrganisations) {
    test(`a bad organisation is refused with a Dutch message and changes nothing: ${name}`, async () => {
      const before = await rows('organisations');
      const res = await post('/e/proef/beheer/organisaties/nieuw', { ...validOrganisation, ...change });
      assert.equal(res.statusCode, 400);
      assert.match(decoded(res.body), message);
      assert.match(res.body, /value="Solderen en 3D-printen\."|Solderen en 3D-printen\./);
      assert.deepEqual(await rows('organisations'), before);
    });
  }

  const badLocations: Array<[string, Record<string, string>, RegExp]> = [
    ['no name', { name: '' }, /Vul een naam in\./],
    ['a postcode without letters', { postcode: '7514' }, /Vul een postcode in als 1234 AB\./],
    ['a latitude in words', { lat: 'noord' }, /Vul de breedtegraad in als getal in Nederland/],
    ['a latitude outside the Netherlands', { lat: '48,85' }, /Vul de breedtegraad in als getal in Nederland/],
    ['no longitude', { lng: '' }, /Vul de lengtegraad in als getal in Nederland/],
    ['another ecosystem’s neighbourhood', { neighbourhoodId: '999999' }, /Maak een keuze uit de lijst\./],
  ];
  for (const [name, change, message] of badLocations) {
    test(`a bad location is refused with a Dutch message and changes nothing: ${name}`, async () => {
      const before = await rows('locations');
      const res = await post(`/e/proef/beheer/organisaties/${fx.orgs.museum}/locaties/nieuw`, { ...validLocation, ...change });
      assert.equal(res.statusCode, 400);
      assert.match(decoded(res.body), message);
      assert.deepEqual(await rows('locations'), before);
    });
  }
});

describe('themes', () => {
  test('a coordinator adds, renames and archives a theme; one in use cannot be archived', async () => {
    const created = await post('/e/proef/beheer/themas/nieuw', { slug: 'ruimte-en-sterren', name: 'Ruimte en sterren', description: 'Raketten en planeten.', position: '7' });
    assert.equal(created.statusCode, 303, created.body);
    const theme = (await rows('themes')).find((th) => th.slug === 'ruimte-en-sterren')!;
    assert.equal(theme.position, 7);
    const list = await app.inject({ url: '/e/proef/beheer/themas?klaar=aangemaakt', cookies: coordinator });
    assert.match(list.body, /Ruimte en sterren/);
    assert.match(list.body, /Het thema is toegevoegd\./);
    // The finder and the activity form show it at once.
    assert.match((await app.inject({ url: '/e/proef/zoeken' })).body, /Ruimte en sterren/);

    const renamed = await post(`/e/proef/beheer/themas/${theme.id}`, { name: 'Ruimtevaart', description: '', position: '' });
    assert.equal(renamed.statusCode, 303);
    const after = (await rows('themes')).find((th) => th.id === theme.id)!;
    assert.equal(after.name, 'Ruimtevaart');
    assert.equal(after.slug, 'ruimte-en-sterren', 'the slug stays');
    assert.equal(after.position, 0);

    assert.equal((await post(`/e/proef/beheer/themas/${theme.id}/archiveren`, {})).statusCode, 303);
    assert.equal((await rows('themes')).find((th) => th.id === theme.id)!.status, 'archived');

    const inUse = (await rows('themes')).find((th) => th.slug === 'programmeren-digitaal')!;
    const refused = await post(`/e/proef/beheer/themas/${inUse.id}/archiveren`, {});
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /Dit thema hoort nog bij activiteiten\./);
    assert.equal((await rows('themes')).find((th) => th.id === inUse.id)!.status, 'active');
  });

  const badThemes: Array<[string, Record<string, string>, RegExp]> = [
    ['no short name', { slug: '' }, /Vul een korte naam voor in de link in\./],
    ['a short name with capitals and spaces', { slug: 'Ruimte Vaart' }, /Gebruik alleen kleine letters, cijfers en streepjes/],
    ['a short name already taken', { slug: 'bewegen' }, /De naam "bewegen" is al in gebruik\./],
    ['no name', { name: ' ' }, /Vul een naam in\./],
    ['a position in words', { position: 'eerst' }, /Vul een heel getal in van 0 tot en met 1000/],
  ];
  for (const [name, change, message] of badThemes) {
    test(`a bad theme is refused with a Dutch message and changes nothing: ${name}`, async () => {
      const before = await rows('themes');
      const res = await post('/e/proef/beheer/themas/nieuw', { slug: 'knutselen', name: 'Knutselen', description: '', position: '', ...change });
      assert.equal(res.statusCode, 400);
      assert.match(decoded(res.body), message);
      assert.deepEqual(await rows('themes'), before);
    });
  }

  test('partners and other ecosystems cannot touch themes or organisations here', async () => {
    assert.equal((await app.inject({ url: '/e/proef/beheer/themas', cookies: partner })).statusCode, 403);
    assert.equal((await post('/e/proef/beheer/themas/nieuw', { slug: 'x', name: 'X' }, partner)).statusCode, 403);
    const otherCoordinator = (await signedInAs(database, { ecosystemId: other.ecosystem.id, role: 'coordinator' })).cookies;
    tokens.set(otherCoordinator.lx_sessie, await csrfFor(app, otherCoordinator, '/e/ander/beheer/themas/nieuw'));
    const theme = (await rows('themes'))[0]!;
    assert.equal((await app.inject({ url: '/e/proef/beheer/themas', cookies: otherCoordinator })).statusCode, 403);
    assert.equal((await app.inject({ url: `/e/ander/beheer/themas/${theme.id}`, cookies: otherCoordinator })).statusCode, 404);
    assert.equal((await post(`/e/ander/beheer/themas/${theme.id}`, { name: 'Gekaapt' }, otherCoordinator)).statusCode, 404);
    assert.equal((await post(`/e/ander/beheer/organisaties/${fx.orgs.library}`, validOrganisation, otherCoordinator)).statusCode, 404);
    assert.equal((await post(`/e/ander/beheer/locaties/${fx.locations.enschede}`, validLocation, otherCoordinator)).statusCode, 404);
    assert.equal((await post(`/e/ander/beheer/organisaties/${fx.orgs.library}/archiveren`, {}, otherCoordinator)).statusCode, 404);
    assert.equal((await rows('themes')).find((th) => th.id === theme.id)!.name, theme.name);
    assert.equal((await rows('organisations')).find((o) => o.id === fx.orgs.library)!.status, 'active');
  });
});
