import type { ImportProblem } from '../catalogue/exchange/problems.js';
import { schoolTypes, type SchoolType } from './db/schema.js';
import type { SchoolSheet } from './school-csv.js';
import { parseTypes, placeName, type ColumnMap, type DuoColumnKey } from './school-duo-format.js';

/** What the database holds that a school file is checked against (queries/school-import-context.ts). */
export interface SchoolImportContext {
  /** Four-digit postcodes of the ecosystem, with the place and neighbourhood they lie in. */
  postcodes: Map<string, { lat: number; lng: number; neighbourhoodId: number | null; place: string }>;
  /** Existing school locations by BRIN + location number ("12AB00"). */
  existing: Map<string, { schoolId: number; locationId: number; organisationId: number; locationActive: boolean; postcode: string }>;
  /** The organisation of each BRIN that already has a school location here. */
  organisationByBrin: Map<string, number>;
  /** Active school organisations (school sectors) by lower-case name, for adopting those entered by hand before. */
  schoolOrganisationsByName: Map<string, number>;
  /** Active school locations without a school row yet, which an import may adopt by organisation and postcode. */
  unlinkedLocations: Array<{ id: number; organisationId: number; postcode: string }>;
}

/** An organisation to create for a BRIN that the ecosystem does not know yet. */
export interface NewOrganisation {
  brin: string;
  name: string;
  website: string | null;
  phone: string | null;
}

/** One school location the import will write. */
export interface PlannedSchool {
  row: number;
  action: 'create' | 'update';
  brin: string;
  locationNumber: string;
  name: string;
  street: string;
  /** "1234 AB". */
  postcode: string;
  city: string;
  lat: number;
  lng: number;
  neighbourhoodId: number | null;
  types: SchoolType[];
  /** Undefined: the file gives no count, so an existing one stays. */
  pupilCount: number | undefined;
  /** The existing school row (update). */
  schoolId?: number;
  /** The existing location: the school's own (update) or one entered by hand before (adopted). */
  locationId?: number;
  /** An update whose postcode did not change keeps the location's own, more precise coordinates. */
  keepCoordinates: boolean;
  /** An existing organisation, or the BRIN of one in `newOrganisations`. */
  organisation: { id: number } | { brin: string };
}

export interface RowOutcome {
  row: number;
  brin: string;
  locationNumber: string;
  name: string;
  city: string;
  types: SchoolType[];
  action: 'create' | 'update' | 'error';
  problems: ImportProblem[];
}

export interface SchoolImportPlan {
  outcomes: RowOutcome[];
  planned: PlannedSchool[];
  newOrganisations: NewOrganisation[];
  /** Every problem of every row, in row order. */
  problems: ImportProblem[];
}

const brinPattern = /^[0-9]{2}[A-Z]{2}$/;
const postcodePattern = /^([1-9][0-9]{3})\s?([A-Z]{2})$/;

