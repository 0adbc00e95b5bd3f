import type { Actor } from '../../core/context.js';
import { errors } from '../../core/errors.js';

/**
 * What can be done with sign-ups. Parents act through their pass's session,
 * not through a role, so they are not in this table.
 */
export type SignupAction =
  /** See a session's list of children, mark attendance and payment, cancel a session with notice. */
  | 'signups.manage'
  /** Set a lottery's window and draw it. */
  | 'lottery.draw'
  /** Set the ecosystem's lottery priorities. */
  | 'lottery.policy'
  /** Book an activity for a class of one's own school (scope: the school location). */
  | 'classBookings.request';

export interface SignupScope {
  ecosystemId: number;
  /** The organisation whose activity it is. */
  organisationId?: number | undefined;
  /** For class bookings: the school location the class belongs to. */
  schoolLocationId?: number | undefined;
}

/**
 * Deny unless a rule allows. A coordinator manages all sign-ups in the
 * ecosystem; a partner editor those of its own organisations' activities. A
 * viewer (steering group, funder) sees no child lists: they are personal data.
 */
export function can(actor: Actor, action: SignupAction, scope: SignupScope): boolean {
  if (actor.kind === 'admin') return true;
  if (actor.kind !== 'user') return false;
  if (actor.platformAdmin) return true;
  return actor.memberships.some((m) => {
    if (m.ecosystemId !== scope.ecosystemId) return false;
    if (m.role === 'coordinator') return true;
    if (action === 'classBookings.request') return m.role === 'school_contact' && scope.schoolLocationId !== undefined && m.locationIds.includes(scope.schoolLocationId);
    if (m.role === 'partner_editor' && action !== 'lottery.policy') return scope.organisationId !== undefined && m.organisationIds.includes(scope.organisationId);
    return false;
  });
}

export function authorize(actor: Actor, action: SignupAction, scope: SignupScope): void {
  if (can(actor, action, scope)) return;
  throw actor.kind === 'anonymous' ? errors.unauthenticated() : errors.forbidden();
}

/** The organisations whose sign-ups this actor manages: 'all' or a list (empty: none). */
export function managedOrganisations(actor: Actor, ecosystemId: number): 'all' | number[] {
  if (can(actor, 'signups.manage', { ecosystemId })) return 'all';
  if (actor.kind !== 'user') return [];
  const own = actor.memberships.filter((m) => m.ecosystemId === ecosystemId && m.role === 'partner_editor').flatMap((m) => m.organisationIds);
  return [...new Set(own)];
}

/** The school locations this actor books classes for: 'all' (coordinator) or a school contact's own list. */
export function bookingSchools(actor: Actor, ecosystemId: number): 'all' | number[] {
  if (can(actor, 'classBookings.request', { ecosystemId, schoolLocationId: -1 })) return 'all';
  if (actor.kind !== 'user') return [];
  return [...new Set(actor.memberships.filter((m) => m.ecosystemId === ecosystemId && m.role === 'school_contact').flatMap((m) => m.locationIds))];
}
