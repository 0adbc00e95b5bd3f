import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { hashToken } from '../../accounts/secrets.js';
import type { StoredSchoolFile } from '../commands/school-import-uploads.js';

/** An upload that has not expired, in this ecosystem, by the same person; otherwise undefined. */
export async function findSchoolUpload(db: Kysely<DB>, ecosystemId: number, token: string, userId: number | null): Promise<{ fileName: string; file: StoredSchoolFile } | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const row = await db
    .selectFrom('school_import_uploads')
    .select(['file_name', 'content', 'user_id'])
    .where('id', '=', hashToken(token))
    .where('ecosystem_id', '=', ecosystemId)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  if (!row || row.user_id !== userId) return undefined;
  const file = (typeof row.content === 'string' ? JSON.parse(row.content) : row.content) as StoredSchoolFile;
  return { fileName: row.file_name, file };
}
