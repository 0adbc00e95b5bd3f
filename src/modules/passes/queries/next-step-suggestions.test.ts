import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDatabase } from '../../../../test/helpers/build-app.js';
import { createFixture, inDays, type Fixture } from '../../../../test/helpers/factories.js';
import { pathPass, pathStep } from '../../../../test/helpers/path-fixtures.js';
import { t } from '../../../web/i18n/index.js';
import { createActivity } from '../../catalogue/commands/activity-commands.js';
import { createLocation } from '../../catalogue/commands/organisation-commands.js';
import { createNextStep, createSession } from '../../catalogue/commands/session-commands.js';
import {
  ageRange, chooseSuggestions, eligible, loadSuggestionFacts, suggestionLimit,
  type CandidateActivity, type Suggestion, type SuggestionFacts, type SuggestionKind,
} from './next-step-suggestions.js';
import { passOfPrivateLink } from './path-access.js';
import { loadDoneActivityIds, loadLearningPathProgress, loadPathSteps, type DoneStep } from './path-page.js';
import { createPrivateLink } from '../commands/pass-link.js';

// ---------------------------------------------------------------------------
// The choice itself, on facts written by hand.

const now = new Date('2026-03-02T09:00:00Z');
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);
// Home, and a library ~300 m away; "far" is ~25 km away.
const home = { lat: 52.22, lng: 6.89 };
const library = { lat: 52.2227, lng: 6.8925, name: 'De Bibliotheek' };
const far = { lat: 52.44, lng: 6.89 };
const themes = [
  { id: 1, name: 'Programmeren' },
  { id: 2, name: 'Natuur' },
  { id: 3, name: 'Maken' },
];

function activity(id: number, over: Partial<CandidateActivity> = {}): CandidateActivity {
  return {
    id, title: `Activiteit ${id}`, summary: '', level: 'introduction', format: 'workshop', status: 'published', minAge: 8, maxAge: 12,
    priceCents: 0, online: false, organisationName: 'Partner', locationId: 100 + id, locationName: `Plek ${id}`, city: 'Enschede',
    lat: home.lat + 0.0001 * id, lng: home.lng, themeIds: [1], nextStartsAt: hours(48 + id), nextEndsAt: hours(50 + id), ...over,
  };
}

function step(activityId: number, over: Partial<DoneStep> = {}): DoneStep {
  return {
    participationId: String(activityId), activityId, title: `Gedaan ${activityId}`, level: 'introduction', minAge: 8, maxAge: 12, organisationName: 'Partner',
    locationId: 900, locationName: library.name, city: 'Enschede', lat: library.lat, lng: library.lng, themeIds: [1], scannedAt: hours(-24 * activityId), ...over,
  };
}

function facts(over: Partial<SuggestionFacts> = {}): SuggestionFacts {
  const done = over.done ?? [step(1)];
  return {
    now, age: { min: 9, max: 10 }, doneIds: new Set(done.map((d) => d.activityId)), done, curated: [], paths: [], home: undefined,
    visited: [library], pool: [], themes, ...over,
  };
}

const said = (s: Suggestion) => t('nl', s.reason.key, s.reason.params);
const kinds = (list: Suggestion[]) => list.map((s) => s.kind);

