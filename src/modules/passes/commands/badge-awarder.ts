import type { Actor } from '../../../core/context.js';
import { errors } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import { currentConsents } from '../queries/consents.js';
import { issueBadge } from './badge-issuer.js';

/**
 * When badges are awarded.
 *
 * - An activity's badge: on the first check-in at any session of the activity.
 * - A learning path's badge: when every step of a published path is done.
 *   In a free path, every step's activity once, in any order. In an ordered
 *   path, the steps in their order: there must be a check-in at each step's
 *   activity no earlier than the one counted for the step before. A child who
 *   did step 2 first and step 1 later has not finished an ordered path, but
 *   doing step 2 again after step 1 finishes it; repeating is always allowed,
 *   so the order never locks a child out.
 * - Only with the pass's `badges` consent. Without it nothing is issued, not
 *   even held back: when a parent gives the consent later, `issuePendingBadges`
 *   issues every badge the pass has earned by then, dated that day.
 * - Once per pass and achievement (a unique index), however often a child
 *   comes back or a scan is sent again.
 * - An archived achievement awards nothing new; badges issued stay valid.
 */

interface Earned {
  achievementId: number;
  participationId: string;
}

/** The step counted for each step of a path, or undefined when the path is not done. */
export function pathCompletion(
  steps: ReadonlyArray<{ activityId: number; position: number }>,
  participations: ReadonlyArray<{ id: string; activityId: number; scannedAt: Date }>,
  ordered: boolean,
): string | undefined {
  if (steps.length === 0) return undefined;
  const byTime = [...participations].sort((a, b) => a.scannedAt.getTime() - b.scannedAt.getTime() || Number(a.id) - Number(b.id));
  if (!ordered) {
    let last: (typeof byTime)[number] | undefined;
    for (const step of steps) {
      const first = byTime.find((p) => p.activityId === step.activityId);
      if (!first) return undefined;
      if (!last || first.scannedAt > last.scannedAt) last = first;
    }
    return last!.id;
  }
  let after = -Infinity;
  let counted: string | undefined;
  for (const step of [...steps].sort((a, b) => a.position - b.position)) {
    const next = byTime.find((p) => p.activityId === step.activityId && p.scannedAt.getTime() >= after);
    if (!next) return undefined;
    after = next.scannedAt.getTime();
    counted = next.id;
  }
  return counted;
}

