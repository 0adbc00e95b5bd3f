import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { createFixture, type Fixture } from '../../../../test/helpers/factories.js';
import { testDatabase } from '../../../../test/helpers/build-app.js';
import { createUser } from '../../accounts/commands/user-creator.js';
import { decodeJws } from '../badge-credential.js';
import { revokeBadge, saveActivityAchievement } from './achievement-commands.js';
import { syncLearningPathAchievement } from './learning-path-commands.js';
import { badgesOfPass } from '../queries/badge-queries.js';
import { forgetBadgesOfPass, issuePendingBadges, pathCompletion } from './badge-awarder.js';
import { recordCheckIn } from './check-in.js';
import { issueClassBatch, type IssuedPass } from './pass-issuer.js';

const db = await testDatabase();
let fx: Fixture;
let userId: number;
let passes: IssuedPass[];
/** Sessions today, one per activity, so a scan now is on the right day. */
const sessions = new Map<number, number>();
const now = new Date();

const coordinator = (): Actor => ({ kind: 'user', userId, email: 'c@proef.example', name: 'C', platformAdmin: false, sessionId: 'x', memberships: [{ ecosystemId: fx.ecosystem.id, role: 'coordinator', organisationIds: [], locationIds: [] }] });
const partner = (organisationId: number): Actor => ({ kind: 'user', userId, email: 'p@proef.example', name: 'P', platformAdmin: false, sessionId: 'x', memberships: [{ ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [organisationId], locationIds: [] }] });

async function consent(passId: number, granted: boolean): Promise<void> {
  await db.db.insertInto('pass_consents').values({ ecosystem_id: fx.ecosystem.id, pass_id: passId, purpose: 'badges', granted, given_by: 'parent', recorded_by: null }).execute();
}

async function scan(pass: IssuedPass, activityId: number, at: Date = now) {
  return db.transaction((tx) => recordCheckIn(tx, coordinator(), { ecosystemId: fx.ecosystem.id, code: pass.code, sessionId: sessions.get(activityId)!, deviceScanId: randomUUID(), scannedAt: at }, now));
}

async function awardsOf(passId: number) {
  return db.db.selectFrom('badge_awards as b').innerJoin('achievements as a', 'a.id', 'b.achievement_id').select(['b.id', 'a.name', 'a.kind', 'b.credential']).where('b.pass_id', '=', passId).orderBy('a.name').execute();
}

async function learningPath(title: string, ordered: boolean, activityIds: number[], status: 'draft' | 'published' = 'published'): Promise<number> {
  const e = fx.ecosystem.id;
  const path = await db.db.insertInto('learning_paths').values({ ecosystem_id: e, slug: title.toLowerCase().replace(/\W+/g, '-'), title, ordered, status }).returning('id').executeTakeFirstOrThrow();
  await db.db.insertInto('learning_path_steps').values(activityIds.map((activity_id, position) => ({ ecosystem_id: e, learning_path_id: path.id, activity_id, position }))).execute();
  await db.transaction((tx) => syncLearningPathAchievement(tx, e, path.id));
  return path.id;
}

before(async () => {
  fx = await createFixture(db);
  userId = await db.transaction((tx) => createUser(tx, { email: 'insignes@proef.example', name: 'Insignes' }));
  const start = new Date(now.getTime() - 3 * 3_600_000);
  for (const activityId of [fx.activities.robots, fx.activities.robotClub, fx.activities.stars, fx.activities.water]) {
    const row = await db.db.insertInto('sessions').values({ ecosystem_id: fx.ecosystem.id, activity_id: activityId, starts_at: start, ends_at: new Date(start.getTime() + 6 * 3_600_000) }).returning('id').executeTakeFirstOrThrow();
    sessions.set(activityId, row.id);
  }
  passes = (await db.transaction((tx) => issueClassBatch(tx, coordinator(), { ecosystemId: fx.ecosystem.id, label: 'groep 7a', size: 6, schoolLocationId: null }))).passes;
  await db.transaction(async (tx) => {
    await saveActivityAchievement(tx, partner(fx.orgs.library), fx.ecosystem.id, fx.activities.robots, { awards: true, name: 'Robotbouwer', description: 'Bouwde een robot.', criteria: 'Deed mee aan Robots bouwen.' });
    await saveActivityAchievement(tx, partner(fx.orgs.museum), fx.ecosystem.id, fx.activities.stars, { awards: true, name: 'Sterrenkijker', description: '', criteria: '' });
  });
});
after(() => db.drop());

