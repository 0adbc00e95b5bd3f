import type { Actor } from '../../core/context.js';
import { errors } from '../../core/errors.js';

/** What can be done with the catalogue. Reading published offer is public; the rest needs a role. */
export type CatalogueAction =
  | 'catalogue.readPublished'
  | 'catalogue.readUnpublished'
  | 'catalogue.write';

// Deny unless a rule below allows it. Accounts and roles (partner editor,
// coordinator) will add rules here; until then only the admin token writes.
const rules: Record<Actor['kind'], readonly CatalogueAction[]> = {
  anonymous: ['catalogue.readPublished'],
  admin: ['catalogue.readPublished', 'catalogue.readUnpublished', 'catalogue.write'],
  // Signed-in people: their roles add rules once accounts land; until then they read like anyone.
  user: ['catalogue.readPublished'],
};

export function can(actor: Actor, action: CatalogueAction): boolean {
  return rules[actor.kind]?.includes(action) ?? false;
}

/** Throws the error that fits: 401 for someone not signed in, 403 for someone who is but may not. */
export function authorize(actor: Actor, action: CatalogueAction): void {
  if (can(actor, action)) return;
  throw actor.kind === 'anonymous' ? errors.unauthenticated() : errors.forbidden();
}
