import { Migrator, NO_MIGRATIONS, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import * as catalogue1 from '../modules/catalogue/db/migrations/20261124T120100Z-create-catalogue.js';
import * as catalogue3 from '../modules/catalogue/db/migrations/20261125T100400Z-activity-review.js';
import * as catalogue4 from '../modules/catalogue/db/migrations/20261125T100700Z-offer-version.js';
import * as catalogue5 from '../modules/catalogue/db/migrations/20261126T090000Z-activity-external-id.js';
import * as ecosystems1 from '../modules/ecosystems/db/migrations/20261124T120000Z-create-ecosystems.js';
import * as accounts1 from '../modules/accounts/db/migrations/20261125T100200Z-create-accounts.js';
import * as mail1 from '../modules/mail/db/migrations/20261126T080000Z-create-mail-messages.js';
import * as passes1 from '../modules/passes/db/migrations/20261126T100000Z-create-passes.js';
import * as network1 from '../modules/network/db/migrations/20261126T150000Z-create-schools.js';
import * as network2 from '../modules/network/db/migrations/20261126T150100Z-create-network-partners.js';
import * as agreements1 from '../modules/network/db/migrations/20261126T160000Z-create-agreements.js';
import * as finance1 from '../modules/network/db/migrations/20261126T160100Z-create-finance.js';
import * as passesParentSessions from '../modules/passes/db/migrations/20261126T140000Z-parent-sessions.js';
import * as passes2 from '../modules/passes/db/migrations/20261126T130000Z-pass-card-sheets.js';
import * as passesPathSessions from '../modules/passes/db/migrations/20261126T120000Z-path-page-sessions.js';
import * as passesRequestTokens from '../modules/passes/db/migrations/20261126T170000Z-pass-request-tokens.js';
import * as signups1 from '../modules/signups/db/migrations/20261127T100000Z-create-signups.js';
import * as signups2 from '../modules/signups/db/migrations/20261127T110000Z-create-class-bookings.js';
import * as mail2 from '../modules/mail/db/migrations/20261127T100100Z-mail-attachments.js';
import * as audit1 from '../modules/audit/db/migrations/20261125T100300Z-create-audit-events.js';

/**
 * Every migration of every module, in the order they run. Explicit, so a
 * compiled build needs no file-system scan, and a landed migration is never
 * renamed or edited: a change is a new entry.
 */
export const migrations: Record<string, Migration> = {
  '20261124T120000Z-create-ecosystems': ecosystems1,
  '20261124T120100Z-create-catalogue': catalogue1,
  '20261125T100200Z-create-accounts': accounts1,
  '20261125T100300Z-create-audit-events': audit1,
  '20261125T100400Z-activity-review': catalogue3,
  '20261125T100700Z-offer-version': catalogue4,
  '20261126T080000Z-create-mail-messages': mail1,
  '20261126T090000Z-activity-external-id': catalogue5,
  '20261126T100000Z-create-passes': passes1,
  '20261126T120000Z-path-page-sessions': passesPathSessions,
  '20261126T130000Z-pass-card-sheets': passes2,
  '20261126T140000Z-parent-sessions': passesParentSessions,
  '20261126T150000Z-create-schools': network1,
  '20261126T150100Z-create-network-partners': network2,
  '20261126T160000Z-create-agreements': agreements1,
  '20261126T160100Z-create-finance': finance1,
  '20261126T170000Z-pass-request-tokens': passesRequestTokens,
  '20261127T100000Z-create-signups': signups1,
  '20261127T100100Z-mail-attachments': mail2,
  '20261127T110000Z-create-class-bookings': signups2,
};

function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

function check(result: MigrationResultSet): void {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(result.error)}`, {
      cause: result.error,
    });
  }
}

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  check(await migrator(db).migrateToLatest());
}

export async function migrateDownAll(db: Kysely<any>): Promise<void> {
  check(await migrator(db).migrateTo(NO_MIGRATIONS));
}
