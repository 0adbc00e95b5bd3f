import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testApp, testDatabase } from '../../../test/helpers/build-app.js';
import { createFixture, type Fixture } from '../../../test/helpers/factories.js';
import { csrfFor, dayFromNow, formPost } from '../../../test/helpers/forms.js';
import { signedInAs } from '../../../test/helpers/people.js';
import { returnActivity, submitActivity } from './commands/activity-commands.js';
import { amsterdamTime, isoWeekday, weeklyDays } from './forms.js';

const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;
let other: Fixture;
let partner: { lx_sessie: string };
let museumPartner: { lx_sessie: string };
let otherCoordinator: { lx_sessie: string };
let csrf: string;
let museumCsrf: string;

before(async () => {
  fx = await createFixture(database);
  other = await createFixture(database, 'ander');
  app = await testApp(database);
  partner = (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] })).cookies;
  museumPartner = (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.museum] })).cookies;
  otherCoordinator = (await signedInAs(database, { ecosystemId: other.ecosystem.id, role: 'coordinator' })).cookies;
  csrf = await csrfFor(app, partner, '/e/proef/beheer/aanbod/nieuw');
  museumCsrf = await csrfFor(app, museumPartner, '/e/proef/beheer/aanbod/nieuw');
});
after(async () => {
  await app.close();
  await database.drop();
});

const post = (url: string, fields: Record<string, string | string[]>, cookies = partner) =>
  app.inject({ method: 'POST', url, cookies, ...formPost({ _csrf: cookies === museumPartner ? museumCsrf : csrf, ...fields }) });

/** The page's text with the few entities the renderer writes turned back into characters. */
const decoded = (body: string) => body.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

const count = async (table: 'activities' | 'sessions' | 'next_steps') =>
  Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

/** A complete, valid activity form of the library. */
function validActivity(): Record<string, string | string[]> {
  return {
    organisationId: String(fx.orgs.library),
    title: 'Solderen voor beginners',
    summary: 'Maak je eigen knipperlicht.',
    description: 'Je leert veilig solderen.\n\nJe neemt je lampje mee naar huis.',
    themes: ['maken-ontwerpen', 'programmeren-digitaal'],
    format: 'workshop',
    level: 'introduction',
    minAge: '9',
    maxAge: '12',
    schoolGroups: ['po6', 'po7'],
    setting: 'out_of_school',
    accessibility: ['wheelchair', 'low_stimulus'],
    languages: ['nl', 'en'],
    locationId: String(fx.locations.enschede),
    registrationMode: 'sign_up',
    price: '7,50',
    priceNote: 'inclusief materiaal',
    reductions: 'Gratis met de Stadspas',
    curriculumGoals: '42, 44a',
    coProviderIds: [String(fx.orgs.museum)],
  };
}

describe('Mijn aanbod', () => {
  test('a partner sees the own organisation’s offer in every status, with the coordinator’s comment on a returned one', async () => {
    await database.transaction(async (tx) => {
      await submitActivity(tx, fx.ecosystem.id, fx.activities.draft);
      await returnActivity(tx, fx.ecosystem.id, fx.activities.draft, 'Voeg een foto toe.');
    });
    const page = await app.inject({ url: '/e/proef/beheer/aanbod', cookies: partner });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Robots bouwen en programmeren/);
    assert.match(page.body, /Geheime drone-workshop/);
    assert.match(page.body, /Teruggestuurd/);
    assert.match(page.body, /Opmerking van de coördinator: Voeg een foto toe\./);
    assert.match(page.body, /Gepubliceerd/);
    assert.doesNotMatch(page.body, /Sterrenkijken/, 'not another organisation’s offer');
    assert.match(page.body, /href="\/e\/proef\/beheer\/aanbod\/nieuw"/);
    assert.equal(page.headers['cache-control'], 'no-store');
  });

  test('the management home and the account page link to what the role allows', async () => {
    const home = await app.inject({ url: '/e/proef/beheer', cookies: partner });
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /Mijn aanbod/);
    assert.match(home.body, /Organisaties en locaties/);
    assert.doesNotMatch(home.body, /\/beheer\/themas/);
    assert.doesNotMatch(home.body, /\/beheer\/beoordelen/);
    const account = await app.inject({ url: '/account', cookies: partner });
    assert.match(account.body, /href="\/e\/proef\/beheer"/);
    const school = (await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'school_contact', locationIds: [fx.locations.enschede] })).cookies;
    // A school contact manages nothing of the offer, but issues class passes (src/modules/passes): the link is there for that.
    const schoolHome = await app.inject({ url: '/e/proef/beheer', cookies: school });
    assert.doesNotMatch(schoolHome.body, /\/beheer\/aanbod"/);
    assert.match(schoolHome.body, /\/beheer\/passen"/);
  });
});

