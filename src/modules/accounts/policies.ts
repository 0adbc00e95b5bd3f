import type { Actor } from '../../core/context.js';
import { errors } from '../../core/errors.js';

/** What can be done with people, roles, settings and the log of an ecosystem, and with the platform's outbox. */
export type AccountsAction = 'people.read' | 'people.invite' | 'people.revoke' | 'settings.manage' | 'audit.read' | 'mail.outbox.read';

export const accountsActions: readonly AccountsAction[] = ['people.read', 'people.invite', 'people.revoke', 'settings.manage', 'audit.read', 'mail.outbox.read'];

// The coordinator runs the ecosystem; the steering group and funders (viewers)
// may see who takes part but change nothing. Everyone else: deny.
const byRole: Record<string, readonly AccountsAction[]> = {
  coordinator: ['people.read', 'people.invite', 'people.revoke', 'settings.manage', 'audit.read'],
  viewer: ['people.read'],
  partner_editor: [],
  school_contact: [],
};

/**
 * Whether the actor may do this in this ecosystem. `ecosystemId` is undefined
 * only for platform-wide things (the outbox), which only platform administrators may do.
 */
export function canManage(actor: Actor, action: AccountsAction, ecosystemId: number | undefined): boolean {
  if (actor.kind === 'admin') return true;
  if (actor.kind !== 'user') return false;
  if (actor.platformAdmin) return true;
  if (ecosystemId === undefined || action === 'mail.outbox.read') return false;
  return actor.memberships.some((m) => m.ecosystemId === ecosystemId && (byRole[m.role] ?? []).includes(action));
}

/** 401 for someone not signed in, 403 for someone who is but may not. */
export function authorizeManage(actor: Actor, action: AccountsAction, ecosystemId: number | undefined): void {
  if (canManage(actor, action, ecosystemId)) return;
  throw actor.kind === 'anonymous' ? errors.unauthenticated() : errors.forbidden();
}
