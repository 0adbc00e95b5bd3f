import { sql } from 'kysely';
import type { Actor } from '../../../core/context.js';
import type { Tx } from '../../../db/database.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import { forgetCodeMail } from './consent-recorder.js';

export type DeletionReason = 'parent' | 'retention';

/**
 * Deletes passes: the parent's "delete" and the retention rule both come here,
 * so a pass goes the same way whoever removes it. Per pass:
 *
 * - the passes row goes, and with it the profile, the code, the secret's hash,
 *   the private link, the consent history and open parent sessions (cascade);
 * - participations stay, so totals still count them, but their pass_id is set
 *   to null by the foreign key: only the random subject_key remains, which
 *   groups one child's check-ins and leads to no pass, code or profile;
 * - the monitoring snapshots on those participations (neighbourhood, age in
 *   years) stay only if the monitoring consent held at the moment of deletion:
 *   they are the coarse figures the parent agreed to count in, monitoring
 *   shows them only above a minimum group size, and without the pass nothing
 *   ties them to a child. Without that consent they are cleared;
 * - badge awards keep their row (a badge was issued: that counts) but lose
 *   the signed credential, which identifies its holder, and their pass_id;
 * - the mail that carried the code, and its address, are removed;
 * - one audit event per pass, holding no personal data: the reason and how
 *   many rows were anonymised.
 *
 * Returns how many passes were deleted (those not found in this ecosystem are skipped).
 */
export async function deletePasses(tx: Tx, actor: Actor | 'system', ecosystemId: number, passIds: readonly number[], reason: DeletionReason): Promise<number> {
  if (passIds.length === 0) return 0;
  const passes = await tx.db
    .selectFrom('passes')
    .select(['id', 'contact_email'])
    .select((eb) =>
      eb
        .selectFrom('pass_consents as c')
        .select('c.granted')
        .whereRef('c.pass_id', '=', 'passes.id')
        .where('c.purpose', '=', 'monitoring')
        .orderBy('c.recorded_at', 'desc')
        .orderBy('c.id', 'desc')
        .limit(1)
        .as('monitoring'),
    )
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', 'in', [...passIds])
    .forUpdate()
    .execute();
  if (passes.length === 0) return 0;
  const ids = passes.map((p) => p.id);
  const withoutMonitoring = passes.filter((p) => p.monitoring !== true).map((p) => p.id);

  if (withoutMonitoring.length > 0) {
    await tx.db.updateTable('participations').set({ neighbourhood_id: null, age: null }).where('pass_id', 'in', withoutMonitoring).execute();
  }
  const counts = await tx.db
    .selectFrom('participations')
    .select(['pass_id', sql<number>`count(*)::int`.as('n')])
    .where('pass_id', 'in', ids)
    .groupBy('pass_id')
    .execute();
  const participationsOf = new Map(counts.map((c) => [c.pass_id, c.n]));
  const badges = await tx.db.updateTable('badge_awards').set({ credential: null }).where('pass_id', 'in', ids).returning('pass_id').execute();
  await forgetCodeMail(tx, ecosystemId, passes.flatMap((p) => (p.contact_email ? [p.contact_email] : [])));
  // The foreign keys do the rest: consent and sessions cascade, participations and badge awards lose their pass_id.
  await tx.db.deleteFrom('passes').where('ecosystem_id', '=', ecosystemId).where('id', 'in', ids).execute();
  for (const p of passes) {
    await recordAudit(tx, actor, {
      ecosystemId,
      action: 'passes.pass.deleted',
      subjectType: 'pass',
      subjectId: p.id,
      details: {
        reason,
        participationsAnonymised: participationsOf.get(p.id) ?? 0,
        badgesAnonymised: badges.filter((b) => b.pass_id === p.id).length,
        monitoringSnapshotsKept: p.monitoring === true,
      },
    });
  }
  return passes.length;
}
