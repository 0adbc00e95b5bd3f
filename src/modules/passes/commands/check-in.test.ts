import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Actor } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { createFixture, type Fixture } from '../../../../test/helpers/factories.js';
import { testDatabase } from '../../../../test/helpers/build-app.js';
import { formatPassCode } from '../pass-code.js';
import { createUser } from '../../accounts/commands/user-creator.js';
import { recordCheckIn } from './check-in.js';
import { issueClassBatch, type IssuedPass } from './pass-issuer.js';

const db = await testDatabase();
let fx: Fixture;
let passes: IssuedPass[];
let today: number; // a session of the library's robots activity, today
let museumToday: number;
let cancelled: number;
let future: number;
let archivedSession: number;
const now = new Date();
let userId: number;

const coordinator = (): Actor => ({ kind: 'user', userId, email: 'c@proef.example', name: 'C', platformAdmin: false, sessionId: 'x', memberships: [{ ecosystemId: fx.ecosystem.id, role: 'coordinator', organisationIds: [], locationIds: [] }] });
const partner = (organisationId: number): Actor => ({ kind: 'user', userId, email: 'p@proef.example', name: 'P', platformAdmin: false, sessionId: 'x', memberships: [{ ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [organisationId], locationIds: [] }] });

before(async () => {
  fx = await createFixture(db);
  userId = await db.transaction((tx) => createUser(tx, { email: 'scanner@proef.example', name: 'Scanner' }));
  const e = fx.ecosystem.id;
  const insertSession = async (activityId: number, startsAt: Date, status: 'scheduled' | 'cancelled' = 'scheduled') =>
    (await db.db.insertInto('sessions').values({ ecosystem_id: e, activity_id: activityId, starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 3_600_000), status }).returning('id').executeTakeFirstOrThrow()).id;
  const start = new Date(now.getTime() - 30 * 60_000);
  today = await insertSession(fx.activities.robots, start);
  museumToday = await insertSession(fx.activities.stars, start);
  cancelled = await insertSession(fx.activities.robots, start, 'cancelled');
  future = await insertSession(fx.activities.robots, new Date(now.getTime() + 3 * 86_400_000));
  archivedSession = await insertSession(fx.activities.past, start);
  await db.db.updateTable('activities').set({ status: 'archived' }).where('id', '=', fx.activities.past).execute();
  passes = (await db.transaction((tx) => issueClassBatch(tx, coordinator(), { ecosystemId: e, label: 'groep 6b', size: 3, schoolLocationId: null }))).passes;
});
after(() => db.drop());

const scan = (actor: Actor, over: Partial<Parameters<typeof recordCheckIn>[2]> = {}) =>
  db.transaction((tx) => recordCheckIn(tx, actor, { ecosystemId: fx.ecosystem.id, code: passes[0]!.code, sessionId: today, deviceScanId: randomUUID(), scannedAt: now, ...over }, now));

