import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Role } from '../../../core/context.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type IntArray = ColumnType<number[], number[] | undefined, number[]>;

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: ColumnType<string, string | undefined, string>;
  password_hash: ColumnType<string | null, string | null | undefined, string | null>;
  platform_admin: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<'active' | 'disabled', 'active' | 'disabled' | undefined, 'active' | 'disabled'>;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_sign_in_at: NullableTimestamp;
}

export interface MembershipsTable {
  id: Generated<number>;
  ecosystem_id: number;
  user_id: number;
  role: Role;
  created_at: Timestamp;
}

export interface MembershipOrganisationsTable {
  ecosystem_id: number;
  membership_id: number;
  organisation_id: number;
}

export interface MembershipLocationsTable {
  ecosystem_id: number;
  membership_id: number;
  location_id: number;
}

export interface UserSessionsTable {
  /** SHA-256 of the token in the cookie. */
  id: string;
  user_id: number;
  csrf_secret: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  user_agent: ColumnType<string, string | undefined, string>;
}

export interface InvitationsTable {
  id: Generated<number>;
  ecosystem_id: number;
  email: string;
  role: Role;
  organisation_ids: IntArray;
  location_ids: IntArray;
  token_hash: string;
  invited_by: number | null;
  created_at: Timestamp;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  accepted_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface LoginTokensTable {
  token_hash: string;
  user_id: number;
  purpose: 'sign_in' | 'password_reset';
  created_at: Timestamp;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  used_at: NullableTimestamp;
}

export type User = Selectable<UsersTable>;
export type Invitation = Selectable<InvitationsTable>;

export interface AccountsDB {
  users: UsersTable;
  memberships: MembershipsTable;
  membership_organisations: MembershipOrganisationsTable;
  membership_locations: MembershipLocationsTable;
  user_sessions: UserSessionsTable;
  invitations: InvitationsTable;
  login_tokens: LoginTokensTable;
}
