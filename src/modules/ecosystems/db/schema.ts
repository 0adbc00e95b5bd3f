import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Children per age band in a neighbourhood, e.g. { "4-7": 310, "8-11": 290, … }. */
export type ChildrenByAge = Record<string, number>;

export interface EcosystemSettings {
  /** URL template for map tiles; the map works without it. */
  tileUrl?: string;
  /** Who must be credited for the tiles, shown on the map; required with `tileUrl`. */
  tileAttribution?: string;
  /** An https address of the ecosystem's logo, shown in the page header. */
  logoUrl?: string;
  /** The accent colour (#rrggbb), fed into the NL Design System tokens; dark enough for white text. */
  primaryColor?: string;
  /** Passes without a scan or a parent's visit for this many years (1–10) are removed; missing means 3. */
  passRetentionYears?: number;
}

export interface EcosystemsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  municipalities: ColumnType<string[], string[] | undefined, string[]>;
  host_names: ColumnType<string[], string[] | undefined, string[]>;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  settings: ColumnType<EcosystemSettings, string | undefined, string>;
  /** Raised by triggers on every change to the offer; pg returns bigint as text. */
  offer_version: ColumnType<string, never, never>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NeighbourhoodsTable {
  id: Generated<number>;
  ecosystem_id: number;
  cbs_code: string;
  name: string;
  municipality: ColumnType<string, string | undefined, string>;
  centroid_lat: number;
  centroid_lng: number;
  /** GeoJSON Polygon or MultiPolygon geometry. */
  outline: ColumnType<unknown | null, string | null | undefined, string | null>;
  children_by_age: ColumnType<ChildrenByAge, string | undefined, string>;
  ses_tier: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PostcodeAreasTable {
  ecosystem_id: number;
  postcode: string;
  place: string;
  lat: number;
  lng: number;
  neighbourhood_id: number | null;
}

export type Ecosystem = Selectable<EcosystemsTable>;
export type NewEcosystem = Insertable<EcosystemsTable>;
export type EcosystemUpdate = Updateable<EcosystemsTable>;
export type Neighbourhood = Selectable<NeighbourhoodsTable>;

export interface EcosystemsDB {
  ecosystems: EcosystemsTable;
  neighbourhoods: NeighbourhoodsTable;
  postcode_areas: PostcodeAreasTable;
}
