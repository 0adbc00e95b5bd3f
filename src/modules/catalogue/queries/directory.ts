import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Location, Organisation } from '../db/schema.js';

/** Lists of organisations and locations. Archived ones only for readers who may see them. */
export interface DirectoryOptions {
  includeArchived: boolean;
  page: number;
  perPage: number;
}

export async function listOrganisations(db: Kysely<DB>, ecosystemId: number, o: DirectoryOptions): Promise<Organisation[]> {
  return db
    .selectFrom('organisations')
    .selectAll()
    .where('ecosystem_id', '=', ecosystemId)
    .$if(!o.includeArchived, (q) => q.where('status', '=', 'active'))
    .orderBy('name')
    .orderBy('id')
    .limit(o.perPage)
    .offset((o.page - 1) * o.perPage)
    .execute();
}

export async function findOrganisation(db: Kysely<DB>, ecosystemId: number, id: number, includeArchived: boolean): Promise<Organisation | undefined> {
  return db
    .selectFrom('organisations')
    .selectAll()
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .$if(!includeArchived, (q) => q.where('status', '=', 'active'))
    .executeTakeFirst();
}

export async function listLocations(
  db: Kysely<DB>,
  ecosystemId: number,
  o: DirectoryOptions & { organisationId?: number | undefined; school?: boolean | undefined },
): Promise<Location[]> {
  return db
    .selectFrom('locations')
    .selectAll()
    .where('ecosystem_id', '=', ecosystemId)
    .$if(!o.includeArchived, (q) => q.where('status', '=', 'active'))
    .$if(o.organisationId !== undefined, (q) => q.where('organisation_id', '=', o.organisationId!))
    .$if(o.school !== undefined, (q) => q.where('is_school', '=', o.school!))
    .orderBy('name')
    .orderBy('id')
    .limit(o.perPage)
    .offset((o.page - 1) * o.perPage)
    .execute();
}

export async function findLocation(db: Kysely<DB>, ecosystemId: number, id: number, includeArchived: boolean): Promise<Location | undefined> {
  return db
    .selectFrom('locations')
    .selectAll()
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .$if(!includeArchived, (q) => q.where('status', '=', 'active'))
    .executeTakeFirst();
}
