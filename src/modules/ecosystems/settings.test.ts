import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testApp, testDatabase } from '../../../test/helpers/build-app.js';
import { createFixture, type Fixture } from '../../../test/helpers/factories.js';
import { signedInAs } from '../../../test/helpers/people.js';
import { contrastWithWhite } from './commands/settings-updater.js';

const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;

before(async () => {
  fx = await createFixture(database);
  await createFixture(database, 'elders');
  app = await testApp(database);
});
after(async () => {
  await app.close();
  await database.drop();
});

const form = (fields: Record<string, string>) => ({ payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)![1]!;
const good = { name: 'Proefregio Twente', logoUrl: 'https://www.proef.example/logo.svg', primaryColor: '#1C5B99', tileUrl: 'https://tegels.proef.example/{z}/{x}/{y}.png', tileAttribution: 'Kaart © Proef' };

test('contrast against white follows WCAG', () => {
  assert.equal(contrastWithWhite('#000000').toFixed(1), '21.0');
  assert.equal(contrastWithWhite('#ffffff').toFixed(1), '1.0');
  assert.ok(contrastWithWhite('#767676') >= 4.5);
  assert.ok(contrastWithWhite('#777777') < 4.5);
});

test('a coordinator changes name, logo, colour and tiles; every page shows them', async () => {
  const { cookies } = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' });
  const page = await app.inject({ url: '/e/proef/beheer/instellingen', cookies });
  assert.equal(page.statusCode, 200);
  const saved = await app.inject({ method: 'POST', url: '/e/proef/beheer/instellingen', cookies, ...form({ _csrf: csrfOf(page.body), ...good }) });
  assert.equal(saved.statusCode, 303);
  assert.match((await app.inject({ url: saved.headers.location as string, cookies })).body, /De instellingen zijn opgeslagen/);

  const home = await app.inject({ url: '/e/proef/' });
  assert.match(home.body, /Proefregio Twente/);
  assert.match(home.body, /<img class="site-logo" src="https:\/\/www\.proef\.example\/logo\.svg"/);
  const css = /href="(\/e\/proef\/thema\.css\?v=\d+)"/.exec(home.body)![1]!;
  const sheet = await app.inject({ url: css });
  assert.equal(sheet.headers['content-type'], 'text/css; charset=utf-8');
  assert.match(sheet.body, /--utrecht-button-primary-action-background-color: #1c5b99;/);
  assert.match((await app.inject({ url: '/e/proef/kaart' })).body, /tegels\.proef\.example/);
  assert.doesNotMatch((await app.inject({ url: '/e/elders/' })).body, /thema\.css|Proefregio Twente/, 'another ecosystem keeps its own look');
  const audit = await database.db.selectFrom('audit_events').select('details').where('action', '=', 'ecosystems.settings.updated').executeTakeFirstOrThrow();
  assert.equal(audit.details.primaryColor, '#1c5b99');

  // Emptying the optional fields removes them.
  const cleared = await app.inject({ method: 'POST', url: '/e/proef/beheer/instellingen', cookies, ...form({ _csrf: csrfOf(page.body), name: 'Proefregio proef' }) });
  assert.equal(cleared.statusCode, 303);
  assert.doesNotMatch((await app.inject({ url: '/e/proef/' })).body, /thema\.css|site-logo/);
});

test('bad settings: a specific Dutch message per field, and nothing changes', async () => {
  const { cookies } = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' });
  const csrf = csrfOf((await app.inject({ url: '/e/proef/beheer/instellingen', cookies })).body);
  const before = await database.db.selectFrom('ecosystems').select(['name', 'settings']).where('id', '=', fx.ecosystem.id).executeTakeFirstOrThrow();
  const bad: Array<[Record<string, string>, RegExp]> = [
    [{ name: '' }, /Minimaal 2 tekens/],
    [{ name: 'x'.repeat(101) }, /Maximaal 100 tekens/],
    [{ logoUrl: 'http://onveilig.example/logo.png' }, /begint met https:\/\//],
    [{ logoUrl: 'https://x.example/a"onerror="alert(1)' }, /begint met https:\/\//],
    [{ logoUrl: 'javascript:alert(1)' }, /begint met https:\/\//],
    [{ primaryColor: 'rood' }, /als # met zes tekens/],
    [{ primaryColor: '#fff' }, /als # met zes tekens/],
    [{ primaryColor: '#ffff00' }, /te licht: witte tekst erop heeft een contrast van 1,1:1/],
    [{ primaryColor: '#1c5b99;}body{display:none' }, /als # met zes tekens/],
    [{ tileUrl: 'https://tegels.example/kaart.png' }, /met \{z\}, \{x\} en \{y\} erin/],
    [{ tileUrl: 'https://tegels.example/{z}/{x}/{y}.png', tileAttribution: '' }, /bronvermelding in/],
    [{ tileAttribution: '<script>alert(1)</script>' }, /zonder &lt; of >/],
    [{ tileAttribution: 'x'.repeat(301) }, /Maximaal 300 tekens/],
  ];
  for (const [fields, message] of bad) {
    const res = await app.inject({ method: 'POST', url: '/e/proef/beheer/instellingen', cookies, ...form({ _csrf: csrf, ...good, ...fields }) });
    assert.equal(res.statusCode, 400, JSON.stringify(fields));
    assert.match(res.body, message, JSON.stringify(fields));
  }
  const after = await database.db.selectFrom('ecosystems').select(['name', 'settings']).where('id', '=', fx.ecosystem.id).executeTakeFirstOrThrow();
  assert.deepEqual(after, before);
});

test('only coordinators of this ecosystem', async () => {
  const partner = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] });
  const viewer = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'viewer' });
  const elsewhere = await signedInAs(database, { ecosystemId: (await app.ctx.ecosystems.bySlugOrUndefined('elders'))!.id, role: 'coordinator' });
  for (const who of [partner, viewer, elsewhere]) {
    assert.equal((await app.inject({ url: '/e/proef/beheer/instellingen', cookies: who.cookies })).statusCode, 403);
    const csrf = csrfOf((await app.inject({ url: '/account', cookies: who.cookies })).body);
    assert.equal((await app.inject({ method: 'POST', url: '/e/proef/beheer/instellingen', cookies: who.cookies, ...form({ _csrf: csrf, ...good }) })).statusCode, 403);
  }
});
