import type { AppModule, ManageLink } from '../../core/modules.js';
import { financeHousekeeping, financeManageLinks, financeRoutes } from './finance-manifest.js';
import { deleteExpiredSchoolUploads } from './commands/school-import-uploads.js';
import { can, visibleOrganisations } from './network-policies.js';
import { networkPages } from './routes/network-pages.js';
import { personPages } from './routes/person-pages.js';
import { rolePages } from './routes/role-pages.js';
import { schoolImportPages } from './routes/school-import-pages.js';
import { schoolPages } from './routes/school-pages.js';

/**
 * The network (samenwerkingsverband): partners and their roles, people,
 * governance, participating schools, agreements and finance (PRODUCT.md §7, §11).
 */
export const networkModule: AppModule = {
  id: 'network',
  async tenantRoutes(app) {
    await app.register(financeRoutes);
    await app.register(networkPages);
    await app.register(personPages);
    await app.register(rolePages);
    await app.register(schoolPages);
    // Its own plugin, so its multipart body parser stays inside.
    await app.register(schoolImportPages);
  },
  // School files waiting for confirmation expire after two hours; agreements about to end get a reminder to the coordinators, once.
  housekeeping: async (tx, now, services) => ({ schoolImports: await deleteExpiredSchoolUploads(tx, now), ...(await financeHousekeeping(tx, now, services)) }),
  manageLinks(actor, ecosystemId) {
    const links: ManageLink[] = [];
    if (can(actor, 'network.read', { ecosystemId })) {
      links.push(
        { path: '/beheer/netwerk', label: 'network.nav.network', description: 'network.nav.network.description' },
        { path: '/beheer/netwerk/structuur', label: 'network.nav.governance', description: 'network.nav.governance.description' },
        { path: '/beheer/netwerk/mensen', label: 'network.nav.people', description: 'network.nav.people.description' },
      );
    } else if (visibleOrganisations(actor, ecosystemId).length > 0) {
      // A partner sees its own organisation's entry only.
      links.push({ path: '/beheer/netwerk', label: 'network.nav.own', description: 'network.nav.own.description' });
    }
    if (can(actor, 'schools.read', { ecosystemId })) {
      links.push({ path: '/beheer/netwerk/scholen', label: 'network.nav.schools', description: 'network.nav.schools.description' });
    }
    links.push(...financeManageLinks(actor, ecosystemId));
    return links;
  },
};
