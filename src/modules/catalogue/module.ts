import type { AppModule, ManageLink } from '../../core/modules.js';
import { offerExchangeApi } from './exchange/routes/api.js';
import { offerExchangePages } from './exchange/routes/pages.js';
import { can, manageAreas } from './policies.js';
import { areaPath } from './views/manage-components.js';
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
    // Offer import and export as spreadsheets (CSV, XLSX): its own plugins, so its body parsers stay inside.
    await app.register(offerExchangePages);
    await app.register(offerExchangeApi);
    // Management pages of the offer: partners' own, organisations and locations, themes.
    await app.register(partnerPages);
    await app.register(organisationPages);
    await app.register(coordinatorPages);
  },
  // Uploads waiting for confirmation expire after two hours.
  housekeeping: async (tx, now) => ({
    imports: Number((await tx.db.deleteFrom('offer_import_uploads').where('expires_at', '<', now).executeTakeFirst()).numDeletedRows),
  }),
  manageLinks(actor, ecosystemId) {
    const links: ManageLink[] = manageAreas(actor, ecosystemId).map((area) => ({
      path: areaPath(area),
      label: `manage.area.${area}`,
      description: `manage.area.${area}.text`,
    }));
    // A partner editor imports for their own organisations; a coordinator for all of them.
    const own = actor.kind === 'user' ? actor.memberships.filter((m) => m.ecosystemId === ecosystemId && m.role === 'partner_editor').flatMap((m) => m.organisationIds) : [];
    if (can(actor, 'offer.export', { ecosystemId }) || own.some((organisationId) => can(actor, 'offer.import', { ecosystemId, organisationId }))) {
      links.push({ path: '/beheer/aanbod/importeren', label: 'manage.exchange', description: 'manage.exchange.description' });
    }
    return links;
  },
};
