import type { Actor } from '../../../core/context.js';
import { errors, type FieldProblem } from '../../../core/errors.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import type { Tx } from '../../../db/database.js';
import type { Activity } from '../db/schema.js';
import type { ActivityInput, ActivityPatch } from '../schemas.js';
import { checkReferences, themeIdsForSlugs } from './references.js';

type Fields = ActivityInput | ActivityPatch;

function columns(input: Fields) {
  return {
    ...(input.organisationId !== undefined && { organisation_id: input.organisationId }),
    ...(input.title !== undefined && { title: input.title.trim() }),
    ...(input.summary !== undefined && { summary: input.summary.trim() }),
    ...(input.description !== undefined && { description: input.description.trim() }),
    ...(input.format !== undefined && { format: input.format }),
    ...(input.setting !== undefined && { setting: input.setting }),
    ...(input.minAge !== undefined && { min_age: input.minAge }),
    ...(input.maxAge !== undefined && { max_age: input.maxAge }),
    ...(input.schoolGroups !== undefined && { school_groups: input.schoolGroups }),
    ...(input.level !== undefined && { level: input.level }),
    ...(input.priceCents !== undefined && { price_cents: input.priceCents }),
    ...(input.priceNote !== undefined && { price_note: input.priceNote }),
    ...(input.reductions !== undefined && { reductions: input.reductions }),
    ...(input.accessibility !== undefined && { accessibility: input.accessibility }),
    ...(input.languages !== undefined && { languages: input.languages }),
    ...(input.locationId !== undefined && { location_id: input.locationId }),
    ...(input.online !== undefined && { online: input.online }),
    ...(input.registrationMode !== undefined && { registration_mode: input.registrationMode }),
    ...(input.curriculumGoals !== undefined && { curriculum_goals: input.curriculumGoals }),
  };
}

/** Rules that span fields, checked on the activity as it will be after the change. */
function checkConsistency(a: { min_age: number; max_age: number; location_id: number | null; online: boolean }): void {
  const problems: FieldProblem[] = [];
  if (a.min_age > a.max_age) problems.push({ field: 'maxAge', key: 'field.min', params: { min: a.min_age } });
  if (a.location_id === null && !a.online) problems.push({ field: 'locationId', key: 'field.required' });
  if (problems.length > 0) throw errors.invalidInput(problems);
}

async function checkFieldReferences(tx: Tx, ecosystemId: number, input: Fields): Promise<number[] | undefined> {
  await checkReferences(tx, ecosystemId, {
    organisationIds: [
      ...(input.organisationId !== undefined ? [{ field: 'organisationId', id: input.organisationId }] : []),
      ...(input.coProviderIds ?? []).map((id) => ({ field: 'coProviderIds', id })),
    ],
    locationIds: input.locationId ? [{ field: 'locationId', id: input.locationId }] : [],
  });
  return input.themes ? themeIdsForSlugs(tx, ecosystemId, input.themes) : undefined;
}

async function replaceLinks(tx: Tx, ecosystemId: number, activityId: number, themeIds: number[] | undefined, coProviderIds: number[] | undefined) {
  if (themeIds) {
    await tx.db.deleteFrom('activity_themes').where('activity_id', '=', activityId).execute();
    await tx.db.insertInto('activity_themes').values(themeIds.map((theme_id) => ({ ecosystem_id: ecosystemId, activity_id: activityId, theme_id }))).execute();
  }
  if (coProviderIds) {
    await tx.db.deleteFrom('activity_co_providers').where('activity_id', '=', activityId).execute();
    if (coProviderIds.length > 0) {
      await tx.db
        .insertInto('activity_co_providers')
        .values(coProviderIds.map((organisation_id) => ({ ecosystem_id: ecosystemId, activity_id: activityId, organisation_id })))
        .execute();
    }
  }
}

