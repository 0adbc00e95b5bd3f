import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testApp, testDatabase } from '../../../test/helpers/build-app.js';
import { createPrivateLink } from '../passes/commands/pass-link.js';
import { demoPassNicknames } from './seed-learning-paths.js';
import { seedDemo } from './seed.js';

const database = await testDatabase();
let app: FastifyInstance;
let ecosystemId: number;

before(async () => {
  ecosystemId = (await seedDemo(database)).ecosystemId;
  app = await testApp(database);
});
after(async () => {
  await app.close();
  await database.drop();
});

test('the demo has three published learning paths of real, published activities, each with its badge', async () => {
  const paths = await database.db.selectFrom('learning_paths').selectAll().where('ecosystem_id', '=', ecosystemId).orderBy('slug').execute();
  assert.deepEqual(paths.map((p) => p.slug), ['kleine-onderzoekers', 'natuur-om-de-hoek', 'van-robot-tot-programmeur']);
  for (const p of paths) {
    assert.equal(p.status, 'published');
    assert.match(p.description, /Verzonnen demoroute/);
    const steps = await database.db
      .selectFrom('learning_path_steps as s')
      .innerJoin('activities as a', 'a.id', 's.activity_id')
      .select(['a.status'])
      .where('s.learning_path_id', '=', p.id)
      .execute();
    assert.ok(steps.length >= 2, `${p.slug}: ${steps.length} steps`);
    assert.ok(steps.every((s) => s.status === 'published'));
    const badge = await database.db.selectFrom('achievements').select(['kind', 'status']).where('learning_path_id', '=', p.id).executeTakeFirstOrThrow();
    assert.deepEqual(badge, { kind: 'learning_path', status: 'active' });
  }
  const page = await app.inject({ url: '/e/twente-demo/leerroutes/van-robot-tot-programmeur' });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Robots bouwen en programmeren/);
});

test('the demo children are invented and labelled, with consent and steps; their path shows progress and explained next steps', async () => {
  const passes = await database.db.selectFrom('passes').selectAll().where('ecosystem_id', '=', ecosystemId).where('nickname', 'is not', null).orderBy('id').execute();
  assert.deepEqual(passes.map((p) => p.nickname), [...demoPassNicknames]);
  assert.ok(passes.every((p) => p.neighbourhood_id !== null && p.contact_email === null));
  const sam = passes[0]!;
  const steps = await database.db.selectFrom('participations').select('activity_id').where('pass_id', '=', sam.id).execute();
  assert.ok(steps.length >= 2);

  const token = await database.transaction((tx) => createPrivateLink(tx, 'system', ecosystemId, sam.id));
  const res = await app.inject({ url: `/e/twente-demo/mijn-pad/${token}` });
  assert.equal(res.statusCode, 200);
  const body = res.body;
  assert.match(body, /Het pad van Sam \(demo\)/);
  assert.match(body, /Van robot tot programmeur/);
  assert.match(body, /2 van 4 stappen/);
  const reasons = [...body.matchAll(/<p class="suggestion__why">([^<]+)<\/p>/g)].map((m) => m[1]!);
  assert.ok(reasons.length >= 3, reasons.join(' | '));
  assert.ok(reasons.some((r) => /^Stap 3 van de leerroute Van robot tot programmeur$/.test(r)), reasons.join(' | '));
});

test('the demo has a class with cards to print: anonymous passes at a demo school, nobody’s consent yet', async () => {
  const batch = await database.db
    .selectFrom('pass_batches as b')
    .innerJoin('locations as l', 'l.id', 'b.school_location_id')
    .select(['b.id', 'b.label', 'b.size', 'l.is_school'])
    .where('b.ecosystem_id', '=', ecosystemId)
    .executeTakeFirstOrThrow();
  assert.equal(batch.label, 'Groep 6 (demo)');
  assert.equal(batch.is_school, true);
  const passes = await database.db.selectFrom('passes').select(['id', 'nickname', 'birth_year']).where('batch_id', '=', batch.id).execute();
  assert.equal(passes.length, 24);
  assert.ok(passes.every((p) => p.nickname === null && p.birth_year === null), 'no profile');
  const consents = await database.db.selectFrom('pass_consents').select('id').where('pass_id', 'in', passes.map((p) => p.id)).execute();
  assert.equal(consents.length, 0);
});
