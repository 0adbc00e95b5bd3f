import type { Actor } from '../../../core/context.js';
import { errors } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import { createLocation, createOrganisation, updateLocation, updateOrganisation } from '../../catalogue/commands/organisation-commands.js';
import { checkReferences } from '../../catalogue/commands/references.js';
import type { Sector } from '../../catalogue/vocabulary.js';
import type { SchoolType } from '../db/schema.js';
import type { SchoolPatch } from '../network-forms.js';
import { loadSchoolImportContext } from '../queries/school-import-context.js';
import { resolveColumns } from '../school-duo-format.js';
import { planSchoolImport, type SchoolImportPlan } from '../school-import-rows.js';
import type { StoredSchoolFile } from './school-import-uploads.js';

/**
 * Changes what the network knows about a school location: its types, pupils,
 * participation (and since when) and neighbourhood. The neighbourhood is also
 * set on the catalogue location, so the finder and the reach figures agree.
 */
export async function updateSchool(tx: Tx, actor: Actor, ecosystemId: number, schoolId: number, patch: SchoolPatch): Promise<void> {
  if (patch.neighbourhoodId !== null) await checkReferences(tx, ecosystemId, { neighbourhoodIds: [{ field: 'neighbourhoodId', id: patch.neighbourhoodId }] });
  const school = await tx.db
    .updateTable('schools')
    .set({
      school_types: patch.types,
      pupil_count: patch.pupilCount,
      participation: patch.participation,
      participating_since: patch.participatingSince,
      neighbourhood_id: patch.neighbourhoodId,
      updated_at: new Date(),
    })
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', schoolId)
    .returning('location_id')
    .executeTakeFirst();
  if (!school) throw errors.notFound('school');
  const location = await tx.db.selectFrom('locations').select(['status', 'neighbourhood_id']).where('id', '=', school.location_id).executeTakeFirstOrThrow();
  if (location.status === 'active' && location.neighbourhood_id !== patch.neighbourhoodId) {
    await updateLocation(tx, ecosystemId, school.location_id, { neighbourhoodId: patch.neighbourhoodId });
  }
  await recordAudit(tx, actor, {
    ecosystemId, action: 'network.school.updated', subjectType: 'school', subjectId: schoolId,
    details: { types: patch.types, participation: patch.participation, since: patch.participatingSince, pupils: patch.pupilCount },
  });
}

/** The catalogue sector that fits a school organisation's types: special education first, then primary, else secondary. */
export function sectorForTypes(types: Iterable<SchoolType>): Sector {
  const all = new Set(types);
  if (all.has('so') || all.has('vso')) return 'school_special';
  if (all.has('po')) return 'school_primary';
  return 'school_secondary';
}

const schoolSectors: readonly string[] = ['school_primary', 'school_secondary', 'school_special'];

export interface SchoolImportOutcome {
  applied: boolean;
  created: number;
  updated: number;
  plan: SchoolImportPlan;
}

/**
 * Imports a checked school file, all or nothing: the file is checked again
 * here, inside the caller's transaction, against the data as it is now; with
 * any problem nothing is written and `applied` is false. Otherwise it creates
 * the organisations of new BRINs, creates or updates each location (address,
 * coordinates and neighbourhood from the ecosystem's postcode table) and its
 * school row, and sets each touched school organisation's sector to fit its types.
 */
