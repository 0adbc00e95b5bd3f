import type { AppModule } from '../../core/modules.js';
import { catalogueAdminPages } from './routes/admin.js';
import { catalogueApi } from './routes/api.js';
import { cataloguePages } from './routes/pages.js';

/** The offer: organisations, locations, themes, activities, sessions and next steps; the public wegwijzer. */
export const catalogueModule: AppModule = {
  id: 'catalogue',
  async tenantRoutes(app) {
    await app.register(catalogueApi);
    await app.register(cataloguePages);
    await app.register(catalogueAdminPages);
  },
};