describe('creating and changing an activity', () => {
  test('every field is saved, as a draft, with an audit event', async () => {
    const form = await app.inject({ url: '/e/proef/beheer/aanbod/nieuw', cookies: partner });
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Bibliotheek Proefstad/);
    assert.match(form.body, /name="themes" value="maken-ontwerpen"/);
    assert.match(form.body, /Bieb Centrum/);
    assert.doesNotMatch(form.body, /<option value="\d+">Museum Hengelo/, 'only the own organisation’s locations');

    const created = await post('/e/proef/beheer/aanbod/nieuw', validActivity());
    assert.equal(created.statusCode, 303, created.body);
    const id = Number(/\/beheer\/aanbod\/(\d+)\?klaar=aangemaakt$/.exec(created.headers.location as string)![1]);
    const a = await database.db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(a.status, 'draft');
    assert.equal(a.price_cents, 750);
    assert.deepEqual(a.accessibility, ['wheelchair', 'low_stimulus']);
    assert.deepEqual(a.languages, ['nl', 'en']);
    assert.deepEqual(a.school_groups, ['po6', 'po7']);
    assert.deepEqual(a.curriculum_goals, ['42', '44a']);
    assert.equal(a.location_id, fx.locations.enschede);
    assert.equal(a.reductions, 'Gratis met de Stadspas');
    const themes = await database.db.selectFrom('activity_themes').select('theme_id').where('activity_id', '=', id).execute();
    assert.equal(themes.length, 2);
    const audit = await database.db.selectFrom('audit_events').select(['action', 'actor_kind']).where('subject_id', '=', String(id)).execute();
    assert.deepEqual(audit, [{ action: 'catalogue.activity.created', actor_kind: 'user' }]);

    const page = await app.inject({ url: created.headers.location as string, cookies: partner });
    assert.match(page.body, /aangemaakt als concept/);
    assert.match(page.body, /Concept/);
    assert.match(page.body, /Indienen ter beoordeling/);
  });

  const bad: Array<[string, Record<string, string | string[]>, string, RegExp]> = [
    ['no title', { title: '   ' }, 'title', /Vul een titel in\./],
    ['a title too long', { title: 'x'.repeat(201) }, 'title', /Maximaal 200 tekens\./],
    ['no theme', { themes: [] }, 'themes', /Kies minstens één thema\./],
    ['an unknown theme', { themes: ['toveren'] }, 'themes', /"toveren" is geen geldige keuze\./],
    ['seven themes', { themes: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }, 'themes', /geen geldige keuze/],
    ['an age that is not a number', { minAge: 'negen' }, 'minAge', /Vul een leeftijd in hele jaren in, van 4 tot en met 18\./],
    ['an age of 3', { minAge: '3' }, 'minAge', /van 4 tot en met 18/],
    ['an age of 19', { maxAge: '19' }, 'maxAge', /van 4 tot en met 18/],
    ['ages the wrong way round', { minAge: '12', maxAge: '9' }, 'maxAge', /mag niet lager zijn dan de leeftijd vanaf \(12\)/],
    ['a price in words', { price: 'zeven euro' }, 'price', /Vul een bedrag in euro’s in, bijvoorbeeld 7,50/],
    ['a negative price', { price: '-5' }, 'price', /Vul een bedrag in euro’s in/],
    ['a price with three decimals', { price: '7,505' }, 'price', /Vul een bedrag in euro’s in/],
    ['an unknown format', { format: 'feestje' }, 'format', /Maak een keuze uit de lijst\./],
    ['no level', { level: '' }, 'level', /Maak een keuze uit de lijst\./],
    ['an unknown accessibility feature', { accessibility: ['lift'] }, 'accessibility', /"lift" is geen geldige keuze\./],
    ['no language', { languages: [] }, 'languages', /Kies minstens één taal\./],
    ['no location and not online', { locationId: '' }, 'locationId', /Kies een locatie, of vink aan dat de activiteit online is\./],
    ['another organisation’s location', { locationId: String(fx?.locations.hengelo ?? 0) }, 'locationId', /Kies een locatie van de eigen organisatie\./],
    ['a location of another ecosystem', { locationId: 'other' }, 'locationId', /Kies een locatie van de eigen organisatie\./],
    ['curriculum goals in words', { curriculumGoals: 'rekenen' }, 'curriculumGoals', /Schrijf kerndoelen als nummers/],
    ['an unknown co-provider', { coProviderIds: ['999999'] }, 'coProviderIds', /"999999" is geen geldige keuze\./],
  ];

  for (const [name, change, field, message] of bad) {
    test(`bad input gets a specific Dutch message and changes nothing: ${name}`, async () => {
      const fields = { ...validActivity(), ...change };
      if (name === 'another organisation’s location') fields.locationId = String(fx.locations.hengelo);
      if (name === 'a location of another ecosystem') fields.locationId = String(other.locations.enschede);
      const before = await count('activities');
      const res = await post('/e/proef/beheer/aanbod/nieuw', fields);
      assert.equal(res.statusCode, 400);
      assert.match(decoded(res.body), message);
      assert.match(res.body, new RegExp(`href="#veld-${field}"`), 'the summary links to the field');
      assert.match(res.body, new RegExp(`id="fout-${field}"`), 'the message sits beside the field');
      assert.match(res.body, /value="Maak je eigen knipperlicht\."/, 'what was typed stays');
      assert.equal(await count('activities'), before);
    });
  }

  test('editing shows the current values and saves the change', async () => {
    const form = await app.inject({ url: `/e/proef/beheer/aanbod/${fx.activities.robots}/bewerken`, cookies: partner });
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /value="Robots bouwen en programmeren"/);
    assert.match(form.body, /name="accessibility" value="wheelchair" checked/);
    const fields = { ...validActivity(), title: 'Robots bouwen', price: '0', locationId: '', online: '1' };
    const saved = await post(`/e/proef/beheer/aanbod/${fx.activities.robots}/bewerken`, fields);
    assert.equal(saved.statusCode, 303, saved.body);
    const a = await database.db.selectFrom('activities').selectAll().where('id', '=', fx.activities.robots).executeTakeFirstOrThrow();
    assert.equal(a.title, 'Robots bouwen');
    assert.equal(a.price_cents, 0);
    assert.equal(a.online, true);
    assert.equal(a.location_id, null);
    assert.equal(a.organisation_id, fx.orgs.library, 'the organisation does not change');

    const wrong = await post(`/e/proef/beheer/aanbod/${fx.activities.robots}/bewerken`, { ...fields, title: '' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Vul een titel in\./);
    assert.equal((await database.db.selectFrom('activities').select('title').where('id', '=', fx.activities.robots).executeTakeFirstOrThrow()).title, 'Robots bouwen');
  });
});

