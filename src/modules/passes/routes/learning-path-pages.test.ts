import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testApp, testDatabase } from '../../../../test/helpers/build-app.js';
import { createFixture, type Fixture } from '../../../../test/helpers/factories.js';
import { csrfFor, formPost } from '../../../../test/helpers/forms.js';
import { signedInAs } from '../../../../test/helpers/people.js';
import { slugFromTitle } from '../commands/learning-path-commands.js';

const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;
let other: Fixture;
let coordinator: { lx_sessie: string };
let csrf: string;

before(async () => {
  fx = await createFixture(database);
  other = await createFixture(database, 'ander');
  app = await testApp(database);
  coordinator = (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' })).cookies;
  csrf = await csrfFor(app, coordinator, '/e/proef/beheer/leerroutes/nieuw');
});
after(async () => {
  await app.close();
  await database.drop();
});

const post = (url: string, fields: Record<string, string | string[]>, cookies: Record<string, string> = coordinator, token = csrf) =>
  app.inject({ method: 'POST', url, cookies, ...formPost({ _csrf: token, ...fields }) });
const decoded = (body: string) => body.replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&#39;/g, "'");
const themeId = async (slug: string, ecosystemId = fx.ecosystem.id) =>
  (await database.db.selectFrom('themes').select('id').where('ecosystem_id', '=', ecosystemId).where('slug', '=', slug).executeTakeFirstOrThrow()).id;
const pathRow = (id: number) => database.db.selectFrom('learning_paths').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const stepsOf = async (id: number) =>
  (await database.db.selectFrom('learning_path_steps').select(['activity_id', 'position']).where('learning_path_id', '=', id).orderBy('position').execute()).map((s) => s.activity_id);
const achievementOf = (id: number) => database.db.selectFrom('achievements').selectAll().where('learning_path_id', '=', id).executeTakeFirst();

async function newPath(fields: Record<string, string> = {}): Promise<number> {
  const res = await post('/e/proef/beheer/leerroutes/nieuw', { title: 'Jonge onderzoekers', slug: '', description: 'Drie stappen naar echt onderzoek.', themeId: '', ordered: 'ordered', ...fields });
  assert.equal(res.statusCode, 303, res.body.slice(0, 600));
  return Number(/leerroutes\/(\d+)\?klaar=aangemaakt/.exec(res.headers.location as string)![1]);
}

describe('a coordinator curates a learning path', () => {
  test('create, add steps, reorder, publish: the achievement follows; the public pages show it', async () => {
    const list = await app.inject({ url: '/e/proef/beheer/leerroutes', cookies: coordinator });
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Nieuwe leerroute/);
    // The management menu lists the page for a coordinator.
    assert.match((await app.inject({ url: '/e/proef/beheer', cookies: coordinator })).body, /href="\/e\/proef\/beheer\/leerroutes"/);

    const id = await newPath({ title: 'Jonge onderzoekers!', themeId: String(await themeId('wetenschap-onderzoek')) });
    const created = await pathRow(id);
    assert.equal(created.slug, 'jonge-onderzoekers', 'the short name is made from the title');
    assert.equal(created.status, 'draft');
    const achievement = (await achievementOf(id))!;
    assert.equal(achievement.kind, 'learning_path');
    assert.equal(achievement.name, 'Jonge onderzoekers!');
    assert.equal(achievement.status, 'active');

    const page = await app.inject({ url: `/e/proef/beheer/leerroutes/${id}?klaar=aangemaakt`, cookies: coordinator });
    assert.match(page.body, /De leerroute is gemaakt/);
    assert.match(page.body, /nog geen stappen/);
    // Without words, the choices are the published activities of the path's theme; never drafts.
    assert.match(page.body, /Proefjes met water/);
    assert.doesNotMatch(page.body, /Geheime drone-workshop/);
    const search = await app.inject({ url: `/e/proef/beheer/leerroutes/${id}?zoek=robot`, cookies: coordinator });
    assert.match(search.body, /Robots bouwen en programmeren/);

    for (const activityId of [fx.activities.water, fx.activities.stars, fx.activities.robots]) {
      const res = await post(`/e/proef/beheer/leerroutes/${id}/stappen`, { toevoegen: String(activityId) });
      assert.equal(res.statusCode, 303, res.body.slice(0, 400));
      assert.match(res.headers.location as string, /klaar=toegevoegd#stappen$/);
    }
    assert.deepEqual(await stepsOf(id), [fx.activities.water, fx.activities.stars, fx.activities.robots]);
    await post(`/e/proef/beheer/leerroutes/${id}/stappen`, { omhoog: String(fx.activities.robots) });
    assert.deepEqual(await stepsOf(id), [fx.activities.water, fx.activities.robots, fx.activities.stars]);
    await post(`/e/proef/beheer/leerroutes/${id}/stappen`, { omlaag: String(fx.activities.water) });
    assert.deepEqual(await stepsOf(id), [fx.activities.robots, fx.activities.water, fx.activities.stars]);
    // Already first: up does nothing, and says nothing is wrong.
    assert.equal((await post(`/e/proef/beheer/leerroutes/${id}/stappen`, { omhoog: String(fx.activities.robots) })).statusCode, 303);
    await post(`/e/proef/beheer/leerroutes/${id}/stappen`, { verwijderen: String(fx.activities.water) });
    assert.deepEqual(await stepsOf(id), [fx.activities.robots, fx.activities.stars]);
    const positions = await database.db.selectFrom('learning_path_steps').select('position').where('learning_path_id', '=', id).orderBy('position').execute();
    assert.deepEqual(positions.map((p) => p.position), [0, 1]);
    assert.match((await achievementOf(id))!.criteria, /Doe alle 2 activiteiten van de leerroute Jonge onderzoekers!, op volgorde/);

    const saved = await post(`/e/proef/beheer/leerroutes/${id}`, { title: 'Jonge onderzoekers', slug: 'jonge-onderzoekers', description: 'Nieuw verhaal.', themeId: '', ordered: 'free', status: 'published' });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 600));
    const published = await pathRow(id);
    assert.deepEqual([published.status, published.ordered, published.theme_id, published.description], ['published', false, null, 'Nieuw verhaal.']);
    assert.equal((await achievementOf(id))!.name, 'Jonge onderzoekers');

    const audit = await database.db.selectFrom('audit_events').select(['action', 'details']).where('subject_type', '=', 'learning_path').where('subject_id', '=', String(id)).orderBy('id').execute();
    // The move that changed nothing left no trace.
    assert.deepEqual(audit.map((a) => a.action.replace('passes.learningPath.', '')), ['created', 'step.added', 'step.added', 'step.added', 'step.moved', 'step.moved', 'step.removed', 'updated']);
    assert.deepEqual(audit.at(-1)!.details, { slug: 'jonge-onderzoekers', status: { from: 'draft', to: 'published' } });

    const index = await app.inject({ url: '/e/proef/leerroutes' });
    assert.equal(index.statusCode, 200);
    assert.match(index.body, /href="\/e\/proef\/leerroutes\/jonge-onderzoekers"/);
    const pub = await app.inject({ url: '/e/proef/leerroutes/jonge-onderzoekers' });
    assert.equal(pub.statusCode, 200);
    assert.match(pub.body, /<h1[^>]*>Jonge onderzoekers<\/h1>/);
    assert.match(pub.body, /In je eigen volgorde/);
    assert.match(pub.body, new RegExp(`<ul class="route-steps">[\\s\\S]*href="/e/proef/activiteiten/${fx.activities.robots}"[\\s\\S]*href="/e/proef/activiteiten/${fx.activities.stars}"`));
    // The same slug in another ecosystem is not this path.
    assert.equal((await app.inject({ url: '/e/ander/leerroutes/jonge-onderzoekers' })).statusCode, 404);

    // Archived: gone from the public pages, its badge archived with it.
    await post(`/e/proef/beheer/leerroutes/${id}`, { title: 'Jonge onderzoekers', slug: 'jonge-onderzoekers', description: '', themeId: '', ordered: 'free', status: 'archived' });
    assert.equal((await app.inject({ url: '/e/proef/leerroutes/jonge-onderzoekers' })).statusCode, 404);
    assert.doesNotMatch((await app.inject({ url: '/e/proef/leerroutes' })).body, /jonge-onderzoekers/);
    assert.equal((await achievementOf(id))!.status, 'archived');
  });

  test('drafts are not public', async () => {
    const id = await newPath({ title: 'Nog geheim' });
    const slug = (await pathRow(id)).slug;
    assert.equal((await app.inject({ url: `/e/proef/leerroutes/${slug}` })).statusCode, 404);
    assert.doesNotMatch((await app.inject({ url: '/e/proef/leerroutes' })).body, /Nog geheim/);
    for (const bad of ['Hoofdletters', 'a'.repeat(150), '--', '%20']) assert.equal((await app.inject({ url: `/e/proef/leerroutes/${bad}` })).statusCode, 404, bad);
  });
});

