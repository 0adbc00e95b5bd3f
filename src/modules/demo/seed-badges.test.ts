import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { testDatabase } from '../../../test/helpers/build-app.js';
import { issueBadge } from '../passes/commands/badge-issuer.js';
import { issueSinglePass } from '../passes/commands/pass-issuer.js';
import { seedDemo } from './seed.js';

let database: Awaited<ReturnType<typeof testDatabase>>;
let ecosystemId: number;

before(async () => {
  database = await testDatabase();
  ecosystemId = (await seedDemo(database, { today: new Date('2026-03-10T09:30:00Z'), seed: 7 })).ecosystemId;
});
after(() => database.drop());

test('a handful of published demo activities award a badge, one per theme, with invented Dutch names', async () => {
  const rows = await database.db
    .selectFrom('achievements as a')
    .innerJoin('activities as act', 'act.id', 'a.activity_id')
    .select(['a.name', 'a.criteria', 'act.status', 'act.title'])
    .where('a.ecosystem_id', '=', ecosystemId)
    .execute();
  assert.ok(rows.length >= 4 && rows.length <= 6, `${rows.length} badges`);
  assert.ok(rows.every((r) => r.status === 'published'));
  assert.ok(rows.some((r) => r.name === 'Codekraker'));
  for (const r of rows) assert.equal(r.criteria, `Je deed mee aan ${r.title}.`);
});

test('a demo badge can be issued', async () => {
  const achievement = await database.db.selectFrom('achievements').select('id').where('ecosystem_id', '=', ecosystemId).orderBy('id').executeTakeFirstOrThrow();
  const id = await database.transaction(async (tx) => {
    const pass = await issueSinglePass(tx, 'system', ecosystemId, 'staff');
    return issueBadge(tx, { ecosystemId, passId: pass.id, achievementId: achievement.id, participationId: null });
  });
  assert.match(id ?? '', /^[0-9a-f-]{36}$/);
});
