import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface OrganisationsTable {
  id: Generated<number>;
  ecosystem_id: number;
  name: string;
  sector: string;
  description: Defaulted<string>;
  website: string | null;
  email: string | null;
  phone: string | null;
  status: Defaulted<'active' | 'archived'>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LocationsTable {
  id: Generated<number>;
  ecosystem_id: number;
  organisation_id: number;
  name: string;
  street: Defaulted<string>;
  postcode: Defaulted<string>;
  city: Defaulted<string>;
  lat: number;
  lng: number;
  neighbourhood_id: number | null;
  is_school: Defaulted<boolean>;
  status: Defaulted<'active' | 'archived'>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ThemesTable {
  id: Generated<number>;
  ecosystem_id: number;
  slug: string;
  name: string;
  description: Defaulted<string>;
  position: Defaulted<number>;
  status: Defaulted<'active' | 'archived'>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type ActivityStatus = 'draft' | 'submitted' | 'returned' | 'published' | 'archived';

export interface ActivitiesTable {
  id: Generated<number>;
  ecosystem_id: number;
  organisation_id: number;
  title: string;
  summary: Defaulted<string>;
  description: Defaulted<string>;
  format: string;
  setting: 'in_school' | 'out_of_school' | 'both';
  min_age: number;
  max_age: number;
  school_groups: TextArray;
  level: 'introduction' | 'deepening' | 'advanced';
  price_cents: Defaulted<number>;
  price_note: Defaulted<string>;
  reductions: Defaulted<string>;
  accessibility: TextArray;
  languages: TextArray;
  location_id: number | null;
  online: Defaulted<boolean>;
  registration_mode: 'walk_in' | 'sign_up' | 'lottery' | 'through_school';
  curriculum_goals: TextArray;
  status: Defaulted<ActivityStatus>;
  last_session_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  archived_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  submitted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The coordinator's comment when returning an activity to its partner. */
  review_comment: Defaulted<string>;
  /** The partner's own code for the activity ("Eigen id" in spreadsheets), unique per organisation; null if never given. */
  external_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
  search_vector: ColumnType<string, never, never>;
}

export interface ActivityThemesTable {
  ecosystem_id: number;
  activity_id: number;
  theme_id: number;
}

export interface ActivityCoProvidersTable {
  ecosystem_id: number;
  activity_id: number;
  organisation_id: number;
}

export interface SessionsTable {
  id: Generated<number>;
  ecosystem_id: number;
  activity_id: number;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: ColumnType<Date, Date | string, Date | string>;
  capacity: number | null;
  location_id: number | null;
  status: Defaulted<'scheduled' | 'cancelled'>;
  note: Defaulted<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NextStepsTable {
  id: Generated<number>;
  ecosystem_id: number;
  from_activity_id: number;
  to_activity_id: number;
  kind: 'deepen' | 'broaden' | 'on_ramp';
  reason: string;
  position: Defaulted<number>;
  created_at: Timestamp;
}

/** An uploaded offer file between its preview and its confirmation (see `exchange/`). */
export interface OfferImportUploadsTable {
  /** SHA-256 of the token in the preview's address. */
  id: string;
  ecosystem_id: number;
  /** Who uploaded it; null for the API token. Only they may confirm it. */
  user_id: number | null;
  /** The organisation chosen for rows without "Aanbieder"; null if none was chosen. */
  organisation_id: number | null;
  file_name: Defaulted<string>;
  /** The cells as read from the file: `{ headers, rows }`, all text. */
  sheet: ColumnType<{ headers: string[]; rows: string[][] }, string, string>;
  created_at: Timestamp;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

export type Organisation = Selectable<OrganisationsTable>;
export type Location = Selectable<LocationsTable>;
export type Theme = Selectable<ThemesTable>;
export type Activity = Selectable<ActivitiesTable>;
export type NewActivity = Insertable<ActivitiesTable>;
export type Session = Selectable<SessionsTable>;
export type NextStep = Selectable<NextStepsTable>;

export interface CatalogueDB {
  organisations: OrganisationsTable;
  locations: LocationsTable;
  themes: ThemesTable;
  activities: ActivitiesTable;
  activity_themes: ActivityThemesTable;
  activity_co_providers: ActivityCoProvidersTable;
  sessions: SessionsTable;
  next_steps: NextStepsTable;
  offer_import_uploads: OfferImportUploadsTable;
}
