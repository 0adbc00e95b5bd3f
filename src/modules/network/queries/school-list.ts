import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { SchoolParticipation, SchoolType } from '../db/schema.js';

export interface SchoolRow {
  id: number;
  brin: string;
  locationNumber: string;
  locationId: number;
  name: string;
  street: string;
  postcode: string;
  city: string;
  locationStatus: 'active' | 'archived';
  organisationId: number;
  organisationName: string;
  types: SchoolType[];
  pupilCount: number | null;
  neighbourhoodId: number | null;
  neighbourhoodName: string | null;
  participation: SchoolParticipation;
  participatingSince: string | null;
}

function base(db: Kysely<DB>, ecosystemId: number) {
  return db
    .selectFrom('schools as s')
    .innerJoin('locations as l', 'l.id', 's.location_id')
    .innerJoin('organisations as o', 'o.id', 'l.organisation_id')
    .leftJoin('neighbourhoods as h', 'h.id', 's.neighbourhood_id')
    .select([
      's.id', 's.brin', 's.location_number as locationNumber', 's.location_id as locationId', 'l.name', 'l.street', 'l.postcode', 'l.city',
      'l.status as locationStatus', 'o.id as organisationId', 'o.name as organisationName', 's.school_types as types', 's.pupil_count as pupilCount',
      's.neighbourhood_id as neighbourhoodId', 'h.name as neighbourhoodName', 's.participation',
      sql<string | null>`to_char(s.participating_since, 'YYYY-MM-DD')`.as('participatingSince'),
    ])
    .where('s.ecosystem_id', '=', ecosystemId);
}

/** School locations by name, optionally of one type and one participation status. A region has hundreds at most: no paging. */
export async function listSchools(db: Kysely<DB>, ecosystemId: number, filter: { type?: SchoolType | undefined; participation?: SchoolParticipation | undefined } = {}): Promise<SchoolRow[]> {
  let query = base(db, ecosystemId).orderBy('l.name').orderBy('s.brin').orderBy('s.location_number');
  if (filter.type) query = query.where(sql<boolean>`${filter.type} = any(s.school_types)`);
  if (filter.participation) query = query.where('s.participation', '=', filter.participation);
  return query.execute();
}

export async function findSchool(db: Kysely<DB>, ecosystemId: number, id: number): Promise<SchoolRow | undefined> {
  return base(db, ecosystemId).where('s.id', '=', id).executeTakeFirst();
}

/** School locations per participation status, for the summary above the list. */
export async function schoolsByParticipation(db: Kysely<DB>, ecosystemId: number): Promise<Record<SchoolParticipation, number>> {
  const rows = await db
    .selectFrom('schools')
    .select(['participation', sql<number>`count(*)::int`.as('n')])
    .where('ecosystem_id', '=', ecosystemId)
    .groupBy('participation')
    .execute();
  const counts: Record<SchoolParticipation, number> = { not_participating: 0, interested: 0, participating: 0, stopped: 0 };
  for (const r of rows) counts[r.participation] = Number(r.n);
  return counts;
}
