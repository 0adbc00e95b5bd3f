import type { Actor, Role } from '../../../core/context.js';
import { errors } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';

export interface RoleGrant {
  ecosystemId: number;
  userId: number;
  role: Role;
  /** For partner editors: the organisations whose offer they keep. */
  organisationIds?: number[];
  /** For school contacts: the school locations they act for. */
  locationIds?: number[];
}

/**
 * Gives a person a role in an ecosystem, or replaces the organisations and
 * locations of a role they already hold. The database refuses organisations
 * and locations of another ecosystem (composite keys).
 */
export async function grantRole(tx: Tx, actor: Actor | 'system', grant: RoleGrant): Promise<number> {
  if (grant.role === 'partner_editor' && (grant.organisationIds ?? []).length === 0) {
    throw errors.invalidInput([{ field: 'organisationIds', key: 'field.required' }]);
  }
  if (grant.role === 'school_contact' && (grant.locationIds ?? []).length === 0) {
    throw errors.invalidInput([{ field: 'locationIds', key: 'field.required' }]);
  }
  const membership = await tx.db
    .insertInto('memberships')
    .values({ ecosystem_id: grant.ecosystemId, user_id: grant.userId, role: grant.role })
    .onConflict((oc) => oc.columns(['ecosystem_id', 'user_id', 'role']).doUpdateSet({ role: grant.role }))
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.db.deleteFrom('membership_organisations').where('membership_id', '=', membership.id).execute();
  await tx.db.deleteFrom('membership_locations').where('membership_id', '=', membership.id).execute();
  const organisationIds = [...new Set(grant.organisationIds ?? [])];
  const locationIds = [...new Set(grant.locationIds ?? [])];
  if (organisationIds.length > 0) {
    await tx.db
      .insertInto('membership_organisations')
      .values(organisationIds.map((organisation_id) => ({ ecosystem_id: grant.ecosystemId, membership_id: membership.id, organisation_id })))
      .execute();
  }
  if (locationIds.length > 0) {
    await tx.db
      .insertInto('membership_locations')
      .values(locationIds.map((location_id) => ({ ecosystem_id: grant.ecosystemId, membership_id: membership.id, location_id })))
      .execute();
  }
  await recordAudit(tx, actor, {
    ecosystemId: grant.ecosystemId,
    action: 'accounts.role.granted',
    subjectType: 'user',
    subjectId: grant.userId,
    details: { role: grant.role, organisationIds, locationIds },
  });
  return membership.id;
}

/**
 * Takes a role away. The person keeps their account and any other roles; a
 * coordinator cannot remove their own coordinator role, so an ecosystem is
 * never left without one by accident.
 */
export async function revokeRole(tx: Tx, actor: Actor, ecosystemId: number, membershipId: number): Promise<void> {
  const membership = await tx.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['memberships.user_id', 'memberships.role', 'users.email'])
    .where('memberships.ecosystem_id', '=', ecosystemId)
    .where('memberships.id', '=', membershipId)
    .executeTakeFirst();
  if (!membership) throw errors.notFound('membership');
  if (actor.kind === 'user' && actor.userId === membership.user_id && membership.role === 'coordinator') {
    throw errors.conflict('accounts.people.ownCoordinatorRole');
  }
  await tx.db.deleteFrom('memberships').where('ecosystem_id', '=', ecosystemId).where('id', '=', membershipId).execute();
  await recordAudit(tx, actor, {
    ecosystemId,
    action: 'accounts.role.revoked',
    subjectType: 'user',
    subjectId: membership.user_id,
    details: { email: membership.email, role: membership.role },
  });
}