describe('sessions', () => {
  test('a one-off session is added, changed and cancelled; times are Amsterdam time', async () => {
    const day = dayFromNow(20);
    const added = await post(`/e/proef/beheer/aanbod/${fx.activities.robotClub}/bijeenkomsten/nieuw`, { date: day, startTime: '15:30', endTime: '17:00', capacity: '12', note: 'Neem een laptop mee' });
    assert.equal(added.statusCode, 303, added.body);
    const s = await database.db.selectFrom('sessions').selectAll().where('activity_id', '=', fx.activities.robotClub).where('note', '=', 'Neem een laptop mee').executeTakeFirstOrThrow();
    assert.equal(amsterdamTime(s.starts_at), '15:30');
    assert.equal(s.capacity, 12);

    const form = await app.inject({ url: `/e/proef/beheer/bijeenkomsten/${s.id}`, cookies: partner });
    assert.match(form.body, /value="15:30"/);
    const changed = await post(`/e/proef/beheer/bijeenkomsten/${s.id}`, { date: day, startTime: '16:00', endTime: '17:30', capacity: '', note: '' });
    assert.equal(changed.statusCode, 303, changed.body);
    const after = await database.db.selectFrom('sessions').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow();
    assert.equal(amsterdamTime(after.starts_at), '16:00');
    assert.equal(after.capacity, null);

    const cancelled = await post(`/e/proef/beheer/bijeenkomsten/${s.id}/annuleren`, {});
    assert.equal(cancelled.statusCode, 303);
    assert.equal((await database.db.selectFrom('sessions').select('status').where('id', '=', s.id).executeTakeFirstOrThrow()).status, 'cancelled');
    const page = await app.inject({ url: cancelled.headers.location as string, cookies: partner });
    assert.match(page.body, /Gaat niet door/);
    assert.match(page.body, /afgelast/);
  });

  const badSessions: Array<[string, Record<string, string>, RegExp]> = [
    ['no date', { date: '' }, /Vul een datum in\./],
    ['a date that does not exist', { date: '2027-02-30' }, /Vul een datum in als jjjj-mm-dd/],
    ['a time in words', { startTime: 'half vier' }, /Vul een tijd in als uu:mm/],
    ['an end before the start', { startTime: '16:00', endTime: '15:00' }, /De eindtijd moet na de begintijd liggen\./],
    ['no places', { capacity: '0' }, /Vul het aantal plaatsen in als heel getal/],
    ['a day in the past', { date: dayFromNow(-3) }, /begint in het verleden/],
  ];
  for (const [name, change, message] of badSessions) {
    test(`a bad session is refused and changes nothing: ${name}`, async () => {
      const before = await count('sessions');
      const res = await post(`/e/proef/beheer/aanbod/${fx.activities.robotClub}/bijeenkomsten/nieuw`, { date: dayFromNow(20), startTime: '15:30', endTime: '17:00', capacity: '12', ...change });
      assert.equal(res.statusCode, 400);
      assert.match(decoded(res.body), message);
      assert.equal(await count('sessions'), before);
    });
  }

  test('a weekly series with exceptions makes every session but the skipped ones, in one step', async () => {
    const from = dayFromNow(7);
    const until = dayFromNow(7 + 7 * 9); // ten weeks
    const weekday = isoWeekday(from);
    const days = weeklyDays(weekday, from, until);
    assert.equal(days.length, 10);
    assert.ok(days.every((d) => isoWeekday(d) === weekday));
    const skip = [days[2]!, days[3]!];
    const before = await count('sessions');
    const res = await post(`/e/proef/beheer/aanbod/${fx.activities.water}/reeks`, {
      weekday: String(weekday), startTime: '14:00', endTime: '15:30', from, until, capacity: '16', skip: skip.join('\n'), note: 'Reeks',
    }, museumPartner);
    assert.equal(res.statusCode, 303, res.body);
    assert.match(res.headers.location as string, /klaar=reeks&aantal=8$/);
    assert.equal(await count('sessions'), before + 8);
    const made = await database.db.selectFrom('sessions').selectAll().where('activity_id', '=', fx.activities.water).where('note', '=', 'Reeks').orderBy('starts_at').execute();
    assert.equal(made.length, 8);
    // Every one at 14:00 Amsterdam time, summer or winter.
    assert.ok(made.every((s) => amsterdamTime(s.starts_at) === '14:00' && amsterdamTime(s.ends_at) === '15:30' && s.capacity === 16));
    const madeDays = made.map((s) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(s.starts_at));
    assert.deepEqual(madeDays, days.filter((d) => !skip.includes(d)));
    const audit = await database.db.selectFrom('audit_events').select('details').where('action', '=', 'catalogue.session.seriesCreated').executeTakeFirstOrThrow();
    assert.equal((audit.details as { count: number }).count, 8);
    const page = await app.inject({ url: res.headers.location as string, cookies: museumPartner });
    assert.match(page.body, /De reeks is gepland: 8 bijeenkomsten\./);
  });

  const badSeries: Array<[string, Record<string, string>, RegExp]> = [
    ['no weekday', { weekday: '' }, /Kies een dag van de week\./],
    ['weekday 8', { weekday: '8' }, /Kies een dag van de week\./],
    ['the last date before the first', { until: dayFromNow(5) }, /De laatste datum moet op of na de eerste datum liggen\./],
    ['a start in the past', { from: dayFromNow(-14) }, /Een reeks begint vandaag of later\./],
    ['an exception that is not a date', { skip: 'kerstvakantie' }, /"kerstvakantie" is geen datum/],
    ['an exception that is not in the series', { skip: dayFromNow(400) }, /er geen bijeenkomst in deze reeks/],
    ['more than two years', { until: dayFromNow(7 + 7 * 120) }, /hoogstens 105 bijeenkomsten/],
    ['an end before the start time', { endTime: '13:00' }, /De eindtijd moet na de begintijd liggen\./],
  ];
  for (const [name, change, message] of badSeries) {
    test(`a bad series is refused as a whole: ${name}`, async () => {
      const before = await count('sessions');
      const res = await post(`/e/proef/beheer/aanbod/${fx.activities.robotClub}/reeks`, {
        weekday: '2', startTime: '14:00', endTime: '15:00', from: dayFromNow(7), until: dayFromNow(60), capacity: '', skip: '', ...change,
      });
      assert.equal(res.statusCode, 400);
      assert.match(decoded(res.body), message);
      assert.equal(await count('sessions'), before);
    });
  }
});

