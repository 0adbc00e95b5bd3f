import type { Actor, Membership } from '../../core/context.js';
import { errors } from '../../core/errors.js';

/** What can be done with the catalogue. Reading the published offer needs no permission at all. */
export type CatalogueAction =
  | 'catalogue.readUnpublished'
  | 'activity.create'
  | 'activity.update'
  | 'activity.archive'
  | 'activity.submit'
  | 'activity.publish'
  | 'activity.return'
  | 'organisation.create'
  | 'organisation.update'
  | 'organisation.archive'
  | 'location.create'
  | 'location.update'
  | 'location.archive'
  | 'theme.manage'
  /** Import a spreadsheet of activities into an organisation's offer (`exchange/`). */
  | 'offer.import'
  /** Download an organisation's offer, or without an organisation the whole ecosystem's, as a spreadsheet. */
  | 'offer.export';

export const catalogueActions: readonly CatalogueAction[] = [
  'catalogue.readUnpublished', 'activity.create', 'activity.update', 'activity.archive', 'activity.submit', 'activity.publish', 'activity.return',
  'organisation.create', 'organisation.update', 'organisation.archive', 'location.create', 'location.update', 'location.archive', 'theme.manage',
  'offer.import', 'offer.export',
];

/** Where the action happens: always an ecosystem, and the organisation whose offer it touches, when there is one. */
export interface CatalogueScope {
  ecosystemId: number;
  organisationId?: number | undefined;
}

// A partner editor keeps its own organisations' offer up to date and sends it
// for review; publishing is the coordinator's. Deny unless a rule allows.
const partnerEditorActions: readonly CatalogueAction[] = [
  'catalogue.readUnpublished', 'activity.create', 'activity.update', 'activity.archive', 'activity.submit',
  'organisation.update', 'location.create', 'location.update', 'location.archive', 'offer.import', 'offer.export',
];

function allowedBy(membership: Membership, action: CatalogueAction, scope: CatalogueScope): boolean {
  switch (membership.role) {
    case 'coordinator':
      return true;
    case 'viewer':
      // Steering group, funders and the municipality read everything, change nothing.
      return action === 'catalogue.readUnpublished';
    case 'partner_editor':
      return (
        partnerEditorActions.includes(action) &&
        scope.organisationId !== undefined &&
        membership.organisationIds.includes(scope.organisationId)
      );
    case 'school_contact':
      return false;
  }
  return false;
}

export function can(actor: Actor, action: CatalogueAction, scope: CatalogueScope): boolean {
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

/** Throws the error that fits: 401 for someone not signed in, 403 for someone who is but may not. */
export function authorize(actor: Actor, action: CatalogueAction, scope: CatalogueScope): void {
  if (can(actor, action, scope)) return;
  throw actor.kind === 'anonymous' ? errors.unauthenticated() : errors.forbidden();
}

/** Organisations whose unpublished offer this actor may see in the ecosystem: 'all', or a list. */
export function readableOrganisations(actor: Actor, ecosystemId: number): 'all' | number[] {
  if (can(actor, 'catalogue.readUnpublished', { ecosystemId })) return 'all';
  if (actor.kind !== 'user') return [];
  return actor.memberships.filter((m) => m.ecosystemId === ecosystemId && m.role === 'partner_editor').flatMap((m) => m.organisationIds);
}

/** A published activity is for everyone; an unpublished one only for those who may read its organisation's drafts. */
export function canSeeActivity(actor: Actor, activity: { ecosystem_id: number; organisation_id: number; status: string }): boolean {
  return activity.status === 'published' || can(actor, 'catalogue.readUnpublished', { ecosystemId: activity.ecosystem_id, organisationId: activity.organisation_id });
}

/**
 * Organisations in the ecosystem on which the actor may take the action:
 * 'all' (coordinators, administrators) or the partner editor's own list.
 */
export function organisationsWhere(actor: Actor, action: CatalogueAction, ecosystemId: number): 'all' | number[] {
  if (can(actor, action, { ecosystemId })) return 'all';
  if (actor.kind !== 'user') return [];
  const own = actor.memberships.filter((m) => m.ecosystemId === ecosystemId && m.role === 'partner_editor').flatMap((m) => m.organisationIds);
  return [...new Set(own)].filter((organisationId) => can(actor, action, { ecosystemId, organisationId }));
}

/** The management areas of the catalogue, in menu order. */
export type ManageArea = 'offer' | 'organisations' | 'themes' | 'review';

/**
 * Which management pages this actor may open in the ecosystem; the account
 * page and the management menu show exactly these links.
 */
export function manageAreas(actor: Actor, ecosystemId: number): ManageArea[] {
  const some = (action: CatalogueAction) => {
    const orgs = organisationsWhere(actor, action, ecosystemId);
    return orgs === 'all' || orgs.length > 0;
  };
  const areas: ManageArea[] = [];
  if (some('activity.update')) areas.push('offer');
  if (some('organisation.update')) areas.push('organisations');
  if (can(actor, 'theme.manage', { ecosystemId })) areas.push('themes');
  if (can(actor, 'activity.publish', { ecosystemId })) areas.push('review');
  return areas;
}
