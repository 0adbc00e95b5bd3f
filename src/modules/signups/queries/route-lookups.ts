import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';

/** The code of a pass in this ecosystem, to show the parent which pass is open. */
export async function passCodeOf(db: Kysely<DB>, ecosystemId: number, passId: number): Promise<string | undefined> {
  return (await db.selectFrom('passes').select('code').where('ecosystem_id', '=', ecosystemId).where('id', '=', passId).executeTakeFirst())?.code;
}

/** Whether a sign-up has its own address for mail (for the "we sent you a confirmation" line). */
export async function signupHasOwnAddress(db: Kysely<DB>, signupId: string): Promise<boolean> {
  return Boolean((await db.selectFrom('signups').select('contact_email').where('id', '=', signupId).executeTakeFirst())?.contact_email);
}

/** The sign-up's id if it belongs to this pass here; undefined for any other (also another family's). */
export async function signupOfPass(db: Kysely<DB>, ecosystemId: number, passId: number, signupId: string): Promise<string | undefined> {
  return (await db.selectFrom('signups').select('id').where('ecosystem_id', '=', ecosystemId).where('id', '=', signupId).where('pass_id', '=', passId).executeTakeFirst())?.id;
}

/** The sign-up's id if it is on this session's list. */
export async function signupOnSession(db: Kysely<DB>, ecosystemId: number, sessionId: number, signupId: string): Promise<string | undefined> {
  return (await db.selectFrom('signups').select('id').where('ecosystem_id', '=', ecosystemId).where('session_id', '=', sessionId).where('id', '=', signupId).executeTakeFirst())?.id;
}

/** What the offer page names: the activity and the session's start. */
export async function offerSession(db: Kysely<DB>, sessionId: number): Promise<{ activityTitle: string; startsAt: Date }> {
  const row = await db.selectFrom('sessions as se').innerJoin('activities as a', 'a.id', 'se.activity_id').select(['a.title', 'se.starts_at']).where('se.id', '=', sessionId).executeTakeFirstOrThrow();
  return { activityTitle: row.title, startsAt: row.starts_at };
}

/** An activity with what the lottery pages need to authorise. */
export async function lotteryActivity(db: Kysely<DB>, ecosystemId: number, activityId: number) {
  return db.selectFrom('activities').select(['id', 'title', 'organisation_id', 'registration_mode']).where('ecosystem_id', '=', ecosystemId).where('id', '=', activityId).executeTakeFirst();
}

/** Everything the lottery page shows besides the draw: the window, the sessions, the entries, and the latest draw's id. */
export async function lotteryPageData(db: Kysely<DB>, ecosystemId: number, activityId: number) {
  const [window, sessions, draw, entries] = await Promise.all([
    db.selectFrom('signup_settings').select(['opens_at', 'closes_at', 'offer_hours']).where('ecosystem_id', '=', ecosystemId).where('activity_id', '=', activityId).executeTakeFirst(),
    db.selectFrom('sessions').select(['id', 'starts_at']).where('ecosystem_id', '=', ecosystemId).where('activity_id', '=', activityId).where('status', '=', 'scheduled').orderBy('starts_at').execute(),
    db.selectFrom('lottery_draws').select('id').where('ecosystem_id', '=', ecosystemId).where('activity_id', '=', activityId).orderBy('id', 'desc').executeTakeFirst(),
    db.selectFrom('signups').select((eb) => eb.fn.countAll<string>().as('n')).where('ecosystem_id', '=', ecosystemId).where('activity_id', '=', activityId).where('status', '=', 'entered').executeTakeFirstOrThrow(),
  ]);
  return { window, sessions, drawId: draw?.id, entries: Number(entries.n) };
}

/** A class booking with the organisation of its activity and its school, for authorising. */
export async function classBookingScope(db: Kysely<DB>, ecosystemId: number, bookingId: number) {
  return db
    .selectFrom('class_bookings as b')
    .innerJoin('activities as a', 'a.id', 'b.activity_id')
    .select(['b.id', 'a.organisation_id', 'b.school_location_id'])
    .where('b.ecosystem_id', '=', ecosystemId)
    .where('b.id', '=', bookingId)
    .executeTakeFirst();
}
