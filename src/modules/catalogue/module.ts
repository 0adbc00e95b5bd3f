import type { AppModule } from '../../core/modules.js';
import { catalogueAdminPages } from './routes/admin.js';
import { catalogueApi } from './routes/api.js';
import { coordinatorPages } from './routes/coordinator-pages.js';
import { organisationPages } from './routes/organisation-pages.js';
import { partnerPages } from './routes/partner-pages.js';
import { cataloguePages } from './routes/pages.js';

/** The offer: organisations, locations, themes, activities, sessions and next steps; the public wegwijzer. */
export const catalogueModule: AppModule = {
  id: 'catalogue',
  async tenantRoutes(app) {
    await app.register(catalogueApi);
    await app.register(cataloguePages);
    await app.register(catalogueAdminPages);
    // Management pages of the offer: partners' own, organisations and locations, themes.
    await app.register(partnerPages);
    await app.register(organisationPages);
    await app.register(coordinatorPages);
  },
};
