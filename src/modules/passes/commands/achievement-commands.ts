import type { Actor } from '../../../core/context.js';
import { errors, type FieldProblem } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import { authorizePasses } from '../policies.js';

export interface AchievementText {
  name: string;
  description: string;
  criteria: string;
}

const limits = { name: 150, description: 2000, criteria: 2000 } as const;

/** Trims the texts and lists what is wrong; an achievement needs a name, the rest may be empty. */
function checkText(input: AchievementText): { text: AchievementText; problems: FieldProblem[] } {
  const text = { name: input.name.trim(), description: input.description.trim(), criteria: input.criteria.trim() };
  const problems: FieldProblem[] = [];
  if (text.name === '') problems.push({ field: 'name', key: 'field.required' });
  for (const field of ['name', 'description', 'criteria'] as const) {
    if (text[field].length > limits[field]) problems.push({ field, key: 'field.tooLong', params: { max: limits[field] } });
  }
  return { text, problems };
}

export interface ActivityAchievementInput extends AchievementText {
  /** Whether taking part in the activity earns a badge. Off archives the achievement; badges issued stay valid. */
  awards: boolean;
}

/**
 * Switches an activity's badge on or off and sets its texts. A partner editor
 * of the activity's organisation or a coordinator may. A changed name or
 * description applies to badges issued from now on: issued ones are signed
 * and stay as they were.
 */
export async function saveActivityAchievement(tx: Tx, actor: Actor, ecosystemId: number, activityId: number, input: ActivityAchievementInput): Promise<number | undefined> {
  const activity = await tx.db.selectFrom('activities').select(['id', 'organisation_id']).where('ecosystem_id', '=', ecosystemId).where('id', '=', activityId).executeTakeFirst();
  authorizePasses(actor, 'achievements.manage', { ecosystemId, organisationIds: activity ? [activity.organisation_id] : [] });
  if (!activity) throw errors.notFound('activity');
  const existing = await tx.db.selectFrom('achievements').select(['id', 'status']).where('ecosystem_id', '=', ecosystemId).where('activity_id', '=', activityId).executeTakeFirst();

  if (!input.awards) {
    if (!existing || existing.status === 'archived') return existing?.id;
    await tx.db.updateTable('achievements').set({ status: 'archived', updated_at: new Date() }).where('id', '=', existing.id).execute();
    await recordAudit(tx, actor, { ecosystemId, action: 'passes.achievement.archived', subjectType: 'achievement', subjectId: existing.id, details: { activityId } });
    return existing.id;
  }
  const { text, problems } = checkText(input);
  if (problems.length > 0) throw errors.invalidInput(problems);
  let id: number;
  if (existing) {
    await tx.db.updateTable('achievements').set({ ...text, status: 'active', updated_at: new Date() }).where('id', '=', existing.id).execute();
    id = existing.id;
  } else {
    id = (await tx.db.insertInto('achievements').values({ ecosystem_id: ecosystemId, kind: 'activity', activity_id: activityId, ...text }).returning('id').executeTakeFirstOrThrow()).id;
  }
  await recordAudit(tx, actor, { ecosystemId, action: 'passes.achievement.saved', subjectType: 'achievement', subjectId: id, details: { activityId, name: text.name } });
  return id;
}

/**
 * Revokes one issued badge (given by mistake, or on request): the
 * verification page then says so. Whoever manages the achievement may: for
 * an activity's badge its partner or a coordinator, for a path's badge a
 * coordinator. Revoking twice changes nothing.
 */
export async function revokeBadge(tx: Tx, actor: Actor, ecosystemId: number, awardId: string): Promise<void> {
  const award = await tx.db
    .selectFrom('badge_awards as b')
    .innerJoin('achievements as a', (j) => j.onRef('a.ecosystem_id', '=', 'b.ecosystem_id').onRef('a.id', '=', 'b.achievement_id'))
    .leftJoin('activities as act', (j) => j.onRef('act.ecosystem_id', '=', 'a.ecosystem_id').onRef('act.id', '=', 'a.activity_id'))
    .select(['b.id', 'b.revoked_at', 'a.kind', 'act.organisation_id'])
    .where('b.ecosystem_id', '=', ecosystemId)
    .where('b.id', '=', awardId)
    .executeTakeFirst();
  if (award?.kind === 'learning_path') authorizePasses(actor, 'learningPaths.manage', { ecosystemId });
  else authorizePasses(actor, 'achievements.manage', { ecosystemId, organisationIds: award?.organisation_id ? [award.organisation_id] : [] });
  if (!award) throw errors.notFound('badge');
  if (award.revoked_at) return;
  await tx.db.updateTable('badge_awards').set({ revoked_at: new Date() }).where('id', '=', award.id).execute();
  await recordAudit(tx, actor, { ecosystemId, action: 'passes.badge.revoked', subjectType: 'badge', subjectId: award.id });
}