describe('next steps, copies, preview, review and archive', () => {
  test('a next step is linked to a published activity with a reason, and removed again', async () => {
    const form = await app.inject({ url: `/e/proef/beheer/aanbod/${fx.activities.robotClub}/vervolgstappen/nieuw?zoek=sterren`, cookies: partner });
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Sterrenkijken in de Natuurtuin/);
    assert.doesNotMatch(form.body, /<option value="\d+">Proefjes met water/, 'the words narrow the list');
    const before = await count('next_steps');
    const bad = await post(`/e/proef/beheer/aanbod/${fx.activities.robotClub}/vervolgstappen/nieuw`, { toActivityId: String(fx.activities.draft), kind: 'deepen', reason: 'Niet gepubliceerd' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Kies een gepubliceerde activiteit uit de lijst\./);
    const noReason = await post(`/e/proef/beheer/aanbod/${fx.activities.robotClub}/vervolgstappen/nieuw`, { toActivityId: String(fx.activities.stars), kind: 'broaden', reason: '' });
    assert.match(noReason.body, /Schrijf in één zin waarom dit een goede volgende stap is\./);
    const noKind = await post(`/e/proef/beheer/aanbod/${fx.activities.robotClub}/vervolgstappen/nieuw`, { toActivityId: String(fx.activities.stars), kind: 'later', reason: 'x' });
    assert.match(noKind.body, /Maak een keuze uit de lijst\./);
    assert.equal(await count('next_steps'), before);

    const added = await post(`/e/proef/beheer/aanbod/${fx.activities.robotClub}/vervolgstappen/nieuw`, { toActivityId: String(fx.activities.stars), kind: 'broaden', reason: 'Van robots naar de ruimte.' });
    assert.equal(added.statusCode, 303, added.body);
    const step = await database.db.selectFrom('next_steps').selectAll().where('from_activity_id', '=', fx.activities.robotClub).executeTakeFirstOrThrow();
    assert.equal(step.kind, 'broaden');
    const page = await app.inject({ url: added.headers.location as string, cookies: partner });
    assert.match(page.body, /Van robots naar de ruimte\./);

    const again = await app.inject({ url: `/e/proef/beheer/aanbod/${fx.activities.robotClub}/vervolgstappen/nieuw?zoek=sterren`, cookies: partner });
    assert.doesNotMatch(again.body, /<option value="\d+">Sterrenkijken/, 'a linked activity is not offered twice');

    const removed = await post(`/e/proef/beheer/vervolgstappen/${step.id}/verwijderen`, {});
    assert.equal(removed.statusCode, 303);
    assert.equal(await count('next_steps'), before);
  });

  test('duplicating copies every field, themes and next steps as a new draft without sessions', async () => {
    const sourceId = fx.activities.robots;
    const res = await post(`/e/proef/beheer/aanbod/${sourceId}/kopieren`, {});
    assert.equal(res.statusCode, 303);
    const id = Number(/\/beheer\/aanbod\/(\d+)\?klaar=gekopieerd$/.exec(res.headers.location as string)![1]);
    const [source, copy] = await Promise.all([sourceId, id].map((i) => database.db.selectFrom('activities').selectAll().where('id', '=', i).executeTakeFirstOrThrow()));
    assert.equal(copy!.title, `${source!.title} (kopie)`);
    assert.equal(copy!.status, 'draft');
    for (const column of ['organisation_id', 'format', 'level', 'min_age', 'max_age', 'price_cents', 'location_id', 'online', 'accessibility', 'languages', 'description'] as const) {
      assert.deepEqual(copy![column], source![column], column);
    }
    const rows = async (table: 'sessions' | 'activity_themes' | 'activity_co_providers', activityId: number) =>
      (await database.db.selectFrom(table).select('activity_id').where('activity_id', '=', activityId).execute()).length;
    assert.ok((await rows('sessions', sourceId)) > 0);
    assert.equal(await rows('sessions', id), 0);
    assert.equal(await rows('activity_themes', id), await rows('activity_themes', sourceId));
    assert.equal(await rows('activity_co_providers', id), await rows('activity_co_providers', sourceId));
    const steps = async (from: number) => (await database.db.selectFrom('next_steps').select(['to_activity_id', 'kind', 'reason']).where('from_activity_id', '=', from).orderBy('to_activity_id').execute());
    assert.equal((await steps(sourceId)).length, 2);
    assert.deepEqual(await steps(id), await steps(sourceId));
    const page = await app.inject({ url: res.headers.location as string, cookies: partner });
    assert.match(page.body, /kopie als nieuw concept, zonder bijeenkomsten/);
    assert.ok(await database.db.selectFrom('audit_events').select('id').where('action', '=', 'catalogue.activity.duplicated').executeTakeFirst());
  });

  test('the preview shows a draft as the public would see it, under a clear banner; the public page does not', async () => {
    const preview = await app.inject({ url: `/e/proef/beheer/aanbod/${fx.activities.draft}/voorbeeld`, cookies: partner });
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /Voorbeeld: zo ziet het publiek deze activiteit\. Status: teruggestuurd\./);
    assert.match(preview.body, /<h1 class="utrecht-heading-1">Geheime drone-workshop<\/h1>/);
    assert.match(preview.body, /Bijeenkomsten/);
    assert.equal((await app.inject({ url: `/e/proef/activiteiten/${fx.activities.draft}` })).statusCode, 404);
    assert.equal((await app.inject({ url: `/e/proef/beheer/aanbod/${fx.activities.draft}/voorbeeld`, cookies: museumPartner })).statusCode, 403);
  });

  test('submitting sends the activity for review; it cannot be submitted twice', async () => {
    const res = await post(`/e/proef/beheer/aanbod/${fx.activities.draft}/indienen`, {});
    assert.equal(res.statusCode, 303);
    assert.equal((await database.db.selectFrom('activities').select('status').where('id', '=', fx.activities.draft).executeTakeFirstOrThrow()).status, 'submitted');
    const page = await app.inject({ url: res.headers.location as string, cookies: partner });
    assert.match(page.body, /De activiteit is ingediend/);
    assert.doesNotMatch(page.body, /Indienen ter beoordeling/);
    const twice = await post(`/e/proef/beheer/aanbod/${fx.activities.draft}/indienen`, {});
    assert.equal(twice.statusCode, 409);
    assert.match(twice.body, /Alleen een concept of een teruggestuurde activiteit/);
  });

  test('archiving takes the activity out of the finder; it can then no longer be changed', async () => {
    const res = await post(`/e/proef/beheer/aanbod/${fx.activities.past}/archiveren`, {});
    assert.equal(res.statusCode, 303);
    assert.equal((await database.db.selectFrom('activities').select('status').where('id', '=', fx.activities.past).executeTakeFirstOrThrow()).status, 'archived');
    const page = await app.inject({ url: res.headers.location as string, cookies: partner });
    assert.match(page.body, /gearchiveerd/);
    assert.doesNotMatch(page.body, /Gegevens bewerken/);
    assert.equal((await app.inject({ url: `/e/proef/beheer/aanbod/${fx.activities.past}/bewerken`, cookies: partner })).statusCode, 409);
    assert.equal((await post(`/e/proef/beheer/aanbod/${fx.activities.past}/bewerken`, validActivity())).statusCode, 409);
  });
});

