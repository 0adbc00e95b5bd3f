import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Actor } from '../../../core/context.js';
import { errors, type FieldProblem } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { isoDay } from '../../../web/format.js';
import { parsePassCode } from '../pass-code.js';
import { authorizePasses } from '../policies.js';
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

/** Runs `fn` in the caller's transaction, or in a new one when the caller has none. */
async function inTransaction<T>(on: Tx | Kysely<DB>, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if ('afterCommit' in on) return fn(on);
  const after: (() => void | Promise<void>)[] = [];
  const result = await on.transaction().execute((trx) => fn({ db: trx, afterCommit: (f) => void after.push(f) }));
  for (const f of after) await f();
  return result;
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
 *
 * Runs in the caller's transaction when given one. It needs none of its own:
 * it reads once and then writes in one statement (atomic by itself), so
 * outside a transaction it behaves as inside one at read committed, and the
 * scan endpoint saves BEGIN and COMMIT, a third of the round trips.
 */
export async function recordCheckIn(on: Tx | Kysely<DB>, actor: Actor, input: CheckInInput, now: Date = new Date()): Promise<CheckInResult> {
  const db = 'afterCommit' in on ? on.db : on;
  const parsed = parsePassCode(input.code);
  if (!parsed.ok) refuse('code', `passes.code.${parsed.problem}`);
  if (!uuidPattern.test(input.deviceScanId)) refuse('deviceScanId', 'passes.scan.deviceScanId');
  if (Number.isNaN(input.scannedAt.getTime())) refuse('scannedAt', 'passes.scan.when');
  if (input.scannedAt.getTime() > now.getTime() + clockSkewMs) refuse('scannedAt', 'passes.scan.future');

  const deviceScanId = input.deviceScanId.toLowerCase();

  // One round trip for everything the checks need: the session with its activity and providers, the pass, and
  // its current monitoring and badges consent (the latest grant or withdrawal, as currentConsents reads it). The scan is the
  // platform's busiest write, so this replaces three separate look-ups (measured in docs/benchmarks.md, bench:scan).
  const found = (
    await sql<{
      session_id: number | null; starts_at: Date; ends_at: Date; session_status: string; activity_id: number; organisation_id: number;
      activity_status: string; co_provider_ids: number[]; pass_id: number | null; subject_key: string; birth_year: number | null;
      neighbourhood_id: number | null; monitoring: boolean | null; badges: boolean | null;
    }>`
      select s.id as session_id, s.starts_at, s.ends_at, s.status as session_status,
        a.id as activity_id, a.organisation_id, a.status as activity_status,
        coalesce((select array_agg(cp.organisation_id) from activity_co_providers cp
          where cp.ecosystem_id = a.ecosystem_id and cp.activity_id = a.id), '{}') as co_provider_ids,
        p.id as pass_id, p.subject_key, p.birth_year, p.neighbourhood_id,
        (select c.granted from pass_consents c where c.pass_id = p.id and c.purpose = 'monitoring'
          order by c.recorded_at desc, c.id desc limit 1) as monitoring,
        (select c.granted from pass_consents c where c.pass_id = p.id and c.purpose = 'badges'
          order by c.recorded_at desc, c.id desc limit 1) as badges
      from (select 1) as one
      left join sessions s on s.ecosystem_id = ${input.ecosystemId} and s.id = ${input.sessionId}
      left join activities a on a.ecosystem_id = s.ecosystem_id and a.id = s.activity_id
      left join passes p on p.ecosystem_id = ${input.ecosystemId} and p.code = ${parsed.code}`.execute(db)
  ).rows[0]!;
  if (found.session_id === null) refuse('sessionId', 'passes.scan.unknownSession');
  // Only the provider and co-providers scan at an activity; another partner gets the same answer as for a session that does not exist.
  authorizePasses(actor, 'passes.scan', { ecosystemId: input.ecosystemId, organisationIds: [found.organisation_id, ...(found.co_provider_ids ?? [])] });
  if (found.activity_status !== 'published') refuse('sessionId', 'passes.scan.activityNotOpen');
  if (found.session_status === 'cancelled') refuse('sessionId', 'passes.scan.cancelled');
  const day = isoDay(input.scannedAt);
  if (day < isoDay(new Date(found.starts_at)) || day > isoDay(new Date(found.ends_at))) refuse('scannedAt', 'passes.scan.otherDay');
  if (found.pass_id === null) refuse('code', 'passes.code.unknown');
  const passId = found.pass_id;

  const monitoring = found.monitoring === true;
  // Both unique indexes (device scan, pass × session) make a repeat, even a concurrent one, insert nothing. The pass's
  // last activity (for the retention rule, counted in years) moves at most once a day, and in the same statement:
  // a daily write instead of one per scan, and no extra round trip.
  const inserted = (
    await sql<{ id: string }>`
      with inserted as (
        insert into participations (ecosystem_id, pass_id, subject_key, session_id, activity_id, organisation_id, device_scan_id, scanned_at, scanned_by, neighbourhood_id, age)
        values (${input.ecosystemId}, ${passId}, ${found.subject_key}, ${found.session_id}, ${found.activity_id}, ${found.organisation_id}, ${deviceScanId},
          ${input.scannedAt}, ${actor.kind === 'user' ? actor.userId : null}, ${monitoring ? found.neighbourhood_id : null},
          ${monitoring && found.birth_year !== null ? input.scannedAt.getUTCFullYear() - found.birth_year : null})
        on conflict do nothing
        returning id
      ), touched as (
        update passes set last_active_at = ${now}
        where id = ${passId} and last_active_at < ${new Date(now.getTime() - 86_400_000)} and exists (select 1 from inserted)
      )
      select id from inserted`.execute(db)
  ).rows[0];
  if (inserted) {
    const participationId = String(inserted.id);
    // A badge only with the badges consent, so most scans stay one statement. Outside a transaction the
    // badge gets its own: should it fail, the step stands and issuePendingBadges can issue the badge later.
    if (found.badges === true) await inTransaction(on, (tx) => awardAfterCheckIn(tx, { ecosystemId: input.ecosystemId, passId, activityId: found.activity_id, participationId, badgesConsent: true }));
    return { status: 'recorded', participationId, passId, activityId: found.activity_id };
  }
  const session = { id: found.session_id };
  const pass = { id: passId };
  const existing = await db
    .selectFrom('participations')
    .select(['id', 'pass_id', 'session_id'])
    .where('ecosystem_id', '=', input.ecosystemId)
    .where((eb) => eb.or([eb('device_scan_id', '=', deviceScanId), eb.and([eb('pass_id', '=', pass.id), eb('session_id', '=', session.id)])]))
    .executeTakeFirstOrThrow();
  // The same device scan id for another pass or session is a broken or forged device, not a repeat.
  if (existing.pass_id !== pass.id || existing.session_id !== session.id) refuse('deviceScanId', 'passes.scan.deviceScanIdReused');
  return { status: 'duplicate', participationId: String(existing.id), passId: pass.id, activityId: found.activity_id };
}
