import { errors, type FieldProblem } from '../../../core/errors.js';
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
