import { sql, type Kysely } from 'kysely';

// Each ecosystem's offer has a version that every change to it raises, in the
// same transaction, whichever way the change is made (commands, imports, SQL).
// The in-memory finder index compares it to know when to reload.
const tables = ['activities', 'sessions', 'activity_themes', 'locations', 'organisations', 'themes'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table ecosystems add column offer_version bigint not null default 0`.execute(db);
  await sql`
    create function bump_offer_version() returns trigger language plpgsql as $$
    begin
      update ecosystems set offer_version = offer_version + 1
      where id in (select distinct ecosystem_id from changed);
      return null;
    end $$`.execute(db);
  for (const table of tables) {
    for (const [event, transition] of [['insert', 'new'], ['update', 'new'], ['delete', 'old']] as const) {
      await sql`create trigger ${sql.raw(`${table}_offer_${event}`)} after ${sql.raw(event)} on ${sql.table(table)}
        referencing ${sql.raw(transition)} table as changed
        for each statement execute function bump_offer_version()`.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of tables) {
    for (const event of ['insert', 'update', 'delete']) {
      await sql`drop trigger ${sql.raw(`${table}_offer_${event}`)} on ${sql.table(table)}`.execute(db);
    }
  }
  await sql`drop function bump_offer_version()`.execute(db);
  await sql`alter table ecosystems drop column offer_version`.execute(db);
}
