import { sql, type Kysely } from 'kysely';
import type { ScanScope } from '../policies.js';
import type { DB } from '../../../db/schema.js';
import { isoDay } from '../../../web/format.js';

/** A session someone can scan at today, as the scan page lists it. */
export interface ScanSession {
  id: number;
  activityId: number;
  activityTitle: string;
  organisationName: string;
  startsAt: Date;
  endsAt: Date;
  /** "Bieb Centrum, Enschede", or '' for an online activity. */
  place: string;
}

/** Sessions longer than this (a week-long camp) are not offered for scanning on their later days. */
const longestSessionDays = 7;

/**
 * Today's scheduled sessions (in Amsterdam) of published activities that the
 * organisations in scope provide or co-provide, by start time. A session
 * spanning several days is listed on each of them.
 */
export async function todaysSessions(db: Kysely<DB>, ecosystemId: number, scope: ScanScope, now: Date = new Date(), limit = 300): Promise<ScanSession[]> {
  if (scope !== 'all' && scope.length === 0) return [];
  const today = isoDay(now);
  let query = db
    .selectFrom('sessions as s')
    .innerJoin('activities as a', (j) => j.onRef('a.ecosystem_id', '=', 's.ecosystem_id').onRef('a.id', '=', 's.activity_id'))
    .innerJoin('organisations as o', (j) => j.onRef('o.ecosystem_id', '=', 'a.ecosystem_id').onRef('o.id', '=', 'a.organisation_id'))
    .leftJoin('locations as l', (j) => j.onRef('l.ecosystem_id', '=', 's.ecosystem_id').on((eb) => eb('l.id', '=', eb.fn.coalesce('s.location_id', 'a.location_id'))))
    .select(['s.id', 's.starts_at', 's.ends_at', 'a.id as activity_id', 'a.title', 'o.name as organisation_name', 'l.name as location_name', 'l.city as location_city'])
    .where('s.ecosystem_id', '=', ecosystemId)
    .where('s.status', '=', 'scheduled')
    .where('a.status', '=', 'published')
    // A window around today for the index on (ecosystem_id, starts_at); the exact day is checked below, in Amsterdam time.
    .where('s.starts_at', '>', new Date(now.getTime() - longestSessionDays * 86_400_000))
    .where('s.starts_at', '<', new Date(now.getTime() + 86_400_000))
    .where('s.ends_at', '>', new Date(now.getTime() - 86_400_000));
  if (scope !== 'all') {
    const ids = [...scope];
    query = query.where((eb) =>
      eb.or([
        eb('a.organisation_id', 'in', ids),
        eb.exists(
          eb
            .selectFrom('activity_co_providers as cp')
            .select(sql`1`.as('one'))
            .whereRef('cp.ecosystem_id', '=', 'a.ecosystem_id')
            .whereRef('cp.activity_id', '=', 'a.id')
            .where('cp.organisation_id', 'in', ids),
        ),
      ]),
    );
  }
  const rows = await query.orderBy('s.starts_at').orderBy('s.id').limit(limit).execute();
  return rows
    .filter((r) => isoDay(r.starts_at) <= today && today <= isoDay(r.ends_at))
    .map((r) => ({
      id: r.id,
      activityId: r.activity_id,
      activityTitle: r.title,
      organisationName: r.organisation_name,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      place: [r.location_name, r.location_city].filter(Boolean).join(', '),
    }));
}
