import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { SchoolImportContext } from '../school-import-rows.js';

const schoolSectors = ['school_primary', 'school_secondary', 'school_special'];

/**
 * What a school file is checked against: the ecosystem's postcodes, its
 * school locations and school organisations. Read in the import's own
 * transaction too, so the check and the writes see the same rows.
 */
export async function loadSchoolImportContext(db: Kysely<DB>, ecosystemId: number): Promise<SchoolImportContext> {
  const [postcodes, schools, organisations, unlinked] = await Promise.all([
    db
      .selectFrom('postcode_areas as p')
      .select(['p.postcode', 'p.lat', 'p.lng', 'p.neighbourhood_id', 'p.place'])
      .where('p.ecosystem_id', '=', ecosystemId)
      .execute(),
    db
      .selectFrom('schools as s')
      .innerJoin('locations as l', 'l.id', 's.location_id')
      .select(['s.id', 's.brin', 's.location_number', 's.location_id', 'l.organisation_id', 'l.status', 'l.postcode'])
      .where('s.ecosystem_id', '=', ecosystemId)
      .execute(),
    db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('ecosystem_id', '=', ecosystemId)
      .where('status', '=', 'active')
      .where('sector', 'in', schoolSectors)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('locations as l')
      .innerJoin('organisations as o', 'o.id', 'l.organisation_id')
      .select(['l.id', 'l.organisation_id', 'l.postcode'])
      .where('l.ecosystem_id', '=', ecosystemId)
      .where('l.is_school', '=', true)
      .where('l.status', '=', 'active')
      .where('o.status', '=', 'active')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('schools as s').select('s.id').whereRef('s.location_id', '=', 'l.id'))))
      .orderBy('l.id')
      .execute(),
  ]);
  const organisationByBrin = new Map<string, number>();
  for (const s of schools) if (!organisationByBrin.has(s.brin)) organisationByBrin.set(s.brin, s.organisation_id);
  const schoolOrganisationsByName = new Map<string, number>();
  for (const o of organisations) if (!schoolOrganisationsByName.has(o.name.toLowerCase())) schoolOrganisationsByName.set(o.name.toLowerCase(), o.id);
  return {
    postcodes: new Map(postcodes.map((p) => [p.postcode, { lat: p.lat, lng: p.lng, neighbourhoodId: p.neighbourhood_id, place: p.place }])),
    existing: new Map(
      schools.map((s) => [
        `${s.brin}${s.location_number}`,
        { schoolId: s.id, locationId: s.location_id, organisationId: s.organisation_id, locationActive: s.status === 'active', postcode: s.postcode },
      ]),
    ),
    organisationByBrin,
    schoolOrganisationsByName,
    unlinkedLocations: unlinked.map((l) => ({ id: l.id, organisationId: l.organisation_id, postcode: l.postcode.replace(/\s/g, '').toUpperCase() })),
  };
}
