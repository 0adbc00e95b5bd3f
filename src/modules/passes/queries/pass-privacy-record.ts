import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { ConsentGiver, ConsentPurpose, Gender } from '../db/schema.js';
import { currentConsents } from './consents.js';

/** Everything the platform holds about one pass, for its parent, for the coordinator's look-up, and for the export. */
export interface PassRecord {
  id: number;
  code: string;
  issuedVia: 'class' | 'parent' | 'staff';
  createdAt: Date;
  lastActiveAt: Date;
  hasPrivateLink: boolean;
  profile: {
    nickname: string | null;
    birthYear: number | null;
    postcode: string | null;
    neighbourhood: string | null;
    schoolLocationId: number | null;
    school: string | null;
    gender: Gender | null;
    contactEmail: string | null;
  };
  consents: Record<ConsentPurpose, boolean>;
  /** Newest first. */
  consentHistory: Array<{ purpose: ConsentPurpose; granted: boolean; givenBy: ConsentGiver; givenByName: string; recordedAt: Date; recordedByStaff: boolean }>;
  /** Newest first. */
  participations: Array<{
    scannedAt: Date;
    activityId: number;
    activity: string;
    organisation: string;
    sessionStartsAt: Date;
    sessionEndsAt: Date;
    /** The monitoring snapshot copied at the scan (only with the monitoring consent). */
    neighbourhoodId: number | null;
    age: number | null;
  }>;
  badges: Array<{ id: string; achievement: string; issuedAt: Date; revokedAt: Date | null; credential: unknown }>;
}

/** One pass of this ecosystem with everything about it, or undefined when it does not exist here. */
export async function readPassRecord(db: Kysely<DB>, ecosystemId: number, passId: number): Promise<PassRecord | undefined> {
  const pass = await db
    .selectFrom('passes as p')
    .leftJoin('neighbourhoods as n', (j) => j.onRef('n.ecosystem_id', '=', 'p.ecosystem_id').onRef('n.id', '=', 'p.neighbourhood_id'))
    .leftJoin('locations as l', (j) => j.onRef('l.ecosystem_id', '=', 'p.ecosystem_id').onRef('l.id', '=', 'p.school_location_id'))
    .select([
      'p.id', 'p.code', 'p.issued_via', 'p.created_at', 'p.last_active_at', 'p.link_token_hash', 'p.nickname', 'p.birth_year', 'p.postcode',
      'p.school_location_id', 'p.gender', 'p.contact_email', 'n.name as neighbourhood', 'l.name as school',
    ])
    .where('p.ecosystem_id', '=', ecosystemId)
    .where('p.id', '=', passId)
    .executeTakeFirst();
  if (!pass) return undefined;
  const [consents, history, participations, badges] = await Promise.all([
    currentConsents(db, passId),
    db
      .selectFrom('pass_consents')
      .select(['purpose', 'granted', 'given_by', 'given_by_name', 'recorded_at', 'recorded_by'])
      .where('ecosystem_id', '=', ecosystemId)
      .where('pass_id', '=', passId)
      .orderBy('recorded_at', 'desc')
      .orderBy('id', 'desc')
      .execute(),
    db
      .selectFrom('participations as pa')
      .innerJoin('activities as a', (j) => j.onRef('a.ecosystem_id', '=', 'pa.ecosystem_id').onRef('a.id', '=', 'pa.activity_id'))
      .innerJoin('organisations as o', (j) => j.onRef('o.ecosystem_id', '=', 'pa.ecosystem_id').onRef('o.id', '=', 'pa.organisation_id'))
      .innerJoin('sessions as s', (j) => j.onRef('s.ecosystem_id', '=', 'pa.ecosystem_id').onRef('s.id', '=', 'pa.session_id'))
      .select(['pa.scanned_at', 'a.id as activity_id', 'a.title', 'o.name as organisation', 's.starts_at', 's.ends_at', 'pa.neighbourhood_id', 'pa.age'])
      .where('pa.ecosystem_id', '=', ecosystemId)
      .where('pa.pass_id', '=', passId)
      .orderBy('pa.scanned_at', 'desc')
      .execute(),
    db
      .selectFrom('badge_awards as b')
      .innerJoin('achievements as ach', (j) => j.onRef('ach.ecosystem_id', '=', 'b.ecosystem_id').onRef('ach.id', '=', 'b.achievement_id'))
      .select(['b.id', 'ach.name', 'b.issued_at', 'b.revoked_at', 'b.credential'])
      .where('b.ecosystem_id', '=', ecosystemId)
      .where('b.pass_id', '=', passId)
      .orderBy('b.issued_at', 'desc')
      .execute(),
  ]);
  return {
    id: pass.id,
    code: pass.code,
    issuedVia: pass.issued_via,
    createdAt: pass.created_at,
    lastActiveAt: pass.last_active_at,
    hasPrivateLink: pass.link_token_hash !== null,
    profile: {
      nickname: pass.nickname,
      birthYear: pass.birth_year,
      postcode: pass.postcode,
      neighbourhood: pass.neighbourhood,
      schoolLocationId: pass.school_location_id,
      school: pass.school,
      gender: pass.gender,
      contactEmail: pass.contact_email,
    },
    consents,
    consentHistory: history.map((h) => ({
      purpose: h.purpose, granted: h.granted, givenBy: h.given_by, givenByName: h.given_by_name, recordedAt: h.recorded_at, recordedByStaff: h.recorded_by !== null,
    })),
    participations: participations.map((p) => ({
      scannedAt: p.scanned_at, activityId: p.activity_id, activity: p.title, organisation: p.organisation, sessionStartsAt: p.starts_at, sessionEndsAt: p.ends_at,
      neighbourhoodId: p.neighbourhood_id, age: p.age,
    })),
    badges: badges.map((b) => ({ id: b.id, achievement: b.name, issuedAt: b.issued_at, revokedAt: b.revoked_at, credential: b.credential })),
  };
}

/** Every time staff opened this pass (the audit log's `passes.pass.viewed`), newest first: the parent may know who looked. */
export async function staffViewsOf(db: Kysely<DB>, ecosystemId: number, passId: number): Promise<Array<{ at: Date; by: string }>> {
  const rows = await db
    .selectFrom('audit_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .select(['e.at', 'e.actor_label', 'u.name'])
    .where('e.ecosystem_id', '=', ecosystemId)
    .where('e.subject_type', '=', 'pass')
    .where('e.subject_id', '=', String(passId))
    .where('e.action', '=', 'passes.pass.viewed')
    .orderBy('e.at', 'desc')
    .limit(1000)
    .execute();
  return rows.map((r) => ({ at: r.at, by: r.name || r.actor_label }));
}

/** The active school locations of the ecosystem, by name, for the school choice. */
export async function schoolChoices(db: Kysely<DB>, ecosystemId: number): Promise<Array<{ id: number; name: string; city: string }>> {
  return db
    .selectFrom('locations')
    .select(['id', 'name', 'city'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('is_school', '=', true)
    .where('status', '=', 'active')
    .orderBy('name')
    .orderBy('id')
    .limit(2000)
    .execute();
}
