import type { MessageKey } from '../../web/i18n/index.js';
import type { SchoolType } from './db/schema.js';

/**
 * The layout of DUO's public list of school addresses ("Adressen alle
 * vestigingen", po and vo; docs/school-import.md). DUO names its columns in
 * capitals; older files and R or pandas exports spell a few differently,
 * so each column lists the names it is known by, the current one first.
 */
export type DuoColumnKey =
  | 'brin' | 'locationCode' | 'name' | 'street' | 'houseNumber' | 'postcode' | 'city'
  | 'municipality' | 'structure' | 'poKind' | 'pupils' | 'institutionName' | 'phone' | 'website';

export interface DuoColumn {
  key: DuoColumnKey;
  /** Known header names, the current DUO name first. */
  names: readonly string[];
  required: boolean;
  /** What the import does with it (message key; shown on the import page). */
  help: MessageKey;
}

export const duoColumns: readonly DuoColumn[] = [
  { key: 'brin', names: ['INSTELLINGSCODE', 'BRIN NUMMER', 'BRIN'], required: true, help: 'schools.import.column.brin' },
  { key: 'locationCode', names: ['VESTIGINGSCODE', 'VESTIGINGSNUMMER'], required: true, help: 'schools.import.column.locationCode' },
  { key: 'name', names: ['VESTIGINGSNAAM'], required: true, help: 'schools.import.column.name' },
  { key: 'street', names: ['STRAATNAAM'], required: true, help: 'schools.import.column.street' },
  { key: 'houseNumber', names: ['HUISNUMMER-TOEVOEGING'], required: true, help: 'schools.import.column.houseNumber' },
  { key: 'postcode', names: ['POSTCODE'], required: true, help: 'schools.import.column.postcode' },
  { key: 'city', names: ['PLAATSNAAM'], required: true, help: 'schools.import.column.city' },
  { key: 'municipality', names: ['GEMEENTENAAM'], required: false, help: 'schools.import.column.municipality' },
  { key: 'structure', names: ['ONDERWIJSSTRUCTUUR'], required: false, help: 'schools.import.column.structure' },
  { key: 'poKind', names: ['SOORT PO'], required: false, help: 'schools.import.column.poKind' },
  { key: 'pupils', names: ['AANTAL LEERLINGEN'], required: false, help: 'schools.import.column.pupils' },
  { key: 'institutionName', names: ['INSTELLINGSNAAM'], required: false, help: 'schools.import.column.institutionName' },
  { key: 'phone', names: ['TELEFOONNUMMER'], required: false, help: 'schools.import.column.phone' },
  { key: 'website', names: ['INTERNETADRES'], required: false, help: 'schools.import.column.website' },
];

