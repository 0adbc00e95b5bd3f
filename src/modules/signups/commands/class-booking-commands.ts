import type { Actor } from '../../../core/context.js';
import { errors, type FieldProblem } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import { freePlaces, lockSession, offerFreePlaces } from './place-keeper.js';
import type { SignupMailContext } from './signup-mail.js';

/** What a teacher types; all text, checked here. */
export interface ClassBookingForm {
  activityId: string;
  schoolLocationId: string;
  groupLabel: string;
  pupils: string;
  sessionId: string;
  wishes: string;
}

const id = (value: string) => (/^[1-9][0-9]{0,9}$/.test(value.trim()) && Number(value) <= 2_147_483_647 ? Number(value) : undefined);

/**
 * A teacher asks for a class booking: an activity for school (or one with
 * sign-up), their own school location, the group, the number of pupils, and a
 * wished session or date wishes in words. The provider decides.
 */
export async function requestClassBooking(tx: Tx, actor: Actor, ecosystemId: number, allowedSchools: 'all' | number[], form: ClassBookingForm, now: Date = new Date()): Promise<number> {
  const problems: FieldProblem[] = [];
  const activityId = id(form.activityId);
  const schoolLocationId = id(form.schoolLocationId);
  const sessionId = form.sessionId.trim() === '' ? null : id(form.sessionId);
  const groupLabel = form.groupLabel.trim();
  const wishes = form.wishes.trim();
  const pupilsText = form.pupils.trim();
  const pupils = /^[0-9]{1,3}$/.test(pupilsText) ? Number(pupilsText) : NaN;
  const activity = activityId === undefined ? undefined : await tx.db.selectFrom('activities').select(['id', 'status', 'registration_mode']).where('ecosystem_id', '=', ecosystemId).where('id', '=', activityId).executeTakeFirst();
  if (!activity || activity.status !== 'published') problems.push({ field: 'activityId', key: 'classBookings.error.activity' });
  else if (activity.registration_mode === 'walk_in') problems.push({ field: 'activityId', key: 'classBookings.error.walkIn' });
  if (schoolLocationId === undefined || (allowedSchools !== 'all' && !allowedSchools.includes(schoolLocationId))) problems.push({ field: 'schoolLocationId', key: 'classBookings.error.school' });
  else {
    const school = await tx.db.selectFrom('locations').select('id').where('ecosystem_id', '=', ecosystemId).where('id', '=', schoolLocationId).where('status', '=', 'active').executeTakeFirst();
    if (!school) problems.push({ field: 'schoolLocationId', key: 'classBookings.error.school' });
  }
  if (groupLabel === '') problems.push({ field: 'groupLabel', key: 'field.required' });
  else if (groupLabel.length > 100) problems.push({ field: 'groupLabel', key: 'field.tooLong', params: { max: 100 } });
  if (!Number.isInteger(pupils) || pupils < 1 || pupils > 200) problems.push({ field: 'pupils', key: 'classBookings.error.pupils' });
  if (wishes.length > 500) problems.push({ field: 'wishes', key: 'field.tooLong', params: { max: 500 } });
  if (sessionId === undefined) problems.push({ field: 'sessionId', key: 'signups.error.session' });
  else if (sessionId !== null && activity) {
    const session = await tx.db.selectFrom('sessions').select(['activity_id', 'status', 'starts_at']).where('ecosystem_id', '=', ecosystemId).where('id', '=', sessionId).executeTakeFirst();
    if (!session || session.activity_id !== activity.id || session.status !== 'scheduled' || session.starts_at <= now) problems.push({ field: 'sessionId', key: 'signups.error.session' });
  }
  if (sessionId === null && wishes === '') problems.push({ field: 'wishes', key: 'classBookings.error.noWish' });
  if (problems.length) throw errors.invalidInput(problems);
  const row = await tx.db
    .insertInto('class_bookings')
    .values({ ecosystem_id: ecosystemId, activity_id: activityId!, session_id: sessionId, school_location_id: schoolLocationId!, group_label: groupLabel, pupils, wishes, status: 'requested', requested_by: actor.kind === 'user' ? actor.userId : null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(tx, actor, { ecosystemId, action: 'signups.classBooking.requested', subjectType: 'class_booking', subjectId: row.id, details: { activityId, sessionId, pupils, groupLabel } });
  return row.id;
}

async function loadBooking(tx: Tx, ecosystemId: number, bookingId: number) {
  const row = await tx.db.selectFrom('class_bookings').selectAll().where('ecosystem_id', '=', ecosystemId).where('id', '=', bookingId).executeTakeFirst();
  if (!row) throw errors.notFound('classBooking');
  return row;
}

function refuse(field: string, key: Parameters<typeof errors.invalidInput>[0][number]['key'], params?: Record<string, string | number>): never {
  throw errors.invalidInput([params ? { field, key, params } : { field, key }]);
}

/**
 * The provider confirms a booking for a session of the activity: only if the
 * session has room for every pupil, counted with the sign-ups under the
 * session's lock, so a class and a crowd of parents never overbook it together.
 */
export async function confirmClassBooking(tx: Tx, actor: Actor, ecosystemId: number, bookingId: number, sessionIdText: string, now: Date = new Date()): Promise<void> {
  const booking = await loadBooking(tx, ecosystemId, bookingId);
  if (booking.status !== 'requested') refuse('bookingId', 'classBookings.error.notOpen');
  const sessionId = id(sessionIdText) ?? booking.session_id;
  if (!sessionId) refuse('sessionId', 'signups.error.session');
  const session = await lockSession(tx, ecosystemId, sessionId);
  if (!session || session.activityId !== booking.activity_id || session.status !== 'scheduled' || session.startsAt <= now) refuse('sessionId', 'signups.error.session');
  const free = await freePlaces(tx, session);
  if (free < booking.pupils) refuse('sessionId', 'classBookings.error.full', { free: Math.max(0, free), pupils: booking.pupils });
  await tx.db.updateTable('class_bookings').set({ status: 'confirmed', session_id: sessionId, decided_by: actor.kind === 'user' ? actor.userId : null, updated_at: now }).where('id', '=', bookingId).execute();
  await recordAudit(tx, actor, { ecosystemId, action: 'signups.classBooking.confirmed', subjectType: 'class_booking', subjectId: bookingId, details: { sessionId, pupils: booking.pupils } });
}

/** The provider declines a request, with a note for the teacher. */
export async function declineClassBooking(tx: Tx, actor: Actor, ecosystemId: number, bookingId: number, note: string, now: Date = new Date()): Promise<void> {
  const booking = await loadBooking(tx, ecosystemId, bookingId);
  if (booking.status !== 'requested') refuse('bookingId', 'classBookings.error.notOpen');
  const text = note.trim();
  if (text.length > 500) refuse('note', 'field.tooLong', { max: 500 });
  await tx.db.updateTable('class_bookings').set({ status: 'declined', provider_note: text, decided_by: actor.kind === 'user' ? actor.userId : null, updated_at: now }).where('id', '=', bookingId).execute();
  await recordAudit(tx, actor, { ecosystemId, action: 'signups.classBooking.declined', subjectType: 'class_booking', subjectId: bookingId });
}

/** The school cancels a booking; a confirmed one frees its places, which go to the waiting list at once. */
export async function cancelClassBooking(tx: Tx, actor: Actor, ecosystemId: number, bookingId: number, mail: SignupMailContext, now: Date = new Date()): Promise<void> {
  const booking = await loadBooking(tx, ecosystemId, bookingId);
  if (booking.status !== 'requested' && booking.status !== 'confirmed') refuse('bookingId', 'classBookings.error.notOpen');
  const session = booking.status === 'confirmed' && booking.session_id ? await lockSession(tx, ecosystemId, booking.session_id) : undefined;
  await tx.db.updateTable('class_bookings').set({ status: 'cancelled', updated_at: now }).where('id', '=', bookingId).execute();
  if (session) await offerFreePlaces(tx, session, now, mail);
  await recordAudit(tx, actor, { ecosystemId, action: 'signups.classBooking.cancelled', subjectType: 'class_booking', subjectId: bookingId });
}
