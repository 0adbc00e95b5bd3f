import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testApp, testDatabase } from '../../../test/helpers/build-app.js';
import { createFixture, inDays, type Fixture } from '../../../test/helpers/factories.js';
import { csrfFor } from '../../../test/helpers/forms.js';
import { addParticipation, post, requestPass } from '../../../test/helpers/pass-privacy.js';
import { signedInAs } from '../../../test/helpers/people.js';
import { createActivity } from '../catalogue/commands/activity-commands.js';
import { createSession } from '../catalogue/commands/session-commands.js';

/**
 * A lottery over HTTP: families enter in the window (one with a brother or
 * sister), the provider draws after it closes, the report says who got what
 * and why, and re-running from the seed gives the same result.
 */
const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;
const db = database.db;
const thisYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(new Date()));

before(async () => {
  fx = await createFixture(database);
  app = await testApp(database);
});
after(async () => {
  await app.close();
  await database.drop();
});

function form(cookies: Record<string, string>, url: string, fields: Record<string, string | string[]>, csrf: string) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries({ _csrf: csrf, ...fields })) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return app.inject({ method: 'POST', url, cookies, payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

describe('a lottery', () => {
  test('entries in the window, a draw with priorities, a report by pseudonym, and a re-run that matches', async () => {
    const activityId = await database.transaction(async (tx) =>
      (await createActivity(tx, fx.ecosystem.id, {
        organisationId: fx.orgs.library, title: 'Proeflessen robotica', themes: ['programmeren-digitaal'], format: 'course', setting: 'out_of_school', minAge: 8, maxAge: 12,
        level: 'introduction', registrationMode: 'lottery', locationId: fx.locations.enschede, status: 'published',
      })).id,
    );
    const sessionId = await database.transaction(async (tx) => (await createSession(tx, fx.ecosystem.id, activityId, { startsAt: inDays(20).toISOString(), endsAt: new Date(inDays(20).getTime() + 3_600_000).toISOString(), capacity: 3 })).id);
    const partner = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] });
    const lotteryUrl = `/e/proef/beheer/aanmeldingen/activiteit/${activityId}/loting`;
    const csrf = await csrfFor(app, partner.cookies, lotteryUrl);
    // The window: open now, closing in a week.
    const closes = new Date(Date.now() + 7 * 86_400_000);
    const local = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(closes);
    const part = (t: string) => local.find((p) => p.type === t)!.value;
    const saved = await form(partner.cookies, `${lotteryUrl}/venster`, { opensAt: '', closesAt: `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`, offerHours: '24' }, csrf);
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 500));
    const badWindow = await form(partner.cookies, `${lotteryUrl}/venster`, { closesAt: 'volgende week' }, csrf);
    assert.equal(badWindow.statusCode, 400);
    assert.match(badWindow.body, /Vul een datum en tijd in/);

    // Six children: two already took part this season (in Hengelo, SES 4), the others are new; two of them are siblings from a priority neighbourhood.
    const families = [];
    for (let i = 0; i < 6; i += 1) families.push(await requestPass(app, { birthYear: String(thisYear - 9), postcode: i < 2 ? '7550' : i < 4 ? '7511' : '7550', givenBy: 'parent' }));
    const pastSession = (await db.selectFrom('sessions').select('id').where('activity_id', '=', fx.activities.stars).executeTakeFirstOrThrow()).id;
    for (const f of families.slice(0, 2)) {
      const pass = (await db.selectFrom('passes').select('id').where('code', '=', f.code.replace(/-/g, '')).executeTakeFirstOrThrow()).id;
      await addParticipation(database, { ecosystemId: fx.ecosystem.id, passId: pass, sessionId: pastSession, scannedAt: new Date() });
    }
    const signupUrl = `/e/proef/ouders/aanmelden/${sessionId}`;
    for (const f of [families[0]!, families[1]!, families[4]!, families[5]!]) {
      const res = await post(app, f.browser, signupUrl, {});
      assert.equal(res.statusCode, 200, res.body.slice(0, 400));
      assert.match(res.body, /uw kind doet mee aan de loting/);
    }
    // Families 2 and 3 are brother and sister: entered together with the sibling's code and secret.
    const siblings = await post(app, families[2]!.browser, signupUrl, { siblingCode: families[3]!.code, siblingSecret: families[3]!.secret });
    assert.equal(siblings.statusCode, 200, siblings.body.slice(0, 400));
    const entered = await db.selectFrom('signups').select(['status', 'family_key']).where('session_id', '=', sessionId).execute();
    assert.equal(entered.length, 6);
    assert.ok(entered.every((e) => e.status === 'entered'));
    assert.equal(entered.filter((e) => e.family_key !== null).length, 2);

    // Drawing while the window is open is refused.
    const early = await form(partner.cookies, `${lotteryUrl}/trekken`, {}, csrf);
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /De inschrijving loopt nog/);
    assert.equal((await db.selectFrom('lottery_draws').select('id').execute()).length, 0);

    // An entry for a session of the activity that began before the draw: its place can no longer be given out.
    const started = (await db.insertInto('sessions').values({ ecosystem_id: fx.ecosystem.id, activity_id: activityId, starts_at: new Date(Date.now() - 3_600_000), ends_at: new Date(Date.now() + 3_600_000) }).returning('id').executeTakeFirstOrThrow()).id;
    const firstPass = (await db.selectFrom('passes').select('id').where('code', '=', families[0]!.code.replace(/-/g, '')).executeTakeFirstOrThrow()).id;
    const late = (await db.insertInto('signups').values({ ecosystem_id: fx.ecosystem.id, session_id: started, activity_id: activityId, pass_id: firstPass, status: 'entered' }).returning('id').executeTakeFirstOrThrow()).id;

    // The window closes (as time would); the draw.
    await db.updateTable('signup_settings').set({ closes_at: new Date(Date.now() - 60_000) }).where('activity_id', '=', activityId).execute();
    const drawn = await form(partner.cookies, `${lotteryUrl}/trekken`, {}, csrf);
    assert.equal(drawn.statusCode, 303, drawn.body.slice(0, 500));
    const lateAfter = await db.selectFrom('signups').select('status').where('id', '=', late).executeTakeFirstOrThrow();
    assert.equal(lateAfter.status, 'not_drawn', 'an entry the draw could not give out is closed, not left “entered”');
    const after = await db.selectFrom('signups').select(['status', 'waiting_position', 'family_key']).where('session_id', '=', sessionId).execute();
    assert.equal(after.filter((s) => s.status === 'confirmed').length, 3, 'three places, all given');
    assert.deepEqual(after.filter((s) => s.status === 'waiting').map((s) => s.waiting_position).sort(), [1, 2, 3]);
    // First-timers from the priority neighbourhood (the siblings) come first and get places together; the two who took part before wait.
    assert.ok(after.filter((s) => s.family_key !== null).every((s) => s.status === 'confirmed'));
    const draw = await db.selectFrom('lottery_draws').selectAll().executeTakeFirstOrThrow();
    assert.match(draw.seed, /^[0-9a-f]{32}$/);
    const veterans = await db.selectFrom('signups as s').innerJoin('participations as p', 'p.pass_id', 's.pass_id').select('s.status').where('s.session_id', '=', sessionId).execute();
    assert.deepEqual(veterans.map((v) => v.status), ['waiting', 'waiting']);

    const report = await app.inject({ url: lotteryUrl, cookies: partner.cookies });
    assert.equal(report.statusCode, 200);
    assert.match(report.body, /Uitslag van de loting/);
    assert.match(report.body, new RegExp(draw.seed));
    assert.match(report.body, /eerste keer dit seizoen, voorrangswijk, samen met broer of zus/);
    assert.match(report.body, /Kind [0-9A-F]{6}/);
    assert.doesNotMatch(report.body, /Nu loten/);
    const again = await form(partner.cookies, `${lotteryUrl}/trekken`, {}, csrf);
    assert.equal(again.statusCode, 400, 'a second draw is refused');
    assert.match(again.body, /Voor deze activiteit is al geloot/);

    const verified = await form(partner.cookies, `${lotteryUrl}/controleren`, { drawId: String(draw.id) }, csrf);
    assert.equal(verified.statusCode, 200);
    assert.match(verified.body, /de uitslag is precies gelijk aan de vastgelegde/);
    const badDraw = await form(partner.cookies, `${lotteryUrl}/controleren`, { drawId: 'een' }, csrf);
    assert.equal(badDraw.statusCode, 404);

    // Another partner may not draw or see it.
    const other = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.museum] });
    assert.equal((await app.inject({ url: lotteryUrl, cookies: other.cookies })).statusCode, 403);
  });

  test('the coordinator sets the priorities; bad values get a clear message', async () => {
    const coordinator = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' });
    const csrf = await csrfFor(app, coordinator.cookies, '/e/proef/beheer/loting');
    const bad = await form(coordinator.cookies, '/e/proef/beheer/loting', { rules: ['firstTimers'], prioritySesTierMax: '9', seasonStartMonth: '13' }, csrf);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Kies een SES-klasse van 1 tot en met 5/);
    assert.match(bad.body, /Kies een maand van 1 tot en met 12/);
    const ok = await form(coordinator.cookies, '/e/proef/beheer/loting', { rules: ['siblingsTogether'], prioritySesTierMax: '', seasonStartMonth: '9' }, csrf);
    assert.equal(ok.statusCode, 303);
    const row = await db.selectFrom('lottery_policies').selectAll().where('ecosystem_id', '=', fx.ecosystem.id).executeTakeFirstOrThrow();
    assert.deepEqual([row.first_timers, row.priority_ses_tier_max, row.siblings_together, row.one_before_two, row.season_start_month], [false, null, true, false, 9]);
    const partner = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] });
    assert.equal((await app.inject({ url: '/e/proef/beheer/loting', cookies: partner.cookies })).statusCode, 403);
  });
});
