import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { hashToken } from '../../accounts/secrets.js';

/** What the path page needs of the pass itself: never the code or its secret. */
export interface PathPass {
  id: number;
  nickname: string | null;
  birthYear: number | null;
  postcode: string | null;
  neighbourhoodId: number | null;
}

const passColumns = ['p.id', 'p.nickname', 'p.birth_year', 'p.postcode', 'p.neighbourhood_id'] as const;

function toPathPass(row: { id: number; nickname: string | null; birth_year: number | null; postcode: string | null; neighbourhood_id: number | null }): PathPass {
  return { id: row.id, nickname: row.nickname, birthYear: row.birth_year, postcode: row.postcode, neighbourhoodId: row.neighbourhood_id };
}

/** The pass whose path page this cookie token opened, if the session is still open and belongs to this ecosystem. */
export async function passOfPathSession(db: Kysely<DB>, ecosystemId: number, token: string, now: Date = new Date()): Promise<PathPass | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const row = await db
    .selectFrom('pass_page_sessions as s')
    .innerJoin('passes as p', 'p.id', 's.pass_id')
    .select(passColumns)
    .where('s.token_hash', '=', hashToken(token))
    .where('s.ecosystem_id', '=', ecosystemId)
    .where('p.ecosystem_id', '=', ecosystemId)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
  return row && toPathPass(row);
}

/** The pass whose private link carries this token, in this ecosystem. */
export async function passOfPrivateLink(db: Kysely<DB>, ecosystemId: number, token: string): Promise<PathPass | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const row = await db
    .selectFrom('passes as p')
    .select(passColumns)
    .where('p.link_token_hash', '=', hashToken(token))
    .where('p.ecosystem_id', '=', ecosystemId)
    .executeTakeFirst();
  return row && toPathPass(row);
}
