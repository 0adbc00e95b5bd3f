import type { Kysely } from 'kysely';
import type { Actor } from '../../../../core/context.js';
import type { DB } from '../../../../db/schema.js';
import { can } from '../../policies.js';
import { referencedIds, type ImportContext } from '../row-validator.js';
import type { Sheet } from '../sheet-reader.js';

/**
 * Everything `validateSheet` checks a file against: the ecosystem's active
 * themes, organisations and locations, what the actor may change, and the
 * existing activities the file names. Pass the transaction's handle when
 * importing, so the check and the writes see the same data.
 */
export async function loadImportContext(
  db: Kysely<DB>,
  actor: Actor,
  ecosystemId: number,
  sheet: Sheet,
  defaultOrganisationId: number | null,
  now = new Date(),
): Promise<ImportContext> {
  const { platformIds, externalIds } = referencedIds(sheet);
  const [themes, organisations, locations, existing] = await Promise.all([
    db.selectFrom('themes').select(['id', 'slug', 'name']).where('ecosystem_id', '=', ecosystemId).where('status', '=', 'active').orderBy('position').orderBy('name').execute(),
    db.selectFrom('organisations').select(['id', 'name']).where('ecosystem_id', '=', ecosystemId).where('status', '=', 'active').execute(),
    db.selectFrom('locations').select(['id', 'name', 'organisation_id as organisationId']).where('ecosystem_id', '=', ecosystemId).where('status', '=', 'active').execute(),
    platformIds.length === 0 && externalIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('activities')
          .select(['id', 'organisation_id as organisationId', 'external_id as externalId', 'status', 'location_id as locationId', 'online'])
          .where('ecosystem_id', '=', ecosystemId)
          .where((eb) =>
            eb.or([
              ...(platformIds.length > 0 ? [eb('id', 'in', platformIds)] : []),
              ...(externalIds.length > 0 ? [eb('external_id', 'in', externalIds)] : []),
            ]),
          )
          .execute(),
  ]);
  const usable = organisations.some((o) => o.id === defaultOrganisationId) ? defaultOrganisationId : null;
  return {
    now,
    themes,
    organisations,
    locations,
    existing,
    defaultOrganisationId: usable,
    mayImport: (organisationId) => can(actor, 'offer.import', { ecosystemId, organisationId }),
  };
}

/** The active organisations this actor may import into or export, by name. */
export async function organisationsFor(db: Kysely<DB>, actor: Actor, ecosystemId: number, action: 'offer.import' | 'offer.export') {
  const rows = await db.selectFrom('organisations').select(['id', 'name']).where('ecosystem_id', '=', ecosystemId).where('status', '=', 'active').orderBy('name').orderBy('id').execute();
  return rows.filter((o) => can(actor, action, { ecosystemId, organisationId: o.id }));
}

/** Whether an organisation belongs to this ecosystem (archived ones included: their offer can still be exported). */
export async function organisationInEcosystem(db: Kysely<DB>, ecosystemId: number, organisationId: number): Promise<boolean> {
  const row = await db.selectFrom('organisations').select('id').where('ecosystem_id', '=', ecosystemId).where('id', '=', organisationId).executeTakeFirst();
  return row !== undefined;
}
