import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** School types as the Techkwadraat grant counts them (PRODUCT.md §7). */
export const schoolTypes = ['po', 'so', 'vso', 'vmbo-bb', 'vmbo-kb', 'vmbo-gl', 'vmbo-tl', 'havo', 'vwo'] as const;
export type SchoolType = (typeof schoolTypes)[number];

export const schoolParticipations = ['not_participating', 'interested', 'participating', 'stopped'] as const;
export type SchoolParticipation = (typeof schoolParticipations)[number];

export interface SchoolsTable {
  id: Generated<number>;
  ecosystem_id: number;
  /** The catalogue location (is_school) of this vestiging. */
  location_id: number;
  brin: string;
  location_number: string;
  school_types: ColumnType<SchoolType[], SchoolType[], SchoolType[]>;
  pupil_count: number | null;
  neighbourhood_id: number | null;
  participation: ColumnType<SchoolParticipation, SchoolParticipation | undefined, SchoolParticipation>;
  /** A date (yyyy-mm-dd). */
  participating_since: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type School = Selectable<SchoolsTable>;

/** The network module's tables. Each part (schools, network people and roles, agreements, finance) adds its own. */
export interface NetworkDB {
  schools: SchoolsTable;
}
