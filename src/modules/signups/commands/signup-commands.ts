import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Actor } from '../../../core/context.js';
import { errors, type FieldProblem } from '../../../core/errors.js';
import type { MessageKey } from '../../../web/i18n/index.js';
import type { Tx } from '../../../db/database.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import { hashToken } from '../../accounts/secrets.js';
import { liveStatuses, type SignupStatus } from '../db/schema.js';
import { closeWaitingGap, freePlaces, lockSession, offerFreePlaces, waitingCount, type LockedSession } from './place-keeper.js';
import { queueSignupMail, type SignupMailContext } from './signup-mail.js';

/** What a parent fills in besides choosing the session: an address for this sign-up's mail, and a municipal pass. */
export interface SignupInput {
  ecosystemId: number;
  passId: number;
  /** An e-mail address for mail about this sign-up only; empty: the pass's address if e-mail consent was given. */
  email?: string;
  /** Whether the family has the municipal pass (stadspas) that gives a reduction. */
  stadspas?: boolean;
  /** With a brother or sister entered together: the lottery keeps them together. */
  familyKey?: string | null;
  /** Order of preference in a lottery, 1 = first choice. */
  choice?: number;
}

export interface SignupOutcome {
  signupId: string;
  sessionId: number;
  status: Extract<SignupStatus, 'confirmed' | 'waiting' | 'entered'>;
  /** Place on the waiting list, when waiting. */
  position: number | null;
}

