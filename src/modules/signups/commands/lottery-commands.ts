import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Actor } from '../../../core/context.js';
import { errors, type FieldProblem } from '../../../core/errors.js';
import type { Kysely } from 'kysely';
import type { Tx } from '../../../db/database.js';
import type { DB } from '../../../db/schema.js';
import type { MessageKey } from '../../../web/i18n/index.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import { drawLottery, type DrawInput, type DrawResult, type LotteryPolicy } from '../lottery/draw.js';
import { lockSession, placesTaken, waitingCount, type LockedSession } from './place-keeper.js';
import { queueSignupMail, type SignupMailContext } from './signup-mail.js';

function refuse(key: MessageKey, field = 'activityId', params?: Record<string, string | number>): never {
  const problem: FieldProblem = params ? { field, key, params } : { field, key };
  throw errors.invalidInput([problem]);
}

/** The ecosystem's lottery settings as stored, with the defaults for an ecosystem that never set them. */
export interface LotterySettings {
  firstTimers: boolean;
  /** Neighbourhoods with an SES tier at or below this have priority; null: none. */
  prioritySesTierMax: number | null;
  siblingsTogether: boolean;
  oneBeforeTwo: boolean;
  /** The month (1–12) the season starts, for "no activity yet this season". */
  seasonStartMonth: number;
}

export const defaultLotterySettings: LotterySettings = { firstTimers: true, prioritySesTierMax: 2, siblingsTogether: true, oneBeforeTwo: true, seasonStartMonth: 8 };

export async function lotterySettings(tx: { db: Kysely<DB> }, ecosystemId: number): Promise<LotterySettings> {
  const row = await tx.db.selectFrom('lottery_policies').selectAll().where('ecosystem_id', '=', ecosystemId).executeTakeFirst();
  if (!row) return defaultLotterySettings;
  return { firstTimers: row.first_timers, prioritySesTierMax: row.priority_ses_tier_max, siblingsTogether: row.siblings_together, oneBeforeTwo: row.one_before_two, seasonStartMonth: row.season_start_month };
}

/** The coordinator sets the ecosystem's priorities; they apply to draws from then on (each draw records those it used). */
export async function saveLotterySettings(tx: Tx, actor: Actor, ecosystemId: number, form: { firstTimers: boolean; prioritySesTierMax: string; siblingsTogether: boolean; oneBeforeTwo: boolean; seasonStartMonth: string }): Promise<void> {
  const problems: FieldProblem[] = [];
  const tierText = form.prioritySesTierMax.trim();
  let tier: number | null = null;
  if (tierText !== '') {
    if (!/^[1-5]$/.test(tierText)) problems.push({ field: 'prioritySesTierMax', key: 'signups.lottery.settings.badTier' });
    else tier = Number(tierText);
  }
  const monthText = form.seasonStartMonth.trim();
  if (!/^([1-9]|1[0-2])$/.test(monthText)) problems.push({ field: 'seasonStartMonth', key: 'signups.lottery.settings.badMonth' });
  if (problems.length) throw errors.invalidInput(problems);
  const values = { first_timers: form.firstTimers, priority_ses_tier_max: tier, siblings_together: form.siblingsTogether, one_before_two: form.oneBeforeTwo, season_start_month: Number(monthText), updated_at: new Date() };
  await tx.db.insertInto('lottery_policies').values({ ecosystem_id: ecosystemId, ...values }).onConflict((oc) => oc.column('ecosystem_id').doUpdateSet(values)).execute();
  await recordAudit(tx, actor, { ecosystemId, action: 'signups.lottery.settingsSaved', subjectType: 'ecosystem', subjectId: ecosystemId, details: { ...values, updated_at: undefined } });
}

/** Parses a local date and time from a form (`2026-12-01T18:00`, Amsterdam time) into a moment; undefined when malformed. */
export function parseLocalMoment(value: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const guess = new Date(Date.UTC(y, mo - 1, d, h, mi));
  if (guess.getUTCFullYear() !== y || guess.getUTCMonth() !== mo - 1 || guess.getUTCDate() !== d || h > 23 || mi > 59) return undefined;
  // Amsterdam is UTC+1 or +2: find the offset that makes the local time come out right.
  for (const offset of [1, 2]) {
    const candidate = new Date(guess.getTime() - offset * 3_600_000);
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', hourCycle: 'h23' }).format(candidate);
    if (Number(local) === h) return candidate;
  }
  return new Date(guess.getTime() - 3_600_000);
}

