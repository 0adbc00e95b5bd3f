import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { liveStatuses, placeHoldingStatuses, type SignupStatus } from '../db/schema.js';

/** One session as the sign-up page shows it. */
export interface SessionForSignup {
  id: number;
  startsAt: Date;
  endsAt: Date;
  capacity: number | null;
  status: 'scheduled' | 'cancelled';
  taken: number;
  waiting: number;
  activity: { id: number; title: string; status: string; mode: string; minAge: number; maxAge: number; priceCents: number; reductions: string; organisationId: number };
  location: string;
  /** How many coming sessions the activity has, this one included: more than one offers a whole-series sign-up. */
  comingSessions: number;
  window: { opensAt: Date | null; closesAt: Date | null };
  drawn: boolean;
}

export async function sessionForSignup(db: Kysely<DB>, ecosystemId: number, sessionId: number, now: Date = new Date()): Promise<SessionForSignup | undefined> {
  const row = await db
    .selectFrom('sessions as se')
    .innerJoin('activities as a', (j) => j.onRef('a.id', '=', 'se.activity_id').onRef('a.ecosystem_id', '=', 'se.ecosystem_id'))
    .leftJoin('locations as l', (j) => j.on((eb) => eb('l.id', '=', eb.fn.coalesce('se.location_id', 'a.location_id'))))
    .leftJoin('signup_settings as st', (j) => j.onRef('st.activity_id', '=', 'a.id').onRef('st.ecosystem_id', '=', 'a.ecosystem_id'))
    .select((eb) => [
      'se.id', 'se.starts_at', 'se.ends_at', 'se.capacity', 'se.status', 'a.id as activity_id', 'a.title', 'a.status as activity_status', 'a.registration_mode',
      'a.min_age', 'a.max_age', 'a.price_cents', 'a.reductions', 'a.organisation_id', 'a.online', 'l.name as location_name', 'l.city', 'st.opens_at', 'st.closes_at',
      eb.selectFrom('signups').select((e) => e.fn.countAll<string>().as('n')).whereRef('session_id', '=', 'se.id').where('status', 'in', placeHoldingStatuses).as('taken'),
      eb.selectFrom('signups').select((e) => e.fn.countAll<string>().as('n')).whereRef('session_id', '=', 'se.id').where('status', '=', 'waiting').as('waiting'),
      eb.selectFrom('class_bookings').select((e) => e.fn.sum<string>('pupils').as('n')).whereRef('session_id', '=', 'se.id').where('status', '=', 'confirmed').as('pupils'),
      eb.selectFrom('sessions as o').select((e) => e.fn.countAll<string>().as('n')).whereRef('o.activity_id', '=', 'a.id').where('o.status', '=', 'scheduled').where('o.starts_at', '>', now).as('coming'),
      eb.exists(eb.selectFrom('lottery_draws as d').select('d.id').whereRef('d.activity_id', '=', 'a.id')).as('drawn'),
    ])
    .where('se.ecosystem_id', '=', ecosystemId)
    .where('se.id', '=', sessionId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id, startsAt: row.starts_at, endsAt: row.ends_at, capacity: row.capacity, status: row.status,
    taken: Number(row.taken ?? 0) + Number(row.pupils ?? 0), waiting: Number(row.waiting ?? 0),
    activity: { id: row.activity_id, title: row.title, status: row.activity_status, mode: row.registration_mode, minAge: row.min_age, maxAge: row.max_age, priceCents: row.price_cents, reductions: row.reductions, organisationId: row.organisation_id },
    location: row.location_name ? [row.location_name, row.city].filter(Boolean).join(', ') : row.online ? 'Online' : '',
    comingSessions: Number(row.coming ?? 0),
    window: { opensAt: row.opens_at, closesAt: row.closes_at },
    drawn: Boolean(row.drawn),
  };
}

/** One sign-up of a pass, for the parent's overview. */
export interface PassSignup {
  id: string;
  status: SignupStatus;
  position: number | null;
  offerExpiresAt: Date | null;
  series: boolean;
  activityId: number;
  activityTitle: string;
  sessionId: number;
  startsAt: Date;
  sessionStatus: 'scheduled' | 'cancelled';
  priceCents: number;
  paid: boolean;
  reduction: 'stadspas' | null;
  /** Other coming sessions of the same activity this sign-up could move to. */
  alternatives: Array<{ id: number; startsAt: Date }>;
}