/** A refusal the parent can read: nothing has changed. */
function refuse(key: MessageKey, params?: Record<string, string | number>, field = 'sessionId'): never {
  const problem: FieldProblem = params ? { field, key, params } : { field, key };
  throw errors.invalidInput([problem]);
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks the optional e-mail address; returns it trimmed, or null when left empty. */
export function checkSignupEmail(value: string | undefined): string | null {
  const email = (value ?? '').trim();
  if (email === '') return null;
  if (email.length > 254 || !emailPattern.test(email)) refuse('signups.error.email', undefined, 'email');
  return email;
}

interface SignupContext {
  activity: { id: number; title: string; status: string; registration_mode: string; min_age: number; max_age: number; price_cents: number };
  settings: { opens_at: Date | null; closes_at: Date | null } | undefined;
  drawn: boolean;
}

async function signupContext(tx: Tx, ecosystemId: number, activityId: number): Promise<SignupContext> {
  const activity = await tx.db
    .selectFrom('activities')
    .select(['id', 'title', 'status', 'registration_mode', 'min_age', 'max_age', 'price_cents'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', activityId)
    .executeTakeFirstOrThrow();
  const settings = await tx.db
    .selectFrom('signup_settings')
    .select(['opens_at', 'closes_at'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('activity_id', '=', activityId)
    .executeTakeFirst();
  const draw = await tx.db.selectFrom('lottery_draws').select('id').where('ecosystem_id', '=', ecosystemId).where('activity_id', '=', activityId).limit(1).executeTakeFirst();
  return { activity, settings, drawn: draw !== undefined };
}

/**
 * Whether a sign-up for this session may be made now, and how: `place` (first
 * come, first served: a place or the waiting list) or `entry` (a lottery's
 * window is open: an entry for the draw). Throws the reason otherwise.
 */
function admission(session: LockedSession, ctx: SignupContext, now: Date): 'place' | 'entry' {
  const { activity, settings } = ctx;
  if (activity.status === 'archived') refuse('signups.error.archived');
  if (activity.status !== 'published') refuse('signups.error.notPublished');
  if (activity.registration_mode !== 'sign_up' && activity.registration_mode !== 'lottery') refuse(`signups.error.mode.${activity.registration_mode as 'walk_in' | 'through_school'}`);
  if (session.status === 'cancelled') refuse('signups.error.sessionCancelled');
  if (session.startsAt <= now) refuse('signups.error.started');
  if (settings?.opens_at && now < settings.opens_at) refuse('signups.error.notOpenYet', { date: settings.opens_at.toISOString().slice(0, 10) });
  if (activity.registration_mode === 'lottery') {
    // Before the draw a sign-up is an entry; after it, the places left go first come, first served.
    if (ctx.drawn) return 'place';
    if (!settings?.closes_at) refuse('signups.error.lotteryNotSet');
    if (now >= settings.closes_at) refuse('signups.error.lotteryClosed');
    return 'entry';
  }
  if (settings?.closes_at && now >= settings.closes_at) refuse('signups.error.closed');
  return 'place';
}

/** The child's age is known to the year only: the pass holds a birth year. Refuses when no age in that year fits the activity. */
async function checkAge(tx: Tx, ecosystemId: number, passId: number, session: LockedSession, ctx: SignupContext): Promise<void> {
  const pass = await tx.db.selectFrom('passes').select('birth_year').where('ecosystem_id', '=', ecosystemId).where('id', '=', passId).executeTakeFirst();
  if (!pass) throw errors.notFound('pass');
  if (pass.birth_year === null) return;
  const oldest = session.startsAt.getUTCFullYear() - pass.birth_year;
  const youngest = oldest - 1;
  if (oldest < ctx.activity.min_age || youngest > ctx.activity.max_age) refuse('signups.error.age', { min: ctx.activity.min_age, max: ctx.activity.max_age });
}

async function liveSignupOf(tx: Tx, ecosystemId: number, sessionId: number, passId: number) {
  return tx.db
    .selectFrom('signups')
    .select(['id', 'status'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('session_id', '=', sessionId)
    .where('pass_id', '=', passId)
    .where('status', 'in', liveStatuses)
    .executeTakeFirst();
}

/** Places the sign-up on a session that is locked and checked: a place if there is one, else the end of the waiting list. */
async function place(tx: Tx, session: LockedSession, input: SignupInput, ctx: SignupContext, how: 'place' | 'entry', seriesKey: string | null, email: string | null, now: Date, onlyWithPlace: boolean): Promise<SignupOutcome> {
  let status: SignupOutcome['status'];
  let position: number | null = null;
  if (how === 'entry') status = 'entered';
  else if ((await freePlaces(tx, session)) > 0) status = 'confirmed';
  else {
    if (onlyWithPlace) refuse('signups.error.seriesFull');
    status = 'waiting';
    position = (await waitingCount(tx, session)) + 1;
  }
  const row = await tx.db
    .insertInto('signups')
    .values({
      ecosystem_id: input.ecosystemId,
      session_id: session.id,
      activity_id: session.activityId,
      pass_id: input.passId,
      series_key: seriesKey,
      family_key: input.familyKey ?? null,
      status,
      waiting_position: position,
      choice: input.choice ?? 1,
      contact_email: email,
      price_cents: ctx.activity.price_cents,
      reduction: input.stadspas ? 'stadspas' : null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { signupId: row.id, sessionId: session.id, status, position };
}

async function announce(tx: Tx, mail: SignupMailContext, outcome: SignupOutcome): Promise<void> {
  const kind = outcome.status === 'confirmed' ? 'signup_confirmed' : outcome.status === 'waiting' ? 'signup_waiting' : 'signup_entered';
  await queueSignupMail(tx, mail, outcome.signupId, kind, { position: outcome.position ?? 0 });
}

/**
 * Signs a pass up for one session: a place while there is one, otherwise the
 * end of the waiting list; in a lottery's window, an entry for the draw.
 * Refuses, changing nothing, when sign-up is closed, the activity archived or
 * not for sign-up, the child's age does not fit, or the pass is already signed up.
 */
export async function signUp(tx: Tx, actor: Actor, input: SignupInput & { sessionId: number }, mail: SignupMailContext, now: Date = new Date()): Promise<SignupOutcome> {
  const email = checkSignupEmail(input.email);
  const session = await lockSession(tx, input.ecosystemId, input.sessionId);
  if (!session) throw errors.notFound('session');
  const ctx = await signupContext(tx, input.ecosystemId, session.activityId);
  const how = admission(session, ctx, now);
  await checkAge(tx, input.ecosystemId, input.passId, session, ctx);
  if (await liveSignupOf(tx, input.ecosystemId, session.id, input.passId)) refuse('signups.error.twice');
  const outcome = await place(tx, session, input, ctx, how, null, email, now, false);
  await recordAudit(tx, actor, { ecosystemId: input.ecosystemId, action: `signups.signup.${outcome.status}`, subjectType: 'signup', subjectId: outcome.signupId, details: { sessionId: session.id, position: outcome.position } });
  await announce(tx, mail, outcome);
  return outcome;
}

/**
 * Signs a pass up for every coming session of an activity (a course or a
 * club is one series): a place in each, or nothing at all, since half a course
 * is no course. A full series is refused; single sessions keep their waiting lists.
 */
export async function signUpForSeries(tx: Tx, actor: Actor, input: SignupInput & { activityId: number }, mail: SignupMailContext, now: Date = new Date()): Promise<SignupOutcome[]> {
  const email = checkSignupEmail(input.email);
  const ids = await tx.db
    .selectFrom('sessions')
    .select('id')
    .where('ecosystem_id', '=', input.ecosystemId)
    .where('activity_id', '=', input.activityId)
    .where('status', '=', 'scheduled')
    .where('starts_at', '>', now)
    .orderBy('id')
    .execute();
  if (ids.length === 0) {
    const exists = await tx.db.selectFrom('activities').select('id').where('ecosystem_id', '=', input.ecosystemId).where('id', '=', input.activityId).executeTakeFirst();
    if (!exists) throw errors.notFound('activity');
    refuse('signups.error.noSessions');
  }
  const ctx = await signupContext(tx, input.ecosystemId, input.activityId);
  if (ctx.activity.registration_mode === 'lottery' && !ctx.drawn) refuse('signups.error.seriesLottery');
  // In id order, so two series sign-ups lock the same sessions in the same order and never wait on each other in a circle.
  const sessions: LockedSession[] = [];
  for (const { id } of ids) sessions.push((await lockSession(tx, input.ecosystemId, id))!);
  for (const session of sessions) {
    admission(session, ctx, now);
    await checkAge(tx, input.ecosystemId, input.passId, session, ctx);
    if (await liveSignupOf(tx, input.ecosystemId, session.id, input.passId)) refuse('signups.error.twiceSeries');
  }
  const seriesKey = randomUUID();
  const outcomes: SignupOutcome[] = [];
  for (const session of sessions) outcomes.push(await place(tx, session, input, ctx, 'place', seriesKey, email, now, true));
  await recordAudit(tx, actor, { ecosystemId: input.ecosystemId, action: 'signups.series.confirmed', subjectType: 'activity', subjectId: input.activityId, details: { signups: outcomes.map((o) => o.signupId) } });
  // One mail per session: each carries its own calendar entry.
  for (const outcome of outcomes) await announce(tx, mail, outcome);
  return outcomes;
}

/** A sign-up with the facts its commands need. */
async function loadSignup(tx: Tx, ecosystemId: number, signupId: string) {
  if (!/^[0-9]{1,18}$/.test(signupId)) throw errors.notFound('signup');
  const row = await tx.db
    .selectFrom('signups')
    .select(['id', 'session_id', 'pass_id', 'status', 'waiting_position', 'series_key', 'offer_expires_at', 'activity_id'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', signupId)
    .executeTakeFirst();
  if (!row) throw errors.notFound('signup');
  return row;
}

/**
 * Takes a sign-up out after its session is locked: a freed place goes to the
 * front of the waiting list, a waiting place closes up. Returns whether it was still live.
 */
async function withdraw(tx: Tx, session: LockedSession, signupId: string, to: 'cancelled' | 'expired', now: Date, mail: SignupMailContext): Promise<boolean> {
  const current = await tx.db.selectFrom('signups').select(['status', 'waiting_position']).where('id', '=', signupId).executeTakeFirstOrThrow();
  if (!liveStatuses.includes(current.status)) return false;
  await tx.db
    .updateTable('signups')
    .set({ status: to, waiting_position: null, offer_token_hash: null, offer_expires_at: null, updated_at: now, ...(to === 'cancelled' && { cancelled_at: now }) })
    .where('id', '=', signupId)
    .execute();
  if (current.status === 'waiting') await closeWaitingGap(tx, session, current.waiting_position!);
  if (current.status === 'confirmed' || current.status === 'offered') await offerFreePlaces(tx, session, now, mail);
  return true;
}

/**
 * Cancels a sign-up (and, for a series, every coming session of it). The
 * place moves on to the waiting list at once. `who` says whether the family
 * or the provider cancelled, for the log.
 */
export async function cancelSignup(tx: Tx, actor: Actor, ecosystemId: number, signupId: string, mail: SignupMailContext, now: Date = new Date()): Promise<number> {
  const signup = await loadSignup(tx, ecosystemId, signupId);
  const group = signup.series_key
    ? await tx.db
        .selectFrom('signups')
        .select(['id', 'session_id'])
        .where('ecosystem_id', '=', ecosystemId)
        .where('series_key', '=', signup.series_key)
        .where('status', 'in', liveStatuses)
        .orderBy('session_id')
        .execute()
    : [{ id: signup.id, session_id: signup.session_id }];
  let cancelled = 0;
  for (const member of group) {
    const session = (await lockSession(tx, ecosystemId, member.session_id))!;
    // A session that has begun stays as it was: cancelling afterwards would rewrite who came.
    if (session.startsAt <= now && group.length > 1) continue;
    if (await withdraw(tx, session, member.id, 'cancelled', now, mail)) {
      cancelled += 1;
      await recordAudit(tx, actor, { ecosystemId, action: 'signups.signup.cancelled', subjectType: 'signup', subjectId: member.id, details: { sessionId: session.id } });
      await queueSignupMail(tx, mail, member.id, 'signup_cancelled');
    }
  }
  if (cancelled === 0) refuse('signups.error.notLive', undefined, 'signupId');
  return cancelled;
}

/**
 * Moves a sign-up to another session of the same activity: a place or the
 * waiting list there first, then the old one is given up, in one transaction,
 * so the family never ends up with neither.
 */
export async function moveSignup(tx: Tx, actor: Actor, ecosystemId: number, signupId: string, toSessionId: number, mail: SignupMailContext, now: Date = new Date()): Promise<SignupOutcome> {
  const signup = await loadSignup(tx, ecosystemId, signupId);
  if (!liveStatuses.includes(signup.status)) refuse('signups.error.notLive', undefined, 'signupId');
  if (signup.series_key) refuse('signups.error.moveSeries', undefined, 'signupId');
  if (toSessionId === signup.session_id) refuse('signups.error.sameSession');
  const target = await tx.db.selectFrom('sessions').select('activity_id').where('ecosystem_id', '=', ecosystemId).where('id', '=', toSessionId).executeTakeFirst();
  if (!target || target.activity_id !== signup.activity_id) refuse('signups.error.otherActivity');
  // Both sessions locked in id order (see lockSession).
  const [first, second] = [signup.session_id, toSessionId].sort((a, b) => a - b);
  await lockSession(tx, ecosystemId, first!);
  await lockSession(tx, ecosystemId, second!);
  const contact = await tx.db.selectFrom('signups').select(['contact_email', 'reduction']).where('id', '=', signupId).executeTakeFirstOrThrow();
  const outcome = await signUp(tx, actor, { ecosystemId, passId: signup.pass_id, sessionId: toSessionId, email: contact.contact_email ?? '', stadspas: contact.reduction === 'stadspas' }, mail, now);
  const old = (await lockSession(tx, ecosystemId, signup.session_id))!;
  await withdraw(tx, old, signupId, 'cancelled', now, mail);
  await recordAudit(tx, actor, { ecosystemId, action: 'signups.signup.moved', subjectType: 'signup', subjectId: signupId, details: { to: outcome.signupId } });
  return outcome;
}

/** The offer a token in a promotion mail stands for, if it is still open. */
export async function findOffer(tx: Tx, token: string, now: Date) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const row = await tx.db
    .selectFrom('signups')
    .select(['id', 'ecosystem_id', 'session_id', 'status', 'offer_expires_at'])
    .where('offer_token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.status !== 'offered' || !row.offer_expires_at || row.offer_expires_at <= now) return undefined;
  return row;
}

/** The promoted family takes the place offered to them, before the deadline. */
export async function acceptOffer(tx: Tx, ecosystemId: number, token: string, mail: SignupMailContext, now: Date = new Date()): Promise<string> {
  const offer = await findOffer(tx, token, now);
  if (!offer || offer.ecosystem_id !== ecosystemId) refuse('signups.offer.gone', undefined, 'token');
  await lockSession(tx, ecosystemId, offer.session_id);
  // Re-read under the lock: housekeeping may have let it expire a moment ago.
  const still = await findOffer(tx, token, now);
  if (!still) refuse('signups.offer.gone', undefined, 'token');
  await tx.db.updateTable('signups').set({ status: 'confirmed', offer_token_hash: null, offer_expires_at: null, updated_at: now }).where('id', '=', offer.id).execute();
  await recordAudit(tx, { kind: 'anonymous' }, { ecosystemId, action: 'signups.signup.accepted', subjectType: 'signup', subjectId: offer.id, details: { sessionId: offer.session_id } });
  await queueSignupMail(tx, mail, offer.id, 'signup_confirmed');
  return offer.id;
}

/** The promoted family gives the place up; it moves on to the next on the list. */
export async function declineOffer(tx: Tx, ecosystemId: number, token: string, mail: SignupMailContext, now: Date = new Date()): Promise<void> {
  const offer = await findOffer(tx, token, now);
  if (!offer || offer.ecosystem_id !== ecosystemId) refuse('signups.offer.gone', undefined, 'token');
  const session = (await lockSession(tx, ecosystemId, offer.session_id))!;
  await withdraw(tx, session, offer.id, 'cancelled', now, mail);
  await recordAudit(tx, { kind: 'anonymous' }, { ecosystemId, action: 'signups.signup.declined', subjectType: 'signup', subjectId: offer.id, details: { sessionId: offer.session_id } });
}

/**
 * Housekeeping: offers whose deadline has passed lapse, and each place moves
 * on to the next family on the list.
 */
export async function expireOffers(tx: Tx, now: Date, mail: SignupMailContext): Promise<number> {
  const due = await tx.db
    .selectFrom('signups')
    .select(['id', 'ecosystem_id', 'session_id'])
    .where('status', '=', 'offered')
    .where('offer_expires_at', '<=', now)
    .orderBy('session_id')
    .limit(1000)
    .execute();
  let expired = 0;
  for (const offer of due) {
    const session = (await lockSession(tx, offer.ecosystem_id, offer.session_id))!;
    const current = await tx.db.selectFrom('signups').select(['status', 'offer_expires_at']).where('id', '=', offer.id).executeTakeFirstOrThrow();
    if (current.status !== 'offered' || !current.offer_expires_at || current.offer_expires_at > now) continue;
    await withdraw(tx, session, offer.id, 'expired', now, mail);
    await recordAudit(tx, 'system', { ecosystemId: offer.ecosystem_id, action: 'signups.signup.expired', subjectType: 'signup', subjectId: offer.id, details: { sessionId: offer.session_id } });
    expired += 1;
  }
  return expired;
}

/**
 * Housekeeping: places freed without a sign-up command, as when a parent
 * deletes a pass (its sign-ups go with it, passes module), are offered to the
 * waiting list, and the list is closed up again (positions 1…n). Every command
 * that frees a place does this at once; this catches the rest within the hour.
 */
export async function offerPlacesLeftOpen(tx: Tx, now: Date, mail: SignupMailContext): Promise<number> {
  const sessions = await sql<{ ecosystem_id: number; id: number }>`
    select se.ecosystem_id, se.id
    from sessions se
    join signups w on w.ecosystem_id = se.ecosystem_id and w.session_id = se.id and w.status = 'waiting'
    where se.status = 'scheduled' and se.starts_at > ${now}
    group by se.ecosystem_id, se.id, se.capacity
    having max(w.waiting_position) <> count(*)
      or se.capacity is null
      or se.capacity > (select count(*) from signups h where h.ecosystem_id = se.ecosystem_id and h.session_id = se.id and h.status in ('confirmed', 'offered'))
        + (select coalesce(sum(c.pupils), 0) from class_bookings c where c.ecosystem_id = se.ecosystem_id and c.session_id = se.id and c.status = 'confirmed')
    order by se.id
    limit 1000`.execute(tx.db);
  let offered = 0;
  for (const row of sessions.rows) {
    const session = await lockSession(tx, row.ecosystem_id, row.id);
    if (!session) continue;
    await sql`
      update signups s set waiting_position = r.n
      from (select id, row_number() over (order by waiting_position, created_at, id) as n
            from signups where ecosystem_id = ${session.ecosystemId} and session_id = ${session.id} and status = 'waiting') r
      where s.id = r.id and s.waiting_position <> r.n`.execute(tx.db);
    offered += (await offerFreePlaces(tx, session, now, mail)).length;
  }
  return offered;
}

/** Housekeeping: a reminder the day before, once, to every family with a place. */
export async function sendReminders(tx: Tx, now: Date, mail: SignupMailContext): Promise<number> {
  const due = await tx.db
    .selectFrom('signups as s')
    .innerJoin('sessions as se', 'se.id', 's.session_id')
    .select('s.id')
    .where('s.status', '=', 'confirmed')
    .where('s.reminder_sent_at', 'is', null)
    .where('se.status', '=', 'scheduled')
    .where('se.starts_at', '>', now)
    .where('se.starts_at', '<=', new Date(now.getTime() + 24 * 3_600_000))
    .limit(2000)
    .execute();
  for (const { id } of due) {
    await tx.db.updateTable('signups').set({ reminder_sent_at: now }).where('id', '=', id).execute();
    await queueSignupMail(tx, mail, id, 'signup_reminder');
  }
  return due.length;
}

/** A provider records whether a child came; a scan at the session counts too (see the list query). */
export async function markAttendance(tx: Tx, actor: Actor, ecosystemId: number, signupId: string, attendance: 'attended' | 'no_show' | null, now: Date = new Date()): Promise<void> {
  const signup = await loadSignup(tx, ecosystemId, signupId);
  if (signup.status !== 'confirmed') refuse('signups.error.attendanceNotConfirmed', undefined, 'signupId');
  const session = await tx.db.selectFrom('sessions').select('starts_at').where('id', '=', signup.session_id).executeTakeFirstOrThrow();
  // Attendance is known once the session has begun; a no-show marked the day before would be a guess.
  if (session.starts_at > now) refuse('signups.error.attendanceTooEarly', undefined, 'signupId');
  await tx.db.updateTable('signups').set({ attendance, updated_at: now }).where('id', '=', signupId).execute();
  await recordAudit(tx, actor, { ecosystemId, action: 'signups.signup.attendance', subjectType: 'signup', subjectId: signupId, details: { attendance } });
}

/** A provider records whether a sign-up has been paid (payment itself happens elsewhere). */
export async function markPaid(tx: Tx, actor: Actor, ecosystemId: number, signupId: string, paid: boolean): Promise<void> {
  await loadSignup(tx, ecosystemId, signupId);
  await tx.db.updateTable('signups').set({ paid, updated_at: new Date() }).where('id', '=', signupId).execute();
  await recordAudit(tx, actor, { ecosystemId, action: 'signups.signup.paid', subjectType: 'signup', subjectId: signupId, details: { paid } });
}

/**
 * A provider cancels a session: it stays visible as cancelled (the catalogue's
 * rule), every live sign-up is cancelled, and every family with an address
 * gets notice, with the reason when given.
 */
export async function cancelSessionWithNotice(tx: Tx, actor: Actor, ecosystemId: number, sessionId: number, reason: string, mail: SignupMailContext, now: Date = new Date()): Promise<number> {
  const text = reason.trim();
  if (text.length > 500) refuse('field.tooLong', { max: 500 }, 'reason');
  const session = await lockSession(tx, ecosystemId, sessionId);
  if (!session) throw errors.notFound('session');
  if (session.status === 'cancelled') refuse('signups.error.sessionCancelled');
  if (session.startsAt <= now) refuse('signups.error.started');
  await tx.db.updateTable('sessions').set({ status: 'cancelled', updated_at: now }).where('id', '=', sessionId).execute();
  const live = await tx.db
    .updateTable('signups')
    .set({ status: 'cancelled', waiting_position: null, offer_token_hash: null, offer_expires_at: null, cancelled_at: now, updated_at: now })
    .where('ecosystem_id', '=', ecosystemId)
    .where('session_id', '=', sessionId)
    .where('status', 'in', liveStatuses)
    .returning('id')
    .execute();
  await recordAudit(tx, actor, { ecosystemId, action: 'catalogue.session.cancelled', subjectType: 'session', subjectId: sessionId, details: { signupsCancelled: live.length, reason: text } });
  for (const { id } of live) await queueSignupMail(tx, mail, id, 'session_cancelled', { reason: text ? `Reden: ${text}` : '' });
  return live.length;
}

/** A staff member opened a session's list of children: personal data, so the look is logged like a look-up of one pass. */
export async function recordListView(tx: Tx, actor: Actor, ecosystemId: number, sessionId: number, children: number): Promise<void> {
  await recordAudit(tx, actor, { ecosystemId, action: 'signups.list.viewed', subjectType: 'session', subjectId: sessionId, details: { children } });
}
