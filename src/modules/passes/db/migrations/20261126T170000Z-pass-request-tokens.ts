import { sql, type Kysely } from 'kysely';

// The parents' request form carries a one-time token, made when the form is
// shown. The pass it produced keeps the token's SHA-256, so sending the same
// form again (a refresh of the "your pass is ready" page, a double click) finds
// that pass instead of issuing a second one. Unique per ecosystem, so even two
// submissions at the same moment make one pass.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table passes add column request_token_hash text check (request_token_hash ~ '^[0-9a-f]{64}$')`.execute(db);
  await sql`create unique index passes_request_token on passes (ecosystem_id, request_token_hash) where request_token_hash is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index passes_request_token`.execute(db);
  await sql`alter table passes drop column request_token_hash`.execute(db);
}