/** What the pass has earned and not yet received; `activityId` narrows it to what one check-in can have changed. */
async function earnedBadges(tx: Tx, ecosystemId: number, passId: number, activityId?: number): Promise<Earned[]> {
  let activityQuery = tx.db
    .selectFrom('achievements as a')
    .innerJoin('participations as p', (j) => j.onRef('p.activity_id', '=', 'a.activity_id').on('p.pass_id', '=', passId))
    .select(['a.id'])
    .select((eb) => eb.fn.min('p.id').as('participation_id'))
    .where('a.ecosystem_id', '=', ecosystemId)
    .where('a.kind', '=', 'activity')
    .where('a.status', '=', 'active')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('badge_awards as b').select('b.id').where('b.pass_id', '=', passId).whereRef('b.achievement_id', '=', 'a.id'))))
    .groupBy('a.id');
  if (activityId !== undefined) activityQuery = activityQuery.where('a.activity_id', '=', activityId);

  let pathQuery = tx.db
    .selectFrom('learning_paths as lp')
    .innerJoin('achievements as a', (j) => j.onRef('a.learning_path_id', '=', 'lp.id').on('a.status', '=', 'active'))
    .select(['lp.id as path_id', 'lp.ordered', 'a.id as achievement_id'])
    .where('lp.ecosystem_id', '=', ecosystemId)
    .where('lp.status', '=', 'published')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('badge_awards as b').select('b.id').where('b.pass_id', '=', passId).whereRef('b.achievement_id', '=', 'a.id'))));
  pathQuery =
    activityId !== undefined
      ? pathQuery.where((eb) => eb.exists(eb.selectFrom('learning_path_steps as s').select('s.activity_id').whereRef('s.learning_path_id', '=', 'lp.id').where('s.activity_id', '=', activityId)))
      : pathQuery.where((eb) =>
          eb.exists(
            eb.selectFrom('learning_path_steps as s').innerJoin('participations as p', (j) => j.onRef('p.activity_id', '=', 's.activity_id').on('p.pass_id', '=', passId)).select('s.activity_id').whereRef('s.learning_path_id', '=', 'lp.id'),
          ),
        );

  // One after the other: both run on the transaction's single connection.
  const activityRows = await activityQuery.execute();
  const paths = await pathQuery.execute();
  const earned: Earned[] = activityRows.map((r) => ({ achievementId: r.id, participationId: String(r.participation_id) }));
  if (paths.length === 0) return earned;

  const steps = await tx.db
    .selectFrom('learning_path_steps')
    .select(['learning_path_id', 'activity_id', 'position'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('learning_path_id', 'in', paths.map((p) => p.path_id))
    .execute();
  const activityIds = [...new Set(steps.map((s) => s.activity_id))];
  const participations = await tx.db
    .selectFrom('participations')
    .select(['id', 'activity_id', 'scanned_at'])
    .where('pass_id', '=', passId)
    .where('activity_id', 'in', activityIds)
    .execute();
  const mine = participations.map((p) => ({ id: String(p.id), activityId: p.activity_id, scannedAt: p.scanned_at }));
  for (const path of paths) {
    const own = steps.filter((s) => s.learning_path_id === path.path_id).map((s) => ({ activityId: s.activity_id, position: s.position }));
    const done = pathCompletion(own, mine, path.ordered);
    if (done !== undefined) earned.push({ achievementId: path.achievement_id, participationId: done });
  }
  return earned;
}

export interface CheckInForBadges {
  ecosystemId: number;
  passId: number;
  activityId: number;
  participationId: string;
  /** The pass's `badges` consent when the caller has already read it (the check-in has), to spare a query on the busiest write. */
  badgesConsent?: boolean;
}

/**
 * Awards what a new check-in has earned: the activity's badge and the badge
 * of every published learning path this check-in completes. Runs in the
 * check-in's transaction, so a scan and its badges commit together. Returns
 * the ids of the badges issued. No audit event, like the check-in itself:
 * the award row says which check-in earned it.
 */
export async function awardAfterCheckIn(tx: Tx, input: CheckInForBadges): Promise<string[]> {
  const consent = input.badgesConsent ?? (await currentConsents(tx.db, input.passId)).badges;
  if (!consent) return [];
  const earned = await earnedBadges(tx, input.ecosystemId, input.passId, input.activityId);
  const issued: string[] = [];
  for (const e of earned) {
    // The activity's badge was earned by this very check-in; a path's by the step counted last.
    const id = await issueBadge(tx, { ecosystemId: input.ecosystemId, passId: input.passId, achievementId: e.achievementId, participationId: e.participationId });
    if (id) issued.push(id);
  }
  return issued;
}

/**
 * Issues every badge a pass has earned but not received, as when a parent
 * gives the `badges` consent after the child has already taken part. For the
 * privacy pages' consent command to call after recording a grant; does
 * nothing without the consent. Writes one audit event when it issued any.
 */
export async function issuePendingBadges(tx: Tx, actor: Actor | 'system', passId: number, now: Date = new Date()): Promise<string[]> {
  const pass = await tx.db.selectFrom('passes').select(['id', 'ecosystem_id']).where('id', '=', passId).executeTakeFirst();
  if (!pass) throw errors.notFound('pass');
  if (!(await currentConsents(tx.db, pass.id)).badges) return [];
  const earned = await earnedBadges(tx, pass.ecosystem_id, pass.id);
  const issued: string[] = [];
  for (const e of earned) {
    const id = await issueBadge(tx, { ecosystemId: pass.ecosystem_id, passId: pass.id, achievementId: e.achievementId, participationId: e.participationId }, now);
    if (id) issued.push(id);
  }
  if (issued.length > 0) {
    await recordAudit(tx, actor, { ecosystemId: pass.ecosystem_id, action: 'passes.badges.issued', subjectType: 'pass', subjectId: pass.id, details: { count: issued.length } });
  }
  return issued;
}

/**
 * Removes the credentials of a pass's badges, for the privacy pages to call
 * when a parent deletes the pass (before deleting its row): each badge's row
 * stays for totals, without its credential or its link to the pass, and its
 * verification page then says it was removed. Returns how many it removed.
 */
export async function forgetBadgesOfPass(tx: Tx, passId: number): Promise<number> {
  const rows = await tx.db.updateTable('badge_awards').set({ credential: null, pass_id: null }).where('pass_id', '=', passId).returning('id').execute();
  return rows.length;
}
