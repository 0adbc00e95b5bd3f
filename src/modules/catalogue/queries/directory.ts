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

/**
 * The organisation that owns a catalogue row, for policies ("may this person
 * change this?"). Undefined when the row is not in this ecosystem.
 */
export async function ownerOf(
  db: Kysely<DB>,
  ecosystemId: number,
  kind: 'activity' | 'session' | 'nextStep' | 'location',
  id: number,
): Promise<number | undefined> {
  switch (kind) {
    case 'activity':
      return (await db.selectFrom('activities').select('organisation_id').where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst())?.organisation_id;
    case 'location':
      return (await db.selectFrom('locations').select('organisation_id').where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst())?.organisation_id;
    case 'session':
      return (
        await db
          .selectFrom('sessions as s')
          .innerJoin('activities as a', 'a.id', 's.activity_id')
          .select('a.organisation_id')
          .where('s.ecosystem_id', '=', ecosystemId)
          .where('s.id', '=', id)
          .executeTakeFirst()
      )?.organisation_id;
    case 'nextStep':
      return (
        await db
          .selectFrom('next_steps as n')
          .innerJoin('activities as a', 'a.id', 'n.from_activity_id')
          .select('a.organisation_id')
          .where('n.ecosystem_id', '=', ecosystemId)
          .where('n.id', '=', id)
          .executeTakeFirst()
      )?.organisation_id;
  }
}
