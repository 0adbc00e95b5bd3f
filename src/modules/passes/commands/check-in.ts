import { sql } from 'kysely';
import type { Actor } from '../../../core/context.js';
import { errors, type FieldProblem } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { isoDay } from '../../../web/format.js';
import { parsePassCode } from '../pass-code.js';
import { authorizePasses } from '../policies.js';
import { currentConsents } from '../queries/consents.js';
import { awardAfterCheckIn } from './badge-awarder.js';

export interface CheckInInput {
  ecosystemId: number;
  /** The code as scanned or typed. */
  code: string;
  sessionId: number;
  /** Made on the device when the scan happened (a UUID), so a scan sent twice counts once. */
  deviceScanId: string;
  /** When the scan happened on the device; later than now when the device has waited offline. */
  scannedAt: Date;
}

export interface CheckInResult {
  /** `recorded`: a new step; `duplicate`: this scan, or this pass at this session, was already recorded. */
  status: 'recorded' | 'duplicate';
  participationId: string;
  passId: number;
  activityId: number;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A device clock may run a little ahead; more than this is a wrong clock or a forged scan. */
const clockSkewMs = 5 * 60_000;

function refuse(field: string, key: FieldProblem['key'], params?: Record<string, string | number>): never {
  throw errors.invalidInput([{ field, key, ...(params ? { params } : {}) }]);
}

/**
 * Records that a pass took part in a session: one step on the child's path.
 * Refuses, and records nothing, for a malformed or unknown code, a session that
 * is not this partner's, cancelled or of an archived activity, or a scan on
 * another day than the session's. A repeat (the same device scan, or the same
 * pass at the same session) is not an error but answers `duplicate`.
 *
 * No audit event: the participation row itself holds who scanned and when, and
 * an extra row would double the cost of the platform's busiest write.
 */
export async function recordCheckIn(tx: Tx, actor: Actor, input: CheckInInput, now: Date = new Date()): Promise<CheckInResult> {
  const parsed = parsePassCode(input.code);
  if (!parsed.ok) refuse('code', `passes.code.${parsed.problem}`);
  if (!uuidPattern.test(input.deviceScanId)) refuse('deviceScanId', 'passes.scan.deviceScanId');
  if (Number.isNaN(input.scannedAt.getTime())) refuse('scannedAt', 'passes.scan.when');
  if (input.scannedAt.getTime() > now.getTime() + clockSkewMs) refuse('scannedAt', 'passes.scan.future');

  const session = await tx.db
    .selectFrom('sessions as s')
    .innerJoin('activities as a', (j) => j.onRef('a.ecosystem_id', '=', 's.ecosystem_id').onRef('a.id', '=', 's.activity_id'))
    .select(['s.id', 's.starts_at', 's.ends_at', 's.status as session_status', 'a.id as activity_id', 'a.organisation_id', 'a.status as activity_status'])
    .select((eb) =>
      eb
        .selectFrom('activity_co_providers as cp')
        .select(sql<number[]>`coalesce(array_agg(cp.organisation_id), '{}')`.as('ids'))
        .where('cp.ecosystem_id', '=', input.ecosystemId)
        .whereRef('cp.activity_id', '=', 'a.id')
        .as('co_provider_ids'),
    )
    .where('s.ecosystem_id', '=', input.ecosystemId)
    .where('s.id', '=', input.sessionId)
    .executeTakeFirst();
  if (!session) refuse('sessionId', 'passes.scan.unknownSession');
  // Only the provider and co-providers scan at an activity; another partner gets the same answer as for a session that does not exist.
  authorizePasses(actor, 'passes.scan', { ecosystemId: input.ecosystemId, organisationIds: [session.organisation_id, ...(session.co_provider_ids ?? [])] });
  if (session.activity_status !== 'published') refuse('sessionId', 'passes.scan.activityNotOpen');
  if (session.session_status === 'cancelled') refuse('sessionId', 'passes.scan.cancelled');
  const day = isoDay(input.scannedAt);
  if (day < isoDay(session.starts_at) || day > isoDay(session.ends_at)) refuse('scannedAt', 'passes.scan.otherDay');

  const pass = await tx.db
    .selectFrom('passes')
    .select(['id', 'subject_key', 'birth_year', 'neighbourhood_id'])
    .where('ecosystem_id', '=', input.ecosystemId)
    .where('code', '=', parsed.code)
    .executeTakeFirst();
  if (!pass) refuse('code', 'passes.code.unknown');

  const consents = await currentConsents(tx.db, pass.id);
  const monitoring = consents.monitoring === true;
  // Both unique indexes (device scan, pass × session) make a repeat, even a concurrent one, insert nothing.
  const inserted = await tx.db
    .insertInto('participations')
    .values({
      ecosystem_id: input.ecosystemId,
      pass_id: pass.id,
      subject_key: pass.subject_key,
      session_id: session.id,
      activity_id: session.activity_id,
      organisation_id: session.organisation_id,
      device_scan_id: input.deviceScanId.toLowerCase(),
      scanned_at: input.scannedAt,
      scanned_by: actor.kind === 'user' ? actor.userId : null,
      neighbourhood_id: monitoring ? pass.neighbourhood_id : null,
      age: monitoring && pass.birth_year !== null ? input.scannedAt.getUTCFullYear() - pass.birth_year : null,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) {
    await tx.db.updateTable('passes').set({ last_active_at: now }).where('id', '=', pass.id).execute();
    await awardAfterCheckIn(tx, { ecosystemId: input.ecosystemId, passId: pass.id, activityId: session.activity_id, participationId: inserted.id, badgesConsent: consents.badges });
    return { status: 'recorded', participationId: inserted.id, passId: pass.id, activityId: session.activity_id };
  }
  const existing = await tx.db
    .selectFrom('participations')
    .select(['id', 'pass_id', 'session_id'])
    .where('ecosystem_id', '=', input.ecosystemId)
    .where((eb) => eb.or([eb('device_scan_id', '=', input.deviceScanId.toLowerCase()), eb.and([eb('pass_id', '=', pass.id), eb('session_id', '=', session.id)])]))
    .executeTakeFirstOrThrow();
  // The same device scan id for another pass or session is a broken or forged device, not a repeat.
  if (existing.pass_id !== pass.id || existing.session_id !== session.id) refuse('deviceScanId', 'passes.scan.deviceScanIdReused');
  return { status: 'duplicate', participationId: existing.id, passId: pass.id, activityId: session.activity_id };
}
