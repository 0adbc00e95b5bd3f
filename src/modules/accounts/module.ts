import type { AppModule, ManageLink } from '../../core/modules.js';
import { accountsHousekeeping } from './commands/housekeeping.js';
import { canManage } from './policies.js';
import { linkPages } from './routes/link-pages.js';
import { managePages } from './routes/manage-pages.js';
import { accountPages } from './routes/pages.js';

/** People, their roles per ecosystem, invitations, and signing in and out. */
export const accountsModule: AppModule = {
  id: 'accounts',
  async globalRoutes(app) {
    await app.register(accountPages);
    await app.register(linkPages);
  },
  tenantRoutes: managePages,
  housekeeping: accountsHousekeeping,
  manageLinks(actor, ecosystemId) {
    const links: ManageLink[] = [];
    if (canManage(actor, 'people.read', ecosystemId)) links.push({ path: '/beheer/mensen', label: 'manage.people', description: 'manage.people.description' });
    return links;
  },
};
