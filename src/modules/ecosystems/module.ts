import type { AppModule } from '../../core/modules.js';
import { ecosystemGlobalRoutes, ecosystemTenantRoutes } from './routes/routes.js';

/** Ecosystems (tenants): their list, their neighbourhoods, and the platform's front page. */
export const ecosystemsModule: AppModule = {
  id: 'ecosystems',
  globalRoutes: ecosystemGlobalRoutes,
  tenantRoutes: ecosystemTenantRoutes,
};
