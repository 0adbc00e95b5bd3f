import type { Tx } from '../../../db/database.js';
import { hashToken, randomToken } from '../../accounts/secrets.js';
import type { SchoolType } from '../db/schema.js';
import type { SchoolSheet } from '../school-csv.js';

/** How long an uploaded school file waits for its confirmation. */
export const schoolUploadLifetimeMs = 2 * 3_600_000;

/** A school file between preview and confirmation: the rows inside the ecosystem's municipalities, and what was left out. */
export interface StoredSchoolFile {
  sheet: SchoolSheet;
  /** Rows left out because their GEMEENTENAAM is not one of the ecosystem's municipalities. */
  skipped: number;
  /** The type chosen at upload for rows without ONDERWIJSSTRUCTUUR or SOORT PO. */
  defaultTypes: SchoolType[] | null;
}

/** Keeps an uploaded file until the person confirms the preview; returns the token for the preview's address (only its hash is stored). */
export async function storeSchoolUpload(tx: Tx, upload: { ecosystemId: number; userId: number | null; fileName: string; file: StoredSchoolFile }): Promise<string> {
  await tx.db.deleteFrom('school_import_uploads').where('expires_at', '<', new Date()).execute();
  const token = randomToken();
  await tx.db
    .insertInto('school_import_uploads')
    .values({
      id: hashToken(token),
      ecosystem_id: upload.ecosystemId,
      user_id: upload.userId,
      file_name: upload.fileName.slice(0, 255),
      content: JSON.stringify(upload.file),
      expires_at: new Date(Date.now() + schoolUploadLifetimeMs),
    })
    .execute();
  return token;
}

/** Forgets an upload once it has been imported. */
export async function deleteSchoolUpload(tx: Tx, token: string): Promise<void> {
  await tx.db.deleteFrom('school_import_uploads').where('id', '=', hashToken(token)).execute();
}

/** Removes uploads nobody confirmed in time (hourly housekeeping). */
export async function deleteExpiredSchoolUploads(tx: Tx, now: Date): Promise<number> {
  return Number((await tx.db.deleteFrom('school_import_uploads').where('expires_at', '<', now).executeTakeFirst()).numDeletedRows);
}
