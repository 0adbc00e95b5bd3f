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

// ---- agreements and finance (20261126T160000Z, 20261126T160100Z) ----

/** A date column (yyyy-mm-dd), read and written as text. */
type Day = ColumnType<string, string, string>;
type NullableDay = ColumnType<string | null, string | null | undefined, string | null>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** bigint sums and generated values: the pg driver reads int8 as text, PGlite as a number; read with Number(). */
type Int8 = ColumnType<string | number | bigint, never, never>;

export const agreementKinds = ['covenant', 'letter_of_intent', 'collaboration_agreement'] as const;
export type AgreementKind = (typeof agreementKinds)[number];
export const agreementStatuses = ['draft', 'signed', 'ended'] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];

export interface AgreementsTable {
  id: Generated<number>;
  ecosystem_id: number;
  title: string;
  kind: AgreementKind;
  status: ColumnType<AgreementStatus, AgreementStatus | undefined, AgreementStatus>;
  starts_on: Day;
  ends_on: NullableDay;
  reminder_days: ColumnType<number, number | undefined, number>;
  reminder_sent_at: NullableTimestamp;
  document_url: ColumnType<string | null, string | null | undefined, string | null>;
  notes: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AgreementDocumentsTable {
  agreement_id: number;
  ecosystem_id: number;
  file_name: string;
  content_type: 'application/pdf';
  size_bytes: number;
  content: ColumnType<Uint8Array, Buffer, Buffer>;
  uploaded_at: Timestamp;
  uploaded_by: number | null;
}

export interface AgreementSignatoriesTable {
  id: Generated<number>;
  ecosystem_id: number;
  agreement_id: number;
  organisation_id: number;
  person_name: string;
  person_function: ColumnType<string, string | undefined, string>;
  signed_on: NullableDay;
  created_at: Timestamp;
}

export interface GrantsTable {
  id: Generated<number>;
  ecosystem_id: number;
  name: string;
  starts_on: Day;
  ends_on: Day;
  cofinancing_part: ColumnType<number, number | undefined, number>;
  grant_part: ColumnType<number, number | undefined, number>;
  awarded_cents: ColumnType<number | null, number | null | undefined, number | null>;
  notes: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GrantRatesTable {
  ecosystem_id: number;
  grant_id: number;
  school_type: SchoolType;
  rate_cents: number;
}

export const budgetCategories = ['teacher_release', 'external_expertise', 'activities', 'coordination', 'communication', 'other'] as const;
export type BudgetCategory = (typeof budgetCategories)[number];

export interface BudgetLinesTable {
  id: Generated<number>;
  ecosystem_id: number;
  grant_id: number;
  category: BudgetCategory;
  name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BudgetLineAmountsTable {
  ecosystem_id: number;
  budget_line_id: number;
  year: number;
  planned_cents: number;
}

export const contributionStages = ['commitment', 'realisation'] as const;
export type ContributionStage = (typeof contributionStages)[number];
export const contributionKinds = ['cash', 'hours', 'facilities', 'expertise'] as const;
export type ContributionKind = (typeof contributionKinds)[number];

/** Money or time: an amount, or hours × hourly rate (never both). */
interface Valued {
  amount_cents: ColumnType<number | null, number | null | undefined, number | null>;
  hours_hundredths: ColumnType<number | null, number | null | undefined, number | null>;
  hourly_rate_cents: ColumnType<number | null, number | null | undefined, number | null>;
  /** The amount, or hours × rate rounded half up to the cent (a generated column). */
  value_cents: Int8;
}

export interface ContributionsTable extends Valued {
  id: Generated<number>;
  ecosystem_id: number;
  organisation_id: number;
  agreement_id: number | null;
  grant_id: number | null;
  stage: ContributionStage;
  kind: ContributionKind;
  description: ColumnType<string, string | undefined, string>;
  dated_on: NullableDay;
  confirmed_at: NullableTimestamp;
  confirmed_by: ColumnType<number | null, number | null | undefined, number | null>;
  confirmed_by_name: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ExpensesTable extends Valued {
  id: Generated<number>;
  ecosystem_id: number;
  budget_line_id: number;
  spent_on: Day;
  description: string;
  organisation_id: number | null;
  reference: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type Agreement = Selectable<AgreementsTable>;
export type AgreementSignatory = Selectable<AgreementSignatoriesTable>;
export type Grant = Selectable<GrantsTable>;
export type BudgetLine = Selectable<BudgetLinesTable>;
export type Contribution = Selectable<ContributionsTable>;
export type Expense = Selectable<ExpensesTable>;


/** The network module's tables. Each part (schools, network people and roles, agreements, finance) adds its own. */
export interface NetworkDB {
  schools: SchoolsTable;
  network_partners: NetworkPartnersTable;
  network_people: NetworkPeopleTable;
  network_roles: NetworkRolesTable;
  school_import_uploads: SchoolImportUploadsTable;
  // agreements and finance
  agreements: AgreementsTable;
  agreement_documents: AgreementDocumentsTable;
  agreement_signatories: AgreementSignatoriesTable;
  grants: GrantsTable;
  grant_rates: GrantRatesTable;
  budget_lines: BudgetLinesTable;
  budget_line_amounts: BudgetLineAmountsTable;
  contributions: ContributionsTable;
  expenses: ExpensesTable;
}