export async function applySchoolImport(tx: Tx, actor: Actor, ecosystemId: number, file: StoredSchoolFile, fileName: string): Promise<SchoolImportOutcome> {
  const { columns, problems: headerProblems } = resolveColumns(file.sheet.headers);
  const context = await loadSchoolImportContext(tx.db, ecosystemId);
  const plan = planSchoolImport(file.sheet, columns, context, file.defaultTypes);
  if (headerProblems.length > 0 || plan.problems.length > 0 || plan.planned.length === 0) return { applied: false, created: 0, updated: 0, plan };

  const newOrganisationIds = new Map<string, number>();
  for (const org of plan.newOrganisations) {
    const types = plan.planned.filter((p) => 'brin' in p.organisation && p.organisation.brin === org.brin).flatMap((p) => p.types);
    const created = await createOrganisation(tx, ecosystemId, { name: org.name, sector: sectorForTypes(types), website: org.website, phone: org.phone });
    newOrganisationIds.set(org.brin, created.id);
    await recordAudit(tx, actor, { ecosystemId, action: 'catalogue.organisation.created', subjectType: 'organisation', subjectId: created.id, details: { via: 'network.schools.import', brin: org.brin } });
  }

  const touched = new Set<number>();
  let created = 0;
  let updated = 0;
  for (const p of plan.planned) {
    const organisationId = 'id' in p.organisation ? p.organisation.id : newOrganisationIds.get(p.organisation.brin)!;
    touched.add(organisationId);
    const address = { name: p.name, street: p.street, postcode: p.postcode, city: p.city };
    const place = p.keepCoordinates ? {} : { lat: p.lat, lng: p.lng, neighbourhoodId: p.neighbourhoodId };
    if (p.action === 'update') {
      await updateLocation(tx, ecosystemId, p.locationId!, { ...address, ...place });
      await tx.db
        .updateTable('schools')
        .set({
          school_types: p.types,
          ...(p.pupilCount !== undefined && { pupil_count: p.pupilCount }),
          ...(!p.keepCoordinates && { neighbourhood_id: p.neighbourhoodId }),
          updated_at: new Date(),
        })
        .where('ecosystem_id', '=', ecosystemId)
        .where('id', '=', p.schoolId!)
        .execute();
      updated += 1;
      await recordAudit(tx, actor, { ecosystemId, action: 'network.school.imported', subjectType: 'school', subjectId: p.schoolId!, details: { action: 'update', brin: p.brin, locationNumber: p.locationNumber } });
      continue;
    }
    const locationId = p.locationId
      ? (await updateLocation(tx, ecosystemId, p.locationId, { ...address, lat: p.lat, lng: p.lng, neighbourhoodId: p.neighbourhoodId, isSchool: true })).id
      : (await createLocation(tx, ecosystemId, { organisationId, ...address, lat: p.lat, lng: p.lng, neighbourhoodId: p.neighbourhoodId, isSchool: true })).id;
    const school = await tx.db
      .insertInto('schools')
      .values({
        ecosystem_id: ecosystemId, location_id: locationId, brin: p.brin, location_number: p.locationNumber, school_types: p.types,
        pupil_count: p.pupilCount ?? null, neighbourhood_id: p.neighbourhoodId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    created += 1;
    await recordAudit(tx, actor, { ecosystemId, action: 'network.school.imported', subjectType: 'school', subjectId: school.id, details: { action: 'create', brin: p.brin, locationNumber: p.locationNumber } });
  }

  // The sector follows all of an organisation's school locations, not only those in this file.
  const ids = [...touched];
  const [organisations, schoolTypesOf] = await Promise.all([
    tx.db.selectFrom('organisations').select(['id', 'sector', 'status']).where('ecosystem_id', '=', ecosystemId).where('id', 'in', ids).execute(),
    tx.db
      .selectFrom('schools as s')
      .innerJoin('locations as l', 'l.id', 's.location_id')
      .select(['l.organisation_id', 's.school_types'])
      .where('s.ecosystem_id', '=', ecosystemId)
      .where('l.organisation_id', 'in', ids)
      .execute(),
  ]);
  for (const org of organisations) {
    const sector = sectorForTypes(schoolTypesOf.filter((s) => s.organisation_id === org.id).flatMap((s) => s.school_types));
    if (org.status === 'active' && schoolSectors.includes(org.sector) && org.sector !== sector) await updateOrganisation(tx, ecosystemId, org.id, { sector });
  }

  await recordAudit(tx, actor, {
    ecosystemId, action: 'network.schools.imported', subjectType: 'file', subjectId: fileName.slice(0, 100),
    details: { created, updated, organisations: plan.newOrganisations.length, skipped: file.skipped },
  });
  return { applied: true, created, updated, plan };
}
