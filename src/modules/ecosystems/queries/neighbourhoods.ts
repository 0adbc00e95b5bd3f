import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Neighbourhood } from '../db/schema.js';

/** The neighbourhoods of an ecosystem by name; few per ecosystem, so no paging. */
export async function listNeighbourhoods(db: Kysely<DB>, ecosystemId: number): Promise<Neighbourhood[]> {
  return db.selectFrom('neighbourhoods').selectAll().where('ecosystem_id', '=', ecosystemId).orderBy('name').execute();
}