/** Creates an activity, as a draft unless `status: 'published'` is asked for. */
export async function createActivity(tx: Tx, ecosystemId: number, input: ActivityInput): Promise<Activity> {
  const values = columns(input);
  checkConsistency({ min_age: input.minAge, max_age: input.maxAge, location_id: input.locationId ?? null, online: input.online ?? false });
  const themeIds = await checkFieldReferences(tx, ecosystemId, input);
  const published = input.status === 'published';
  const activity = await tx.db
    .insertInto('activities')
    .values({
      ...values,
      ecosystem_id: ecosystemId,
      organisation_id: input.organisationId,
      title: input.title.trim(),
      format: input.format,
      setting: input.setting,
      min_age: input.minAge,
      max_age: input.maxAge,
      level: input.level,
      registration_mode: input.registrationMode,
      status: published ? 'published' : 'draft',
      published_at: published ? new Date() : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await replaceLinks(tx, ecosystemId, activity.id, themeIds, input.coProviderIds);
  return activity;
}

async function loadForChange(tx: Tx, ecosystemId: number, id: number): Promise<Activity> {
  const activity = await tx.db
    .selectFrom('activities')
    .selectAll()
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!activity) throw errors.notFound('activity');
  if (activity.status === 'archived') throw errors.conflict('error.conflict.archived');
  return activity;
}

/** Changes the given fields of an activity; the rest stays as it is. */
export async function updateActivity(tx: Tx, ecosystemId: number, id: number, patch: ActivityPatch): Promise<Activity> {
  const current = await loadForChange(tx, ecosystemId, id);
  const values = columns(patch);
  checkConsistency({ ...current, ...values });
  const themeIds = await checkFieldReferences(tx, ecosystemId, patch);
  const updated = await tx.db
    .updateTable('activities')
    .set({ ...values, updated_at: new Date() })
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await replaceLinks(tx, ecosystemId, id, themeIds, patch.coProviderIds);
  return updated;
}

/** A partner sends a draft (or a returned activity) to the coordinator for review. */
export async function submitActivity(tx: Tx, ecosystemId: number, id: number): Promise<Activity> {
  const current = await loadForChange(tx, ecosystemId, id);
  if (current.status !== 'draft' && current.status !== 'returned') throw errors.conflict('error.conflict.notSubmittable');
  return tx.db
    .updateTable('activities')
    .set({ status: 'submitted', submitted_at: new Date(), updated_at: new Date() })
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The coordinator sends a submitted activity back to its partner, saying what to change. */
export async function returnActivity(tx: Tx, ecosystemId: number, id: number, comment: string): Promise<Activity> {
  const current = await loadForChange(tx, ecosystemId, id);
  if (current.status !== 'submitted') throw errors.conflict('error.conflict.notSubmitted');
  if (comment.trim() === '') throw errors.invalidInput([{ field: 'comment', key: 'field.required' }]);
  return tx.db
    .updateTable('activities')
    .set({ status: 'returned', review_comment: comment.trim(), updated_at: new Date() })
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Publishes an activity: it appears in the finder from now on. */
export async function publishActivity(tx: Tx, ecosystemId: number, id: number): Promise<Activity> {
  await loadForChange(tx, ecosystemId, id);
  return tx.db
    .updateTable('activities')
    .set({ status: 'published', published_at: new Date(), review_comment: '', updated_at: new Date() })
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Archives an activity: gone from the finder, kept for history. Archiving twice is harmless. */
export async function archiveActivity(tx: Tx, ecosystemId: number, id: number): Promise<Activity> {
  const activity = await tx.db
    .updateTable('activities')
    .set({ status: 'archived', archived_at: new Date(), updated_at: new Date() })
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!activity) throw errors.notFound('activity');
  return activity;
}

/**
 * Copies an activity as a new draft of the same organisation: every field,
 * its themes, co-providers and next steps, but no sessions (a copy is for a
 * new run, whose dates are not known yet). Archived activities may be copied too.
 */
export async function duplicateActivity(tx: Tx, actor: Actor, ecosystemId: number, id: number, titleFor: (title: string) => string): Promise<Activity> {
  const source = await tx.db.selectFrom('activities').selectAll().where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst();
  if (!source) throw errors.notFound('activity');
  const copy = await tx.db
    .insertInto('activities')
    .values({
      ecosystem_id: ecosystemId,
      organisation_id: source.organisation_id,
      title: titleFor(source.title).slice(0, 200),
      summary: source.summary,
      description: source.description,
      format: source.format,
      setting: source.setting,
      min_age: source.min_age,
      max_age: source.max_age,
      school_groups: source.school_groups,
      level: source.level,
      price_cents: source.price_cents,
      price_note: source.price_note,
      reductions: source.reductions,
      accessibility: source.accessibility,
      languages: source.languages,
      location_id: source.location_id,
      online: source.online,
      registration_mode: source.registration_mode,
      curriculum_goals: source.curriculum_goals,
      status: 'draft',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await tx.db
    .insertInto('activity_themes')
    .columns(['ecosystem_id', 'activity_id', 'theme_id'])
    .expression((eb) => eb.selectFrom('activity_themes').select([eb.val(ecosystemId).as('e'), eb.val(copy.id).as('a'), 'theme_id']).where('activity_id', '=', id))
    .execute();
  await tx.db
    .insertInto('activity_co_providers')
    .columns(['ecosystem_id', 'activity_id', 'organisation_id'])
    .expression((eb) => eb.selectFrom('activity_co_providers').select([eb.val(ecosystemId).as('e'), eb.val(copy.id).as('a'), 'organisation_id']).where('activity_id', '=', id))
    .execute();
  await tx.db
    .insertInto('next_steps')
    .columns(['ecosystem_id', 'from_activity_id', 'to_activity_id', 'kind', 'reason', 'position'])
    .expression((eb) =>
      eb
        .selectFrom('next_steps')
        .select([eb.val(ecosystemId).as('e'), eb.val(copy.id).as('f'), 'to_activity_id', 'kind', 'reason', 'position'])
        .where('from_activity_id', '=', id),
    )
    .execute();
  await recordAudit(tx, actor, { ecosystemId, action: 'catalogue.activity.duplicated', subjectType: 'activity', subjectId: copy.id, details: { from: id } });
  return copy;
}
