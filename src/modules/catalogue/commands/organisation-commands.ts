import { errors } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import type { Location, Organisation } from '../db/schema.js';
import type { LocationInput, LocationPatch, OrganisationInput, OrganisationPatch } from '../schemas.js';
import { checkReferences } from './references.js';

export async function createOrganisation(tx: Tx, ecosystemId: number, input: OrganisationInput): Promise<Organisation> {
  return tx.db
    .insertInto('organisations')
    .values({
      ecosystem_id: ecosystemId,
      name: input.name.trim(),
      sector: input.sector,
      description: input.description ?? '',
      website: input.website ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateOrganisation(tx: Tx, ecosystemId: number, id: number, patch: OrganisationPatch): Promise<Organisation> {
  const row = await tx.db
    .updateTable('organisations')
    .set({ ...patch, ...(patch.name !== undefined && { name: patch.name.trim() }), updated_at: new Date() })
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .where('status', '=', 'active')
    .returningAll()
    .executeTakeFirst();
  if (!row) throw errors.notFound('organisation');
  return row;
}

/** Archives an organisation and its activities, in one step so the finder never shows an orphan. */
export async function archiveOrganisation(tx: Tx, ecosystemId: number, id: number): Promise<Organisation> {
  const row = await tx.db
    .updateTable('organisations')
    .set({ status: 'archived', updated_at: new Date() })
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw errors.notFound('organisation');
  await tx.db
    .updateTable('activities')
    .set({ status: 'archived', archived_at: new Date(), updated_at: new Date() })
    .where('ecosystem_id', '=', ecosystemId)
    .where('organisation_id', '=', id)
    .where('status', '!=', 'archived')
    .execute();
  return row;
}

function normalisePostcode(postcode: string | undefined): string | undefined {
  if (postcode === undefined) return undefined;
  if (postcode.trim() === '') return '';
  const compact = postcode.replace(/\s+/g, '').toUpperCase();
  return `${compact.slice(0, 4)} ${compact.slice(4)}`;
}

export async function createLocation(tx: Tx, ecosystemId: number, input: LocationInput): Promise<Location> {
  await checkReferences(tx, ecosystemId, {
    organisationIds: [{ field: 'organisationId', id: input.organisationId }],
    neighbourhoodIds: input.neighbourhoodId ? [{ field: 'neighbourhoodId', id: input.neighbourhoodId }] : [],
  });
  return tx.db
    .insertInto('locations')
    .values({
      ecosystem_id: ecosystemId,
      organisation_id: input.organisationId,
      name: input.name.trim(),
      street: input.street ?? '',
      postcode: normalisePostcode(input.postcode) ?? '',
      city: input.city ?? '',
      lat: input.lat,
      lng: input.lng,
      neighbourhood_id: input.neighbourhoodId ?? null,
      is_school: input.isSchool ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateLocation(tx: Tx, ecosystemId: number, id: number, patch: LocationPatch): Promise<Location> {
  await checkReferences(tx, ecosystemId, {
    neighbourhoodIds: patch.neighbourhoodId ? [{ field: 'neighbourhoodId', id: patch.neighbourhoodId }] : [],
  });
  const row = await tx.db
    .updateTable('locations')
    .set({
      ...(patch.name !== undefined && { name: patch.name.trim() }),
      ...(patch.street !== undefined && { street: patch.street }),
      ...(patch.postcode !== undefined && { postcode: normalisePostcode(patch.postcode)! }),
      ...(patch.city !== undefined && { city: patch.city }),
      ...(patch.lat !== undefined && { lat: patch.lat }),
      ...(patch.lng !== undefined && { lng: patch.lng }),
      ...(patch.neighbourhoodId !== undefined && { neighbourhood_id: patch.neighbourhoodId }),
      ...(patch.isSchool !== undefined && { is_school: patch.isSchool }),
      updated_at: new Date(),
    })
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .where('status', '=', 'active')
    .returningAll()
    .executeTakeFirst();
  if (!row) throw errors.notFound('location');
  return row;
}

export async function archiveLocation(tx: Tx, ecosystemId: number, id: number): Promise<Location> {
  const row = await tx.db
    .updateTable('locations')
    .set({ status: 'archived', updated_at: new Date() })
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw errors.notFound('location');
  return row;
}
