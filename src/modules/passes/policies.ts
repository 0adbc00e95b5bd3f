import type { Actor, Membership } from '../../core/context.js';
import { errors } from '../../core/errors.js';

/**
 * What staff can do with passes. Children and parents act with the pass code
 * and its secret (or a private link), not through these policies.
 */
export type PassesAction =
  /** Issue a batch of passes for a class (and download its cards). */
  | 'passes.issue'
  /** Open one child's pass: profile, consent, steps. Every view is written to the audit log. */
  | 'passes.read'
  /** Record a check-in at a session of an activity of the organisation. */
  | 'passes.scan'
  /** See the check-ins at the organisation's own activities. */
  | 'participations.read'
  /** Curate learning paths and their badges. */
  | 'learningPaths.manage'
  /** Say which activities of the organisation award a badge. */
  | 'achievements.manage';

export const passesActions: readonly PassesAction[] = ['passes.issue', 'passes.read', 'passes.scan', 'participations.read', 'learningPaths.manage', 'achievements.manage'];

/** Where the action happens: an ecosystem, and the organisation or school location it touches, when there is one. */
export interface PassesScope {
  ecosystemId: number;
  /** The organisations offering the activity (the provider and co-providers). */
  organisationIds?: readonly number[];
  /** The school location a class belongs to. */
  schoolLocationId?: number | undefined;
}

function allowedBy(membership: Membership, action: PassesAction, scope: PassesScope): boolean {
  switch (membership.role) {
    case 'coordinator':
      return true;
    case 'viewer':
      // The steering group reads figures (monitoring), never a single child's data.
      return false;
    case 'partner_editor': {
      // A partner scans and sees only at its own activities (PRODUCT.md: "a partner sees only its own participants").
      const own = (scope.organisationIds ?? []).some((id) => membership.organisationIds.includes(id));
      return (action === 'passes.scan' || action === 'participations.read' || action === 'achievements.manage') && own;
    }
    case 'school_contact':
      return action === 'passes.issue' && scope.schoolLocationId !== undefined && membership.locationIds.includes(scope.schoolLocationId);
  }
  return false;
}

/** Default deny: only a rule above allows. */
export function canPasses(actor: Actor, action: PassesAction, scope: PassesScope): boolean {
  if (actor.kind === 'admin') return true;
  if (actor.kind !== 'user') return false;
  if (actor.platformAdmin) return true;
  return actor.memberships.some((m) => m.ecosystemId === scope.ecosystemId && allowedBy(m, action, scope));
}

/** 401 for someone not signed in, 403 for someone who is but may not. */
export function authorizePasses(actor: Actor, action: PassesAction, scope: PassesScope): void {
  if (canPasses(actor, action, scope)) return;
  throw actor.kind === 'anonymous' ? errors.unauthenticated() : errors.forbidden();
}

/** Whether the actor has any role in the ecosystem that lets it do the action somewhere (for menus). */
export function mayPassesSomewhere(actor: Actor, action: PassesAction, ecosystemId: number): boolean {
  if (actor.kind === 'admin') return true;
  if (actor.kind !== 'user') return false;
  if (actor.platformAdmin) return true;
  return actor.memberships.some(
    (m) => m.ecosystemId === ecosystemId && allowedBy(m, action, { ecosystemId, organisationIds: m.organisationIds, schoolLocationId: m.locationIds[0] }),
  );
}

/** Whose sessions someone scans at: every organisation's, or only these organisations'. */
export type ScanScope = 'all' | readonly number[];

/** Whose sessions someone scans at: every organisation's (coordinators) or their own organisations'. */
export function scanScope(actor: Actor, ecosystemId: number): ScanScope {
  if (canPasses(actor, 'passes.scan', { ecosystemId })) return 'all';
  if (actor.kind !== 'user') return [];
  const own = actor.memberships.filter((m) => m.ecosystemId === ecosystemId).flatMap((m) => m.organisationIds);
  return [...new Set(own)].filter((id) => canPasses(actor, 'passes.scan', { ecosystemId, organisationIds: [id] }));
}
