import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { testApp, testDatabase } from '../../../../test/helpers/build-app.js';
import { createFixture, type Fixture } from '../../../../test/helpers/factories.js';
import { formPost } from '../../../../test/helpers/forms.js';
import { pathPass, pathStep, setConsent } from '../../../../test/helpers/path-fixtures.js';
import { AppError } from '../../../core/errors.js';
import { runHousekeeping } from '../../../core/modules.js';
import { modules } from '../../index.js';
import { createPrivateLink, removePrivateLink } from '../commands/pass-link.js';
import { maxFailuresPerPassPerHour } from '../commands/path-access.js';
import type { IssuedPass } from '../commands/pass-issuer.js';
import { formatPassCode, newPassCode } from '../pass-code.js';

const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;
let other: Fixture;
let child: IssuedPass;
let ip = 0;

before(async () => {
  fx = await createFixture(database);
  other = await createFixture(database, 'ander');
  app = await testApp(database);
  child = await pathPass(database, fx.ecosystem.id, { birthYear: new Date().getUTCFullYear() - 10, postcode: '7511', nickname: 'Sam' });
  await pathStep(database, fx.ecosystem.id, child.id, fx.activities.robots, 7);
  await pathStep(database, fx.ecosystem.id, child.id, fx.activities.stars, 3);
});
after(async () => {
  await app.close();
  await database.drop();
});

/** Each test speaks from its own address unless it says otherwise, so the per-address limit of one test does not touch another. */
const nextIp = () => `198.51.100.${++ip}`;

async function formCookies(slug = 'proef', from = nextIp()): Promise<{ cookies: Record<string, string>; csrf: string; ip: string }> {
  const page = await app.inject({ url: `/e/${slug}/mijn-pad`, headers: { 'x-forwarded-for': from } });
  assert.equal(page.statusCode, 200);
  const cookie = page.cookies.find((c) => c.name === 'lx_formulier')!;
  return { cookies: { lx_formulier: cookie.value }, csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!, ip: from };
}