describe('when a badge is awarded', () => {
  test('a check-in with the badges consent earns the activity badge, once, however often the child comes back', async () => {
    const pass = passes[0]!;
    await consent(pass.id, true);
    await scan(pass, fx.activities.robots);
    await scan(pass, fx.activities.robots, new Date(now.getTime() - 60_000));
    const awards = await awardsOf(pass.id);
    assert.deepEqual(awards.map((a) => a.name), ['Robotbouwer']);
    const payload = decodeJws(awards[0]!.credential as string)!.payload as { credentialSubject: { achievement: { name: string } } };
    assert.equal(payload.credentialSubject.achievement.name, 'Robotbouwer');
  });

  test('without consent nothing is issued; consent given later issues what was earned then, once', async () => {
    const pass = passes[1]!;
    await scan(pass, fx.activities.robots);
    await scan(pass, fx.activities.stars);
    assert.equal((await awardsOf(pass.id)).length, 0);
    // A consent withdrawn still means none.
    await consent(pass.id, true);
    await consent(pass.id, false);
    assert.deepEqual(await db.transaction((tx) => issuePendingBadges(tx, coordinator(), pass.id)), []);
    await consent(pass.id, true);
    const issued = await db.transaction((tx) => issuePendingBadges(tx, 'system', pass.id));
    assert.equal(issued.length, 2);
    assert.deepEqual((await awardsOf(pass.id)).map((a) => a.name), ['Robotbouwer', 'Sterrenkijker']);
    assert.deepEqual(await db.transaction((tx) => issuePendingBadges(tx, 'system', pass.id)), [], 'nothing twice');
    const audit = await db.db.selectFrom('audit_events').select(['action', 'details']).where('action', '=', 'passes.badges.issued').where('subject_id', '=', String(pass.id)).execute();
    assert.equal(audit.length, 1);
  });

  test('concurrent issuing gives one badge per pass and achievement', async () => {
    const pass = passes[2]!;
    await scan(pass, fx.activities.robots);
    await consent(pass.id, true);
    const results = await Promise.all(Array.from({ length: 5 }, () => db.transaction((tx) => issuePendingBadges(tx, 'system', pass.id))));
    assert.equal(results.flat().length, 1);
    assert.equal((await awardsOf(pass.id)).length, 1);
  });

  test('an archived achievement awards nothing new; badges given stay', async () => {
    const pass = passes[3]!;
    await consent(pass.id, true);
    await db.transaction((tx) => saveActivityAchievement(tx, partner(fx.orgs.museum), fx.ecosystem.id, fx.activities.stars, { awards: false, name: 'x', description: '', criteria: '' }));
    await scan(pass, fx.activities.stars);
    assert.equal((await awardsOf(pass.id)).length, 0);
    await db.transaction((tx) => saveActivityAchievement(tx, partner(fx.orgs.museum), fx.ecosystem.id, fx.activities.stars, { awards: true, name: 'Sterrenkijker', description: '', criteria: '' }));
    assert.equal((await awardsOf(passes[1]!.id)).length, 2, 'the earlier Sterrenkijker badge is still there');
  });

  test('learning paths: a free path needs every step, an ordered one its steps in order; drafts award nothing', async () => {
    await learningPath('Vrije route', false, [fx.activities.water, fx.activities.robotClub]);
    await learningPath('Route op volgorde', true, [fx.activities.water, fx.activities.robotClub]);
    await learningPath('Concept', false, [fx.activities.water], 'draft');
    const pass = passes[4]!;
    await consent(pass.id, true);
    await scan(pass, fx.activities.robotClub, new Date(now.getTime() - 120_000));
    assert.deepEqual((await awardsOf(pass.id)).map((a) => a.name), []);
    await scan(pass, fx.activities.water, new Date(now.getTime() - 60_000));
    // Club before water: the free path is done, the ordered one not yet.
    assert.deepEqual((await awardsOf(pass.id)).map((a) => a.name), ['Vrije route']);
  });

  test('a step done out of order counts once it is repeated in order', () => {
    const t = (m: number) => new Date(Date.UTC(2026, 10, 1, 10, m));
    const steps = [{ activityId: 1, position: 0 }, { activityId: 2, position: 1 }];
    const did = (list: Array<[string, number, number]>) => list.map(([id, activityId, m]) => ({ id, activityId, scannedAt: t(m) }));
    assert.equal(pathCompletion(steps, did([['1', 2, 0], ['2', 1, 5]]), true), undefined);
    assert.equal(pathCompletion(steps, did([['1', 2, 0], ['2', 1, 5], ['3', 2, 9]]), true), '3');
    assert.equal(pathCompletion(steps, did([['1', 2, 0], ['2', 1, 5]]), false), '2');
    assert.equal(pathCompletion([], did([['1', 2, 0]]), false), undefined, 'an empty path is never done');
  });

  test('only who manages an achievement may change it or revoke its badges', async () => {
    const museum = partner(fx.orgs.museum);
    await assert.rejects(
      db.transaction((tx) => saveActivityAchievement(tx, museum, fx.ecosystem.id, fx.activities.robots, { awards: true, name: 'Van een ander', description: '', criteria: '' })),
      (e: unknown) => e instanceof AppError && e.status === 403,
    );
    const award = (await awardsOf(passes[0]!.id))[0]!;
    await assert.rejects(db.transaction((tx) => revokeBadge(tx, museum, fx.ecosystem.id, award.id)), (e: unknown) => e instanceof AppError && e.status === 403);
    await db.transaction((tx) => revokeBadge(tx, partner(fx.orgs.library), fx.ecosystem.id, award.id));
    const row = await db.db.selectFrom('badge_awards').select('revoked_at').where('id', '=', award.id).executeTakeFirstOrThrow();
    assert.ok(row.revoked_at);
  });

  test('an achievement needs a name; texts have limits', async () => {
    const cases: Array<[string, { name: string; description: string; criteria: string }, string]> = [
      ['no name', { name: '  ', description: '', criteria: '' }, 'name'],
      ['name too long', { name: 'x'.repeat(151), description: '', criteria: '' }, 'name'],
      ['description too long', { name: 'Goed', description: 'x'.repeat(2001), criteria: '' }, 'description'],
      ['criteria too long', { name: 'Goed', description: '', criteria: 'x'.repeat(2001) }, 'criteria'],
    ];
    for (const [label, input, field] of cases) {
      await assert.rejects(
        db.transaction((tx) => saveActivityAchievement(tx, coordinator(), fx.ecosystem.id, fx.activities.water, { awards: true, ...input })),
        (e: unknown) => e instanceof AppError && e.status === 400 && e.problems.some((p) => p.field === field),
        label,
      );
    }
    const row = await db.db.selectFrom('achievements').select('id').where('activity_id', '=', fx.activities.water).executeTakeFirst();
    assert.equal(row, undefined, 'nothing saved');
  });

  test('a pass’s badges are listed for its page; deleting the pass forgets their credentials, the rows stay for totals', async () => {
    const pass = passes[1]!;
    const listed = await badgesOfPass(db.db, fx.ecosystem.id, pass.id);
    assert.deepEqual(listed.map((b) => b.name).sort(), ['Robotbouwer', 'Sterrenkijker']);
    assert.equal(await db.transaction((tx) => forgetBadgesOfPass(tx, pass.id)), 2);
    assert.deepEqual(await badgesOfPass(db.db, fx.ecosystem.id, pass.id), []);
    const kept = await db.db.selectFrom('badge_awards').select(['credential', 'pass_id']).where('id', 'in', listed.map((b) => b.id)).execute();
    assert.equal(kept.length, 2);
    assert.ok(kept.every((r) => r.credential === null && r.pass_id === null));
  });
});