describe('choosing next steps (pure)', () => {
  const situations: Array<{ name: string; facts: SuggestionFacts; expect: (s: Suggestion[]) => void }> = [
    {
      name: 'a curated next step of an activity done, with the partner’s words',
      facts: facts({ curated: [{ fromActivityId: 1, fromTitle: 'Robots bouwen', kind: 'deepen', note: 'In de club bouw je grotere robots.', position: 0, activity: activity(20) }] }),
      expect: (s) => {
        assert.equal(s[0]!.kind, 'curated');
        assert.equal(said(s[0]!), 'Omdat je Robots bouwen deed');
        assert.deepEqual(s[0]!.curated, { kind: 'deepen', note: 'In de club bouw je grotere robots.' });
      },
    },
    {
      name: 'an ordered learning path offers its next step, numbered',
      facts: facts({
        done: [step(1), step(2)],
        paths: [{
          id: 7, slug: 'jonge-onderzoekers', title: 'Jonge onderzoekers', ordered: true, total: 4, done: 2,
          steps: [1, 2, 30, 31].map((id) => ({ activityId: id, title: `A${id}`, done: id < 3 })),
          activities: [activity(30), activity(31)],
        }],
      }),
      expect: (s) => {
        const route = s.filter((x) => x.kind === 'learning_path');
        assert.deepEqual(route.map((x) => x.activity.id), [30], 'only the next step of an ordered path');
        assert.equal(said(route[0]!), 'Stap 3 van de leerroute Jonge onderzoekers');
      },
    },
    {
      name: 'a free learning path offers any step not done',
      facts: facts({
        paths: [{
          id: 8, slug: 'buiten', title: 'Buiten', ordered: false, total: 3, done: 1,
          steps: [1, 40, 41].map((id) => ({ activityId: id, title: `A${id}`, done: id === 1 })),
          activities: [activity(40), activity(41)],
        }],
      }),
      expect: (s) => assert.deepEqual(s.filter((x) => x.kind === 'learning_path').map((x) => x.activity.id), [40, 41]),
    },
    {
      name: 'an ordered path whose next step has no session coming offers nothing (not a later step)',
      facts: facts({
        paths: [{
          id: 9, slug: 'r', title: 'R', ordered: true, total: 3, done: 1,
          steps: [1, 50, 51].map((id) => ({ activityId: id, title: `A${id}`, done: id === 1 })),
          activities: [activity(50, { nextStartsAt: null, nextEndsAt: null }), activity(51)],
        }],
      }),
      expect: (s) => assert.equal(s.filter((x) => x.kind === 'learning_path').length, 0),
    },
    {
      name: 'upcoming sessions near home, and not far away',
      // Same theme and level as done and not cheap: no other kind claims them.
      facts: facts({ home, pool: [activity(60, { priceCents: 2000 }), activity(61, { ...far, priceCents: 2000 })] }),
      expect: (s) => {
        const near = s.filter((x) => x.kind === 'nearby');
        assert.deepEqual(near.map((x) => x.activity.id), [60]);
        assert.equal(said(near[0]!), 'Binnenkort, vlak bij huis');
        assert.ok(near[0]!.distanceKm! < 1);
        assert.ok(!s.some((x) => x.activity.id === 61 && x.kind === 'nearby'));
      },
    },
    {
      name: 'without a home, near the places already visited',
      facts: facts({ pool: [activity(62, { priceCents: 3000 })] }),
      expect: (s) => {
        const near = s.find((x) => x.kind === 'nearby')!;
        assert.equal(said(near), 'Binnenkort, in de buurt van De Bibliotheek');
      },
    },
    {
      name: 'a theme not yet tried broadens; a theme done does not',
      facts: facts({ pool: [activity(70, { themeIds: [2], ...far }), activity(71, { themeIds: [1], ...far })] }),
      expect: (s) => {
        const broaden = s.filter((x) => x.kind === 'broaden');
        assert.deepEqual(broaden.map((x) => x.activity.id), [70]);
        assert.equal(said(broaden[0]!), 'Je hebt nog niets met Natuur gedaan');
      },
    },
    {
      name: 'a higher level in a theme done deepens, the next level first; the same level does not',
      facts: facts({
        pool: [
          activity(80, { level: 'advanced', ...far }),
          activity(81, { level: 'deepening', ...far }),
          activity(82, { level: 'introduction', ...far }),
        ],
      }),
      expect: (s) => {
        const deepen = s.filter((x) => x.kind === 'deepen');
        assert.deepEqual(deepen.map((x) => x.activity.id), [81, 80]);
        assert.equal(said(deepen[0]!), 'Je deed al iets met Programmeren: hier ga je er dieper in');
        assert.equal(said(deepen[1]!), 'Je deed al iets met Programmeren: dit is voor gevorderden');
      },
    },
    {
      name: 'small on-ramps: introduction, short, free or cheap, close to a known place',
      facts: facts({
        pool: [
          activity(90, { lat: library.lat + 0.002, lng: library.lng, priceCents: 350, themeIds: [1] }),
          activity(91, { lat: library.lat + 0.002, lng: library.lng, nextEndsAt: hours(48 + 91 + 4), themeIds: [1] }),
          activity(92, { lat: library.lat + 0.002, lng: library.lng, priceCents: 1000, themeIds: [1] }),
          activity(93, { lat: library.lat + 0.03, lng: library.lng, themeIds: [1] }),
        ],
      }),
      expect: (s) => {
        const ramps = s.filter((x) => x.kind === 'on_ramp');
        assert.deepEqual(ramps.map((x) => x.activity.id), [90], 'not the four-hour one, not the €10 one, not the one 3 km away');
        assert.equal(said(ramps[0]!), 'Dichtbij De Bibliotheek, waar je al eens was');
      },
    },
    {
      name: 'only what fits the age: too young and too old are left out',
      facts: facts({
        home,
        pool: [activity(100, { minAge: 4, maxAge: 6 }), activity(101, { minAge: 12, maxAge: 16 }), activity(102, { minAge: 10, maxAge: 14, level: 'deepening' })],
      }),
      expect: (s) => assert.deepEqual([...new Set(s.map((x) => x.activity.id))], [102]),
    },
    {
      name: 'a new theme is offered through an activity that fits, even when one that does not fit comes sooner',
      facts: facts({ pool: [activity(105, { themeIds: [2], minAge: 4, maxAge: 6, nextStartsAt: hours(1), nextEndsAt: hours(2), ...far }), activity(106, { themeIds: [2], ...far })] }),
      expect: (s) => assert.deepEqual(s.filter((x) => x.kind === 'broaden').map((x) => x.activity.id), [106]),
    },
    {
      name: 'nothing already done, not even when a partner advises it',
      facts: facts({
        done: [step(1), step(110)],
        home,
        curated: [{ fromActivityId: 1, fromTitle: 'X', kind: 'deepen', note: '', position: 0, activity: activity(110) }],
        pool: [activity(110), activity(111, { level: 'deepening' })],
      }),
      expect: (s) => assert.ok(!s.some((x) => x.activity.id === 110)),
    },
    {
      name: 'nothing past, unpublished or archived',
      facts: facts({
        home,
        curated: [
          { fromActivityId: 1, fromTitle: 'X', kind: 'deepen', note: '', position: 0, activity: activity(120, { status: 'draft' }) },
          { fromActivityId: 1, fromTitle: 'X', kind: 'deepen', note: '', position: 1, activity: activity(121, { status: 'archived' }) },
          { fromActivityId: 1, fromTitle: 'X', kind: 'deepen', note: '', position: 2, activity: activity(122, { nextStartsAt: hours(-2), nextEndsAt: hours(-1) }) },
          { fromActivityId: 1, fromTitle: 'X', kind: 'deepen', note: '', position: 3, activity: activity(123, { nextStartsAt: null, nextEndsAt: null }) },
        ],
        pool: [activity(124, { status: 'submitted' })],
      }),
      expect: (s) => assert.deepEqual(s, []),
    },
    {
      name: 'the same activity from two sources is suggested once, as the higher-ranked kind',
      facts: facts({
        home,
        curated: [{ fromActivityId: 1, fromTitle: 'X', kind: 'broaden', note: '', position: 0, activity: activity(130, { themeIds: [2] }) }],
        pool: [activity(130, { themeIds: [2] })],
      }),
      expect: (s) => assert.deepEqual(s.map((x) => [x.activity.id, x.kind]), [[130, 'curated']]),
    },
    {
      name: 'a handful at most, varied in kind, curated first and learning paths next',
      facts: facts({
        home,
        curated: [140, 141, 142, 143].map((id, i) => ({ fromActivityId: 1, fromTitle: 'X', kind: 'deepen' as const, note: '', position: i, activity: activity(id, { ...far }) })),
        paths: [{
          id: 1, slug: 'p', title: 'P', ordered: false, total: 4, done: 1,
          steps: [1, 150, 151, 152].map((id) => ({ activityId: id, title: '', done: id === 1 })),
          activities: [activity(150, far), activity(151, far), activity(152, far)],
        }],
        pool: [
          ...[160, 161, 162].map((id) => activity(id, { level: 'deepening', ...far })),
          ...[170, 171].map((id) => activity(id, { themeIds: [id === 170 ? 2 : 3], ...far })),
          ...[180, 181, 182].map((id) => activity(id, { priceCents: 4000 })),
        ],
      }),
      expect: (s) => {
        assert.equal(s.length, suggestionLimit);
        assert.deepEqual(kinds(s).slice(0, 4), ['curated', 'curated', 'learning_path', 'learning_path']);
        const counts = new Map<SuggestionKind, number>();
        for (const k of kinds(s)) counts.set(k, (counts.get(k) ?? 0) + 1);
        assert.ok([...counts.values()].every((n) => n <= 2), JSON.stringify([...counts]));
        assert.ok(counts.size >= 3);
      },
    },
    {
      name: 'when one kind is all there is, it fills the handful',
      facts: facts({ home, pool: [190, 191, 192, 193, 194, 195, 196, 197].map((id) => activity(id, { priceCents: 4000 })) }),
      expect: (s) => {
        assert.equal(s.length, suggestionLimit);
        assert.ok(kinds(s).every((k) => k === 'nearby'));
        assert.deepEqual(s.map((x) => x.activity.id), [190, 191, 192, 193, 194, 195], 'soonest first');
      },
    },
    {
      name: 'nothing to go on: nothing suggested',
      facts: facts({ done: [], visited: [] }),
      expect: (s) => assert.deepEqual(s, []),
    },
  ];
  for (const situation of situations) {
    test(situation.name, () => situation.expect(chooseSuggestions(situation.facts)));
  }

  test('every suggestion is eligible and every reason is a finished Dutch sentence', () => {
    for (const situation of situations) {
      for (const s of chooseSuggestions(situation.facts)) {
        assert.ok(eligible(s.activity, situation.facts));
        assert.doesNotMatch(said(s), /\{|\}/, said(s));
      }
    }
  });

  test('the age: from the birth year, else where the ages of what was done overlap, else the most recent', () => {
    const cases: Array<[number | null, Array<{ minAge: number; maxAge: number }>, { min: number; max: number } | undefined]> = [
      [2016, [], { min: 9, max: 10 }],
      [2016, [{ minAge: 14, maxAge: 18 }], { min: 9, max: 10 }],
      [null, [{ minAge: 8, maxAge: 12 }, { minAge: 10, maxAge: 14 }], { min: 10, max: 12 }],
      [null, [{ minAge: 4, maxAge: 6 }, { minAge: 10, maxAge: 14 }], { min: 4, max: 6 }],
      [null, [], undefined],
    ];
    for (const [birthYear, done, want] of cases) assert.deepEqual(ageRange(birthYear, done, now), want, `${birthYear} ${JSON.stringify(done)}`);
  });
});