/** Sets when sign-up opens and closes (a lottery's window) and how long a promoted family has to confirm. */
export async function saveSignupWindow(tx: Tx, actor: Actor, ecosystemId: number, activityId: number, form: { opensAt: string; closesAt: string; offerHours: string }): Promise<void> {
  const problems: FieldProblem[] = [];
  const opens = form.opensAt.trim() === '' ? null : parseLocalMoment(form.opensAt);
  const closes = form.closesAt.trim() === '' ? null : parseLocalMoment(form.closesAt);
  if (opens === undefined) problems.push({ field: 'opensAt', key: 'signups.window.badMoment' });
  if (closes === undefined) problems.push({ field: 'closesAt', key: 'signups.window.badMoment' });
  if (opens && closes && closes <= opens) problems.push({ field: 'closesAt', key: 'signups.window.closesBeforeOpens' });
  const hoursText = form.offerHours.trim() || '48';
  if (!/^\d{1,3}$/.test(hoursText) || Number(hoursText) < 1 || Number(hoursText) > 336) problems.push({ field: 'offerHours', key: 'signups.window.badHours' });
  if (problems.length) throw errors.invalidInput(problems);
  const values = { opens_at: opens ?? null, closes_at: closes ?? null, offer_hours: Number(hoursText), updated_at: new Date() };
  await tx.db.insertInto('signup_settings').values({ ecosystem_id: ecosystemId, activity_id: activityId, ...values }).onConflict((oc) => oc.columns(['ecosystem_id', 'activity_id']).doUpdateSet(values)).execute();
  await recordAudit(tx, actor, { ecosystemId, action: 'signups.window.saved', subjectType: 'activity', subjectId: activityId, details: { opensAt: opens?.toISOString() ?? null, closesAt: closes?.toISOString() ?? null, offerHours: values.offer_hours } });
}

/** The first day of the season that `now` falls in. */
export function seasonStart(now: Date, month: number): Date {
  const year = now.getUTCMonth() + 1 >= month ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return new Date(Date.UTC(year, month - 1, 1));
}

/** What a draw stores: everything needed to run it again. */
export interface StoredDraw {
  id: number;
  seed: string;
  policy: LotteryPolicy;
  input: DrawInput;
  result: DrawResult;
}

/**
 * Draws a lottery activity once its window has closed: gathers the entries of
 * its coming sessions (with the facts the priorities need, worked out now and
 * stored with the draw), runs the pure draw with a fresh random seed, records
 * seed, policy, input and result, and applies it: places are confirmed, the
 * rest go on the waiting lists in the order of the draw. Everyone with an
 * address gets mail.
 */
