import type { Kysely } from 'kysely';
import type { Role } from '../../../core/context.js';
import type { DB } from '../../../db/schema.js';

export interface PersonRole {
  membershipId: number;
  userId: number;
  name: string;
  email: string;
  role: Role;
  /** Names of the organisations (partner editors) or school locations (school contacts) the role is bound to. */
  scope: string[];
  lastSignInAt: Date | null;
}

export interface PendingInvitation {
  id: number;
  email: string;
  role: Role;
  scope: string[];
  createdAt: Date;
  expiresAt: Date;
}

/** Everyone with a role in the ecosystem, by name, with what their role is bound to. */
export async function listPeople(db: Kysely<DB>, ecosystemId: number): Promise<PersonRole[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.id', 'm.user_id', 'm.role', 'u.name', 'u.email', 'u.last_sign_in_at'])
    .where('m.ecosystem_id', '=', ecosystemId)
    .orderBy('u.name')
    .orderBy('u.email')
    .orderBy('m.role')
    .execute();
  const ids = rows.map((r) => r.id);
  const organisations = ids.length
    ? await db
        .selectFrom('membership_organisations as mo')
        .innerJoin('organisations as o', (j) => j.onRef('o.id', '=', 'mo.organisation_id').onRef('o.ecosystem_id', '=', 'mo.ecosystem_id'))
        .select(['mo.membership_id', 'o.name'])
        .where('mo.ecosystem_id', '=', ecosystemId)
        .where('mo.membership_id', 'in', ids)
        .orderBy('o.name')
        .execute()
    : [];
  const locations = ids.length
    ? await db
        .selectFrom('membership_locations as ml')
        .innerJoin('locations as l', (j) => j.onRef('l.id', '=', 'ml.location_id').onRef('l.ecosystem_id', '=', 'ml.ecosystem_id'))
        .select(['ml.membership_id', 'l.name'])
        .where('ml.ecosystem_id', '=', ecosystemId)
        .where('ml.membership_id', 'in', ids)
        .orderBy('l.name')
        .execute()
    : [];
  return rows.map((r) => ({
    membershipId: r.id,
    userId: r.user_id,
    name: r.name,
    email: r.email,
    role: r.role,
    scope: [...organisations.filter((o) => o.membership_id === r.id), ...locations.filter((l) => l.membership_id === r.id)].map((x) => x.name),
    lastSignInAt: r.last_sign_in_at,
  }));
}

/** Invitations sent and not yet accepted, revoked or expired. */
export async function listPendingInvitations(db: Kysely<DB>, ecosystemId: number, now: Date = new Date()): Promise<PendingInvitation[]> {
  const rows = await db
    .selectFrom('invitations')
    .select(['id', 'email', 'role', 'organisation_ids', 'location_ids', 'created_at', 'expires_at'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
  const orgIds = [...new Set(rows.flatMap((r) => r.organisation_ids))];
  const locIds = [...new Set(rows.flatMap((r) => r.location_ids))];
  const orgs = orgIds.length ? await db.selectFrom('organisations').select(['id', 'name']).where('ecosystem_id', '=', ecosystemId).where('id', 'in', orgIds).execute() : [];
  const locs = locIds.length ? await db.selectFrom('locations').select(['id', 'name']).where('ecosystem_id', '=', ecosystemId).where('id', 'in', locIds).execute() : [];
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    scope: [...r.organisation_ids.map((id) => orgs.find((o) => o.id === id)?.name ?? ''), ...r.location_ids.map((id) => locs.find((l) => l.id === id)?.name ?? '')].filter(Boolean),
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  }));
}

/** What an invitation can bind a role to: the ecosystem's organisations and its school locations. */
export async function invitationChoices(db: Kysely<DB>, ecosystemId: number) {
  const [organisations, schools] = await Promise.all([
    db.selectFrom('organisations').select(['id', 'name']).where('ecosystem_id', '=', ecosystemId).where('status', '=', 'active').orderBy('name').execute(),
    db
      .selectFrom('locations')
      .select(['id', 'name', 'city'])
      .where('ecosystem_id', '=', ecosystemId)
      .where('is_school', '=', true)
      .where('status', '=', 'active')
      .orderBy('name')
      .execute(),
  ]);
  return { organisations, schools };
}
