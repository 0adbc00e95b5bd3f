import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../../core/context.js';
import type { ManageLink } from '../../../core/modules.js';
import { canPasses, mayPassesSomewhere } from '../policies.js';
import { lookupPath } from '../views/pass-lookup-page.js';
import { participationsPath } from '../views/participation-list-page.js';
import { parentPages } from './parent-pages.js';
import { participationListPages } from './participation-list-pages.js';
import { passLookupPages } from './pass-lookup-pages.js';

/** The parents' pages, the coordinator's look-up of one pass and the list of check-ins. */
export async function passPrivacyRoutes(app: FastifyInstance): Promise<void> {
  await app.register(parentPages);
  await app.register(passLookupPages);
  await app.register(participationListPages);
}

/** The management pages of this part of the passes module that the actor may open. */
export function passPrivacyManageLinks(actor: Actor, ecosystemId: number): ManageLink[] {
  const links: ManageLink[] = [];
  if (canPasses(actor, 'passes.read', { ecosystemId })) links.push({ path: lookupPath, label: 'manage.passLookup', description: 'manage.passLookup.description' });
  if (mayPassesSomewhere(actor, 'participations.read', ecosystemId)) {
    links.push({ path: participationsPath, label: 'manage.participations', description: 'manage.participations.description' });
  }
  return links;
}