async function participationCount(): Promise<number> {
  const row = await db.db.selectFrom('participations').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

test('a partner records a step; the same pass at the same session counts once, from any device', async () => {
  const library = partner(fx.orgs.library);
  const first = await scan(library, { code: formatPassCode(passes[1]!.code).toLowerCase() });
  assert.equal(first.status, 'recorded');
  const again = await scan(library, { code: passes[1]!.code });
  assert.equal(again.status, 'duplicate');
  assert.equal(again.participationId, first.participationId);
  const deviceScanId = randomUUID();
  const queued = await scan(library, { code: passes[2]!.code, deviceScanId });
  const resent = await scan(library, { code: passes[2]!.code, deviceScanId });
  assert.deepEqual([queued.status, resent.status], ['recorded', 'duplicate']);
  assert.equal(await participationCount(), 2);
});

test('concurrent repeats of one scan record one participation', async () => {
  const before = await participationCount();
  const deviceScanId = randomUUID();
  const results = await Promise.all(Array.from({ length: 8 }, () => scan(coordinator(), { sessionId: museumToday, deviceScanId })));
  assert.equal(results.filter((r) => r.status === 'recorded').length, 1);
  assert.equal(await participationCount(), before + 1);
});

test('bad scans say what is wrong and record nothing', async () => {
  const library = partner(fx.orgs.library);
  const otherEco = await createFixture(db, 'ander');
  const wrongCheck = passes[0]!.code.slice(0, 16) + (passes[0]!.code[16] === '0' ? '1' : '0');
  const cases: [string, Partial<Parameters<typeof recordCheckIn>[2]>, Actor, string][] = [
    ['empty code', { code: '' }, library, 'passes.code.empty'],
    ['letters outside the alphabet', { code: 'UUUU-UUUU-UUUU-UUUU-U' }, library, 'passes.code.characters'],
    ['too short', { code: 'ABCD-EFGH' }, library, 'passes.code.length'],
    ['a mistyped character', { code: wrongCheck }, library, 'passes.code.check'],
    ['a valid code nobody was given', { code: '0000000000000000' + '0' }, library, 'passes.code.unknown'],
    ['a session that does not exist', { sessionId: 999_999 }, library, 'passes.scan.unknownSession'],
    ['another ecosystem’s session', { sessionId: (await db.db.selectFrom('sessions').select('id').where('ecosystem_id', '=', otherEco.ecosystem.id).executeTakeFirstOrThrow()).id }, library, 'passes.scan.unknownSession'],
    ['a cancelled session', { sessionId: cancelled }, library, 'passes.scan.cancelled'],
    ['an archived activity', { sessionId: archivedSession }, coordinator(), 'passes.scan.activityNotOpen'],
    ['a session on another day', { sessionId: future }, library, 'passes.scan.otherDay'],
    ['a scan from the future', { scannedAt: new Date(now.getTime() + 3_600_000) }, library, 'passes.scan.future'],
    ['an unreadable time', { scannedAt: new Date('nonsense') }, library, 'passes.scan.when'],
    ['a time in year 0', { scannedAt: new Date('0000-01-01T00:00:00Z') }, library, 'passes.scan.when'],
    ['a time before the platform existed', { scannedAt: new Date('1999-12-31T23:59:59Z') }, library, 'passes.scan.when'],
    ['a device id that is not a UUID', { deviceScanId: 'abc' }, library, 'passes.scan.deviceScanId'],
  ];
  const before = await participationCount();
  for (const [name, over, actor, key] of cases) {
    await assert.rejects(scan(actor, over), (e: unknown) => e instanceof AppError && e.problems[0]?.key === key, name);
  }
  // Another partner may not scan at the library's activity: forbidden, as for anything not theirs.
  await assert.rejects(scan(partner(fx.orgs.museum)), (e: unknown) => e instanceof AppError && e.id === 'forbidden');
  await assert.rejects(scan({ kind: 'anonymous' }), (e: unknown) => e instanceof AppError && e.id === 'unauthenticated');
  assert.equal(await participationCount(), before);
});

test('a device scan id used for another pass is refused', async () => {
  const deviceScanId = randomUUID();
  await scan(coordinator(), { code: passes[0]!.code, deviceScanId });
  await assert.rejects(scan(coordinator(), { code: passes[1]!.code, deviceScanId, sessionId: museumToday }), (e: unknown) => e instanceof AppError && e.problems[0]?.key === 'passes.scan.deviceScanIdReused');
});

test('class batches hold 1 to 40 passes with unique codes, and secrets are kept only as hashes', async () => {
  const issued = await db.transaction((tx) => issueClassBatch(tx, coordinator(), { ecosystemId: fx.ecosystem.id, label: ' groep 8 ', size: 40, schoolLocationId: null }));
  assert.equal(new Set(issued.passes.map((p) => p.code)).size, 40);
  const stored = await db.db.selectFrom('passes').select(['code', 'secret_hash']).where('batch_id', '=', issued.batchId).execute();
  assert.equal(stored.length, 40);
  assert.ok(stored.every((s) => !s.secret_hash.includes(issued.passes.find((p) => p.code === s.code)!.secret)));
  for (const [size, label] of [[0, 'a'], [41, 'a'], [1.5, 'a'], [5, ' '], [5, 'x'.repeat(101)]] as const) {
    await assert.rejects(db.transaction((tx) => issueClassBatch(tx, coordinator(), { ecosystemId: fx.ecosystem.id, label, size, schoolLocationId: null })), (e: unknown) => e instanceof AppError && e.id === 'invalid_input');
  }
  await assert.rejects(
    db.transaction((tx) => issueClassBatch(tx, coordinator(), { ecosystemId: fx.ecosystem.id, label: 'groep 3', size: 5, schoolLocationId: fx.locations.enschede })),
    (e: unknown) => e instanceof AppError && e.problems[0]?.key === 'passes.batch.unknownSchool',
  );
});

test('scans arriving together share a statement, yet each is answered as if it ran alone', async () => {
  const e = fx.ecosystem.id;
  const many = (await db.transaction((tx) => issueClassBatch(tx, coordinator(), { ecosystemId: e, label: 'groep 7', size: 32, schoolLocationId: null }))).passes;
  const [repeatedPass, otherPass] = [many[30]!, many[31]!];
  const library = partner(fx.orgs.library);
  const before = await participationCount();
  const repeated = randomUUID();
  // Outside a transaction, as the scan endpoint calls it: these are made in the same moment, so they share statements.
  const direct = (actor: Actor, over: Partial<Parameters<typeof recordCheckIn>[2]>) =>
    recordCheckIn(db.db, actor, { ecosystemId: e, code: many[0]!.code, sessionId: today, deviceScanId: randomUUID(), scannedAt: now, ...over }, now);
  const outcomes = await Promise.allSettled([
    ...many.slice(0, 30).map((p) => direct(library, { code: p.code })),
    // One device scan three times (the last for another pass), the same pass and session from another device, and refusals among them.
    direct(library, { code: repeatedPass.code, deviceScanId: repeated }),
    direct(library, { code: repeatedPass.code, deviceScanId: repeated }),
    direct(library, { code: repeatedPass.code }),
    direct(coordinator(), { code: otherPass.code, sessionId: museumToday, deviceScanId: repeated }),
    direct(library, { code: '0000000000000000' + '0' }),
    direct(library, { sessionId: cancelled }),
    direct(partner(fx.orgs.museum), { code: otherPass.code }),
  ]);
  const value = (i: number) => (outcomes[i] as PromiseFulfilledResult<Awaited<ReturnType<typeof recordCheckIn>>>).value;
  const reason = (i: number) => (outcomes[i] as PromiseRejectedResult).reason as AppError;
  assert.deepEqual(outcomes.slice(0, 30).map((o) => o.status === 'fulfilled' && o.value.status), Array(30).fill('recorded'));
  assert.deepEqual([value(30).status, value(31).status, value(32).status], ['recorded', 'duplicate', 'duplicate']);
  assert.equal(new Set([value(30), value(31), value(32)].map((r) => r.participationId)).size, 1);
  assert.equal(reason(33).problems[0]?.key, 'passes.scan.deviceScanIdReused');
  assert.equal(reason(34).problems[0]?.key, 'passes.code.unknown');
  assert.equal(reason(35).problems[0]?.key, 'passes.scan.cancelled');
  assert.equal(reason(36).id, 'forbidden');
  assert.equal(await participationCount(), before + 31);
  const stored = await db.db.selectFrom('participations').select(['pass_id', 'session_id', 'scanned_by']).where('pass_id', 'in', many.map((p) => p.id)).execute();
  assert.deepEqual(new Set(stored.map((s) => s.pass_id)), new Set(many.slice(0, 31).map((p) => p.id)));
  assert.ok(stored.every((s) => s.session_id === today && s.scanned_by === userId));
});
