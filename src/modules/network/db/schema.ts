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

// ---- partners, people and roles (see 20261126T150100Z-create-network-partners) ----

type DateText = ColumnType<string, string, string>;

/** How an organisation stands in the network. */
export const partnerStatuses = ['candidate', 'active', 'former'] as const;
export type PartnerStatus = (typeof partnerStatuses)[number];

export interface NetworkPartnersTable {
  id: Generated<number>;
  ecosystem_id: number;
  organisation_id: number;
  status: PartnerStatus;
  /** The day the current status began (yyyy-mm-dd); select it as text, see queries/network-directory.ts. */
  status_since: DateText;
  note: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NetworkPeopleTable {
  id: Generated<number>;
  ecosystem_id: number;
  organisation_id: number | null;
  name: string;
  job_title: ColumnType<string, string | undefined, string>;
  email: string | null;
  phone: string | null;
  user_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The roles of the governance structure (Techkwadraat guide; essay on Twente for core teams and communities of practice). */
export const networkRoles = ['lead_applicant', 'steering_group', 'programme_leader', 'coordinator', 'core_team', 'programme_team', 'community_of_practice'] as const;
export type NetworkRole = (typeof networkRoles)[number];

export interface NetworkRolesTable {
  id: Generated<number>;
  ecosystem_id: number;
  role: NetworkRole;
  person_id: number | null;
  organisation_id: number | null;
  /** Only for a core team (kernteam): the municipality it works in. */
  municipality: string | null;
  /** Only for a community of practice: its name. */
  community: string | null;
  starts_on: DateText;
  ends_on: ColumnType<string | null, string | null | undefined, string | null>;
  note: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SchoolImportUploadsTable {
  /** SHA-256 of the token in the preview's address. */
  id: string;
  ecosystem_id: number;
  /** Who uploaded it; only they may confirm it. */
  user_id: number | null;
  file_name: ColumnType<string, string | undefined, string>;
  /** The file as read: see `StoredSchoolFile` in commands/school-import-uploads.ts. */
  content: ColumnType<unknown, string, string>;
  created_at: Timestamp;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

export type NetworkPartner = Selectable<NetworkPartnersTable>;
export type NetworkPerson = Selectable<NetworkPeopleTable>;
export type NetworkRoleRow = Selectable<NetworkRolesTable>;

/** The network module's tables. Each part (schools, network people and roles, agreements, finance) adds its own. */
export interface NetworkDB {
  schools: SchoolsTable;
  network_partners: NetworkPartnersTable;
  network_people: NetworkPeopleTable;
  network_roles: NetworkRolesTable;
  school_import_uploads: SchoolImportUploadsTable;
}