describe('bad input on the forms: a specific Dutch message beside the field, nothing changed', () => {
  const valid = { title: 'Buitenroute', slug: 'buitenroute', description: '', themeId: '', ordered: 'ordered' };
  const cases: Array<[string, Record<string, string>, string, RegExp]> = [
    ['no title', { title: '   ' }, 'title', /Vul dit in/],
    ['a title too long', { title: 'x'.repeat(151) }, 'title', /Maximaal 150 tekens/],
    ['a slug with capitals', { slug: 'Buiten Route' }, 'slug', /alleen kleine letters, cijfers en losse streepjes/],
    ['a slug too long', { slug: 'a'.repeat(81) }, 'slug', /hoogstens 80 tekens/],
    ['a slug with a double dash', { slug: 'buiten--route' }, 'slug', /losse streepjes/],
    ['no title and no slug', { title: '', slug: '' }, 'slug', /daar maken we de korte naam van/],
    ['a description too long', { description: 'x'.repeat(2001) }, 'description', /Maximaal 2000 tekens/],
    ['a theme that is not a number', { themeId: 'natuur' }, 'themeId', /Maak een keuze uit de lijst/],
    ['a theme that does not exist', { themeId: '999999' }, 'themeId', /Maak een keuze uit de lijst/],
    ['no order chosen', { ordered: '' }, 'ordered', /Maak een keuze uit de lijst/],
    ['an order that is no choice', { ordered: 'soms' }, 'ordered', /Maak een keuze uit de lijst/],
  ];
  for (const [name, over, field, message] of cases) {
    test(`new path: ${name}`, async () => {
      const before = await database.db.selectFrom('learning_paths').select('id').execute();
      const res = await post('/e/proef/beheer/leerroutes/nieuw', { ...valid, ...over });
      assert.equal(res.statusCode, 400);
      const body = decoded(res.body);
      assert.match(body, new RegExp(`href="#veld-${field}"`));
      assert.match(body, message);
      assert.equal((await database.db.selectFrom('learning_paths').select('id').execute()).length, before.length);
    });
  }

  test('a theme of another ecosystem, and a slug already taken, are refused', async () => {
    const foreign = await post('/e/proef/beheer/leerroutes/nieuw', { ...valid, themeId: String(await themeId('bewegen', other.ecosystem.id)) });
    assert.equal(foreign.statusCode, 400);
    assert.match(foreign.body, /href="#veld-themeId"/);
    await newPath({ ...valid, slug: 'bezet' });
    const taken = await post('/e/proef/beheer/leerroutes/nieuw', { ...valid, slug: 'bezet' });
    assert.equal(taken.statusCode, 400);
    assert.match(decoded(taken.body), /De naam "bezet" is al in gebruik/);
  });

  test('saving: an unknown status, and publishing too few or closed steps, are refused with the reason', async () => {
    const id = await newPath({ title: 'Te kort' });
    const form = { title: 'Te kort', slug: (await pathRow(id)).slug, description: '', themeId: '', ordered: 'ordered' };
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ status: 'live' }, /Maak een keuze uit de lijst/],
      [{ status: 'published' }, /Publiceren kan vanaf 2 stappen/],
      [{ status: 'published', title: '' }, /Vul dit in/],
    ];
    for (const [over, message] of cases) {
      const res = await post(`/e/proef/beheer/leerroutes/${id}`, { ...form, ...over });
      assert.equal(res.statusCode, 400, JSON.stringify(over));
      assert.match(decoded(res.body), message);
      assert.equal((await pathRow(id)).status, 'draft');
    }
    await post(`/e/proef/beheer/leerroutes/${id}/stappen`, { toevoegen: String(fx.activities.robots) });
    await post(`/e/proef/beheer/leerroutes/${id}/stappen`, { toevoegen: String(fx.activities.robotClub) });
    await database.db.updateTable('activities').set({ status: 'archived' }).where('id', '=', fx.activities.robotClub).execute();
    try {
      const closed = await post(`/e/proef/beheer/leerroutes/${id}`, { ...form, status: 'published' });
      assert.equal(closed.statusCode, 400);
      assert.match(decoded(closed.body), /de stap "Robotclub voor gevorderden" is geen gepubliceerde activiteit meer/);
    } finally {
      await database.db.updateTable('activities').set({ status: 'published' }).where('id', '=', fx.activities.robotClub).execute();
    }
    assert.equal((await post(`/e/proef/beheer/leerroutes/${id}`, { ...form, status: 'published' })).statusCode, 303);
    // A published path keeps its minimum.
    const removal = await post(`/e/proef/beheer/leerroutes/${id}/stappen`, { verwijderen: String(fx.activities.robots) });
    assert.equal(removal.statusCode, 400);
    assert.match(removal.body, /houdt minstens 2 stappen/);
    assert.equal((await stepsOf(id)).length, 2);
  });

  test('step changes: unknown, foreign, draft, duplicate, not on the path, too many, garbled', async () => {
    const id = await newPath({ title: 'Stappenproef' });
    await post(`/e/proef/beheer/leerroutes/${id}/stappen`, { toevoegen: String(fx.activities.robots) });
    const cases: Array<[Record<string, string | string[]>, RegExp]> = [
      [{ toevoegen: '999999' }, /bestaat niet in dit leerecosysteem/],
      [{ toevoegen: String(other.activities.stars) }, /bestaat niet in dit leerecosysteem/],
      [{ toevoegen: String(fx.activities.draft) }, /Alleen gepubliceerde activiteiten/],
      [{ toevoegen: String(fx.activities.robots) }, /is al een stap van deze leerroute/],
      [{ verwijderen: String(fx.activities.stars) }, /geen stap van deze leerroute/],
      [{ omhoog: String(fx.activities.water) }, /geen stap van deze leerroute/],
      [{ toevoegen: 'abc' }, /begrijpen we niet/],
      [{ toevoegen: '0' }, /begrijpen we niet/],
      [{}, /begrijpen we niet/],
      [{ toevoegen: String(fx.activities.stars), verwijderen: String(fx.activities.robots) }, /begrijpen we niet/],
      [{ wegdoen: '1' }, /begrijpen we niet/],
    ];
    for (const [fields, message] of cases) {
      const res = await post(`/e/proef/beheer/leerroutes/${id}/stappen`, fields);
      assert.equal(res.statusCode, 400, JSON.stringify(fields));
      assert.match(decoded(res.body), message, JSON.stringify(fields));
      assert.deepEqual(await stepsOf(id), [fx.activities.robots], JSON.stringify(fields));
    }
    // Twenty is the most: made directly, then one more through the form.
    const many = await database.transaction(async (tx) => {
      const ids: number[] = [];
      for (let i = 0; i < 19; i++) {
        const row = await tx.db
          .insertInto('activities')
          .values({ ecosystem_id: fx.ecosystem.id, organisation_id: fx.orgs.library, title: `Stap ${i}`, format: 'workshop', setting: 'both', min_age: 8, max_age: 12, level: 'introduction', registration_mode: 'walk_in', status: 'published' })
          .returning('id')
          .executeTakeFirstOrThrow();
        ids.push(row.id);
      }
      return ids;
    });
    for (const activityId of many) assert.equal((await post(`/e/proef/beheer/leerroutes/${id}/stappen`, { toevoegen: String(activityId) })).statusCode, 303);
    const tooMany = await post(`/e/proef/beheer/leerroutes/${id}/stappen`, { toevoegen: String(fx.activities.stars) });
    assert.equal(tooMany.statusCode, 400);
    assert.match(tooMany.body, /hoogstens 20 stappen/);
  });

  test('an unknown path, or one of another ecosystem, is not found', async () => {
    const foreign = await database.db
      .insertInto('learning_paths')
      .values({ ecosystem_id: other.ecosystem.id, slug: 'elders', title: 'Elders' })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const url of [`/e/proef/beheer/leerroutes/${foreign.id}`, '/e/proef/beheer/leerroutes/999999']) {
      assert.equal((await app.inject({ url, cookies: coordinator })).statusCode, 404, url);
      assert.equal((await post(url, { ...valid, status: 'draft' })).statusCode, 404, url);
      assert.equal((await post(`${url}/stappen`, { toevoegen: String(fx.activities.robots) })).statusCode, 404, url);
    }
    assert.equal((await pathRow(foreign.id)).title, 'Elders');
    assert.equal((await app.inject({ url: '/e/proef/beheer/leerroutes/abc', cookies: coordinator })).statusCode, 400);
  });
});

