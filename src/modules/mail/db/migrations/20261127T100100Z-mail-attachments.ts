import { sql, type Kysely } from 'kysely';

// Attachments travel with the mail in the outbox (such as an .ics file with the
// dates of a sign-up): a JSON array of { filename, contentType, content } with
// text content. Wiped with the body once sent or when the body is wiped.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table mail_messages add column attachments jsonb not null default '[]'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table mail_messages drop column attachments`.execute(db);
}
