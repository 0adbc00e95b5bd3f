import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';

export const outboxPageSize = 50;

/** The newest mail first, a page at a time (keyset: before the id given). */
export async function listMail(db: Kysely<DB>, before: string | undefined) {
  let query = db
    .selectFrom('mail_messages')
    .select(['id', 'to_address', 'subject', 'kind', 'status', 'created_at', 'sent_at', 'attempts'])
    .orderBy('id', 'desc')
    .limit(outboxPageSize + 1);
  if (before !== undefined) query = query.where('id', '<', before);
  const rows = await query.execute();
  return { items: rows.slice(0, outboxPageSize), more: rows.length > outboxPageSize };
}

export async function findMail(db: Kysely<DB>, id: string) {
  return db.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirst();
}