export async function runDraw(tx: Tx, actor: Actor, ecosystemId: number, activityId: number, mail: SignupMailContext, now: Date = new Date(), seed: string = randomBytes(16).toString('hex')): Promise<StoredDraw> {
  const activity = await tx.db.selectFrom('activities').select(['id', 'registration_mode']).where('ecosystem_id', '=', ecosystemId).where('id', '=', activityId).executeTakeFirst();
  if (!activity) throw errors.notFound('activity');
  if (activity.registration_mode !== 'lottery') refuse('signups.lottery.notLottery');
  const window = await tx.db.selectFrom('signup_settings').select('closes_at').where('ecosystem_id', '=', ecosystemId).where('activity_id', '=', activityId).executeTakeFirst();
  if (!window?.closes_at) refuse('signups.error.lotteryNotSet');
  if (window.closes_at > now) refuse('signups.lottery.windowOpen');
  const sessionRows = await tx.db.selectFrom('sessions').select('id').where('ecosystem_id', '=', ecosystemId).where('activity_id', '=', activityId).where('status', '=', 'scheduled').where('starts_at', '>', now).orderBy('id').execute();
  const sessions: LockedSession[] = [];
  for (const { id } of sessionRows) sessions.push((await lockSession(tx, ecosystemId, id))!);
  // Under the locks: a second draw started at the same moment finds this one.
  const earlier = await tx.db.selectFrom('lottery_draws').select('id').where('ecosystem_id', '=', ecosystemId).where('activity_id', '=', activityId).executeTakeFirst();
  if (earlier) refuse('signups.lottery.alreadyDrawn');
  const settings = await lotterySettings(tx, ecosystemId);
  const since = seasonStart(now, settings.seasonStartMonth);
  const entries = sessions.length
    ? await tx.db
        .selectFrom('signups as s')
        .innerJoin('passes as p', 'p.id', 's.pass_id')
        .leftJoin('neighbourhoods as n', 'n.id', 'p.neighbourhood_id')
        .select((eb) => [
          's.id', 's.session_id', 's.choice', 's.family_key', 'p.subject_key', 'n.ses_tier',
          eb.exists(eb.selectFrom('participations as pa').select('pa.id').whereRef('pa.subject_key', '=', 'p.subject_key').where('pa.ecosystem_id', '=', ecosystemId).where('pa.scanned_at', '>=', since)).as('took_part'),
        ])
        .where('s.ecosystem_id', '=', ecosystemId)
        .where('s.session_id', 'in', sessions.map((s) => s.id))
        .where('s.status', '=', 'entered')
        .orderBy('s.id')
        .execute()
    : [];
  if (entries.length === 0) refuse('signups.lottery.noEntries');
  const policy: LotteryPolicy = { firstTimers: settings.firstTimers, priorityAreas: settings.prioritySesTierMax !== null, siblingsTogether: settings.siblingsTogether, oneBeforeTwo: settings.oneBeforeTwo };
  const input: DrawInput = {
    sessions: await Promise.all(sessions.map(async (s) => ({ sessionId: s.id, places: s.capacity === null ? entries.length : Math.max(0, s.capacity - (await placesTaken(tx, s))) }))),
    entries: entries.map((e) => ({
      signupId: e.id,
      childKey: e.subject_key,
      familyKey: e.family_key,
      sessionId: e.session_id,
      choice: e.choice,
      firstTimer: !e.took_part,
      priorityArea: settings.prioritySesTierMax !== null && e.ses_tier !== null && e.ses_tier <= settings.prioritySesTierMax,
    })),
  };
  const result = drawLottery(input, policy, seed);
  const row = await tx.db
    .insertInto('lottery_draws')
    .values({ ecosystem_id: ecosystemId, activity_id: activityId, seed, policy: JSON.stringify(policy), input: JSON.stringify(input), result: JSON.stringify(result), drawn_by: actor.kind === 'user' ? actor.userId : null, drawn_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const offset = new Map<number, number>();
  for (const s of sessions) offset.set(s.id, await waitingCount(tx, s));
  for (const a of result.assignments) {
    if (a.outcome === 'place') {
      await tx.db.updateTable('signups').set({ status: 'confirmed', updated_at: now }).where('id', '=', a.signupId).execute();
      await queueSignupMail(tx, mail, a.signupId, 'signup_confirmed');
    } else {
      const position = offset.get(a.sessionId)! + a.position!;
      await tx.db.updateTable('signups').set({ status: 'waiting', waiting_position: position, updated_at: now }).where('id', '=', a.signupId).execute();
      await queueSignupMail(tx, mail, a.signupId, 'signup_not_drawn', { position });
    }
  }
  // Entries for sessions the draw could no longer give out (started or cancelled before it ran) are closed, with a word to the family.
  const lapsed = await tx.db
    .updateTable('signups')
    .set({ status: 'not_drawn', updated_at: now })
    .where('ecosystem_id', '=', ecosystemId)
    .where('activity_id', '=', activityId)
    .where('status', '=', 'entered')
    .$if(sessions.length > 0, (q) => q.where('session_id', 'not in', sessions.map((s) => s.id)))
    .returning('id')
    .execute();
  for (const { id } of lapsed) await queueSignupMail(tx, mail, id, 'signup_too_late');
  await recordAudit(tx, actor, {
    ecosystemId, action: 'signups.lottery.drawn', subjectType: 'lottery_draw', subjectId: row.id,
    details: { activityId, seed, entries: input.entries.length, places: result.assignments.filter((a) => a.outcome === 'place').length, tooLate: lapsed.length },
  });
  return { id: row.id, seed, policy, input, result };
}

/** A recorded draw, if it belongs to the activity. */
export async function loadDraw(tx: { db: Kysely<DB> }, ecosystemId: number, activityId: number, drawId: number): Promise<StoredDraw & { drawnAt: Date } | undefined> {
  const row = await tx.db.selectFrom('lottery_draws').selectAll().where('ecosystem_id', '=', ecosystemId).where('activity_id', '=', activityId).where('id', '=', drawId).executeTakeFirst();
  if (!row) return undefined;
  return { id: row.id, seed: row.seed, policy: row.policy as LotteryPolicy, input: row.input as DrawInput, result: row.result as DrawResult, drawnAt: row.drawn_at };
}

/**
 * Runs a recorded draw again from its seed, policy and input, and compares
 * the outcome with the recorded one: the proof anyone can ask for that the
 * draw was what the seed says. The check itself is logged.
 */
export async function verifyDraw(tx: Tx, actor: Actor, ecosystemId: number, activityId: number, drawId: number): Promise<{ same: boolean; rerun: DrawResult }> {
  const draw = await loadDraw(tx, ecosystemId, activityId, drawId);
  if (!draw) throw errors.notFound('draw');
  const rerun = drawLottery(draw.input, draw.policy, draw.seed);
  const same = isDeepStrictEqual(JSON.parse(JSON.stringify(rerun)), draw.result);
  await recordAudit(tx, actor, { ecosystemId, action: 'signups.lottery.verified', subjectType: 'lottery_draw', subjectId: drawId, details: { same } });
  return { same, rerun };
}