describe('who may', () => {
  test('only coordinators (and platform administrators) manage learning paths; partners, schools and viewers may not', async () => {
    for (const role of [
      { ecosystemId: fx.ecosystem.id, role: 'partner_editor' as const, organisationIds: [fx.orgs.library] },
      { ecosystemId: fx.ecosystem.id, role: 'school_contact' as const, locationIds: [fx.locations.enschede] },
      { ecosystemId: fx.ecosystem.id, role: 'viewer' as const },
      { ecosystemId: other.ecosystem.id, role: 'coordinator' as const },
    ]) {
      const { cookies } = await signedInAs(database, role);
      assert.equal((await app.inject({ url: '/e/proef/beheer/leerroutes', cookies })).statusCode, 403, role.role);
      const token = await csrfFor(app, cookies, '/account');
      const res = await post('/e/proef/beheer/leerroutes/nieuw', { title: 'Mag niet', ordered: 'ordered' }, cookies, token);
      assert.equal(res.statusCode, 403, role.role);
      const menu = await app.inject({ url: '/e/proef/beheer', cookies });
      assert.doesNotMatch(menu.body, /beheer\/leerroutes/, role.role);
    }
    const anonymous = await app.inject({ url: '/e/proef/beheer/leerroutes' });
    assert.equal(anonymous.statusCode, 303);
    assert.match(anonymous.headers.location as string, /^\/inloggen\?volgende=/);
    assert.equal((await database.db.selectFrom('learning_paths').select('id').where('title', '=', 'Mag niet').execute()).length, 0);
  });

  test('short names are made from titles', () => {
    const cases: Array<[string, string]> = [
      ['Jonge onderzoekers!', 'jonge-onderzoekers'],
      ['Ruimte & sterren', 'ruimte-sterren'],
      ['Één keer café', 'een-keer-cafe'],
      ['  --  ', ''],
      ['x'.repeat(100), 'x'.repeat(80)],
    ];
    for (const [title, slug] of cases) assert.equal(slugFromTitle(title), slug, title);
  });
});
