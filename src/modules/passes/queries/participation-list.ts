import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';

export const participationsPerPage = 50;

export interface ParticipationFilter {
  ecosystemId: number;
  /** The organisations whose activities the reader may see, or 'all' for a coordinator. */
  organisations: 'all' | readonly number[];
  activityId?: number | undefined;
  /** A calendar day in Amsterdam (yyyy-mm-dd). */
  day?: string | undefined;
  page: number;
}

export interface ParticipationRow {
  id: string;
  scannedAt: Date;
  activityId: number;
  activity: string;
  organisation: string;
  sessionStartsAt: Date;
  /** A short pseudonym of the pass (the fourth group of its code), or null once the pass is deleted. */
  pseudonym: string | null;
}

/**
 * Check-ins at the activities the reader may see: for a partner, those its
 * organisations provide or co-provide; for a coordinator, all. Never any
 * profile data: a pass shows as the fourth group of its code, which the
 * partner can match against a card in hand, and nothing more.
 */
export async function listParticipations(db: Kysely<DB>, filter: ParticipationFilter): Promise<{ rows: ParticipationRow[]; more: boolean }> {
  let query = db
    .selectFrom('participations as pa')
    .innerJoin('activities as a', (j) => j.onRef('a.ecosystem_id', '=', 'pa.ecosystem_id').onRef('a.id', '=', 'pa.activity_id'))
    .innerJoin('organisations as o', (j) => j.onRef('o.ecosystem_id', '=', 'pa.ecosystem_id').onRef('o.id', '=', 'pa.organisation_id'))
    .innerJoin('sessions as s', (j) => j.onRef('s.ecosystem_id', '=', 'pa.ecosystem_id').onRef('s.id', '=', 'pa.session_id'))
    .leftJoin('passes as p', 'p.id', 'pa.pass_id')
    .select(['pa.id', 'pa.scanned_at', 'a.id as activity_id', 'a.title', 'o.name as organisation', 's.starts_at', 'p.code'])
    .where('pa.ecosystem_id', '=', filter.ecosystemId);
  const orgs = filter.organisations;
  if (orgs !== 'all') {
    if (orgs.length === 0) return { rows: [], more: false };
    query = query.where((eb) =>
      eb.or([
        eb('pa.organisation_id', 'in', [...orgs]),
        eb(
          'pa.activity_id',
          'in',
          eb.selectFrom('activity_co_providers as cp').select('cp.activity_id').where('cp.ecosystem_id', '=', filter.ecosystemId).where('cp.organisation_id', 'in', [...orgs]),
        ),
      ]),
    );
  }
  if (filter.activityId !== undefined) query = query.where('pa.activity_id', '=', filter.activityId);
  if (filter.day !== undefined) {
    // Bounds of the Amsterdam day, so the index on scanned_at can be used.
    query = query
      .where('pa.scanned_at', '>=', sql<Date>`(${filter.day}::date)::timestamp at time zone 'Europe/Amsterdam'`)
      .where('pa.scanned_at', '<', sql<Date>`(${filter.day}::date + 1)::timestamp at time zone 'Europe/Amsterdam'`);
  }
  const rows = await query
    .orderBy('pa.scanned_at', 'desc')
    .orderBy('pa.id', 'desc')
    .limit(participationsPerPage + 1)
    .offset((filter.page - 1) * participationsPerPage)
    .execute();
  return {
    more: rows.length > participationsPerPage,
    rows: rows.slice(0, participationsPerPage).map((r) => ({
      id: r.id,
      scannedAt: r.scanned_at,
      activityId: r.activity_id,
      activity: r.title,
      organisation: r.organisation,
      sessionStartsAt: r.starts_at,
      pseudonym: r.code ? r.code.slice(12, 16) : null,
    })),
  };
}

/** The activities with check-ins that the reader may see, for the filter. */
export async function participationActivities(db: Kysely<DB>, ecosystemId: number, organisations: 'all' | readonly number[]): Promise<Array<{ id: number; title: string }>> {
  if (organisations !== 'all' && organisations.length === 0) return [];
  let query = db
    .selectFrom('activities as a')
    .select(['a.id', 'a.title'])
    .where('a.ecosystem_id', '=', ecosystemId)
    .where((eb) => eb.exists(eb.selectFrom('participations as pa').select('pa.id').where('pa.ecosystem_id', '=', ecosystemId).whereRef('pa.activity_id', '=', 'a.id')));
  if (organisations !== 'all') {
    query = query.where((eb) =>
      eb.or([
        eb('a.organisation_id', 'in', [...organisations]),
        eb('a.id', 'in', eb.selectFrom('activity_co_providers as cp').select('cp.activity_id').where('cp.ecosystem_id', '=', ecosystemId).where('cp.organisation_id', 'in', [...organisations])),
      ]),
    );
  }
  return query.orderBy('a.title').orderBy('a.id').limit(2000).execute();
}
