import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { hashToken } from '../../accounts/secrets.js';

/** The pass a parent's session token opens in this ecosystem, while the session lasts. */
export async function findParentSession(db: Kysely<DB>, ecosystemId: number, token: string | undefined, now: Date = new Date()): Promise<number | undefined> {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const row = await db
    .selectFrom('pass_parent_sessions')
    .select('pass_id')
    .where('token_hash', '=', hashToken(token))
    // A session made in another ecosystem never opens a pass here, even if its cookie arrives.
    .where('ecosystem_id', '=', ecosystemId)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row?.pass_id;
}
