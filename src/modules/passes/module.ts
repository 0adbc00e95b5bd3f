import type { AppModule, ManageLink } from '../../core/modules.js';
import { removeExpiredSheets } from './commands/batch-sheets.js';
import { passesHousekeeping } from './commands/pass-privacy-retention.js';
import { badgePages } from './routes/badge-pages.js';
import { passPrivacyManageLinks, passPrivacyRoutes } from './routes/pass-privacy-routes.js';
import { mayPassesSomewhere } from './policies.js';
import { batchPages } from './routes/batch-pages.js';
import { scanRoutes } from './routes/scan-routes.js';
import { removeExpiredPathSessions } from './commands/path-access.js';
import { learningPathPages } from './routes/learning-path-pages.js';
import { pathPages } from './routes/path-pages.js';

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
    // Open Badges: issuer, keys, badges, verification; achievements of activities.
    await app.register(badgePages);
    // Parents: a pass online, consent, export and deletion; the coordinator's look-up; partners' check-ins.
    await app.register(passPrivacyRoutes);
    // The child's path page with next steps; learning paths, public and managed.
    await app.register(pathPages);
    await app.register(learningPathPages);
  },
  // Sealed card sheets are downloadable for half an hour; parents' and path-page sessions expire; passes inactive past the retention period go.
  housekeeping: async (tx, now) => ({ cardSheets: await removeExpiredSheets(tx, now), ...(await passesHousekeeping(tx, now)), pathSessions: await removeExpiredPathSessions(tx, now) }),
  manageLinks(actor, ecosystemId) {
    const links: ManageLink[] = [];
    if (mayPassesSomewhere(actor, 'passes.issue', ecosystemId)) links.push({ path: '/beheer/passen', label: 'batch.manage', description: 'batch.manage.description' });
    if (mayPassesSomewhere(actor, 'passes.scan', ecosystemId)) links.push({ path: '/scannen', label: 'scan.manage', description: 'scan.manage.description' });
    links.push(...passPrivacyManageLinks(actor, ecosystemId));
    if (mayPassesSomewhere(actor, 'learningPaths.manage', ecosystemId)) links.push({ path: '/beheer/leerroutes', label: 'learningPaths.manage.title', description: 'learningPaths.manage.description' });
    return links;
  },
};
