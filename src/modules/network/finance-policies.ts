import type { Actor, Membership } from '../../core/context.js';
import { errors } from '../../core/errors.js';

/**
 * What can be done with agreements and finance. Reading is split in two: the
 * whole picture (every partner, the grant, the budget) and one organisation's
 * own part (its agreements, its contributions).
 */
export type FinanceAction =
  /** See an agreement; partners only those their organisation is party to (signatory or contributor). */
  | 'agreement.read'
  /** Create, change and delete agreements, their signatories and documents. */
  | 'agreement.manage'
  /** See the grant, the budget, every partner's contributions, the expenses and the co-financing. */
  | 'finance.read'
  /** Create, change and delete grants, budget lines, contributions and expenses. */
  | 'finance.manage'
  /** Download the finance spreadsheets for the project administration. */
  | 'finance.export'
  /** See one organisation's contributions. */
  | 'contribution.read'
  /** Confirm a contribution of one's own organisation ("yes, we committed / delivered this"). */
  | 'contribution.confirm';

export const financeActions: readonly FinanceAction[] = [
  'agreement.read', 'agreement.manage', 'finance.read', 'finance.manage', 'finance.export', 'contribution.read', 'contribution.confirm',
];

/** Where the action happens: the ecosystem, and the organisations the row concerns (an agreement's parties, a contribution's partner). */
export interface FinanceScope {
  ecosystemId: number;
  organisationIds?: readonly number[] | undefined;
}

// Coordinators run the finances; the steering group and funders (viewers)
// read everything and change nothing; a partner editor sees its own
// organisation's part and confirms it. Everyone else: deny.
const wholePicture: readonly FinanceAction[] = ['agreement.read', 'finance.read', 'finance.export', 'contribution.read'];
const ownPart: readonly FinanceAction[] = ['agreement.read', 'contribution.read', 'contribution.confirm'];

function allowedBy(membership: Membership, action: FinanceAction, scope: FinanceScope): boolean {
  switch (membership.role) {
    case 'coordinator':
      // A confirmation is the partner's own word; a coordinator cannot give it for them.
      return action !== 'contribution.confirm';
    case 'viewer':
      return wholePicture.includes(action);
    case 'partner_editor':
      return ownPart.includes(action) && (scope.organisationIds ?? []).some((id) => membership.organisationIds.includes(id));
    case 'school_contact':
      return false;
  }
  return false;
}

export function canFinance(actor: Actor, action: FinanceAction, scope: FinanceScope): boolean {
  switch (actor.kind) {
    case 'anonymous':
      return false;
    case 'admin':
      // The API key and platform administrators may do everything except speak for a partner.
      return action !== 'contribution.confirm';
    case 'user':
      if (actor.platformAdmin && action !== 'contribution.confirm') return true;
      return actor.memberships.some((m) => m.ecosystemId === scope.ecosystemId && allowedBy(m, action, scope));
  }
  return false;
}

/** Throws the error that fits: 401 for someone not signed in, 403 for someone who is but may not. */
export function authorizeFinance(actor: Actor, action: FinanceAction, scope: FinanceScope): void {
  if (canFinance(actor, action, scope)) return;
  throw actor.kind === 'anonymous' ? errors.unauthenticated() : errors.forbidden();
}

/** The organisations whose own part this person sees as a partner editor in the ecosystem. */
export function ownOrganisations(actor: Actor, ecosystemId: number): number[] {
  if (actor.kind !== 'user') return [];
  return [...new Set(actor.memberships.filter((m) => m.ecosystemId === ecosystemId && m.role === 'partner_editor').flatMap((m) => m.organisationIds))];
}

/**
 * Which organisations' rows this person may see for a reading action:
 * 'all' for those who see the whole picture, otherwise their own list (maybe empty).
 */
export function readableFor(actor: Actor, action: 'agreement.read' | 'contribution.read', ecosystemId: number): 'all' | number[] {
  if (canFinance(actor, 'finance.read', { ecosystemId })) return 'all';
  return ownOrganisations(actor, ecosystemId).filter((id) => canFinance(actor, action, { ecosystemId, organisationIds: [id] }));
}
