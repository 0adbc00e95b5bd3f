import type { AppModule } from '../../core/modules.js';
import { badgePages } from './routes/badge-pages.js';
import { passesHousekeeping } from './commands/pass-privacy-retention.js';
import { passPrivacyManageLinks, passPrivacyRoutes } from './routes/pass-privacy-routes.js';

/**
 * The child's pass (kinderpas): issuing passes, check-ins at activities, the
 * child's path page with next steps, curated learning paths and Open Badges 3.0.
 */
export const passesModule: AppModule = {
  id: 'passes',
  tenantRoutes: async (app) => {
    await app.register(badgePages);
    await app.register(passPrivacyRoutes);
  },
  housekeeping: passesHousekeeping,
  manageLinks: (actor, ecosystemId) => [...passPrivacyManageLinks(actor, ecosystemId)],
};
