import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { ClassBookingStatus } from '../db/schema.js';

export interface ClassBookingRow {
  id: number;
  activityId: number;
  activityTitle: string;
  organisationId: number;
  school: string;
  schoolLocationId: number;
  groupLabel: string;
  pupils: number;
  wishes: string;
  status: ClassBookingStatus;
  providerNote: string;
  sessionId: number | null;
  startsAt: Date | null;
  /** Coming sessions of the activity, for the provider to choose from. */
  sessions: Array<{ id: number; startsAt: Date }>;
}

/**
 * Class bookings the actor deals with: those of its schools (a teacher) and
 * those for its organisations' activities (a provider); 'all' for a coordinator.
 */
export async function classBookings(db: Kysely<DB>, ecosystemId: number, scope: { schools: 'all' | number[]; organisations: 'all' | number[] }, now: Date = new Date()): Promise<ClassBookingRow[]> {
  const all = scope.schools === 'all' || scope.organisations === 'all';
  const schools = scope.schools === 'all' ? [] : scope.schools;
  const organisations = scope.organisations === 'all' ? [] : scope.organisations;
  if (!all && schools.length === 0 && organisations.length === 0) return [];
  let query = db
    .selectFrom('class_bookings as b')
    .innerJoin('activities as a', 'a.id', 'b.activity_id')
    .innerJoin('locations as l', 'l.id', 'b.school_location_id')
    .leftJoin('sessions as s', 's.id', 'b.session_id')
    .select(['b.id', 'a.id as activity_id', 'a.title', 'a.organisation_id', 'l.name as school', 'b.school_location_id', 'b.group_label', 'b.pupils', 'b.wishes', 'b.status', 'b.provider_note', 'b.session_id', 's.starts_at'])
    .where('b.ecosystem_id', '=', ecosystemId)
    .orderBy('b.created_at', 'desc')
    .limit(200);
  if (!all) {
    query = query.where((eb) =>
      eb.or([...(schools.length ? [eb('b.school_location_id', 'in', schools)] : []), ...(organisations.length ? [eb('a.organisation_id', 'in', organisations)] : [])]),
    );
  }
  const rows = await query.execute();
  const activityIds = [...new Set(rows.filter((r) => r.status === 'requested').map((r) => r.activity_id))];
  const sessions = activityIds.length
    ? await db.selectFrom('sessions').select(['id', 'activity_id', 'starts_at']).where('ecosystem_id', '=', ecosystemId).where('activity_id', 'in', activityIds).where('status', '=', 'scheduled').where('starts_at', '>', now).orderBy('starts_at').limit(500).execute()
    : [];
  return rows.map((r) => ({
    id: r.id, activityId: r.activity_id, activityTitle: r.title, organisationId: r.organisation_id, school: r.school, schoolLocationId: r.school_location_id,
    groupLabel: r.group_label, pupils: r.pupils, wishes: r.wishes, status: r.status, providerNote: r.provider_note, sessionId: r.session_id, startsAt: r.starts_at,
    sessions: sessions.filter((s) => s.activity_id === r.activity_id).map((s) => ({ id: s.id, startsAt: s.starts_at })),
  }));
}

/** Published activities a class can book (not walk-in), and the schools to choose from, for the request form. */
export async function bookingChoices(db: Kysely<DB>, ecosystemId: number, schools: 'all' | number[], activityId: number | undefined, now: Date = new Date()) {
  const activities = await db
    .selectFrom('activities')
    .select(['id', 'title'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('status', '=', 'published')
    .where('registration_mode', 'in', ['through_school', 'sign_up', 'lottery'])
    .where('setting', 'in', ['in_school', 'both'])
    .orderBy('title')
    .limit(500)
    .execute();
  let schoolQuery = db.selectFrom('locations').select(['id', 'name']).where('ecosystem_id', '=', ecosystemId).where('status', '=', 'active').orderBy('name').limit(200);
  schoolQuery = schools === 'all' ? schoolQuery.where('is_school', '=', true) : schools.length ? schoolQuery.where('id', 'in', schools) : schoolQuery.where('id', '=', -1);
  const sessions = activityId
    ? await db.selectFrom('sessions').select(['id', 'starts_at']).where('ecosystem_id', '=', ecosystemId).where('activity_id', '=', activityId).where('status', '=', 'scheduled').where('starts_at', '>', now).orderBy('starts_at').limit(100).execute()
    : [];
  return { activities, schools: await schoolQuery.execute(), sessions: sessions.map((s) => ({ id: s.id, startsAt: s.starts_at })) };
}
