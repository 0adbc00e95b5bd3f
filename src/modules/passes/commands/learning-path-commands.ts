import type { Actor } from '../../../core/context.js';
import { errors, type FieldProblem } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { t } from '../../../web/i18n/index.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import type { LearningPath } from '../db/schema.js';

export type LearningPathStatus = 'draft' | 'published' | 'archived';
export const learningPathStatuses: readonly LearningPathStatus[] = ['draft', 'published', 'archived'];

/** A learning path's own fields, as the management form sends them (after parsing). */
export interface LearningPathInput {
  title: string;
  /** Empty on creation: made from the title. */
  slug: string;
  description: string;
  themeId: number | null;
  ordered: boolean;
}

export const learningPathLimits = { title: 150, slug: 80, description: 2000, steps: 20, minStepsToPublish: 2 } as const;
const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** "Jonge onderzoekers!" → "jonge-onderzoekers": lower case, accents and punctuation gone. */
export function slugFromTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, learningPathLimits.slug)
    .replace(/-+$/, '');
}

function problem(field: string, key: FieldProblem['key'], params?: Record<string, string | number>): FieldProblem {
  return { field, key, ...(params && { params }) };
}

/** Checks the fields, also against the ecosystem (unique slug, existing theme); returns every problem at once. */
async function checkInput(tx: Tx, ecosystemId: number, input: LearningPathInput, id: number | undefined): Promise<{ value: LearningPathInput; problems: FieldProblem[] }> {
  const problems: FieldProblem[] = [];
  const title = input.title.trim();
  if (title === '') problems.push(problem('title', 'field.required'));
  else if (title.length > learningPathLimits.title) problems.push(problem('title', 'field.tooLong', { max: learningPathLimits.title }));
  const slug = input.slug.trim() === '' && id === undefined ? slugFromTitle(title) : input.slug.trim();
  if (slug === '') problems.push(problem('slug', title === '' && id === undefined ? 'learningPaths.field.slug.fromTitle' : 'field.required'));
  else if (slug.length > learningPathLimits.slug || !slugPattern.test(slug)) problems.push(problem('slug', 'learningPaths.field.slug.format', { max: learningPathLimits.slug }));
  else {
    const taken = await tx.db
      .selectFrom('learning_paths')
      .select('id')
      .where('ecosystem_id', '=', ecosystemId)
      .where('slug', '=', slug)
      .$if(id !== undefined, (q) => q.where('id', '!=', id!))
      .executeTakeFirst();
    if (taken) problems.push(problem('slug', 'error.conflict.slugTaken', { slug }));
  }
  const description = input.description.trim();
  if (description.length > learningPathLimits.description) problems.push(problem('description', 'field.tooLong', { max: learningPathLimits.description }));
  if (input.themeId !== null) {
    const theme = await tx.db
      .selectFrom('themes')
      .select('id')
      .where('ecosystem_id', '=', ecosystemId)
      .where('id', '=', input.themeId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (!theme) problems.push(problem('themeId', 'manage.field.choose'));
  }
  return { value: { title, slug, description, themeId: input.themeId, ordered: input.ordered }, problems };
}

/**
 * Keeps the learning path's Open Badges achievement in step with the path:
 * its name, description and criteria come from the path, and it is archived
 * with the path. The only way a path's achievement is made or changed: the
 * path's own commands call it, so the badge always says what the path asks.
 * An upsert keyed by the unique index on `learning_path_id`.
 */
export async function syncLearningPathAchievement(tx: Tx, ecosystemId: number, pathId: number): Promise<void> {
  const path = await tx.db
    .selectFrom('learning_paths as lp')
    .select(['lp.title', 'lp.description', 'lp.status', 'lp.ordered'])
    .select((eb) => eb.selectFrom('learning_path_steps as s').select((e) => e.fn.countAll<number>().as('n')).whereRef('s.learning_path_id', '=', 'lp.id').as('steps'))
    .where('lp.ecosystem_id', '=', ecosystemId)
    .where('lp.id', '=', pathId)
    .executeTakeFirstOrThrow();
  const steps = Number(path.steps ?? 0);
  const name = path.title;
  const description = (path.description || t('nl', 'learningPaths.achievement.description', { title: path.title })).slice(0, 2000);
  const criteria = t('nl', path.ordered ? 'learningPaths.achievement.criteriaOrdered' : 'learningPaths.achievement.criteria', { n: steps, title: path.title }).slice(0, 2000);
  const status = path.status === 'archived' ? ('archived' as const) : ('active' as const);
  await tx.db
    .insertInto('achievements')
    .values({ ecosystem_id: ecosystemId, kind: 'learning_path', learning_path_id: pathId, activity_id: null, name, description, criteria, status })
    .onConflict((oc) => oc.column('learning_path_id').where('learning_path_id', 'is not', null).doUpdateSet({ name, description, criteria, status, updated_at: new Date() }))
    .execute();
}

/** Makes a learning path, as a draft without steps, and its achievement. */
export async function createLearningPath(tx: Tx, actor: Actor | 'system', ecosystemId: number, input: LearningPathInput): Promise<LearningPath> {
  const { value: checked, problems } = await checkInput(tx, ecosystemId, input, undefined);
  if (problems.length > 0) throw errors.invalidInput(problems);
  const path = await tx.db
    .insertInto('learning_paths')
    .values({ ecosystem_id: ecosystemId, slug: checked.slug, title: checked.title, description: checked.description, theme_id: checked.themeId, ordered: checked.ordered })
    .returningAll()
    .executeTakeFirstOrThrow();
  await syncLearningPathAchievement(tx, ecosystemId, path.id);
  await recordAudit(tx, actor, { ecosystemId, action: 'passes.learningPath.created', subjectType: 'learning_path', subjectId: path.id, details: { slug: path.slug } });
  return path;
}

async function loadPath(tx: Tx, ecosystemId: number, id: number): Promise<LearningPath> {
  const path = await tx.db.selectFrom('learning_paths').selectAll().where('ecosystem_id', '=', ecosystemId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!path) throw errors.notFound('learningPath');
  return path;
}

/** What stops a path from being published: too few steps, or steps children can no longer find. */
async function publishProblems(tx: Tx, pathId: number): Promise<FieldProblem[]> {
  const steps = await tx.db
    .selectFrom('learning_path_steps as s')
    .innerJoin('activities as a', 'a.id', 's.activity_id')
    .select(['a.title', 'a.status'])
    .where('s.learning_path_id', '=', pathId)
    .orderBy('s.position')
    .execute();
  if (steps.length < learningPathLimits.minStepsToPublish) return [problem('status', 'learningPaths.field.status.tooFewSteps', { min: learningPathLimits.minStepsToPublish })];
  const closed = steps.find((s) => s.status !== 'published');
  return closed ? [problem('status', 'learningPaths.field.status.unpublishedStep', { title: closed.title })] : [];
}

/** Saves a learning path's fields and status; publishing needs enough steps, all of them published activities. */
export async function updateLearningPath(tx: Tx, actor: Actor | 'system', ecosystemId: number, id: number, input: LearningPathInput & { status: LearningPathStatus }): Promise<LearningPath> {
  const before = await loadPath(tx, ecosystemId, id);
  const statusProblems = !learningPathStatuses.includes(input.status)
    ? [problem('status', 'manage.field.choose')]
    : input.status === 'published'
      ? await publishProblems(tx, id)
      : [];
  const { value: checked, problems } = await checkInput(tx, ecosystemId, input, id);
  if (problems.length + statusProblems.length > 0) throw errors.invalidInput([...problems, ...statusProblems]);
  const path = await tx.db
    .updateTable('learning_paths')
    .set({ slug: checked.slug, title: checked.title, description: checked.description, theme_id: checked.themeId, ordered: checked.ordered, status: input.status, updated_at: new Date() })
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await syncLearningPathAchievement(tx, ecosystemId, id);
  await recordAudit(tx, actor, {
    ecosystemId,
    action: 'passes.learningPath.updated',
    subjectType: 'learning_path',
    subjectId: id,
    details: { slug: path.slug, ...(before.status !== path.status && { status: { from: before.status, to: path.status } }) },
  });
  return path;
}

export type StepChange = { action: 'add' | 'up' | 'down' | 'remove'; activityId: number };

/**
 * Adds a step (a published activity of this ecosystem, not yet on the path),
 * moves one up or down, or removes one; positions stay 0, 1, 2, … A
 * published path keeps at least the minimum number of steps.
 */
export async function changeLearningPathStep(tx: Tx, actor: Actor | 'system', ecosystemId: number, id: number, change: StepChange): Promise<void> {
  const path = await loadPath(tx, ecosystemId, id);
  const steps = await tx.db
    .selectFrom('learning_path_steps')
    .select(['activity_id', 'position'])
    .where('learning_path_id', '=', id)
    .orderBy('position')
    .execute();
  const order = steps.map((s) => s.activity_id);
  const at = order.indexOf(change.activityId);
  const refuse = (key: FieldProblem['key'], params?: Record<string, string | number>): never => {
    throw errors.invalidInput([problem('activityId', key, params)]);
  };
  switch (change.action) {
    case 'add': {
      if (at >= 0) refuse('learningPaths.field.step.already');
      if (order.length >= learningPathLimits.steps) refuse('learningPaths.field.step.tooMany', { max: learningPathLimits.steps });
      const activity = await tx.db
        .selectFrom('activities')
        .select(['id', 'status'])
        .where('ecosystem_id', '=', ecosystemId)
        .where('id', '=', change.activityId)
        .executeTakeFirst();
      if (!activity) refuse('learningPaths.field.step.unknown');
      if (activity!.status !== 'published') refuse('learningPaths.field.step.notPublished');
      order.push(change.activityId);
      break;
    }
    case 'up':
    case 'down': {
      if (at < 0) refuse('learningPaths.field.step.notOnPath');
      const to = change.action === 'up' ? at - 1 : at + 1;
      if (to < 0 || to >= order.length) return; // already first or last: nothing to do
      [order[at], order[to]] = [order[to]!, order[at]!];
      break;
    }
    case 'remove': {
      if (at < 0) refuse('learningPaths.field.step.notOnPath');
      if (path.status === 'published' && order.length <= learningPathLimits.minStepsToPublish) refuse('learningPaths.field.step.keepMinimum', { min: learningPathLimits.minStepsToPublish });
      order.splice(at, 1);
      await tx.db.deleteFrom('learning_path_steps').where('learning_path_id', '=', id).where('activity_id', '=', change.activityId).execute();
      break;
    }
  }
  // Rewrite the positions of every step: twenty rows at most, and no unique index on position to dance around.
  if (order.length > 0) {
    await tx.db
      .insertInto('learning_path_steps')
      .values(order.map((activityId, position) => ({ ecosystem_id: ecosystemId, learning_path_id: id, activity_id: activityId, position })))
      .onConflict((oc) => oc.columns(['learning_path_id', 'activity_id']).doUpdateSet((eb) => ({ position: eb.ref('excluded.position') })))
      .execute();
  }
  await tx.db.updateTable('learning_paths').set({ updated_at: new Date() }).where('id', '=', id).execute();
  await syncLearningPathAchievement(tx, ecosystemId, id);
  await recordAudit(tx, actor, {
    ecosystemId,
    action: `passes.learningPath.step.${change.action === 'add' ? 'added' : change.action === 'remove' ? 'removed' : 'moved'}`,
    subjectType: 'learning_path',
    subjectId: id,
    details: { activityId: change.activityId, ...(change.action === 'up' || change.action === 'down' ? { direction: change.action } : {}) },
  });
}