export async function signupsOfPass(db: Kysely<DB>, ecosystemId: number, passId: number, now: Date = new Date()): Promise<PassSignup[]> {
  const rows = await db
    .selectFrom('signups as s')
    .innerJoin('sessions as se', 'se.id', 's.session_id')
    .innerJoin('activities as a', 'a.id', 's.activity_id')
    .select(['s.id', 's.status', 's.waiting_position', 's.offer_expires_at', 's.series_key', 's.price_cents', 's.paid', 's.reduction', 'a.id as activity_id', 'a.title', 'se.id as session_id', 'se.starts_at', 'se.status as session_status'])
    .where('s.ecosystem_id', '=', ecosystemId)
    .where('s.pass_id', '=', passId)
    // Past sign-ups stay a season, so a parent sees what the child did and paid.
    .where('se.starts_at', '>', new Date(now.getTime() - 180 * 86_400_000))
    .orderBy('se.starts_at')
    .limit(200)
    .execute();
  const activityIds = [...new Set(rows.filter((r) => liveStatuses.includes(r.status) && !r.series_key).map((r) => r.activity_id))];
  const others = activityIds.length
    ? await db.selectFrom('sessions').select(['id', 'activity_id', 'starts_at']).where('ecosystem_id', '=', ecosystemId).where('activity_id', 'in', activityIds).where('status', '=', 'scheduled').where('starts_at', '>', now).orderBy('starts_at').limit(500).execute()
    : [];
  return rows.map((r) => ({
    id: r.id, status: r.status, position: r.waiting_position, offerExpiresAt: r.offer_expires_at, series: r.series_key !== null,
    activityId: r.activity_id, activityTitle: r.title, sessionId: r.session_id, startsAt: r.starts_at, sessionStatus: r.session_status,
    priceCents: r.price_cents, paid: r.paid, reduction: r.reduction,
    alternatives: others.filter((o) => o.activity_id === r.activity_id && o.id !== r.session_id).map((o) => ({ id: o.id, startsAt: o.starts_at })),
  }));
}

/** A child on a provider's list: a nickname or a pseudonym, never more. */
export interface ListedChild {
  signupId: string;
  pseudonym: string;
  status: SignupStatus;
  position: number | null;
  offerExpiresAt: Date | null;
  attendance: 'attended' | 'no_show' | null;
  /** A scan of the pass at this session (passes module): counts as attended. */
  scanned: boolean;
  priceCents: number;
  paid: boolean;
  reduction: 'stadspas' | null;
}

/** How a child is named to staff: the nickname the parent chose, else "Kind" and the first characters of the pass's stand-in key. */
export function pseudonymOf(nickname: string | null, subjectKey: string): string {
  return nickname ?? `Kind ${subjectKey.replace(/-/g, '').slice(0, 6).toUpperCase()}`;
}

export async function sessionList(db: Kysely<DB>, ecosystemId: number, sessionId: number): Promise<ListedChild[]> {
  const rows = await db
    .selectFrom('signups as s')
    .innerJoin('passes as p', (j) => j.onRef('p.id', '=', 's.pass_id').onRef('p.ecosystem_id', '=', 's.ecosystem_id'))
    .select((eb) => [
      's.id', 's.status', 's.waiting_position', 's.offer_expires_at', 's.attendance', 's.price_cents', 's.paid', 's.reduction', 'p.nickname', 'p.subject_key',
      eb.exists(eb.selectFrom('participations as pa').select('pa.id').whereRef('pa.session_id', '=', 's.session_id').whereRef('pa.subject_key', '=', 'p.subject_key')).as('scanned'),
    ])
    .where('s.ecosystem_id', '=', ecosystemId)
    .where('s.session_id', '=', sessionId)
    .where('s.status', 'in', ['confirmed', 'offered', 'waiting', 'entered'])
    .orderBy(sql`case s.status when 'confirmed' then 0 when 'offered' then 1 when 'entered' then 2 else 3 end`)
    .orderBy('s.waiting_position')
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({
    signupId: r.id, pseudonym: pseudonymOf(r.nickname, r.subject_key), status: r.status, position: r.waiting_position, offerExpiresAt: r.offer_expires_at,
    attendance: r.attendance, scanned: Boolean(r.scanned), priceCents: r.price_cents, paid: r.paid, reduction: r.reduction,
  }));
}

