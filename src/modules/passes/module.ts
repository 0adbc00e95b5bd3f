import type { AppModule, ManageLink } from '../../core/modules.js';
import { removeExpiredSheets } from './commands/batch-sheets.js';
import { mayPassesSomewhere } from './policies.js';
import { batchPages } from './routes/batch-pages.js';
import { scanRoutes } from './routes/scan-routes.js';

/**
 * The child's pass (kinderpas): issuing passes, check-ins at activities, the
 * child's path page with next steps, curated learning paths and Open Badges 3.0.
 */
export const passesModule: AppModule = {
  id: 'passes',
  tenantRoutes: async (app) => {
    // Class passes with printable cards; the scan page, its JSON endpoint and the cards' landing page.
    await app.register(batchPages);
    await app.register(scanRoutes);
  },
  // Sealed card sheets are downloadable for half an hour.
  housekeeping: async (tx, now) => ({ cardSheets: await removeExpiredSheets(tx, now) }),
  manageLinks(actor, ecosystemId) {
    const links: ManageLink[] = [];
    if (mayPassesSomewhere(actor, 'passes.issue', ecosystemId)) links.push({ path: '/beheer/passen', label: 'batch.manage', description: 'batch.manage.description' });
    if (mayPassesSomewhere(actor, 'passes.scan', ecosystemId)) links.push({ path: '/scannen', label: 'scan.manage', description: 'scan.manage.description' });
    return links;
  },
};
