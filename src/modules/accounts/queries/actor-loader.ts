import { sql, type Kysely } from 'kysely';
import type { Actor, Membership } from '../../../core/context.js';
import type { DB } from '../../../db/schema.js';

export type UserActor = Extract<Actor, { kind: 'user' }>;

/**
 * Loads the signed-in person behind a session (by the hash of its token), or undefined when it has expired or gone.
 * One query with the person's roles folded in: it runs on every signed-in request, the scan endpoint's included
 * (bench:scan), where a second round trip for the roles cost as much as the check-in's own look-up.
 */
export async function loadSessionActor(db: Kysely<DB>, sessionId: string, now: Date = new Date()): Promise<(UserActor & { lastSeenAt: Date; csrfSecret: string; expiresAt: Date }) | undefined> {
  const row = await db
    .selectFrom('user_sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id as session_id', 's.csrf_secret', 's.last_seen_at', 's.expires_at', 'u.id', 'u.email', 'u.name', 'u.platform_admin'])
    .select(
      sql<Array<{ e: number; r: Membership['role']; o: number[]; l: number[] }>>`coalesce((
        select json_agg(json_build_object(
          'e', m.ecosystem_id, 'r', m.role,
          'o', array(select organisation_id from membership_organisations mo where mo.membership_id = m.id order by 1),
          'l', array(select location_id from membership_locations ml where ml.membership_id = m.id order by 1)
        ) order by m.ecosystem_id, m.role)
        from memberships m where m.user_id = u.id), '[]'::json)`.as('memberships'),
    )
    .where('s.id', '=', sessionId)
    .where('s.expires_at', '>', now)
    .where('u.status', '=', 'active')
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    kind: 'user',
    userId: row.id,
    email: row.email,
    name: row.name,
    platformAdmin: row.platform_admin,
    memberships: row.memberships.map((m) => ({ ecosystemId: m.e, role: m.r, organisationIds: m.o, locationIds: m.l })),
    sessionId: row.session_id,
    lastSeenAt: row.last_seen_at,
    csrfSecret: row.csrf_secret,
    expiresAt: row.expires_at,
  };
}

export async function loadMemberships(db: Kysely<DB>, userId: number): Promise<Membership[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .select([
      'm.ecosystem_id',
      'm.role',
      sql<number[]>`array(select organisation_id from membership_organisations mo where mo.membership_id = m.id order by 1)`.as('organisation_ids'),
      sql<number[]>`array(select location_id from membership_locations ml where ml.membership_id = m.id order by 1)`.as('location_ids'),
    ])
    .where('m.user_id', '=', userId)
    .orderBy('m.ecosystem_id')
    .orderBy('m.role')
    .execute();
  return rows.map((r) => ({ ecosystemId: r.ecosystem_id, role: r.role, organisationIds: r.organisation_ids, locationIds: r.location_ids }));
}
