import type { AppModule } from '../../core/modules.js';
import { canManage } from '../accounts/policies.js';
import { ecosystemGlobalRoutes, ecosystemTenantRoutes } from './routes/routes.js';
import { settingsPages } from './routes/settings-pages.js';

/** Ecosystems (tenants): their list, their neighbourhoods, and the platform's front page. */
export const ecosystemsModule: AppModule = {
  id: 'ecosystems',
  globalRoutes: ecosystemGlobalRoutes,
  async tenantRoutes(app) {
    await app.register(ecosystemTenantRoutes);
    await app.register(settingsPages);
  },
  manageLinks: (actor, ecosystemId) =>
    canManage(actor, 'settings.manage', ecosystemId) ? [{ path: '/beheer/instellingen', label: 'manage.settings', description: 'manage.settings.description' }] : [],
};