function website(value: string): string | null {
  const v = value.trim();
  if (v === '') return null;
  const url = /^https?:\/\//i.test(v) ? v : `https://${v}`;
  return /^https?:\/\/[^\s/$.?#][^\s]*\.[^\s]+$/i.test(url) && url.length <= 500 ? url : null;
}

function phone(value: string): string | null {
  const v = value.trim();
  return /^[0-9 +()-]{6,30}$/.test(v) ? v : null;
}

/**
 * Checks every row of a DUO school file against the ecosystem and plans
 * what an import would do: a new school location, an update of one matched
 * on BRIN + location number, or an error with a Dutch message per column.
 * Pure: the preview and the import (in its transaction) call it with the
 * same file and fresh context, so what was shown is what is written.
 */
export function planSchoolImport(sheet: SchoolSheet, columns: ColumnMap, context: SchoolImportContext, defaultTypes: readonly SchoolType[] | null): SchoolImportPlan {
  const header = (key: DuoColumnKey) => (columns[key] === undefined ? key : sheet.headers[columns[key]!]!);
  const cell = (cells: string[], key: DuoColumnKey) => (columns[key] === undefined ? '' : (cells[columns[key]!] ?? '').trim());
  const outcomes: RowOutcome[] = [];
  const planned: PlannedSchool[] = [];
  const newOrganisations = new Map<string, NewOrganisation>();
  const seen = new Map<string, number>();
  const adopted = new Set<number>();

  for (const { n, cells } of sheet.rows) {
    const problems: ImportProblem[] = [];
    const problem = (key: DuoColumnKey, messageKey: ImportProblem['key'], params?: Record<string, string | number>) =>
      problems.push({ row: n, column: header(key), key: messageKey, ...(params && { params }) });

    const brin = cell(cells, 'brin').toUpperCase();
    if (brin === '') problem('brin', 'schools.import.brin.required');
    else if (!brinPattern.test(brin)) problem('brin', 'schools.import.brin.invalid', { value: brin.slice(0, 20) });

    const code = cell(cells, 'locationCode').toUpperCase();
    let locationNumber = '';
    if (code === '') problem('locationCode', 'schools.import.locationCode.required');
    else if (/^\d{1,2}$/.test(code)) locationNumber = code.padStart(2, '0'); // Excel drops the leading zero of "00".
    else if (/^[0-9]{2}[A-Z]{2}[0-9]{2}$/.test(code)) {
      if (brinPattern.test(brin) && code.slice(0, 4) !== brin) problem('locationCode', 'schools.import.locationCode.otherBrin', { value: code, brin });
      else locationNumber = code.slice(4);
    } else problem('locationCode', 'schools.import.locationCode.invalid', { value: code.slice(0, 20) });

    const name = cell(cells, 'name');
    if (name === '') problem('name', 'schools.import.name.required');
    else if (name.length > 200) problem('name', 'field.tooLong', { max: 200 });

    const street = [cell(cells, 'street'), cell(cells, 'houseNumber')].filter(Boolean).join(' ');
    if (street.length > 200) problem('street', 'field.tooLong', { max: 200 });

    const rawPostcode = cell(cells, 'postcode').toUpperCase();
    const pc = postcodePattern.exec(rawPostcode);
    let area: { lat: number; lng: number; neighbourhoodId: number | null; place: string } | undefined;
    if (rawPostcode === '') problem('postcode', 'schools.import.postcode.required');
    else if (!pc) problem('postcode', 'schools.import.postcode.invalid', { value: rawPostcode.slice(0, 20) });
    else {
      area = context.postcodes.get(pc[1]!);
      if (!area) problem('postcode', 'schools.import.postcode.unknown', { value: pc[1]! });
    }
    const postcode = pc ? `${pc[1]} ${pc[2]}` : '';

    const rawCity = cell(cells, 'city');
    const city = area && rawCity.toLowerCase() === area.place.toLowerCase() ? area.place : placeName(rawCity);
    if (city.length > 100) problem('city', 'field.tooLong', { max: 100 });

    let types: SchoolType[] = [];
    const typeColumn: DuoColumnKey | undefined = cell(cells, 'structure') !== '' ? 'structure' : cell(cells, 'poKind') !== '' ? 'poKind' : undefined;
    if (typeColumn) {
      const parsed = parseTypes(cell(cells, typeColumn), schoolTypes);
      if (parsed.ok) types = parsed.types;
      else problem(typeColumn, parsed.key, parsed.params);
    } else if (defaultTypes && defaultTypes.length > 0) {
      types = [...defaultTypes];
    } else {
      problem(columns.structure !== undefined ? 'structure' : columns.poKind !== undefined ? 'poKind' : 'structure', 'schools.import.types.missing');
    }

    const rawPupils = cell(cells, 'pupils');
    let pupilCount: number | undefined;
    if (rawPupils !== '') {
      if (/^-\s*\d+$/.test(rawPupils)) problem('pupils', 'schools.import.pupils.negative', { value: rawPupils });
      else if (!/^\d{1,6}$/.test(rawPupils) || Number(rawPupils) > 100_000) problem('pupils', 'schools.import.pupils.invalid', { value: rawPupils.slice(0, 20), max: 100_000 });
      else pupilCount = Number(rawPupils);
    }

    const key = `${brin}${locationNumber}`;
    if (brin && locationNumber) {
      const earlier = seen.get(key);
      if (earlier !== undefined) problem('locationCode', 'schools.import.duplicate', { brin, number: locationNumber, row: earlier });
      else seen.set(key, n);
    }
    const existing = context.existing.get(key);
    if (existing && !existing.locationActive) problem('locationCode', 'schools.import.archived', { brin, number: locationNumber });

    const outcome: RowOutcome = { row: n, brin, locationNumber, name, city, types, action: problems.length > 0 ? 'error' : existing ? 'update' : 'create', problems };
    outcomes.push(outcome);
    if (problems.length > 0 || !area) continue;

    const base = {
      row: n, brin, locationNumber, name, street, postcode, city, lat: area.lat, lng: area.lng, neighbourhoodId: area.neighbourhoodId, types, pupilCount,
    };
    if (existing) {
      planned.push({
        ...base, action: 'update', schoolId: existing.schoolId, locationId: existing.locationId, organisation: { id: existing.organisationId },
        keepCoordinates: existing.postcode.replace(/\s/g, '').toUpperCase() === postcode.replace(/\s/g, ''),
      });
      continue;
    }
    // Which organisation: the one that already has this BRIN, one entered by hand under the same name, or a new one.
    const institution = cell(cells, 'institutionName');
    const organisationId =
      context.organisationByBrin.get(brin) ??
      (institution ? context.schoolOrganisationsByName.get(institution.toLowerCase()) : undefined) ??
      context.schoolOrganisationsByName.get(name.toLowerCase());
    let organisation: PlannedSchool['organisation'];
    if (organisationId !== undefined) organisation = { id: organisationId };
    else {
      if (!newOrganisations.has(brin)) {
        newOrganisations.set(brin, { brin, name: (institution || name).slice(0, 200), website: website(cell(cells, 'website')), phone: phone(cell(cells, 'phone')) });
      }
      organisation = { brin };
    }
    // A location entered by hand for that organisation at the same postcode becomes this school's location.
    const adopt = organisationId === undefined ? undefined : context.unlinkedLocations.find((l) => l.organisationId === organisationId && l.postcode === postcode.replace(/\s/g, '') && !adopted.has(l.id));
    if (adopt) adopted.add(adopt.id);
    planned.push({ ...base, action: 'create', ...(adopt && { locationId: adopt.id }), keepCoordinates: false, organisation });
  }
  return { outcomes, planned, newOrganisations: [...newOrganisations.values()], problems: outcomes.flatMap((o) => o.problems) };
}