async function open(code: string, secret: string, options: { slug?: string; ip?: string } = {}): Promise<LightMyRequestResponse> {
  const form = await formCookies(options.slug, options.ip);
  return app.inject({
    method: 'POST',
    url: `/e/${options.slug ?? 'proef'}/mijn-pad`,
    cookies: form.cookies,
    ...formPost({ _csrf: form.csrf, code, secret }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': form.ip },
  });
}

function pathCookie(res: LightMyRequestResponse) {
  return res.cookies.find((c) => c.name === 'lx_pad');
}

const failures = async (passId?: number) =>
  database.db
    .selectFrom('audit_events')
    .selectAll()
    .where('action', '=', 'passes.path.failedAttempt')
    .$if(passId !== undefined, (q) => q.where('subject_id', '=', String(passId)))
    .execute();

describe('opening the path page with the code and the secret', () => {
  test('the form asks for both; right ones open the page through a short-lived httpOnly cookie, never the secret in an address', async () => {
    const form = await app.inject({ url: '/e/proef/mijn-pad' });
    assert.equal(form.statusCode, 200);
    assert.equal(form.headers['cache-control'], 'no-store');
    assert.match(form.body, /Code van je pas/);
    assert.match(form.body, /Geheime code/);
    assert.match(form.body, /type="password"/);

    // Typed as a child might: grouped, lower case, the secret with a space.
    const res = await open(formatPassCode(child.code).toLowerCase(), `${child.secret.slice(0, 3).toLowerCase()} ${child.secret.slice(3)}`);
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    assert.equal(res.headers.location, '/e/proef/mijn-pad');
    const cookie = pathCookie(res)!;
    assert.ok(cookie.httpOnly);
    assert.equal(cookie.path, '/e/proef/mijn-pad');
    assert.equal(cookie.maxAge, 7200);
    assert.equal(cookie.sameSite, 'Lax');
    assert.doesNotMatch(cookie.value, new RegExp(child.secret, 'i'));
    assert.doesNotMatch(String(res.headers.location), new RegExp(child.secret, 'i'));

    const page = await app.inject({ url: '/e/proef/mijn-pad', cookies: { lx_pad: cookie.value } });
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.match(page.body, /Het pad van Sam/);
    assert.match(page.body, /Robots bouwen en programmeren/);
    assert.match(page.body, /Sterrenkijken in de Natuurtuin/);
    assert.match(page.body, /Je hebt al 2 stappen gezet/);
    // The curated next step of the robots workshop, with its reason.
    assert.match(page.body, /Robotclub voor gevorderden/);
    assert.match(page.body, /Omdat je Robots bouwen en programmeren deed/);
    assert.match(page.body, /Pad sluiten/);
  });

  test('a wrong secret, an unknown code and a malformed code get one and the same answer, and are written to the audit log without the secret', async () => {
    const before = (await failures()).length;
    const wrongSecret = await open(child.code, 'ZZZZZZ');
    const unknown = await open(newPassCode(), child.secret);
    const malformed = await open('dit-is-geen-code', child.secret);
    for (const res of [wrongSecret, unknown, malformed]) {
      assert.equal(res.statusCode, 400);
      assert.equal(pathCookie(res), undefined);
      assert.match(res.body, /De code of de geheime code klopt niet/);
      // What was typed as the code comes back; the secret never does.
      assert.doesNotMatch(res.body, new RegExp(`value="${child.secret}"`));
    }
    const bodies = [wrongSecret, unknown, malformed].map((r) => r.body.replace(/value="[^"]*"/g, ''));
    assert.equal(bodies[0], bodies[1], 'a wrong secret and an unknown code look the same');
    const events = (await failures()).slice(before);
    assert.equal(events.length, 3);
    assert.deepEqual(events.map((e) => (e.details as { reason: string }).reason).sort(), ['malformedCode', 'unknownCode', 'wrongSecret']);
    for (const e of events) {
      assert.equal(e.ecosystem_id, fx.ecosystem.id);
      assert.doesNotMatch(JSON.stringify(e), new RegExp(`${child.secret}|ZZZZZZ|${child.code}`));
    }
    assert.equal(events.find((e) => (e.details as { reason: string }).reason === 'wrongSecret')!.subject_id, String(child.id));
  });

  test('malformed forms get a clear answer, open nothing, and never a server error', async () => {
    const cases: Array<[string, Record<string, string>, number]> = [
      ['no secret field', { code: child.code }, 400],
      ['no code field', { secret: child.secret }, 400],
      ['a code of 5000 characters', { code: 'A'.repeat(5000), secret: child.secret }, 400],
      ['a control character', { code: `${child.code}\u0007`, secret: child.secret }, 400],
      ['an empty code and secret', { code: '', secret: '' }, 400],
    ];
    for (const [name, fields, status] of cases) {
      const form = await formCookies();
      const res = await app.inject({ method: 'POST', url: '/e/proef/mijn-pad', cookies: form.cookies, ...formPost({ _csrf: form.csrf, ...fields }), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': form.ip } });
      assert.equal(res.statusCode, status, name);
      assert.equal(pathCookie(res), undefined, name);
      assert.match(res.headers['content-type'] as string, /text\/html/, name);
    }
    // Without the form's token the post comes from somewhere else: refused.
    const forged = await app.inject({ method: 'POST', url: '/e/proef/mijn-pad', ...formPost({ _csrf: 'vals', code: child.code, secret: child.secret }), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': nextIp() } });
    assert.equal(forged.statusCode, 403);
    assert.equal(pathCookie(forged), undefined);
  });

  test('attempts are rate-limited per address', async () => {
    const address = nextIp();
    const statuses: number[] = [];
    // Unknown codes, so no pass gets locked along the way.
    for (let i = 0; i < 11; i++) statuses.push((await open(newPassCode(), 'AAAAAA', { ip: address })).statusCode);
    // The eleventh POST from one address within the minute is refused before anything is checked.
    assert.deepEqual(statuses.slice(0, 10), Array(10).fill(400));
    assert.equal(statuses[10], 429);
    // Another address is not held up.
    assert.equal((await open(newPassCode(), 'AAAAAA')).statusCode, 400);
  });

  test('after ten wrong secrets in an hour a pass stops opening with a secret, from any address', async () => {
    const target = await pathPass(database, fx.ecosystem.id);
    for (let i = 0; i < maxFailuresPerPassPerHour; i++) assert.equal((await open(target.code, `WRONG${i}`)).statusCode, 400);
    const locked = await open(target.code, target.secret);
    assert.equal(locked.statusCode, 429);
    assert.equal(pathCookie(locked), undefined);
    assert.match(locked.body, /te vaak een verkeerde geheime code/);
    assert.equal((await failures(target.id)).length, maxFailuresPerPassPerHour + 1);
    // The private link still works: a parent is not locked out by a guesser.
    const token = await database.transaction((tx) => createPrivateLink(tx, 'system', fx.ecosystem.id, target.id));
    assert.equal((await app.inject({ url: `/e/proef/mijn-pad/${token}` })).statusCode, 200);
  });

  test('closing the page ends the session; an unknown or expired cookie shows the form again', async () => {
    const res = await open(child.code, child.secret);
    const cookies = { lx_pad: pathCookie(res)!.value };
    const page = await app.inject({ url: '/e/proef/mijn-pad', cookies });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const formCookie = page.cookies.find((c) => c.name === 'lx_formulier')!.value;
    const closed = await app.inject({ method: 'POST', url: '/e/proef/mijn-pad/sluiten', cookies: { ...cookies, lx_formulier: formCookie }, ...formPost({ _csrf: csrf }) });
    assert.equal(closed.statusCode, 303);
    assert.equal(closed.headers.location, '/e/proef/mijn-pad?klaar=gesloten');
    assert.equal(pathCookie(closed)!.value, '');
    const after = await app.inject({ url: '/e/proef/mijn-pad?klaar=gesloten', cookies });
    assert.match(after.body, /Je pad is gesloten/);
    assert.match(after.body, /Code van je pas/);

    const again = await open(child.code, child.secret);
    const token = pathCookie(again)!.value;
    await database.db.updateTable('pass_page_sessions').set({ expires_at: new Date(Date.now() - 1000) }).execute();
    const expired = await app.inject({ url: '/e/proef/mijn-pad', cookies: { lx_pad: token } });
    assert.match(expired.body, /vanzelf dichtgegaan/);
    assert.equal(pathCookie(expired)!.value, '', 'the stale cookie is cleared');
    const removed = await runHousekeeping(database, modules, { mailer: app.ctx.mailer, config: app.ctx.config }, new Date());
    assert.ok(removed['passes.pathSessions']! >= 1);
    const garbage = await app.inject({ url: '/e/proef/mijn-pad', cookies: { lx_pad: 'x'.repeat(500) } });
    assert.equal(garbage.statusCode, 200);
    assert.match(garbage.body, /Code van je pas/);
  });
});

describe('consent', () => {
  test('without the path-page consent the page kindly says a parent must agree first, and where', async () => {
    const none = await pathPass(database, fx.ecosystem.id, { consents: ['badges'] });
    await pathStep(database, fx.ecosystem.id, none.id, fx.activities.robots, 2);
    const res = await open(none.code, none.secret);
    assert.equal(res.statusCode, 303);
    const page = await app.inject({ url: '/e/proef/mijn-pad', cookies: { lx_pad: pathCookie(res)!.value } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Eerst toestemming van je ouder/);
    assert.match(page.body, /href="\/e\/proef\/ouders"/);
    assert.doesNotMatch(page.body, /Robots bouwen/, 'no step is shown');

    // Given, then withdrawn: the latest word counts.
    await assert.rejects(database.transaction((tx) => createPrivateLink(tx, 'system', fx.ecosystem.id, none.id)), (e: unknown) => e instanceof AppError && e.problems[0]?.key === 'passes.link.needsConsent', 'no link to a page without consent');
    await setConsent(database, fx.ecosystem.id, none.id, 'path_page', true);
    assert.match((await app.inject({ url: '/e/proef/mijn-pad', cookies: { lx_pad: pathCookie(res)!.value } })).body, /Robots bouwen/);
    const token = await database.transaction((tx) => createPrivateLink(tx, 'system', fx.ecosystem.id, none.id));
    await setConsent(database, fx.ecosystem.id, none.id, 'path_page', false);
    const withdrawn = await app.inject({ url: '/e/proef/mijn-pad', cookies: { lx_pad: pathCookie(res)!.value } });
    assert.match(withdrawn.body, /Eerst toestemming van je ouder/);
    // A link made while the consent stood shows no steps once it is withdrawn.
    assert.match((await app.inject({ url: `/e/proef/mijn-pad/${token}` })).body, /Eerst toestemming van je ouder/);
  });
});

describe('the private link', () => {
  test('opens the page without codes; a new link replaces the old one; a withdrawn link stops working', async () => {
    const first = await database.transaction((tx) => createPrivateLink(tx, 'system', fx.ecosystem.id, child.id));
    assert.match(first, /^[A-Za-z0-9_-]{43}$/);
    const stored = await database.db.selectFrom('passes').select('link_token_hash').where('id', '=', child.id).executeTakeFirstOrThrow();
    assert.notEqual(stored.link_token_hash, first, 'only the hash is kept');

    const page = await app.inject({ url: `/e/proef/mijn-pad/${first}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Het pad van Sam/);
    assert.equal(page.headers['referrer-policy'], 'no-referrer', 'the token never leaves in a Referer');
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.doesNotMatch(page.body, /Pad sluiten/);

    const second = await database.transaction((tx) => createPrivateLink(tx, 'system', fx.ecosystem.id, child.id));
    assert.equal((await app.inject({ url: `/e/proef/mijn-pad/${first}` })).statusCode, 404);
    const gone = await app.inject({ url: `/e/proef/mijn-pad/${first}` });
    assert.match(gone.body, /Deze link werkt niet meer/);
    assert.equal((await app.inject({ url: `/e/proef/mijn-pad/${second}` })).statusCode, 200);

    await database.transaction((tx) => removePrivateLink(tx, 'system', fx.ecosystem.id, child.id));
    assert.equal((await app.inject({ url: `/e/proef/mijn-pad/${second}` })).statusCode, 404);
    const audit = await database.db.selectFrom('audit_events').select('action').where('subject_id', '=', String(child.id)).where('action', 'like', 'passes.link.%').execute();
    assert.deepEqual(audit.map((a) => a.action), ['passes.link.created', 'passes.link.created', 'passes.link.removed']);

    for (const bad of ['kort', 'x'.repeat(200), '%00']) assert.ok([400, 404].includes((await app.inject({ url: `/e/proef/mijn-pad/${bad}` })).statusCode), bad);
  });
});

describe('tenant isolation', () => {
  test('a pass of one ecosystem never opens in another: not by code, cookie or link', async () => {
    const viaCode = await open(child.code, child.secret, { slug: 'ander' });
    assert.equal(viaCode.statusCode, 400);
    assert.match(viaCode.body, /De code of de geheime code klopt niet/);
    const failure = (await failures()).at(-1)!;
    assert.equal(failure.ecosystem_id, other.ecosystem.id);

    const home = await open(child.code, child.secret);
    const token = pathCookie(home)!.value;
    const elsewhere = await app.inject({ url: '/e/ander/mijn-pad', cookies: { lx_pad: token } });
    assert.equal(elsewhere.statusCode, 200);
    assert.match(elsewhere.body, /Code van je pas/);
    assert.doesNotMatch(elsewhere.body, /Sam|Robots bouwen/);

    const link = await database.transaction((tx) => createPrivateLink(tx, 'system', fx.ecosystem.id, child.id));
    assert.equal((await app.inject({ url: `/e/ander/mijn-pad/${link}` })).statusCode, 404);
    assert.equal((await app.inject({ url: `/e/proef/mijn-pad/${link}` })).statusCode, 200);
  });
});

describe('what the page shows', () => {
  test('islands per theme with numbered stones and a text list; badges with their page; learning-path progress; next steps with reasons', async () => {
    const e = fx.ecosystem.id;
    const kid = await pathPass(database, e, { birthYear: new Date().getUTCFullYear() - 10 });
    const robotsStep = await pathStep(database, e, kid.id, fx.activities.robots, 20);
    await pathStep(database, e, kid.id, fx.activities.stars, 10);
    // A badge another module issued; this page only shows it.
    const achievement = await database.db
      .insertInto('achievements')
      .values({ ecosystem_id: e, kind: 'activity', activity_id: fx.activities.robots, name: 'Robotbouwer', description: 'Bouwde een robot.' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const award = await database.db
      .insertInto('badge_awards')
      .values({ ecosystem_id: e, pass_id: kid.id, achievement_id: achievement.id, participation_id: robotsStep })
      .returning('id')
      .executeTakeFirstOrThrow();
    const revoked = await database.db
      .insertInto('achievements')
      .values({ ecosystem_id: e, kind: 'activity', activity_id: fx.activities.stars, name: 'Ingetrokken ster' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db.insertInto('badge_awards').values({ ecosystem_id: e, pass_id: kid.id, achievement_id: revoked.id, revoked_at: new Date() }).execute();
    // A published learning path of two steps, one done.
    const lp = await database.db
      .insertInto('learning_paths')
      .values({ ecosystem_id: e, slug: 'robotroute', title: 'Robotroute', ordered: true, status: 'published' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto('learning_path_steps')
      .values([
        { ecosystem_id: e, learning_path_id: lp.id, activity_id: fx.activities.robots, position: 0 },
        { ecosystem_id: e, learning_path_id: lp.id, activity_id: fx.activities.robotClub, position: 1 },
      ])
      .execute();

    const token = await database.transaction((tx) => createPrivateLink(tx, 'system', fx.ecosystem.id, kid.id));
    const page = (await app.inject({ url: `/e/proef/mijn-pad/${token}` })).body;
    // Two islands: programming (robots) and science (stars: its first theme in the ecosystem's order).
    assert.equal((page.match(/class="path-island path-island--c\d"/g) ?? []).length, 2);
    assert.match(page, /<svg class="path-island__picture"[^>]*role="img"[^>]*aria-labelledby="eiland-0-tekening"/);
    assert.match(page, /<title id="eiland-0-tekening">Eiland Wetenschap en onderzoek: een pad van 1 stenen/);
    assert.match(page, /text-anchor="middle"/);
    assert.doesNotMatch(page, /\sstyle="/);
    assert.match(page, /<ol class="path-steps">[\s\S]*?href="\/e\/proef\/activiteiten\/\d+"/);
    // Badges: the issued one links to its page; the revoked one is not shown.
    assert.match(page, new RegExp(`href="/e/proef/insignes/${award.id}"[^>]*>Robotbouwer<`));
    assert.doesNotMatch(page, /Ingetrokken ster/);
    // Progress: text and a <progress> labelled by it.
    assert.match(page, /1 van 2 stappen/);
    assert.match(page, /<progress class="route-progress__bar" max="2" value="1" aria-labelledby="route-0-voortgang"/);
    assert.match(page, /Volgende stap: Robotclub voor gevorderden/);
    // Next steps: the club comes from both the curated step and the route; it is shown once, as the curated one.
    assert.equal((page.match(/>Robotclub voor gevorderden</g) ?? []).length, 1);
    assert.match(page, /Omdat je Robots bouwen en programmeren deed/);
  });

  test('a pass without steps sees where its path begins', async () => {
    const fresh = await pathPass(database, fx.ecosystem.id);
    const token = await database.transaction((tx) => createPrivateLink(tx, 'system', fx.ecosystem.id, fresh.id));
    const page = (await app.inject({ url: `/e/proef/mijn-pad/${token}` })).body;
    assert.match(page, /Je pad begint hier/);
    assert.match(page, /Nog geen insignes/);
    assert.match(page, /Je bent nog niet aan een leerroute begonnen/);
  });
});
