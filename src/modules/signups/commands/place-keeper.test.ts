import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../../../db/database.js';
import { testDatabase } from '../../../../test/helpers/build-app.js';
import { createFixture, inDays, type Fixture } from '../../../../test/helpers/factories.js';
import { createSession } from '../../catalogue/commands/session-commands.js';
import { Mailer } from '../../mail/mailer.js';
import { cancelClassBooking, confirmClassBooking, requestClassBooking } from './class-booking-commands.js';
import { deletePasses } from '../../passes/commands/pass-privacy-delete.js';
import { acceptOffer, cancelSignup, expireOffers, offerPlacesLeftOpen, sendReminders, signUp } from './signup-commands.js';
import { AppError } from '../../../core/errors.js';

const silent = { level: 'silent', info() {}, warn() {}, error() {}, debug() {}, fatal() {}, trace() {}, child: () => silent } as never;
const parent = { kind: 'anonymous' } as const;

/** Creates n anonymous passes straight in the table; how passes are issued is the passes module's business. */
let made = 0;
async function makePasses(database: Database, ecosystemId: number, n: number): Promise<number[]> {
  if (n === 0) return [];
  const first = made;
  made += n;
  const rows = await database.db
    .insertInto('passes')
    .values(Array.from({ length: n }, (_, i) => ({ ecosystem_id: ecosystemId, code: `T${String(first + i).padStart(15, '0')}X`, secret_hash: 'x', issued_via: 'staff' as const })))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

async function newSession(database: Database, fx: Fixture, capacity: number, days = 5): Promise<number> {
  return database.transaction(async (tx) => {
    const s = await createSession(tx, fx.ecosystem.id, fx.activities.robots, { startsAt: inDays(days).toISOString(), endsAt: new Date(inDays(days).getTime() + 3_600_000).toISOString(), capacity });
    return s.id;
  });
}

async function statusCounts(database: Database, sessionId: number) {
  const rows = await database.db.selectFrom('signups').select(['status', 'waiting_position', 'id']).where('session_id', '=', sessionId).execute();
  const by = (s: string) => rows.filter((r) => r.status === s);
  return {
    confirmed: by('confirmed').length,
    offered: by('offered').length,
    waiting: by('waiting').length,
    positions: by('waiting').map((r) => r.waiting_position!).sort((a, b) => a - b),
    rows,
  };
}

function assertPositions(positions: number[]) {
  assert.deepEqual(positions, Array.from({ length: positions.length }, (_, i) => i + 1));
}

describe('places and waiting lists', () => {
  let database: Awaited<ReturnType<typeof testDatabase>>;
  let fx: Fixture;
  let mail: { mailer: Mailer; publicUrl: string };

  before(async () => {
    database = await testDatabase();
    fx = await createFixture(database);
    mail = { mailer: new Mailer(database, { smtpUrl: undefined, from: 'noreply@proef.example', logger: silent }), publicUrl: 'http://proef.example' };
  });
  after(async () => {
    await database.drop();
  });

  it('never overbooks: 500 concurrent sign-ups for 20 places give 20 confirmed and 480 waiting at positions 1…480', async () => {
    const sessionId = await newSession(database, fx, 20);
    const passes = await makePasses(database, fx.ecosystem.id, 500);
    const results = await Promise.allSettled(passes.map((passId) => database.transaction((tx) => signUp(tx, parent, { ecosystemId: fx.ecosystem.id, passId, sessionId }, mail))));
    const failed = results.filter((r) => r.status === 'rejected');
    assert.equal(failed.length, 0, String((failed[0] as PromiseRejectedResult | undefined)?.reason));
    const counts = await statusCounts(database, sessionId);
    assert.equal(counts.confirmed, 20);
    assert.equal(counts.waiting, 480);
    assertPositions(counts.positions);
  });

  it('keeps the invariant under concurrent cancellations, acceptances and sign-ups', async () => {
    const sessionId = await newSession(database, fx, 10, 6);
    const ids = await makePasses(database, fx.ecosystem.id, 60);
    for (const passId of ids.slice(0, 40)) await database.transaction((tx) => signUp(tx, parent, { ecosystemId: fx.ecosystem.id, passId, sessionId }, mail));
    let counts = await statusCounts(database, sessionId);
    assert.equal(counts.confirmed, 10);
    assert.equal(counts.waiting, 30);
    const confirmed = counts.rows.filter((r) => r.status === 'confirmed').map((r) => r.id);
    const waiting = counts.rows.filter((r) => r.status === 'waiting').map((r) => r.id);
    // At once: five families with a place cancel, five on the list cancel, twenty new ones sign up.
    const jobs: Array<Promise<unknown>> = [
      ...confirmed.slice(0, 5).map((id) => database.transaction((tx) => cancelSignup(tx, parent, fx.ecosystem.id, id, mail))),
      ...waiting.slice(10, 15).map((id) => database.transaction((tx) => cancelSignup(tx, parent, fx.ecosystem.id, id, mail))),
      ...ids.slice(40, 60).map((passId) => database.transaction((tx) => signUp(tx, parent, { ecosystemId: fx.ecosystem.id, passId, sessionId }, mail))),
    ];
    const settled = await Promise.allSettled(jobs);
    assert.deepEqual(settled.filter((r) => r.status === 'rejected'), []);
    counts = await statusCounts(database, sessionId);
    assert.equal(counts.confirmed + counts.offered, 10);
    assert.equal(counts.offered, 5, 'the five freed places are offered to the front of the list');
    assert.equal(counts.waiting, 30 - 5 - 5 + 20);
    assertPositions(counts.positions);

    // The offered families accept and others cancel at once; then the offers that remain lapse.
    const offers = await database.db.selectFrom('signups').select(['id']).where('session_id', '=', sessionId).where('status', '=', 'offered').execute();
    assert.equal(offers.length, 5);
    const nowConfirmed = (await statusCounts(database, sessionId)).rows.filter((r) => r.status === 'confirmed').map((r) => r.id);
    await Promise.all([
      ...nowConfirmed.slice(0, 3).map((id) => database.transaction((tx) => cancelSignup(tx, parent, fx.ecosystem.id, id, mail))),
      database.transaction((tx) => expireOffers(tx, new Date(Date.now() + 49 * 3_600_000), mail)),
    ]);
    counts = await statusCounts(database, sessionId);
    assert.ok(counts.confirmed + counts.offered <= 10);
    assert.equal(counts.confirmed + counts.offered, 10, 'every free place is offered on while the list is long enough');
    assertPositions(counts.positions);
  });

  it('promotes with a time-limited offer that can be accepted once', async () => {
    const sessionId = await newSession(database, fx, 1, 7);
    const [a, b, c] = await makePasses(database, fx.ecosystem.id, 3);
    const sa = await database.transaction((tx) => signUp(tx, parent, { ecosystemId: fx.ecosystem.id, passId: a!, sessionId }, mail));
    const sb = await database.transaction((tx) => signUp(tx, parent, { ecosystemId: fx.ecosystem.id, passId: b!, sessionId }, mail));
    const sc = await database.transaction((tx) => signUp(tx, parent, { ecosystemId: fx.ecosystem.id, passId: c!, sessionId }, mail));
    assert.equal(sa.status, 'confirmed');
    assert.deepEqual([sb.status, sb.position, sc.position], ['waiting', 1, 2]);
    await database.transaction((tx) => cancelSignup(tx, parent, fx.ecosystem.id, sa.signupId, mail));
    const row = await database.db.selectFrom('signups').select(['status', 'offer_expires_at']).where('id', '=', sb.signupId).executeTakeFirstOrThrow();
    assert.equal(row.status, 'offered');
    assert.ok(row.offer_expires_at! > new Date());
    // A wrong token is refused with a clear message and changes nothing.
    await assert.rejects(database.transaction((tx) => acceptOffer(tx, fx.ecosystem.id, 'x'.repeat(43), mail)), (e: unknown) => e instanceof AppError && e.problems[0]?.key === 'signups.offer.gone');
    // Housekeeping after the deadline: the place moves on to c.
    // (Offers left from the test before lapse too: the count covers every session.)
    const expired = await database.transaction((tx) => expireOffers(tx, new Date(Date.now() + 49 * 3_600_000), mail));
    assert.ok(expired >= 1);
    const after = await statusCounts(database, sessionId);
    assert.equal(after.offered, 1);
    assert.equal(after.rows.find((r) => r.id === sc.signupId)?.status, 'offered');
    assert.equal(after.rows.find((r) => r.id === sb.signupId)?.status, 'expired');
  });

  it('sends the reminder the day before, once, with the calendar file', async () => {
    const sessionId = await newSession(database, fx, 5, 9);
    const [passId] = await makePasses(database, fx.ecosystem.id, 1);
    await database.transaction((tx) => signUp(tx, parent, { ecosystemId: fx.ecosystem.id, passId: passId!, sessionId, email: 'herinnering@proef.example' }, mail));
    const startsAt = (await database.db.selectFrom('sessions').select('starts_at').where('id', '=', sessionId).executeTakeFirstOrThrow()).starts_at;
    const reminders = () => database.db.selectFrom('mail_messages').select(['attachments', 'subject']).where('to_address', '=', 'herinnering@proef.example').where('kind', '=', 'signup_reminder').execute();
    // Two days before: not yet.
    await database.transaction((tx) => sendReminders(tx, new Date(startsAt.getTime() - 48 * 3_600_000), mail));
    assert.equal((await reminders()).length, 0);
    const dayBefore = new Date(startsAt.getTime() - 20 * 3_600_000);
    assert.ok((await database.transaction((tx) => sendReminders(tx, dayBefore, mail))) >= 1);
    await database.transaction((tx) => sendReminders(tx, new Date(dayBefore.getTime() + 3_600_000), mail));
    const sent = await reminders();
    assert.equal(sent.length, 1, 'once');
    assert.match(sent[0]!.subject, /^Morgen: /);
    assert.match(sent[0]!.attachments[0]!.content, /BEGIN:VEVENT/);
  });

  it('a family cancelling gets a cancellation with the calendar event cancelled; an offered place can be taken', async () => {
    const sessionId = await newSession(database, fx, 1, 8);
    const [a, b] = await makePasses(database, fx.ecosystem.id, 2);
    const first = await database.transaction((tx) => signUp(tx, parent, { ecosystemId: fx.ecosystem.id, passId: a!, sessionId, email: 'eerst@proef.example' }, mail));
    await database.transaction((tx) => signUp(tx, parent, { ecosystemId: fx.ecosystem.id, passId: b!, sessionId, email: 'daarna@proef.example' }, mail));
    const offers = await database.transaction((tx) => cancelSignup(tx, parent, fx.ecosystem.id, first.signupId, mail).then(() => tx.db.selectFrom('mail_messages').select(['text_body']).where('to_address', '=', 'daarna@proef.example').where('kind', '=', 'signup_offered').execute()));
    assert.equal(offers.length, 1);
    const token = /aanmelding\/plek\/([A-Za-z0-9_-]{43})/.exec(offers[0]!.text_body)![1]!;
    await database.transaction((tx) => acceptOffer(tx, fx.ecosystem.id, token, mail));
    const counts = await statusCounts(database, sessionId);
    assert.equal(counts.confirmed, 1);
    const cancelMail = await database.db.selectFrom('mail_messages').select('attachments').where('to_address', '=', 'eerst@proef.example').where('kind', '=', 'signup_cancelled').executeTakeFirstOrThrow();
    assert.match(cancelMail.attachments[0]!.content, /METHOD:CANCEL/);
    assert.match(cancelMail.attachments[0]!.content, /STATUS:CANCELLED/);
  });

  it('class bookings and sign-ups share the capacity, also when they race', async () => {
    const sessionId = await newSession(database, fx, 20, 10);
    const request = (pupils: number) =>
      database.transaction((tx) =>
        requestClassBooking(tx, { kind: 'admin' }, fx.ecosystem.id, 'all', { activityId: String(fx.activities.robots), schoolLocationId: String(fx.locations.enschede), groupLabel: `groep ${pupils}`, pupils: String(pupils), sessionId: String(sessionId), wishes: '' }),
      );
    const classA = await request(12);
    const classB = await request(9);
    const passes = await makePasses(database, fx.ecosystem.id, 15);
    const results = await Promise.allSettled([
      database.transaction((tx) => confirmClassBooking(tx, { kind: 'admin' }, fx.ecosystem.id, classA, String(sessionId))),
      database.transaction((tx) => confirmClassBooking(tx, { kind: 'admin' }, fx.ecosystem.id, classB, String(sessionId))),
      ...passes.map((passId) => database.transaction((tx) => signUp(tx, parent, { ecosystemId: fx.ecosystem.id, passId, sessionId }, mail))),
    ]);
    // Both classes cannot fit (12 + 9 > 20); whichever got in, with the sign-ups the session holds at most 20.
    const bookings = await database.db.selectFrom('class_bookings').select(['id', 'pupils', 'status']).where('session_id', '=', sessionId).execute();
    const pupils = bookings.filter((b) => b.status === 'confirmed').reduce((n, b) => n + b.pupils, 0);
    let counts = await statusCounts(database, sessionId);
    assert.ok(pupils + counts.confirmed + counts.offered <= 20, `${pupils} pupils + ${counts.confirmed} sign-ups`);
    assert.equal(counts.confirmed + counts.waiting, 15, 'every sign-up got a place or a waiting position');
    assert.ok(results.filter((r) => r.status === 'rejected').every((r) => /invalid_input/.test(String((r as PromiseRejectedResult).reason))));
    assertPositions(counts.positions);
    // A confirmed class cancels: its places go to the waiting list.
    const confirmedClass = bookings.find((b) => b.status === 'confirmed');
    if (confirmedClass && counts.waiting > 0) {
      await database.transaction((tx) => cancelClassBooking(tx, { kind: 'admin' }, fx.ecosystem.id, confirmedClass.id, mail));
      counts = await statusCounts(database, sessionId);
      assert.ok(counts.offered > 0);
      assert.ok(counts.confirmed + counts.offered <= 20);
      assertPositions(counts.positions);
    }
  });

  it('a pass deleted by its parent frees its place and its waiting position; housekeeping offers the place and closes the list', async () => {
    const sessionId = await newSession(database, fx, 2, 9);
    const ids = await makePasses(database, fx.ecosystem.id, 5);
    for (const passId of ids) await database.transaction((tx) => signUp(tx, parent, { ecosystemId: fx.ecosystem.id, passId, sessionId }, mail));
    let counts = await statusCounts(database, sessionId);
    assert.deepEqual([counts.confirmed, counts.waiting], [2, 3]);
    // The first child with a place and the second on the list: their parents delete the passes.
    const waitingSecond = counts.rows.find((r) => r.status === 'waiting' && r.waiting_position === 2)!;
    const secondPass = (await database.db.selectFrom('signups').select('pass_id').where('id', '=', waitingSecond.id).executeTakeFirstOrThrow()).pass_id;
    await database.transaction((tx) => deletePasses(tx, 'system', fx.ecosystem.id, [ids[0]!, secondPass], 'parent'));
    counts = await statusCounts(database, sessionId);
    assert.deepEqual([counts.confirmed, counts.offered, counts.waiting], [1, 0, 2]);
    assert.deepEqual(counts.positions, [1, 3], 'a gap, until housekeeping');
    const offered = await database.transaction((tx) => offerPlacesLeftOpen(tx, new Date(), mail));
    assert.equal(offered, 1);
    counts = await statusCounts(database, sessionId);
    assert.deepEqual([counts.confirmed, counts.offered, counts.waiting], [1, 1, 1]);
    assertPositions(counts.positions);
    // Nothing left to do: a second run changes nothing.
    assert.equal(await database.transaction((tx) => offerPlacesLeftOpen(tx, new Date(), mail)), 0);
  });
});
