import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** Where a sign-up stands; `confirmed` and `offered` hold a place, `entered` waits for a draw. */
export type SignupStatus = 'entered' | 'confirmed' | 'waiting' | 'offered' | 'cancelled' | 'expired' | 'not_drawn';
/** The statuses of a sign-up that is still going: one per pass per session. */
export const liveStatuses: readonly SignupStatus[] = ['entered', 'confirmed', 'waiting', 'offered'];
/** The statuses that hold one of the session's places. */
export const placeHoldingStatuses: readonly SignupStatus[] = ['confirmed', 'offered'];

export interface SignupSettingsTable {
  ecosystem_id: number;
  activity_id: number;
  opens_at: NullableTimestamp;
  closes_at: NullableTimestamp;
  offer_hours: Defaulted<number>;
  updated_at: Timestamp;
}

export interface SignupsTable {
  id: Generated<string>;
  ecosystem_id: number;
  session_id: number;
  activity_id: number;
  pass_id: number;
  series_key: Nullable<string>;
  family_key: Nullable<string>;
  status: SignupStatus;
  waiting_position: Nullable<number>;
  choice: Defaulted<number>;
  offer_token_hash: Nullable<string>;
  offer_expires_at: NullableTimestamp;
  contact_email: Nullable<string>;
  attendance: Nullable<'attended' | 'no_show'>;
  price_cents: Defaulted<number>;
  paid: Defaulted<boolean>;
  reduction: Nullable<'stadspas'>;
  reminder_sent_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  cancelled_at: NullableTimestamp;
}

export interface LotteryPoliciesTable {
  ecosystem_id: number;
  first_timers: Defaulted<boolean>;
  priority_ses_tier_max: Nullable<number>;
  siblings_together: Defaulted<boolean>;
  one_before_two: Defaulted<boolean>;
  season_start_month: Defaulted<number>;
  updated_at: Timestamp;
}

export interface LotteryDrawsTable {
  id: Generated<number>;
  ecosystem_id: number;
  activity_id: number;
  seed: string;
  policy: ColumnType<unknown, string, string>;
  input: ColumnType<unknown, string, string>;
  result: ColumnType<unknown, string, string>;
  drawn_by: number | null;
  drawn_at: Timestamp;
}

export type ClassBookingStatus = 'requested' | 'confirmed' | 'declined' | 'cancelled';

export interface ClassBookingsTable {
  id: Generated<number>;
  ecosystem_id: number;
  activity_id: number;
  session_id: number | null;
  school_location_id: number;
  group_label: string;
  pupils: number;
  wishes: Defaulted<string>;
  status: ClassBookingStatus;
  provider_note: Defaulted<string>;
  requested_by: number | null;
  decided_by: Nullable<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type Signup = Selectable<SignupsTable>;
export type LotteryDraw = Selectable<LotteryDrawsTable>;

export interface SignupsDB {
  signup_settings: SignupSettingsTable;
  signups: SignupsTable;
  lottery_policies: LotteryPoliciesTable;
  lottery_draws: LotteryDrawsTable;
  class_bookings: ClassBookingsTable;
}
