import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { schoolTypes, type SchoolType } from '../db/schema.js';

/**
 * The participating school locations of an ecosystem per school type: the
 * numbers the Techkwadraat grant is sized on ("het aantal deelnemende
 * vestigingen po, (v)so, vmbo tl, havo, vwo"). Every type is in the result,
 * with 0 where there are none.
 *
 * Counting rules (docs/school-import.md, "Counting for the grant"):
 * - A location counts when its participation status is `participating` and
 *   its catalogue location is not archived (a closed vestiging no longer takes part).
 * - A location with several types counts once per type. DUO registers one
 *   vestiging code for a scholengemeenschap that offers, say, vmbo-tl, havo
 *   and vwo, and the guide lists the types side by side as separate
 *   categories; each track is run (and reached) separately. So the sum of the
 *   counts can exceed the number of locations; count distinct locations
 *   yourself if you need that number.
 * - All nine types are counted; the guide names po, (v)so, vmbo-tl, havo and
 *   vwo, so a rate table may give the other vmbo tracks no amount.
 */
export async function participatingLocationsByType(db: Kysely<DB>, ecosystemId: number): Promise<Record<SchoolType, number>> {
  const rows = await db
    .selectFrom('schools as s')
    .innerJoin('locations as l', 'l.id', 's.location_id')
    .innerJoinLateral(
      (eb) => eb.selectFrom(sql<{ type: string }>`unnest(s.school_types)`.as('t')).select(sql<string>`t`.as('type')).as('types'),
      (join) => join.onTrue(),
    )
    .select(['types.type', sql<number>`count(*)::int`.as('n')])
    .where('s.ecosystem_id', '=', ecosystemId)
    .where('s.participation', '=', 'participating')
    .where('l.status', '=', 'active')
    .groupBy('types.type')
    .execute();
  const counts = Object.fromEntries(schoolTypes.map((t) => [t, 0])) as Record<SchoolType, number>;
  for (const row of rows) if (row.type in counts) counts[row.type as SchoolType] = Number(row.n);
  return counts;
}

/** How many distinct school locations participate (the same rules as above, each location once). */
export async function participatingLocationCount(db: Kysely<DB>, ecosystemId: number): Promise<number> {
  const row = await db
    .selectFrom('schools as s')
    .innerJoin('locations as l', 'l.id', 's.location_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('s.ecosystem_id', '=', ecosystemId)
    .where('s.participation', '=', 'participating')
    .where('l.status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
