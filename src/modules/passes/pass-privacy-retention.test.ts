import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { runHousekeeping } from '../../core/modules.js';
import { modules } from '../index.js';
import { testApp, testConfig, testDatabase } from '../../../test/helpers/build-app.js';
import { Mailer } from '../mail/mailer.js';
import { createFixture, type Fixture } from '../../../test/helpers/factories.js';
import { formPost } from '../../../test/helpers/forms.js';
import { addParticipation, sessionOf } from '../../../test/helpers/pass-privacy.js';
import { signedInAs } from '../../../test/helpers/people.js';
import { issueSinglePass } from './commands/pass-issuer.js';
import { retentionCutoff } from './commands/pass-privacy-retention.js';

/**
 * Retention: each ecosystem says after how many years without use a pass is
 * removed (settings page, 1–10, default 3); the hourly housekeeping removes
 * such passes exactly as a parent's delete does.
 */
const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;
let other: Fixture;
const db = database.db;
const silent = { level: 'silent', info() {}, warn() {}, error() {}, debug() {}, fatal() {}, trace() {}, child: () => silent } as never;
const services = { mailer: new Mailer(database, { smtpUrl: undefined, from: 'noreply@proef.example', logger: silent }), config: testConfig() };
const now = new Date('2027-03-01T12:00:00Z');
const yearsAgo = (years: number, days = 0) => new Date(Date.UTC(2027 - years, 2, 1, 12) - days * 86_400_000);

before(async () => {
  fx = await createFixture(database);
  other = await createFixture(database, 'ander');
  app = await testApp(database);
});
after(async () => {
  await app.close();
  await database.drop();
});

const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)![1]!;
const good = { name: 'Proefregio ander', logoUrl: '', primaryColor: '', tileUrl: '', tileAttribution: '' };

test('the coordinator sets the retention on the settings page: 1 to 10 years, 3 unless said', async () => {
  const { cookies } = await signedInAs(database, { ecosystemId: other.ecosystem.id, role: 'coordinator' });
  const page = await app.inject({ url: '/e/ander/beheer/instellingen', cookies });
  assert.match(page.body, /name="passRetentionYears" value="3"/);
  const csrf = csrfOf(page.body);
  for (const bad of ['0', '11', 'drie', '2.5', '', ' ', '-1', '1e1']) {
    const res = await app.inject({ method: 'POST', url: '/e/ander/beheer/instellingen', cookies, ...formPost({ _csrf: csrf, ...good, passRetentionYears: bad }) });
    assert.equal(res.statusCode, 400, bad);
    assert.match(res.body, /Kies een heel aantal jaren van 1 tot en met 10/, bad);
  }
  const unchanged = await db.selectFrom('ecosystems').select('settings').where('id', '=', other.ecosystem.id).executeTakeFirstOrThrow();
  assert.equal(unchanged.settings.passRetentionYears, undefined);
  const saved = await app.inject({ method: 'POST', url: '/e/ander/beheer/instellingen', cookies, ...formPost({ _csrf: csrf, ...good, passRetentionYears: '1' }) });
  assert.equal(saved.statusCode, 303);
  const settings = (await db.selectFrom('ecosystems').select('settings').where('id', '=', other.ecosystem.id).executeTakeFirstOrThrow()).settings;
  assert.equal(settings.passRetentionYears, 1);
  assert.match((await app.inject({ url: '/e/ander/beheer/instellingen', cookies })).body, /name="passRetentionYears" value="1"/);
  assert.match((await app.inject({ url: '/e/ander/ouders' })).body, /Een pas die 1 jaar niet is gebruikt/);
  // A form without the field (an older page) leaves the setting alone.
  await app.inject({ method: 'POST', url: '/e/ander/beheer/instellingen', cookies, ...formPost({ _csrf: csrf, ...good }) });
  assert.equal((await db.selectFrom('ecosystems').select('settings').where('id', '=', other.ecosystem.id).executeTakeFirstOrThrow()).settings.passRetentionYears, 1);
});

test('the cutoff is calendar years back', () => {
  assert.equal(retentionCutoff(now, 3).toISOString(), '2024-03-01T12:00:00.000Z');
  assert.equal(retentionCutoff(new Date('2028-02-29T00:00:00Z'), 1).toISOString(), '2027-03-01T00:00:00.000Z');
});

test('housekeeping removes passes inactive for longer than the ecosystem allows, as a parent’s delete does', async () => {
  await db.updateTable('ecosystems').set({ settings: JSON.stringify({ passRetentionYears: 1 }) }).where('id', '=', other.ecosystem.id).execute();
  const issue = (ecosystemId: number, lastActive: Date) =>
    database.transaction(async (tx) => {
      const pass = await issueSinglePass(tx, 'system', ecosystemId, 'staff');
      await tx.db.updateTable('passes').set({ last_active_at: lastActive, nickname: 'Oud', birth_year: 2015 }).where('id', '=', pass.id).execute();
      return pass.id;
    });
  const oldHere = await issue(fx.ecosystem.id, yearsAgo(3, 1));
  const recentHere = await issue(fx.ecosystem.id, yearsAgo(3, -1));
  const oldThere = await issue(other.ecosystem.id, yearsAgo(1, 1));
  const recentThere = await issue(other.ecosystem.id, yearsAgo(0, 200));
  const participation = await addParticipation(database, { ecosystemId: fx.ecosystem.id, passId: oldHere, sessionId: await sessionOf(database, fx.activities.robots), age: 9 });
  await db
    .insertInto('pass_parent_sessions')
    .values([
      { token_hash: 'a'.repeat(64), ecosystem_id: fx.ecosystem.id, pass_id: recentHere, expires_at: new Date(now.getTime() - 1000) },
      { token_hash: 'b'.repeat(64), ecosystem_id: fx.ecosystem.id, pass_id: recentHere, expires_at: new Date(now.getTime() + 60_000) },
    ])
    .execute();

  const removed = await runHousekeeping(database, modules, services, now);
  assert.equal(removed['passes.inactivePasses'], 2);
  assert.equal(removed['passes.parentSessions'], 1);
  const left = (await db.selectFrom('passes').select('id').where('id', 'in', [oldHere, recentHere, oldThere, recentThere]).orderBy('id').execute()).map((p) => p.id);
  assert.deepEqual(left, [recentHere, recentThere]);
  const row = await db.selectFrom('participations').selectAll().where('id', '=', participation).executeTakeFirstOrThrow();
  assert.deepEqual([row.pass_id, row.age], [null, null], 'the check-in still counts, linked to nothing; no monitoring consent, so no snapshot');
  const events = await db.selectFrom('audit_events').selectAll().where('action', '=', 'passes.pass.deleted').orderBy('id').execute();
  assert.deepEqual(events.map((e) => [e.subject_id, e.actor_kind, e.details.reason]), [[String(oldHere), 'system', 'retention'], [String(oldThere), 'system', 'retention']]);
  assert.deepEqual((await db.selectFrom('pass_parent_sessions').select('token_hash').execute()).map((s) => s.token_hash), ['b'.repeat(64)]);

  // Nothing more to do the second time.
  const again = await runHousekeeping(database, modules, services, now);
  assert.equal(again['passes.inactivePasses'], 0);
  assert.equal(again['passes.parentSessions'], 0);
});
