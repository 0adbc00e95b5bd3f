import type { Actor } from '../../../core/context.js';
import { errors, type FieldProblem } from '../../../core/errors.js';
import { isoDay as isoDayInAmsterdam } from '../../../web/format.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import { amsterdamInstant, weeklyDays, type WeeklySeriesForm } from '../forms.js';
import type { Tx } from '../../../db/database.js';
import type { Session } from '../db/schema.js';
import type { NextStep } from '../db/schema.js';
import type { NextStepInput, SessionInput, SessionPatch } from '../schemas.js';
import { checkReferences, refreshLastSession } from './references.js';

const maxSessionHours = 24 * 14;

function checkTimes(startsAt: Date, endsAt: Date): void {
  const problems: FieldProblem[] = [];
  if (endsAt <= startsAt) problems.push({ field: 'endsAt', key: 'field.invalidDateTime' });
  else if (endsAt.getTime() - startsAt.getTime() > maxSessionHours * 3_600_000) {
    problems.push({ field: 'endsAt', key: 'field.max', params: { max: `${maxSessionHours} uur` } });
  }
  if (problems.length > 0) throw errors.invalidInput(problems);
}

async function activityForChange(tx: Tx, ecosystemId: number, activityId: number): Promise<void> {
  const activity = await tx.db
    .selectFrom('activities')
    .select(['id', 'status'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', activityId)
    .forUpdate()
    .executeTakeFirst();
  if (!activity) throw errors.notFound('activity');
  if (activity.status === 'archived') throw errors.conflict('error.conflict.archived');
}

export async function createSession(tx: Tx, ecosystemId: number, activityId: number, input: SessionInput): Promise<Session> {
  await activityForChange(tx, ecosystemId, activityId);
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  checkTimes(startsAt, endsAt);
  if (input.locationId) await checkReferences(tx, ecosystemId, { locationIds: [{ field: 'locationId', id: input.locationId }] });
  const session = await tx.db
    .insertInto('sessions')
    .values({
      ecosystem_id: ecosystemId,
      activity_id: activityId,
      starts_at: startsAt,
      ends_at: endsAt,
      capacity: input.capacity ?? null,
      location_id: input.locationId ?? null,
      note: input.note ?? '',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await refreshLastSession(tx, ecosystemId, activityId);
  return session;
}

async function sessionForChange(tx: Tx, ecosystemId: number, id: number): Promise<Session> {
  const session = await tx.db.selectFrom('sessions').selectAll().where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst();
  if (!session) throw errors.notFound('session');
  await activityForChange(tx, ecosystemId, session.activity_id);
  return session;
}

export async function updateSession(tx: Tx, ecosystemId: number, id: number, patch: SessionPatch): Promise<Session> {
  const current = await sessionForChange(tx, ecosystemId, id);
  const startsAt = patch.startsAt ? new Date(patch.startsAt) : current.starts_at;
  const endsAt = patch.endsAt ? new Date(patch.endsAt) : current.ends_at;
  checkTimes(startsAt, endsAt);
  if (patch.locationId) await checkReferences(tx, ecosystemId, { locationIds: [{ field: 'locationId', id: patch.locationId }] });
  const session = await tx.db
    .updateTable('sessions')
    .set({
      starts_at: startsAt,
      ends_at: endsAt,
      ...(patch.capacity !== undefined && { capacity: patch.capacity }),
      ...(patch.locationId !== undefined && { location_id: patch.locationId }),
      ...(patch.note !== undefined && { note: patch.note }),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await refreshLastSession(tx, ecosystemId, current.activity_id);
  return session;
}

/** Cancels a session; it stays visible as cancelled so nobody turns up in vain. */
export async function cancelSession(tx: Tx, ecosystemId: number, id: number): Promise<Session> {
  const current = await sessionForChange(tx, ecosystemId, id);
  const session = await tx.db
    .updateTable('sessions')
    .set({ status: 'cancelled', updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await refreshLastSession(tx, ecosystemId, current.activity_id);
  return session;
}

export async function createNextStep(tx: Tx, ecosystemId: number, fromActivityId: number, input: NextStepInput): Promise<NextStep> {
  await activityForChange(tx, ecosystemId, fromActivityId);
  if (input.toActivityId === fromActivityId) {
    throw errors.invalidInput([{ field: 'toActivityId', key: 'field.unknownValue', params: { value: input.toActivityId } }]);
  }
  await checkReferences(tx, ecosystemId, { activityIds: [{ field: 'toActivityId', id: input.toActivityId }] });
  const exists = await tx.db
    .selectFrom('next_steps')
    .select('id')
    .where('from_activity_id', '=', fromActivityId)
    .where('to_activity_id', '=', input.toActivityId)
    .executeTakeFirst();
  if (exists) throw errors.conflict('error.conflict.nextStepExists');
  return tx.db
    .insertInto('next_steps')
    .values({
      ecosystem_id: ecosystemId,
      from_activity_id: fromActivityId,
      to_activity_id: input.toActivityId,
      kind: input.kind,
      reason: input.reason.trim(),
      position: input.position ?? 0,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteNextStep(tx: Tx, ecosystemId: number, id: number): Promise<void> {
  const result = await tx.db.deleteFrom('next_steps').where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw errors.notFound('nextStep');
}

/** A series has at most this many sessions: two years of weekly meetings. */
export const maxSeriesSessions = 105;

/**
 * Plans a weekly series in one step: every week on the weekday from `from` to
 * `until`, except the days in `skip` (holidays), each at the same Amsterdam
 * wall-clock times, summer time or not. All sessions or none.
 */
export async function createWeeklySessions(tx: Tx, actor: Actor, ecosystemId: number, activityId: number, series: WeeklySeriesForm, now = new Date()): Promise<Session[]> {
  await activityForChange(tx, ecosystemId, activityId);
  const problems: FieldProblem[] = [];
  const today = isoDayInAmsterdam(now);
  if (series.from < today) problems.push({ field: 'from', key: 'manage.field.series.past' });
  if (series.until < series.from) problems.push({ field: 'until', key: 'manage.field.series.order' });
  else if (series.startTime >= series.endTime) problems.push({ field: 'endTime', key: 'manage.field.time.order' });
  const all = problems.length > 0 ? [] : weeklyDays(series.weekday, series.from, series.until);
  const wrong = series.skip.find((d) => !all.includes(d));
  if (problems.length === 0 && wrong) problems.push({ field: 'skip', key: 'manage.field.skip.notInSeries', params: { value: wrong } });
  const days = all.filter((d) => !series.skip.includes(d));
  if (problems.length === 0 && days.length === 0) problems.push({ field: 'until', key: 'manage.field.series.empty' });
  if (problems.length === 0 && days.length > maxSeriesSessions) problems.push({ field: 'until', key: 'manage.field.series.tooMany', params: { max: maxSeriesSessions } });
  if (problems.length > 0) throw errors.invalidInput(problems);

  const sessions = await tx.db
    .insertInto('sessions')
    .values(
      days.map((day) => ({
        ecosystem_id: ecosystemId,
        activity_id: activityId,
        starts_at: amsterdamInstant(day, series.startTime),
        ends_at: amsterdamInstant(day, series.endTime),
        capacity: series.capacity,
        note: series.note,
      })),
    )
    .returningAll()
    .execute();
  await refreshLastSession(tx, ecosystemId, activityId);
  await recordAudit(tx, actor, {
    ecosystemId,
    action: 'catalogue.session.seriesCreated',
    subjectType: 'activity',
    subjectId: activityId,
    details: { weekday: series.weekday, from: series.from, until: series.until, skipped: series.skip, count: sessions.length },
  });
  return sessions;
}
