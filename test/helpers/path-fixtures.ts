import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/db/database.js';
import { issueSinglePass, type IssuedPass } from '../../src/modules/passes/commands/pass-issuer.js';
import type { ConsentPurpose } from '../../src/modules/passes/db/schema.js';

const day = 86_400_000;

/** An invented pass, with the consents given and the profile set that a test needs. */
export async function pathPass(
  database: Database,
  ecosystemId: number,
  options: { consents?: ConsentPurpose[]; birthYear?: number | null; postcode?: string | null; nickname?: string | null } = {},
): Promise<IssuedPass> {
  return database.transaction(async (tx) => {
    const pass = await issueSinglePass(tx, 'system', ecosystemId, 'staff');
    await tx.db
      .updateTable('passes')
      .set({ birth_year: options.birthYear ?? null, postcode: options.postcode ?? null, nickname: options.nickname ?? null })
      .where('id', '=', pass.id)
      .execute();
    for (const purpose of options.consents ?? ['path_page']) {
      await tx.db.insertInto('pass_consents').values({ ecosystem_id: ecosystemId, pass_id: pass.id, purpose, granted: true, given_by: 'parent', given_by_name: 'Proefouder' }).execute();
    }
    return pass;
  });
}

/** Records a consent change (a grant or a withdrawal) as the parent pages would. */
export async function setConsent(database: Database, ecosystemId: number, passId: number, purpose: ConsentPurpose, granted: boolean): Promise<void> {
  await database.db.insertInto('pass_consents').values({ ecosystem_id: ecosystemId, pass_id: passId, purpose, granted, given_by: 'parent' }).execute();
}

/**
 * A step on the pass's path `daysAgo` days back: a past session of the
 * activity and a participation in it, as a scan on that day would have left.
 */
export async function pathStep(database: Database, ecosystemId: number, passId: number, activityId: number, daysAgo: number): Promise<string> {
  return database.transaction(async (tx) => {
    const startsAt = new Date(Date.now() - daysAgo * day);
    const activity = await tx.db.selectFrom('activities').select('organisation_id').where('id', '=', activityId).executeTakeFirstOrThrow();
    const session = await tx.db
      .insertInto('sessions')
      .values({ ecosystem_id: ecosystemId, activity_id: activityId, starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 2 * 3_600_000) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const pass = await tx.db.selectFrom('passes').select('subject_key').where('id', '=', passId).executeTakeFirstOrThrow();
    const row = await tx.db
      .insertInto('participations')
      .values({
        ecosystem_id: ecosystemId,
        pass_id: passId,
        subject_key: pass.subject_key,
        session_id: session.id,
        activity_id: activityId,
        organisation_id: activity.organisation_id,
        device_scan_id: randomUUID(),
        scanned_at: startsAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}
