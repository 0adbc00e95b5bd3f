import type { Kysely } from 'kysely';
import type { DB } from '../../../../db/schema.js';
import { hashToken } from '../../../accounts/secrets.js';
import type { Sheet } from '../sheet-reader.js';

export interface StoredUpload {
  organisationId: number | null;
  fileName: string;
  sheet: Sheet;
}

/** An upload that has not expired, in this ecosystem, by the same person; otherwise undefined. */
export async function findUpload(db: Kysely<DB>, ecosystemId: number, token: string, userId: number | null): Promise<StoredUpload | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const row = await db
    .selectFrom('offer_import_uploads')
    .select(['organisation_id', 'file_name', 'sheet', 'user_id'])
    .where('id', '=', hashToken(token))
    .where('ecosystem_id', '=', ecosystemId)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  if (!row || row.user_id !== userId) return undefined;
  const sheet = typeof row.sheet === 'string' ? (JSON.parse(row.sheet) as Sheet) : row.sheet;
  return { organisationId: row.organisation_id, fileName: row.file_name, sheet };
}
