import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { testApp, testDatabase } from '../../test/helpers/build-app.js';
import { createFixture, type Fixture } from '../../test/helpers/factories.js';
import { csrfFor, formPost } from '../../test/helpers/forms.js';
import { signedInAs } from '../../test/helpers/people.js';
import { writeClock } from '../db/write-clock.js';
import { revokeRole } from '../modules/accounts/commands/membership-commands.js';
import { touchSession } from '../modules/accounts/commands/session-commands.js';
import { SessionCache, type LoadedSession } from './session-cache.js';

const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;

before(async () => {
  fx = await createFixture(database);
  app = await testApp(database);
});
after(async () => {
  await app.close();
  await database.drop();
});

const someone = (expiresInMs = 3_600_000): LoadedSession => ({
  kind: 'user', userId: 1, email: 'iemand@proef.example', name: 'Iemand', platformAdmin: false, memberships: [], sessionId: 's',
  lastSeenAt: new Date(), csrfSecret: 'c', expiresAt: new Date(Date.now() + expiresInMs),
});

test('a remembered session is answered until its time is up or the session has expired', () => {
  const cache = new SessionCache(5_000);
  const now = Date.now();
  cache.remember('a', someone(), cache.clock(), now);
  cache.remember('b', someone(1_000), cache.clock(), now);
  assert.equal(cache.get('a', now + 4_000)?.email, 'iemand@proef.example');
  assert.equal(cache.get('a', now + 6_000), undefined, 'older than the time limit');
  assert.equal(cache.get('b', now + 2_000), undefined, 'the session itself has expired');
  assert.equal(cache.get('c', now), undefined);
});

test('writes to accounts, roles and ended sessions empty the cache; other writes do not', async () => {
  const cache = new SessionCache();
  const remember = () => cache.remember('a', someone(), cache.clock());
  const cases: [string, () => Promise<unknown>, boolean][] = [
    ['a role taken away (memberships)', () => database.db.deleteFrom('memberships').where('id', '=', -1).execute(), true],
    ['a user changed', () => database.db.updateTable('users').set({ name: 'x' }).where('id', '=', -1).execute(), true],
    ['a session ended', () => database.db.deleteFrom('user_sessions').where('id', '=', 'none').execute(), true],
    ['raw SQL naming an access table', () => sql`update membership_organisations set organisation_id = organisation_id where membership_id = -1`.execute(database.db), true],
    ['a session kept alive (touchSession)', () => database.transaction((tx) => touchSession(tx, 'none')), false],
    ['an activity edited', () => database.db.updateTable('activities').set({ title: 'x' }).where('id', '=', -1).execute(), false],
    ['raw SQL elsewhere', () => sql`update passes set last_active_at = now() where id = -1`.execute(database.db), false],
    ['a read of users', () => database.db.selectFrom('users').select('id').execute(), false],
  ];
  for (const [name, write, empties] of cases) {
    remember();
    assert.ok(cache.get('a'), name);
    await write();
    assert.equal(cache.get('a') === undefined, empties, name);
  }
});

test('a session loaded while a role changed is not kept, and a transaction moves the clock again at its commit', async () => {
  const cache = new SessionCache();
  const clock = cache.clock();
  await database.db.updateTable('users').set({ name: 'x' }).where('id', '=', -1).execute();
  cache.remember('a', someone(), clock);
  assert.equal(cache.get('a'), undefined, 'loaded before the write finished: it may be stale');

  let inside = 0;
  await database.transaction(async (tx) => {
    await tx.db.updateTable('users').set({ name: 'x' }).where('id', '=', -1).execute();
    inside = writeClock.access;
  });
  assert.ok(writeClock.access > inside, 'the commit, when the change becomes visible, moves it too');
});

test('signing out and a role taken away take effect on the very next request', async () => {
  const partner = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] });
  const scanPage = () => app.inject({ method: 'GET', url: `/e/${fx.ecosystem.slug}/scannen`, cookies: partner.cookies });
  assert.equal((await scanPage()).statusCode, 200);
  assert.equal((await scanPage()).statusCode, 200, 'answered from the cache');
  const membership = await database.db.selectFrom('memberships').select('id').where('user_id', '=', partner.userId).executeTakeFirstOrThrow();
  await database.transaction((tx) => revokeRole(tx, { kind: 'admin' }, fx.ecosystem.id, membership.id));
  assert.equal((await scanPage()).statusCode, 403);

  const other = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] });
  const page = () => app.inject({ method: 'GET', url: `/e/${fx.ecosystem.slug}/scannen`, cookies: other.cookies });
  assert.equal((await page()).statusCode, 200);
  const csrf = await csrfFor(app, other.cookies, '/account');
  const out = await app.inject({ method: 'POST', url: '/uitloggen', cookies: other.cookies, ...formPost({ _csrf: csrf }) });
  assert.equal(out.statusCode, 303);
  const after = await page();
  assert.notEqual(after.statusCode, 200, 'signed out: the old cookie no longer opens the page');
});
