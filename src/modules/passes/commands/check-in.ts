import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Actor } from '../../../core/context.js';
import { errors, type FieldProblem } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { StatementBatcher } from '../../../db/statement-batcher.js';
import { isoDay } from '../../../web/format.js';
import { parsePassCode } from '../pass-code.js';
import { authorizePasses, scanScope } from '../policies.js';
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

/** What the check-in statement answers: what it found, whether its checks passed, and the new step's id when it wrote one. */
interface CheckInRow {
  i: number;
  session_id: number | null; starts_at: Date; ends_at: Date; session_status: string; activity_id: number; organisation_id: number;
  activity_status: string; co_provider_ids: number[]; pass_id: number | null; ok: boolean; badges: boolean | null; inserted_id: string | null;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A device clock may run a little ahead; more than this is a wrong clock or a forged scan. */
const clockSkewMs = 5 * 60_000;
const earliestScan = Date.UTC(2000, 0, 1);

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

/** One check-in as the statement takes it: everything that varies, already checked and normalised. */
interface CheckInItem {
  /** Its place in the statement, to give each answer to its own caller. */
  i: number;
  ecosystem_id: number;
  session_id: number;
  code: string;
  device_scan_id: string;
  scanned_at: string;
  day: string;
  /** Whether the scanner may scan at any activity of the ecosystem (scanScope), or only at those of `org_ids`. */
  any_org: boolean;
  org_ids: readonly number[];
  scanned_by: number | null;
  year: number;
  now: string;
  /** The pass's last activity moves only when older than this (once a day). */
  stale_before: string;
}

/**
 * One statement, one round trip, for one check-in or for many arriving together: it reads everything the checks need
 * (the session with its activity and providers, the pass, its current monitoring and badges consent as currentConsents
 * reads them), and writes each step only when every check in recordCheckIn passes, in SQL as in the code. The code
 * turns a refusal into its message; the statement is the gate, so no refusal can have written anything. Both unique
 * indexes (device scan, pass × session) make a repeat, even a concurrent one, insert nothing. The pass's last activity
 * (for the retention rule, counted in years) moves at most once a day, in the same statement. The scan is the
 * platform's busiest write (bench:scan, docs/benchmarks.md): on a server the statement is prepared once per connection,
 * as planning it costs more than running it (db/prepared.ts), so its text never varies: the check-ins are its one
 * parameter, as JSON. Items of one statement never share a device scan id or a pass and session (the batcher's keys),
 * so each inserted row belongs to one item, found by its device scan id. Answers come in the order of the items.
 */
async function runCheckIns(db: Kysely<DB>, items: readonly CheckInItem[]): Promise<CheckInRow[]> {
  const rows = (
    await sql<CheckInRow>`/* prepared: check-in */
      with input as (
        select * from jsonb_to_recordset(${JSON.stringify(items)}::jsonb) as x(i int, ecosystem_id int, session_id int, code text,
          device_scan_id uuid, scanned_at timestamptz, day date, any_org boolean, org_ids int[], scanned_by int, year int,
          now timestamptz, stale_before timestamptz)
      ), found as (
        select f.*,
          (f.session_id is not null and f.pass_id is not null and f.activity_status = 'published' and f.session_status <> 'cancelled'
            and f.day between (f.starts_at at time zone 'Europe/Amsterdam')::date and (f.ends_at at time zone 'Europe/Amsterdam')::date
            and (f.any_org or f.organisation_id = any(f.org_ids) or f.co_provider_ids && f.org_ids)) as ok
        from (
          select x.i, x.ecosystem_id, x.device_scan_id, x.scanned_at, x.day, x.any_org, x.org_ids, x.scanned_by, x.year, x.now, x.stale_before,
            s.id as session_id, s.starts_at, s.ends_at, s.status as session_status,
            a.id as activity_id, a.organisation_id, a.status as activity_status,
            coalesce((select array_agg(cp.organisation_id) from activity_co_providers cp
              where cp.ecosystem_id = a.ecosystem_id and cp.activity_id = a.id), '{}') as co_provider_ids,
            p.id as pass_id, p.subject_key, p.birth_year, p.neighbourhood_id,
            (select c.granted from pass_consents c where c.pass_id = p.id and c.purpose = 'monitoring'
              order by c.recorded_at desc, c.id desc limit 1) as monitoring,
            (select c.granted from pass_consents c where c.pass_id = p.id and c.purpose = 'badges'
              order by c.recorded_at desc, c.id desc limit 1) as badges
          from input x
          left join sessions s on s.ecosystem_id = x.ecosystem_id and s.id = x.session_id
          left join activities a on a.ecosystem_id = s.ecosystem_id and a.id = s.activity_id
          left join passes p on p.ecosystem_id = x.ecosystem_id and p.code = x.code
        ) f
      ), inserted as (
        insert into participations (ecosystem_id, pass_id, subject_key, session_id, activity_id, organisation_id, device_scan_id, scanned_at, scanned_by, neighbourhood_id, age)
        select f.ecosystem_id, f.pass_id, f.subject_key, f.session_id, f.activity_id, f.organisation_id, f.device_scan_id, f.scanned_at, f.scanned_by,
          -- Where the child lives and how old it is are kept with the step only with the monitoring consent.
          case when f.monitoring is true then f.neighbourhood_id end,
          case when f.monitoring is true then f.year - f.birth_year end
        from found f where f.ok
        on conflict do nothing
        returning id, device_scan_id
      ), touched as (
        update passes p set last_active_at = f.now
        from found f join inserted ins on ins.device_scan_id = f.device_scan_id
        where p.id = f.pass_id and p.last_active_at < f.stale_before
      )
      select f.i, f.session_id, f.starts_at, f.ends_at, f.session_status, f.activity_id, f.organisation_id, f.activity_status,
        f.co_provider_ids, f.pass_id, f.ok, f.badges, ins.id as inserted_id
      from found f left join inserted ins on ins.device_scan_id = f.device_scan_id
      order by f.i`.execute(db)
  ).rows;
  return items.map((item, at) => {
    const row = rows[at];
    if (row?.i !== item.i) throw new Error('check-in: the statement did not answer each scan once');
    return row;
  });
}

/**
 * Scans arriving at the same moment share one statement (db/statement-batcher.ts): on a server, a scan's cost is
 * mostly the statement's (the round trip, the executor's start, the commit), so under load many scans cost little
 * more than one. Per database, as the statements run on its pool.
 */
const batchers = new WeakMap<Kysely<DB>, StatementBatcher<CheckInItem, CheckInRow>>();
function batcherFor(db: Kysely<DB>): StatementBatcher<CheckInItem, CheckInRow> {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new StatementBatcher<CheckInItem, CheckInRow>({
      run: (items) => runCheckIns(db, items.map((item, i) => ({ ...item, i }))),
      // A repeat of a scan (its device id) or of a pass at a session waits for the next statement, so that it sees the first one's step.
      keys: (item) => [`d:${item.device_scan_id}`, `p:${item.ecosystem_id}:${item.code}:${item.session_id}`],
      maxInFlight: 3,
      maxBatch: 200,
    });
    batchers.set(db, batcher);
  }
  return batcher;
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
 * it reads and writes in one statement (atomic by itself), so outside a
 * transaction it behaves as inside one at read committed, and the scan
 * endpoint saves BEGIN and COMMIT.
 */
export async function recordCheckIn(on: Tx | Kysely<DB>, actor: Actor, input: CheckInInput, now: Date = new Date()): Promise<CheckInResult> {
  const db = 'afterCommit' in on ? on.db : on;
  const parsed = parsePassCode(input.code);
  if (!parsed.ok) refuse('code', `passes.code.${parsed.problem}`);
  if (!uuidPattern.test(input.deviceScanId)) refuse('deviceScanId', 'passes.scan.deviceScanId');
  // Nothing was scanned before the platform existed; such a time is a broken device clock (and year 0 no database date).
  if (Number.isNaN(input.scannedAt.getTime()) || input.scannedAt.getTime() < earliestScan) refuse('scannedAt', 'passes.scan.when');
  if (input.scannedAt.getTime() > now.getTime() + clockSkewMs) refuse('scannedAt', 'passes.scan.future');

  const deviceScanId = input.deviceScanId.toLowerCase();

  // Who may scan where, as the policy says (see scanScope): the statement only writes when the session's activity is one of these.
  const scope = scanScope(actor, input.ecosystemId);
  const item: CheckInItem = {
    i: 0,
    ecosystem_id: input.ecosystemId,
    session_id: input.sessionId,
    code: parsed.code,
    device_scan_id: deviceScanId,
    scanned_at: input.scannedAt.toISOString(),
    day: isoDay(input.scannedAt),
    any_org: scope === 'all',
    org_ids: scope === 'all' ? [] : scope,
    scanned_by: actor.kind === 'user' ? actor.userId : null,
    year: input.scannedAt.getUTCFullYear(),
    now: now.toISOString(),
    stale_before: new Date(now.getTime() - 86_400_000).toISOString(),
  };
  // In a transaction the statement runs there, alone; otherwise it may share its statement with scans arriving at the same moment.
  const found = db.isTransaction ? (await runCheckIns(db, [item]))[0]! : await batcherFor(db).submit(item);
  const day = item.day;
  if (found.session_id === null) refuse('sessionId', 'passes.scan.unknownSession');
  // Only the provider and co-providers scan at an activity; another partner gets the same answer as for a session that does not exist.
  authorizePasses(actor, 'passes.scan', { ecosystemId: input.ecosystemId, organisationIds: [found.organisation_id, ...(found.co_provider_ids ?? [])] });
  if (found.activity_status !== 'published') refuse('sessionId', 'passes.scan.activityNotOpen');
  if (found.session_status === 'cancelled') refuse('sessionId', 'passes.scan.cancelled');
  if (day < isoDay(new Date(found.starts_at)) || day > isoDay(new Date(found.ends_at))) refuse('scannedAt', 'passes.scan.otherDay');
  if (found.pass_id === null) refuse('code', 'passes.code.unknown');
  // Every check above passed, so the statement's own checks must have too; if not, the two disagree and that is a bug, not bad input.
  if (!found.ok) throw new Error('check-in: the statement refused a scan that the checks allow');
  const passId = found.pass_id;
  const inserted = found.inserted_id === null ? undefined : { id: found.inserted_id };
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