/** A session on the provider's overview, with its counts. */
export interface ProviderSession {
  id: number;
  startsAt: Date;
  status: 'scheduled' | 'cancelled';
  capacity: number | null;
  activityId: number;
  activityTitle: string;
  mode: string;
  confirmed: number;
  offered: number;
  waiting: number;
  entered: number;
  /** Places held by confirmed class bookings: they count against the capacity as sign-ups do. */
  classPupils: number;
}

/** Sessions of sign-up and lottery activities of the given organisations, from a fortnight ago on. */
export async function providerSessions(db: Kysely<DB>, ecosystemId: number, organisations: 'all' | number[], now: Date = new Date()): Promise<ProviderSession[]> {
  if (organisations !== 'all' && organisations.length === 0) return [];
  const count = (status: SignupStatus) => sql<string>`count(s.id) filter (where s.status = ${status})`;
  let query = db
    .selectFrom('sessions as se')
    .innerJoin('activities as a', 'a.id', 'se.activity_id')
    .leftJoin('signups as s', 's.session_id', 'se.id')
    .select(['se.id', 'se.starts_at', 'se.status', 'se.capacity', 'a.id as activity_id', 'a.title', 'a.registration_mode'])
    .select([count('confirmed').as('confirmed'), count('offered').as('offered'), count('waiting').as('waiting'), count('entered').as('entered')])
    .select(sql<string>`(select coalesce(sum(c.pupils), 0) from class_bookings c where c.ecosystem_id = se.ecosystem_id and c.session_id = se.id and c.status = 'confirmed')`.as('class_pupils'))
    .where('se.ecosystem_id', '=', ecosystemId)
    .where('a.registration_mode', 'in', ['sign_up', 'lottery'])
    .where('a.status', '!=', 'archived')
    .where('se.starts_at', '>', new Date(now.getTime() - 14 * 86_400_000))
    .groupBy(['se.id', 'a.id'])
    .orderBy('se.starts_at')
    .limit(300);
  if (organisations !== 'all') query = query.where('a.organisation_id', 'in', organisations);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id, startsAt: r.starts_at, status: r.status, capacity: r.capacity, activityId: r.activity_id, activityTitle: r.title, mode: r.registration_mode,
    confirmed: Number(r.confirmed), offered: Number(r.offered), waiting: Number(r.waiting), entered: Number(r.entered), classPupils: Number(r.class_pupils),
  }));
}

/**
 * Every sign-up of a pass, for the parent's download of everything (the
 * passes module's export, through the manifest's `passData`): what was asked
 * for, what came of it, and what was kept for it. Tokens are left out: only
 * their hashes are kept, and those open nothing.
 */
export async function signupsForExport(db: Kysely<DB>, ecosystemId: number, passId: number) {
  const rows = await db
    .selectFrom('signups as s')
    .innerJoin('sessions as se', (j) => j.onRef('se.ecosystem_id', '=', 's.ecosystem_id').onRef('se.id', '=', 's.session_id'))
    .innerJoin('activities as a', (j) => j.onRef('a.ecosystem_id', '=', 's.ecosystem_id').onRef('a.id', '=', 's.activity_id'))
    .select([
      's.id', 's.status', 's.waiting_position', 's.choice', 's.offer_expires_at', 's.contact_email', 's.attendance', 's.price_cents', 's.paid',
      's.reduction', 's.series_key', 's.family_key', 's.reminder_sent_at', 's.created_at', 's.cancelled_at', 'a.title', 'se.starts_at', 'se.ends_at',
    ])
    .where('s.ecosystem_id', '=', ecosystemId)
    .where('s.pass_id', '=', passId)
    .orderBy('s.created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    activity: r.title,
    session: { startsAt: r.starts_at.toISOString(), endsAt: r.ends_at.toISOString() },
    status: r.status,
    waitingPosition: r.waiting_position,
    choice: r.choice,
    offerExpiresAt: r.offer_expires_at?.toISOString() ?? null,
    partOfSeries: r.series_key !== null,
    withSiblings: r.family_key !== null,
    contactEmail: r.contact_email,
    attendance: r.attendance,
    priceCents: r.price_cents,
    paid: r.paid,
    reduction: r.reduction,
    reminderSentAt: r.reminder_sent_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    cancelledAt: r.cancelled_at?.toISOString() ?? null,
  }));
}
