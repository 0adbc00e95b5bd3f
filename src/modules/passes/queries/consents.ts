import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { consentPurposes, type ConsentPurpose } from '../db/schema.js';

/** The consent that holds now, per purpose: the latest grant or withdrawal; no record means no consent. */
export async function currentConsents(db: Kysely<DB>, passId: number): Promise<Record<ConsentPurpose, boolean>> {
  const rows = await db
    .selectFrom('pass_consents')
    .select(['purpose', 'granted'])
    .distinctOn('purpose')
    .where('pass_id', '=', passId)
    .orderBy('purpose')
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const out = Object.fromEntries(consentPurposes.map((p) => [p, false])) as Record<ConsentPurpose, boolean>;
  for (const r of rows) out[r.purpose] = r.granted;
  return out;
}
