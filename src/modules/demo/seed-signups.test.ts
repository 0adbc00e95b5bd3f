import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { testDatabase } from '../../../test/helpers/build-app.js';
import { drawLottery, type DrawInput, type DrawResult, type LotteryPolicy } from '../signups/lottery/draw.js';
import { seedDemo } from './seed.js';

const database = await testDatabase();
let ecosystemId: number;
before(async () => {
  ecosystemId = (await seedDemo(database, { today: new Date('2026-03-10T09:30:00Z'), seed: 7 })).ecosystemId;
});
after(async () => {
  await database.drop();
});

test('the demo has sign-ups: a full session with a waiting list, an open lottery and a drawn one that re-runs the same', async () => {
  const db = database.db;
  const byStatus = await db.selectFrom('signups').select(['status', (eb) => eb.fn.countAll<string>().as('n')]).where('ecosystem_id', '=', ecosystemId).groupBy('status').execute();
  const n = Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]));
  assert.ok(n.confirmed! >= 8 && n.waiting! >= 3 && n.entered! >= 6, JSON.stringify(n));
  const lotteries = await db.selectFrom('activities').select('id').where('ecosystem_id', '=', ecosystemId).where('registration_mode', '=', 'lottery').execute();
  assert.equal(lotteries.length, 2);
  const draw = await db.selectFrom('lottery_draws').selectAll().where('ecosystem_id', '=', ecosystemId).executeTakeFirstOrThrow();
  assert.deepEqual(JSON.parse(JSON.stringify(drawLottery(draw.input as DrawInput, draw.policy as LotteryPolicy, draw.seed))), draw.result as DrawResult);
  // Never more places than capacity.
  const over = await db
    .selectFrom('sessions as s')
    .innerJoin('signups as g', 'g.session_id', 's.id')
    .select(['s.id', 's.capacity', (eb) => eb.fn.countAll<string>().as('taken')])
    .where('s.ecosystem_id', '=', ecosystemId)
    .where('g.status', 'in', ['confirmed', 'offered'])
    .groupBy('s.id')
    .execute();
  assert.ok(over.every((r) => r.capacity === null || Number(r.taken) <= r.capacity));
});
