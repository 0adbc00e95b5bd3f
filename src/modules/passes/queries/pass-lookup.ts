import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';

/** The id of the pass with this (normalised) code in this ecosystem. */
export async function findPassByCode(db: Kysely<DB>, ecosystemId: number, code: string): Promise<number | undefined> {
  const row = await db.selectFrom('passes').select('id').where('ecosystem_id', '=', ecosystemId).where('code', '=', code).executeTakeFirst();
  return row?.id;
}
