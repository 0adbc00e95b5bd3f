import { sql, type Kysely } from 'kysely';

// The secrets printed on a class's cards exist in plain text only when they are
// issued (passes keeps their hashes). So the teacher can still download the
// sheet a moment later, from any server process, the codes and secrets wait
// here sealed with AES-256-GCM under a key that only the issuing browser holds
// (an httpOnly cookie scoped to the batch's page). The row alone reveals
// nothing; it expires after half an hour and housekeeping removes it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table pass_card_sheets (
      id integer generated always as identity primary key,
      ecosystem_id integer not null,
      batch_id integer not null,
      -- Only the person who issued (or reprinted) the cards may download them.
      created_by integer not null references users (id) on delete cascade,
      -- base64url of iv (12 bytes) + tag (16 bytes) + ciphertext of the cards as JSON.
      sealed text not null check (length(sealed) <= 100000),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      foreign key (ecosystem_id, batch_id) references pass_batches (ecosystem_id, id) on delete cascade
    )`.execute(db);
  await sql`create index pass_card_sheets_batch on pass_card_sheets (batch_id, created_by, created_at desc)`.execute(db);
  await sql`create index pass_card_sheets_expiry on pass_card_sheets (expires_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table pass_card_sheets`.execute(db);
}
