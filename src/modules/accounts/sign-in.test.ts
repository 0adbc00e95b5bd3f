import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { testApp, testDatabase } from '../../../test/helpers/build-app.js';
import { createUser } from './commands/user-creator.js';
import { safeNext } from './routes/pages.js';

const database = await testDatabase();
let app: FastifyInstance;
const password = 'een lang en geheim wachtwoord';

before(async () => {
  await database.transaction((tx) => createUser(tx, { email: 'Coordinator@Proef.example', name: 'Coördinator', password }));
  app = await testApp(database);
});
after(async () => {
  await app.close();
  await database.drop();
});

function cookie(res: LightMyRequestResponse, name: string) {
  return res.cookies.find((c) => c.name === name);
}

/** Opens the sign-in page like a browser: returns the form token and its cookie. */
async function signInForm() {
  const page = await app.inject({ url: '/inloggen' });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  return { token, formCookie: cookie(page, 'lx_formulier')!.value };
}

async function signIn(email: string, pw: string, extra: Record<string, string> = {}) {
  const { token, formCookie } = await signInForm();
  return app.inject({
    method: 'POST',
    url: '/inloggen',
    payload: new URLSearchParams({ _csrf: token, email, password: pw, ...extra }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `lx_formulier=${formCookie}`, 'x-forwarded-for': `10.0.0.${Math.floor(Math.random() * 250)}` },
  });
}

describe('signing in', () => {
  test('with the right password: a session cookie, httpOnly and SameSite=Lax, and a redirect', async () => {
    const res = await signIn('coordinator@proef.example', password, { volgende: '/account' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/account');
    const session = cookie(res, 'lx_sessie');
    assert.ok(session);
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Lax');
    const account = await app.inject({ url: '/account', cookies: { lx_sessie: session.value } });
    assert.equal(account.statusCode, 200);
    assert.match(account.body, /Je bent ingelogd als Coördinator \(coordinator@proef\.example\)/);
  });

  test('every failure gets the same message and no session', async () => {
    for (const [email, pw] of [
      ['coordinator@proef.example', 'verkeerd wachtwoord!!'],
      ['niemand@proef.example', password],
      ['', ''],
    ] as const) {
      const res = await signIn(email, pw);
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /horen niet bij elkaar/);
      assert.equal(cookie(res, 'lx_sessie'), undefined);
    }
  });

  test('the session is new at every sign-in (no fixation)', async () => {
    const first = cookie(await signIn('coordinator@proef.example', password), 'lx_sessie')!.value;
    const { token } = await signInForm();
    const again = await app.inject({
      method: 'POST',
      url: '/inloggen',
      payload: new URLSearchParams({ _csrf: token, email: 'coordinator@proef.example', password }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      cookies: { lx_sessie: first },
    });
    // Signed in, the form token is the session's own; the page's anonymous token no longer fits.
    assert.equal(again.statusCode, 403);
    const account = await app.inject({ url: '/account', cookies: { lx_sessie: first } });
    const sessionToken = /name="_csrf" value="([^"]+)"/.exec(account.body)![1]!;
    const rotated = await app.inject({
      method: 'POST',
      url: '/inloggen',
      payload: new URLSearchParams({ _csrf: sessionToken, email: 'coordinator@proef.example', password }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      cookies: { lx_sessie: first },
    });
    assert.equal(rotated.statusCode, 303);
    const second = cookie(rotated, 'lx_sessie')!.value;
    assert.notEqual(second, first);
    assert.equal((await app.inject({ url: '/account', cookies: { lx_sessie: first } })).statusCode, 303, 'the old session is gone');
    assert.equal((await app.inject({ url: '/account', cookies: { lx_sessie: second } })).statusCode, 200);
  });

  test('a form without its CSRF token is refused', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/inloggen',
      payload: new URLSearchParams({ _csrf: 'vals', email: 'coordinator@proef.example', password }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /formulier is verlopen/);
  });

  test('sign-in attempts are rate-limited', async () => {
    const { token, formCookie } = await signInForm();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/inloggen',
        payload: new URLSearchParams({ _csrf: token, email: 'coordinator@proef.example', password: 'fout fout fout fout' }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `lx_formulier=${formCookie}`, 'x-forwarded-for': '192.0.2.7' },
      });
      statuses.push(res.statusCode);
    }
    assert.deepEqual(statuses.slice(0, 10), Array(10).fill(400));
    assert.equal(statuses[11], 429);
  });

  test('next pages stay on this site', () => {
    assert.equal(safeNext('/e/proef/'), '/e/proef/');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '', undefined, 'x'.repeat(600)]) {
      assert.equal(safeNext(bad), '/account');
    }
  });
});

describe('signing out', () => {
  test('ends this session; everywhere ends them all', async () => {
    const a = cookie(await signIn('coordinator@proef.example', password), 'lx_sessie')!.value;
    const b = cookie(await signIn('coordinator@proef.example', password), 'lx_sessie')!.value;
    const page = await app.inject({ url: '/account', cookies: { lx_sessie: a } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const out = await app.inject({
      method: 'POST', url: '/uitloggen/overal', cookies: { lx_sessie: a },
      payload: `_csrf=${encodeURIComponent(csrf)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(out.statusCode, 303);
    for (const token of [a, b]) assert.equal((await app.inject({ url: '/account', cookies: { lx_sessie: token } })).statusCode, 303);
  });

  test('signing out needs a session', async () => {
    const res = await app.inject({ method: 'POST', url: '/uitloggen', payload: '_csrf=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.ok(res.statusCode === 401 || res.statusCode === 403);
  });
});
