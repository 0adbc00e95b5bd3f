import type { Actor, Membership } from '../../core/context.js';
import { errors } from '../../core/errors.js';

/**
 * What can be done with the network: partners, contact people, roles and the
 * governance page (`network.*`), and the school locations with their import
 * (`schools.*`).
 */
export type NetworkAction =
  /** See every partner, person, role, the governance page and the domain check. */
  | 'network.read'
  /** Add, change and end partners, people and roles. */
  | 'network.manage'
  /** See one organisation's own entry: its partner status, its contacts and its roles. Needs `organisationId`. */
  | 'network.readOwn'
  /** See the school locations, their types, pupils and participation. */
  | 'schools.read'
  /** Change a school location's type, pupils, participation and neighbourhood. */
  | 'schools.manage'
  /** Import school locations from a DUO file. */
  | 'schools.import';

export const networkActions: readonly NetworkAction[] = ['network.read', 'network.manage', 'network.readOwn', 'schools.read', 'schools.manage', 'schools.import'];

/** Always an ecosystem; the organisation whose own entry is at stake, when there is one. */
export interface NetworkScope {
  ecosystemId: number;
  organisationId?: number | undefined;
}

// Coordinators run the network; the steering group, funders and the
// municipality (viewers) read everything and change nothing; a partner sees
// its own organisation's entry and nothing of the others. Deny unless a rule allows.
const byRole: Record<Membership['role'], readonly NetworkAction[]> = {
  coordinator: networkActions,
  viewer: ['network.read', 'network.readOwn', 'schools.read'],
  partner_editor: ['network.readOwn'],
  school_contact: [],
};

function allowedBy(membership: Membership, action: NetworkAction, scope: NetworkScope): boolean {
  if (!(byRole[membership.role] ?? []).includes(action)) return false;
  // A partner's right is bound to its own organisations; readers and coordinators to none.
  if (membership.role === 'partner_editor') return scope.organisationId !== undefined && membership.organisationIds.includes(scope.organisationId);
  return true;
}

export function can(actor: Actor, action: NetworkAction, scope: NetworkScope): boolean {
  switch (actor.kind) {
    case 'anonymous':
      return false;
    case 'admin':
      return true;
    case 'user':
      if (actor.platformAdmin) return true;
      return actor.memberships.some((m) => m.ecosystemId === scope.ecosystemId && allowedBy(m, action, scope));
  }
  return false;
}

/** 401 for someone not signed in, 403 for someone who is but may not. */
export function authorize(actor: Actor, action: NetworkAction, scope: NetworkScope): void {
  if (can(actor, action, scope)) return;
  throw actor.kind === 'anonymous' ? errors.unauthenticated() : errors.forbidden();
}

/** The organisations whose own entry this actor may see: 'all' for readers, else the partner editor's own. */
export function visibleOrganisations(actor: Actor, ecosystemId: number): 'all' | number[] {
  if (can(actor, 'network.read', { ecosystemId })) return 'all';
  if (actor.kind !== 'user') return [];
  const own = actor.memberships.filter((m) => m.ecosystemId === ecosystemId && m.role === 'partner_editor').flatMap((m) => m.organisationIds);
  return [...new Set(own)].filter((organisationId) => can(actor, 'network.readOwn', { ecosystemId, organisationId }));
}
