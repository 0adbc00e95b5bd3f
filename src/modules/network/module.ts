import type { AppModule } from '../../core/modules.js';
import { financeHousekeeping, financeManageLinks, financeRoutes } from './finance-manifest.js';

/**
 * The network (samenwerkingsverband): partners and their roles, people,
 * governance, participating schools, agreements and finance (PRODUCT.md §7, §11).
 */
export const networkModule: AppModule = {
  id: 'network',
  tenantRoutes: async (app) => {
    await app.register(financeRoutes);
  },
  // Agreements about to end: a reminder to the coordinators, once.
  housekeeping: financeHousekeeping,
  manageLinks: (actor, ecosystemId) => [...financeManageLinks(actor, ecosystemId)],
};
