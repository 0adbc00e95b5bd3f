import { sql, type Kysely } from 'kysely';

// The outbox: every e-mail is written here in the transaction of the change
// that causes it, and sent only after that commits (so a rolled-back
// invitation never mails anyone). Without SMTP the rows stay as `outbox`,
// readable by the platform administrator; once sent over SMTP the body, which
// may hold a sign-in link, is wiped and only the envelope is kept.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table mail_messages (
      id bigint generated always as identity primary key,
      ecosystem_id integer references ecosystems (id) on delete cascade,
      to_address text not null check (length(to_address) between 3 and 254),
      subject text not null check (length(subject) between 1 and 300),
      text_body text not null default '',
      html_body text not null default '',
      kind text not null default '' check (length(kind) <= 50),
      status text not null check (status in ('outbox', 'pending', 'sending', 'sent', 'failed')),
      attempts integer not null default 0,
      last_error text not null default '',
      created_at timestamptz not null default now(),
      next_attempt_at timestamptz not null default now(),
      sent_at timestamptz
    )`.execute(db);
  await sql`create index mail_messages_due on mail_messages (next_attempt_at) where status in ('pending', 'sending')`.execute(db);
  await sql`create index mail_messages_created on mail_messages (created_at desc, id desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table mail_messages`.execute(db);
}
