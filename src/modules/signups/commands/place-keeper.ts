import { sql } from 'kysely';
import type { Tx } from '../../../db/database.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import { hashToken, randomToken } from '../../accounts/secrets.js';
import { placeHoldingStatuses } from '../db/schema.js';
import { queueSignupMail, type SignupMailContext } from './signup-mail.js';

/** The session as the place keeper sees it, read under its row lock. */
export interface LockedSession {
  id: number;
  ecosystemId: number;
  activityId: number;
  capacity: number | null;
  startsAt: Date;
  status: 'scheduled' | 'cancelled';
}

/**
 * Locks the session row for the rest of the transaction and reads it. Every
 * change to who holds a place goes through here first, so on PostgreSQL under
 * READ COMMITTED two sign-ups for one session count places one after the
 * other and never both take the last one. (PGlite has one connection, so its
 * transactions run one at a time anyway.) Callers that lock several sessions
 * lock them in ascending id order, so two series sign-ups cannot deadlock.
 */
export async function lockSession(tx: Tx, ecosystemId: number, sessionId: number): Promise<LockedSession | undefined> {
  const row = await tx.db
    .selectFrom('sessions')
    .select(['id', 'ecosystem_id', 'activity_id', 'capacity', 'starts_at', 'status'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', sessionId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return undefined;
  return { id: row.id, ecosystemId: row.ecosystem_id, activityId: row.activity_id, capacity: row.capacity, startsAt: row.starts_at, status: row.status };
}

/**
 * How many places of a locked session are taken: confirmed sign-ups, places
 * held for a promoted family, and the pupils of confirmed class bookings.
 */
export async function placesTaken(tx: Tx, session: LockedSession): Promise<number> {
  const row = await tx.db
    .selectFrom('signups')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('ecosystem_id', '=', session.ecosystemId)
    .where('session_id', '=', session.id)
    .where('status', 'in', placeHoldingStatuses)
    .executeTakeFirstOrThrow();
  const classes = await tx.db
    .selectFrom('class_bookings')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('pupils'), eb.val('0')).as('n'))
    .where('ecosystem_id', '=', session.ecosystemId)
    .where('session_id', '=', session.id)
    .where('status', '=', 'confirmed')
    .executeTakeFirstOrThrow();
  return Number(row.n) + Number(classes.n);
}

/** Free places of a locked session; Infinity when it has no capacity limit. */
export async function freePlaces(tx: Tx, session: LockedSession): Promise<number> {
  if (session.capacity === null) return Infinity;
  return session.capacity - (await placesTaken(tx, session));
}

/** The length of the waiting list of a locked session. */
export async function waitingCount(tx: Tx, session: LockedSession): Promise<number> {
  const row = await tx.db
    .selectFrom('signups')
    .select((eb) => eb.fn.max('waiting_position').as('n'))
    .where('ecosystem_id', '=', session.ecosystemId)
    .where('session_id', '=', session.id)
    .where('status', '=', 'waiting')
    .executeTakeFirstOrThrow();
  return Number(row.n ?? 0);
}

/** Closes the gap a sign-up left at `position` in the waiting list: everyone behind moves up one. */
export async function closeWaitingGap(tx: Tx, session: LockedSession, position: number): Promise<void> {
  await tx.db
    .updateTable('signups')
    .set({ waiting_position: sql<number>`waiting_position - 1` })
    .where('ecosystem_id', '=', session.ecosystemId)
    .where('session_id', '=', session.id)
    .where('status', '=', 'waiting')
    .where('waiting_position', '>', position)
    .execute();
}

/** When an offer made now runs out: after the activity's confirmation time, but never after the session starts. */
async function offerDeadline(tx: Tx, session: LockedSession, now: Date): Promise<Date> {
  const settings = await tx.db
    .selectFrom('signup_settings')
    .select('offer_hours')
    .where('ecosystem_id', '=', session.ecosystemId)
    .where('activity_id', '=', session.activityId)
    .executeTakeFirst();
  const hours = settings?.offer_hours ?? 48;
  return new Date(Math.min(now.getTime() + hours * 3_600_000, session.startsAt.getTime()));
}

export interface Offer {
  signupId: string;
  token: string;
  expiresAt: Date;
}

/** The path of the page where a promoted family confirms or declines the place. */
export function offerPath(token: string): string {
  return `/aanmelding/plek/${token}`;
}

/**
 * Offers free places of a locked session to the waiting list, front first:
 * each promoted family gets a link and a deadline by mail; the place is held
 * for them until then (an offered sign-up counts as taken). Nothing is offered
 * once the session has started or been cancelled.
 */
export async function offerFreePlaces(tx: Tx, session: LockedSession, now: Date, mail: SignupMailContext): Promise<Offer[]> {
  if (session.status !== 'scheduled' || session.startsAt <= now) return [];
  const offers: Offer[] = [];
  let free = await freePlaces(tx, session);
  while (free > 0) {
    const next = await tx.db
      .selectFrom('signups')
      .select(['id', 'waiting_position'])
      .where('ecosystem_id', '=', session.ecosystemId)
      .where('session_id', '=', session.id)
      .where('status', '=', 'waiting')
      .orderBy('waiting_position')
      .limit(1)
      .executeTakeFirst();
    if (!next) break;
    const token = randomToken();
    const expiresAt = await offerDeadline(tx, session, now);
    await tx.db
      .updateTable('signups')
      .set({ status: 'offered', waiting_position: null, offer_token_hash: hashToken(token), offer_expires_at: expiresAt, updated_at: now })
      .where('id', '=', next.id)
      .execute();
    await closeWaitingGap(tx, session, next.waiting_position!);
    await recordAudit(tx, 'system', { ecosystemId: session.ecosystemId, action: 'signups.signup.offered', subjectType: 'signup', subjectId: next.id, details: { sessionId: session.id, expiresAt: expiresAt.toISOString() } });
    await queueSignupMail(tx, mail, next.id, 'signup_offered', { confirmUrlPath: offerPath(token), deadline: expiresAt });
    offers.push({ signupId: next.id, token, expiresAt });
    free -= 1;
  }
  return offers;
}