/** A header as DUO would write it: capitals, spaces (R writes dots, some tools underscores), no quotes or BOM. */
export function normaliseHeader(header: string): string {
  return header.replace(/^\uFEFF/, '').replace(/["']/g, '').replace(/[._]+/g, ' ').replace(/\s+/g, ' ').trim().toUpperCase();
}

export type ColumnMap = Partial<Record<DuoColumnKey, number>>;

export type HeaderProblem =
  | { kind: 'doubled'; column: string }
  | { kind: 'missing'; columns: string[] }
  | { kind: 'notDuo'; found: string[] }
  | { kind: 'separator'; separator: string };

/**
 * Finds the columns the import uses among a file's headers. Other columns
 * are ignored on purpose: DUO's files carry some thirty (regions,
 * correspondence address, board) and add or rename them from year to year.
 */
export function resolveColumns(headers: readonly string[]): { columns: ColumnMap; problems: HeaderProblem[] } {
  const normalised = headers.map(normaliseHeader);
  const columns: ColumnMap = {};
  const problems: HeaderProblem[] = [];
  for (const column of duoColumns) {
    const positions = normalised.flatMap((h, i) => (column.names.includes(h) ? [i] : []));
    if (positions.length > 1) problems.push({ kind: 'doubled', column: column.names[0]! });
    if (positions.length > 0) columns[column.key] = positions[0]!;
  }
  const missing = duoColumns.filter((c) => c.required && columns[c.key] === undefined).map((c) => c.names[0]!);
  if (missing.length === duoColumns.filter((c) => c.required).length) {
    // Nothing of DUO's layout: one long header with DUO's names in it is a file split on the wrong character.
    const single = headers.length === 1 ? headers[0]! : '';
    const separator = /INSTELLINGSCODE|VESTIGINGSCODE|VESTIGINGSNAAM/i.test(single) ? /[|:^~#!]/.exec(single.replace(/["']/g, ''))?.[0] : undefined;
    problems.push(separator ? { kind: 'separator', separator } : { kind: 'notDuo', found: headers.slice(0, 8).map((h) => h.slice(0, 40)) });
  } else if (missing.length > 0) {
    problems.push({ kind: 'missing', columns: missing });
  }
  return { columns, problems };
}

// ---- school types ----

/**
 * DUO's words for a type of education → the grant's school types.
 * ONDERWIJSSTRUCTUUR (vo files) combines VBO, MAVO, HAVO, VWO with slashes:
 * VBO is the pre-vocational basic and advanced tracks (vmbo-bb, vmbo-kb) and
 * MAVO the theoretical track (vmbo-tl), as DUO has registered them since the
 * vmbo began. SOORT PO (po files) names primary, special primary, special and
 * secondary special education; special primary (sbo) is primary education
 * (WPO) and counts as po. Practical education (PRO), vavo and lwoo are not
 * types the grant counts: ignored beside a counted type, refused alone.
 */
const tokenTypes: Record<string, readonly SchoolType[] | 'notCounted'> = {
  PO: ['po'], BO: ['po'], BAO: ['po'], BASISONDERWIJS: ['po'], SBO: ['po'], SBAO: ['po'], 'SPECIAAL BASISONDERWIJS': ['po'],
  SO: ['so'], 'SPECIAAL ONDERWIJS': ['so'],
  VSO: ['vso'], 'VOORTGEZET SPECIAAL ONDERWIJS': ['vso'],
  '(V)SO': ['so', 'vso'], 'SPECIAAL EN VOORTGEZET SPECIAAL ONDERWIJS': ['so', 'vso'],
  VBO: ['vmbo-bb', 'vmbo-kb'], MAVO: ['vmbo-tl'],
  'VMBO-BB': ['vmbo-bb'], 'VMBO-KB': ['vmbo-kb'], 'VMBO-GL': ['vmbo-gl'], 'VMBO-TL': ['vmbo-tl'],
  HAVO: ['havo'], VWO: ['vwo'],
  PRO: 'notCounted', PRAKTIJKONDERWIJS: 'notCounted', VAVO: 'notCounted', LWOO: 'notCounted',
};

export type TypesResult =
  | { ok: true; types: SchoolType[] }
  | { ok: false; key: MessageKey; params?: Record<string, string | number> };

/** The grant's types in a DUO cell ("HAVO/VWO", "VBO/MAVO", "Speciaal onderwijs", "vmbo-tl"), in the order of `schoolTypes`. */
export function parseTypes(cell: string, order: readonly SchoolType[]): TypesResult {
  const tokens = cell
    .split(/[/,;+]/)
    .map((t) => t.trim().toUpperCase().replace(/\s+/g, ' ').replace(/^VMBO[ _]([A-Z]{2})$/, 'VMBO-$1'))
    .filter(Boolean);
  if (tokens.length === 0) return { ok: false, key: 'schools.import.types.empty' };
  const found = new Set<SchoolType>();
  let notCounted = 0;
  for (const token of tokens) {
    if (token === 'VMBO') return { ok: false, key: 'schools.import.types.vmboTrack' };
    const types = Object.hasOwn(tokenTypes, token) ? tokenTypes[token] : undefined;
    if (types === undefined) return { ok: false, key: 'schools.import.types.unknown', params: { value: token.slice(0, 40) } };
    if (types === 'notCounted') notCounted += 1;
    else for (const type of types) found.add(type);
  }
  if (found.size === 0 && notCounted > 0) return { ok: false, key: 'schools.import.types.notCounted', params: { value: tokens.join('/').slice(0, 40) } };
  return { ok: true, types: order.filter((t) => found.has(t)) };
}

/** A place name as people write it: DUO's "HOF VAN TWENTE" → "Hof van Twente", "'S-HERTOGENBOSCH" → "'s-Hertogenbosch". */
export function placeName(value: string): string {
  const small = new Set(['van', 'de', 'den', 'der', 'aan', 'op', 'in', 'bij', 'en', 'het', "'s", "'t"]);
  const words = value.trim().toLowerCase().split(/\s+/);
  return words
    .map((word, i) => {
      if (small.has(word) && i > 0) return word;
      return word.replace(/(^|-)(\p{L})/gu, (_, dash: string, letter: string) => `${dash}${letter.toUpperCase()}`);
    })
    .join(' ');
}