// ---------------------------------------------------------------------------
// The same, from the database: the queries find the candidates and leave out what may not be suggested.

const database = await testDatabase();

describe('next steps from the database', () => {
  let fx: Fixture;
  let other: Fixture;
  let smallStep: number;
  let archivedNext: number;
  let cancelledOnly: number;

  before(async () => {
    fx = await createFixture(database);
    other = await createFixture(database, 'ander');
    const e = fx.ecosystem.id;
    await database.transaction(async (tx) => {
      const base = { organisationId: fx.orgs.library, themes: ['programmeren-digitaal'], format: 'workshop' as const, setting: 'out_of_school' as const, minAge: 8, maxAge: 12, level: 'introduction' as const, registrationMode: 'walk_in' as const, status: 'published' as const };
      // A short free taster at the library the child already knows: an on-ramp.
      const corner = await createLocation(tx, e, { organisationId: fx.orgs.library, name: 'Bieb Hoek', lat: 52.2226, lng: 6.8940 });
      smallStep = (await createActivity(tx, e, { ...base, title: 'Kort proeven: stop-motion', themes: ['kunst-cultuur'], locationId: corner.id })).id;
      await createSession(tx, e, smallStep, { startsAt: inDays(2).toISOString(), endsAt: new Date(inDays(2).getTime() + 3_600_000).toISOString() });
      // Curated after robots, but archived: never suggested.
      archivedNext = (await createActivity(tx, e, { ...base, title: 'Gearchiveerde vervolgclub', level: 'deepening', locationId: fx.locations.enschede })).id;
      await createSession(tx, e, archivedNext, { startsAt: inDays(4).toISOString(), endsAt: new Date(inDays(4).getTime() + 3_600_000).toISOString() });
      await createNextStep(tx, e, fx.activities.robots, { toActivityId: archivedNext, kind: 'deepen', reason: 'Weg.' });
      await tx.db.updateTable('activities').set({ status: 'archived' }).where('id', '=', archivedNext).execute();
      // Curated too, but its only session is cancelled: nothing coming.
      cancelledOnly = (await createActivity(tx, e, { ...base, title: 'Afgelaste vervolgles', level: 'deepening', locationId: fx.locations.enschede })).id;
      const session = await createSession(tx, e, cancelledOnly, { startsAt: inDays(6).toISOString(), endsAt: new Date(inDays(6).getTime() + 3_600_000).toISOString() });
      await tx.db.updateTable('sessions').set({ status: 'cancelled' }).where('id', '=', session.id).execute();
      await createNextStep(tx, e, fx.activities.robots, { toActivityId: cancelledOnly, kind: 'deepen', reason: 'Afgelast.' });
      // The other ecosystem has the same activities and next steps (createFixture): never seen from this one.
    });
  });
  after(() => database.drop());

  async function suggestionsFor(passId: number) {
    const e = fx.ecosystem.id;
    const token = await database.transaction((tx) => createPrivateLink(tx, 'system', fx.ecosystem.id, passId));
    const pass = (await passOfPrivateLink(database.db, e, token))!;
    const done = await loadPathSteps(database.db, e, passId);
    const doneIds = await loadDoneActivityIds(database.db, e, passId);
    const paths = await loadLearningPathProgress(database.db, e, doneIds);
    const themes = await database.db.selectFrom('themes').select(['id', 'name']).where('ecosystem_id', '=', e).orderBy('position').execute();
    const f = await loadSuggestionFacts(database.db, e, { pass, done, doneIds, paths, themes });
    return { facts: f, chosen: chooseSuggestions(f) };
  }

  test('a ten-year-old who built robots: the club (curated), something new, a small step near the library; nothing past, archived, cancelled or too young', async () => {
    const kid = await pathPass(database, fx.ecosystem.id, { birthYear: new Date().getUTCFullYear() - 10, postcode: '7511' });
    await pathStep(database, fx.ecosystem.id, kid.id, fx.activities.robots, 5);
    const { facts: f, chosen } = await suggestionsFor(kid.id);
    const byId = new Map(chosen.map((s) => [s.activity.id, s]));
    assert.equal(byId.get(fx.activities.robotClub)?.kind, 'curated');
    assert.equal(said(byId.get(fx.activities.robotClub)!), 'Omdat je Robots bouwen en programmeren deed');
    assert.equal(byId.get(smallStep)?.kind, 'on_ramp');
    assert.equal(said(byId.get(smallStep)!), 'Dichtbij Bieb Centrum, waar je al eens was');
    assert.ok(chosen.some((s) => s.kind === 'broaden' && s.activity.id === fx.activities.stars), JSON.stringify(chosen.map((s) => [s.kind, s.activity.title])));
    for (const id of [fx.activities.robots, fx.activities.draft, fx.activities.past, fx.activities.water, fx.activities.online, archivedNext, cancelledOnly]) {
      assert.ok(!byId.has(id), `not ${id}`);
      assert.ok(!f.pool.some((a) => a.id === id) || id === fx.activities.water || id === fx.activities.online, `${id} is not even a candidate`);
    }
    assert.ok(!f.curated.some((c) => [archivedNext, cancelledOnly, fx.activities.draft].includes(c.activity.id)), 'the queries leave them out already');
    const foreign = new Set(Object.values(other.activities));
    assert.ok(![...f.pool, ...f.curated.map((c) => c.activity)].some((a) => foreign.has(a.id)), 'nothing from another ecosystem');
  });

  test('a learning path started: its next step, numbered; without a birth year the ages done guide', async () => {
    const e = fx.ecosystem.id;
    const lp = await database.db.insertInto('learning_paths').values({ ecosystem_id: e, slug: 'ster-route', title: 'Sterrenroute', ordered: true, status: 'published' }).returning('id').executeTakeFirstOrThrow();
    await database.db
      .insertInto('learning_path_steps')
      .values([
        { ecosystem_id: e, learning_path_id: lp.id, activity_id: fx.activities.robots, position: 0 },
        { ecosystem_id: e, learning_path_id: lp.id, activity_id: fx.activities.stars, position: 1 },
      ])
      .execute();
    const kid = await pathPass(database, e);
    await pathStep(database, e, kid.id, fx.activities.robots, 5);
    const { facts: f, chosen } = await suggestionsFor(kid.id);
    assert.deepEqual(f.age, { min: 8, max: 12 });
    const route = chosen.find((s) => s.kind === 'learning_path')!;
    assert.equal(route.activity.id, fx.activities.stars);
    assert.equal(said(route), 'Stap 2 van de leerroute Sterrenroute');
    // A draft learning path is not followed.
    await database.db.updateTable('learning_paths').set({ status: 'draft' }).where('id', '=', lp.id).execute();
    assert.ok(!(await suggestionsFor(kid.id)).chosen.some((s) => s.kind === 'learning_path'));
  });
});
