import type { Tx } from '../../../../db/database.js';
import { hashToken, randomToken } from '../../../accounts/secrets.js';
import type { Sheet } from '../sheet-reader.js';

/** How long an uploaded file waits for its confirmation. */
export const uploadLifetimeMs = 2 * 3_600_000;

/**
 * Keeps an uploaded file's cells until the person confirms the preview, and
 * returns the token for the preview's address. Only its hash is stored. Old
 * uploads are cleared on the way.
 */
export async function storeUpload(
  tx: Tx,
  upload: { ecosystemId: number; userId: number | null; organisationId: number | null; fileName: string; sheet: Sheet },
): Promise<string> {
  await tx.db.deleteFrom('offer_import_uploads').where('expires_at', '<', new Date()).execute();
  const token = randomToken();
  await tx.db
    .insertInto('offer_import_uploads')
    .values({
      id: hashToken(token),
      ecosystem_id: upload.ecosystemId,
      user_id: upload.userId,
      organisation_id: upload.organisationId,
      file_name: upload.fileName.slice(0, 255),
      sheet: JSON.stringify(upload.sheet),
      expires_at: new Date(Date.now() + uploadLifetimeMs),
    })
    .execute();
  return token;
}

/** Forgets an upload once it has been imported. */
export async function deleteUpload(tx: Tx, token: string): Promise<void> {
  await tx.db.deleteFrom('offer_import_uploads').where('id', '=', hashToken(token)).execute();
}
