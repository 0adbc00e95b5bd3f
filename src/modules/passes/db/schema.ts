import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export type ConsentPurpose = 'path_page' | 'badges' | 'email' | 'monitoring';
export const consentPurposes: readonly ConsentPurpose[] = ['path_page', 'badges', 'email', 'monitoring'];
export type ConsentGiver = 'parent' | 'guardian' | 'school' | 'self';
export type Gender = 'girl' | 'boy' | 'other';

export interface PassBatchesTable {
  id: Generated<number>;
  ecosystem_id: number;
  /** The school location the class belongs to, when issued for a class. */
  school_location_id: number | null;
  /** What the teacher calls the group, e.g. "groep 6b". */
  label: string;
  size: number;
  created_by: number | null;
  created_at: Timestamp;
}

export interface PassesTable {
  id: Generated<number>;
  ecosystem_id: number;
  /** Normalised code: 17 Crockford base32 characters, the last a check character (see pass-code.ts). */
  code: string;
  secret_hash: string;
  link_token_hash: ColumnType<string | null, string | null | undefined, string | null>;
  /** SHA-256 of the one-time token of the parents' request form that made this pass (see its migration). */
  request_token_hash: ColumnType<string | null, string | null | undefined, string | null>;
  subject_key: Generated<string>;
  batch_id: number | null;
  issued_via: 'class' | 'parent' | 'staff';
  nickname: ColumnType<string | null, string | null | undefined, string | null>;
  birth_year: ColumnType<number | null, number | null | undefined, number | null>;
  postcode: ColumnType<string | null, string | null | undefined, string | null>;
  neighbourhood_id: ColumnType<number | null, number | null | undefined, number | null>;
  school_location_id: ColumnType<number | null, number | null | undefined, number | null>;
  gender: ColumnType<Gender | null, Gender | null | undefined, Gender | null>;
  contact_email: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  last_active_at: Timestamp;
}

export interface PassConsentsTable {
  id: Generated<string>;
  ecosystem_id: number;
  pass_id: number;
  purpose: ConsentPurpose;
  granted: boolean;
  given_by: ConsentGiver;
  given_by_name: Defaulted<string>;
  recorded_by: number | null;
  recorded_at: Timestamp;
}

export interface ParticipationsTable {
  id: Generated<string>;
  ecosystem_id: number;
  pass_id: number | null;
  subject_key: string;
  session_id: number;
  activity_id: number;
  organisation_id: number;
  device_scan_id: string;
  scanned_at: ColumnType<Date, Date | string, Date | string>;
  recorded_at: Timestamp;
  scanned_by: number | null;
  neighbourhood_id: number | null;
  age: number | null;
}

export interface LearningPathsTable {
  id: Generated<number>;
  ecosystem_id: number;
  slug: string;
  title: string;
  description: Defaulted<string>;
  theme_id: number | null;
  ordered: Defaulted<boolean>;
  status: Defaulted<'draft' | 'published' | 'archived'>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LearningPathStepsTable {
  ecosystem_id: number;
  learning_path_id: number;
  activity_id: number;
  position: number;
}

export interface AchievementsTable {
  id: Generated<number>;
  ecosystem_id: number;
  kind: 'activity' | 'learning_path';
  activity_id: number | null;
  learning_path_id: number | null;
  name: string;
  description: Defaulted<string>;
  criteria: Defaulted<string>;
  status: Defaulted<'active' | 'archived'>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BadgeAwardsTable {
  id: Generated<string>;
  ecosystem_id: number;
  pass_id: number | null;
  achievement_id: number;
  participation_id: string | null;
  issued_at: Timestamp;
  /** The signed credential as issued (JSON); null once the pass is deleted. */
  credential: ColumnType<unknown | null, string | null | undefined, string | null>;
  revoked_at: NullableTimestamp;
}

export interface IssuerKeysTable {
  ecosystem_id: number;
  kid: string;
  public_jwk: ColumnType<Record<string, unknown>, string, string>;
  private_jwk: ColumnType<Record<string, unknown>, string, string>;
  created_at: Timestamp;
  retired_at: NullableTimestamp;
}

/** A parent's short session on one pass, opened with its code and secret (see the migration). */
export interface PassParentSessionsTable {
  token_hash: string;
  ecosystem_id: number;
  pass_id: number;
  created_at: Timestamp;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

/** An open path page: a short-lived session for one pass, started with its code and secret. */
export interface PassPageSessionsTable {
  /** SHA-256 of the token in the browser's cookie. */
  token_hash: string;
  ecosystem_id: number;
  pass_id: number;
  created_at: Timestamp;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

/** A class's cards waiting to be downloaded, sealed under a key only the issuing browser holds (see the migration). */
export interface PassCardSheetsTable {
  id: Generated<number>;
  ecosystem_id: number;
  batch_id: number;
  created_by: number;
  sealed: string;
  created_at: Timestamp;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

export type Pass = Selectable<PassesTable>;
export type PassBatch = Selectable<PassBatchesTable>;
export type Participation = Selectable<ParticipationsTable>;
export type LearningPath = Selectable<LearningPathsTable>;
export type Achievement = Selectable<AchievementsTable>;
export type BadgeAward = Selectable<BadgeAwardsTable>;

export interface PassesDB {
  pass_batches: PassBatchesTable;
  passes: PassesTable;
  pass_consents: PassConsentsTable;
  participations: ParticipationsTable;
  learning_paths: LearningPathsTable;
  learning_path_steps: LearningPathStepsTable;
  achievements: AchievementsTable;
  badge_awards: BadgeAwardsTable;
  issuer_keys: IssuerKeysTable;
  pass_parent_sessions: PassParentSessionsTable;
  pass_card_sheets: PassCardSheetsTable;
  pass_page_sessions: PassPageSessionsTable;
}
