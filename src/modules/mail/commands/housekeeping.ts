import type { Tx } from '../../../db/database.js';

const day = 86_400_000;

/**
 * Mail left in the outbox (no SMTP) keeps its body for a month, long after its
 * links have expired; then only the envelope stays. After half a year the
 * envelope goes too, sent or not.
 */
export async function mailHousekeeping(tx: Tx, now: Date): Promise<Record<string, number>> {
  const wiped = await tx.db
    .updateTable('mail_messages')
    .set({ text_body: '', html_body: '', attachments: '[]' })
    .where('status', 'in', ['outbox', 'failed'])
    .where('created_at', '<', new Date(now.getTime() - 30 * day))
    .where('text_body', '!=', '')
    .executeTakeFirst();
  const deleted = await tx.db
    .deleteFrom('mail_messages')
    .where('status', 'in', ['outbox', 'sent', 'failed'])
    .where('created_at', '<', new Date(now.getTime() - 183 * day))
    .executeTakeFirst();
  return { bodiesWiped: Number(wiped.numUpdatedRows), deleted: Number(deleted.numDeletedRows) };
}
