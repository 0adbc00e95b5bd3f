import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { schoolTypes, type SchoolType } from '../db/schema.js';

/**
 * Participating school locations per school type, which the grant is sized on.
 * A location that offers several types (a scholengemeenschap with vmbo-tl,
 * havo and vwo) counts once for each of its types, as it would in the grant
 * application: the rate is per location of a type.
 *
 * Written for the finance pages; the network's own
 * `participatingLocationsByType` (queries/school-counts.ts) answers the same
 * question, and the two can become one when the branches meet.
 */
export async function participatingSchoolCounts(db: Kysely<DB>, ecosystemId: number): Promise<Record<SchoolType, number>> {
  const rows = await sql<{ type: SchoolType; n: number }>`
    select t.type, count(*)::int as n
    from schools s cross join lateral unnest(s.school_types) as t(type)
    where s.ecosystem_id = ${ecosystemId} and s.participation = 'participating'
    group by t.type`.execute(db);
  const counts = Object.fromEntries(schoolTypes.map((type) => [type, 0])) as Record<SchoolType, number>;
  for (const row of rows.rows) counts[row.type] = Number(row.n);
  return counts;
}