describe('other organisations and ecosystems cannot read or change anything', () => {
  test('a partner of another organisation gets 403 on every page and change of this one', async () => {
    const id = fx.activities.robotClub;
    for (const url of [`/e/proef/beheer/aanbod/${id}`, `/e/proef/beheer/aanbod/${id}/bewerken`, `/e/proef/beheer/aanbod/${id}/voorbeeld`, `/e/proef/beheer/aanbod/${id}/reeks`]) {
      assert.equal((await app.inject({ url, cookies: museumPartner })).statusCode, 403, url);
    }
    const before = await database.db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    for (const url of [`/e/proef/beheer/aanbod/${id}/bewerken`, `/e/proef/beheer/aanbod/${id}/archiveren`, `/e/proef/beheer/aanbod/${id}/kopieren`, `/e/proef/beheer/aanbod/${id}/indienen`]) {
      const res = await app.inject({ method: 'POST', url, cookies: museumPartner, ...formPost({ _csrf: museumCsrf, ...validActivity(), title: 'Gekaapt' }) });
      assert.equal(res.statusCode, 403, url);
    }
    const created = await app.inject({ method: 'POST', url: '/e/proef/beheer/aanbod/nieuw', cookies: museumPartner, ...formPost({ _csrf: museumCsrf, ...validActivity() }) });
    assert.equal(created.statusCode, 403, 'not in another organisation’s name');
    assert.deepEqual(await database.db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirstOrThrow(), before);
  });

  test('a coordinator of another ecosystem gets 403 here, and 404 for this ecosystem’s rows through their own', async () => {
    const id = fx.activities.robotClub;
    assert.equal((await app.inject({ url: '/e/proef/beheer/aanbod', cookies: otherCoordinator })).statusCode, 403);
    assert.equal((await app.inject({ url: `/e/proef/beheer/aanbod/${id}`, cookies: otherCoordinator })).statusCode, 403);
    assert.equal((await app.inject({ url: `/e/ander/beheer/aanbod/${id}`, cookies: otherCoordinator })).statusCode, 404);
    assert.equal((await app.inject({ url: `/e/ander/beheer/aanbod/${id}/voorbeeld`, cookies: otherCoordinator })).statusCode, 404);
    const list = await app.inject({ url: '/e/ander/beheer/aanbod', cookies: otherCoordinator });
    assert.equal(list.statusCode, 200);
    const otherCsrf = /name="_csrf" value="([^"]+)"/.exec((await app.inject({ url: '/e/ander/beheer/organisaties/nieuw', cookies: otherCoordinator })).body)![1]!;
    const before = await database.db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    for (const url of [`/e/ander/beheer/aanbod/${id}/bewerken`, `/e/ander/beheer/aanbod/${id}/archiveren`, `/e/ander/beheer/aanbod/${id}/kopieren`]) {
      const res = await app.inject({ method: 'POST', url, cookies: otherCoordinator, ...formPost({ _csrf: otherCsrf, ...validActivity(), title: 'Gekaapt' }) });
      assert.equal(res.statusCode, 404, url);
    }
    // Naming this ecosystem's organisation in the other's form is refused too.
    const foreign = await app.inject({ method: 'POST', url: '/e/ander/beheer/aanbod/nieuw', cookies: otherCoordinator, ...formPost({ _csrf: otherCsrf, ...validActivity() }) });
    assert.equal(foreign.statusCode, 400);
    assert.deepEqual(await database.db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirstOrThrow(), before);
  });

  test('forms without the CSRF token are refused', async () => {
    const res = await app.inject({ method: 'POST', url: '/e/proef/beheer/aanbod/nieuw', cookies: partner, ...formPost({ _csrf: 'vals', ...validActivity() }) });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /Dit formulier is verlopen/);
  });
});
