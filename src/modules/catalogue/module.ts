import type { AppModule, ManageLink } from '../../core/modules.js';
import { offerExchangeApi } from './exchange/routes/api.js';
import { offerExchangePages } from './exchange/routes/pages.js';
import { can } from './policies.js';
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
    // Offer import and export as spreadsheets (CSV, XLSX): its own plugins, so its body parsers stay inside.
    await app.register(offerExchangePages);
    await app.register(offerExchangeApi);
  },
  manageLinks(actor, ecosystemId) {
    const links: ManageLink[] = [];
    if (can(actor, 'activity.publish', { ecosystemId })) links.push({ path: '/beheer/beoordelen', label: 'manage.review', description: 'manage.review.description' });
    // A partner editor imports for their own organisations; a coordinator for all of them.
    const own = actor.kind === 'user' ? actor.memberships.filter((m) => m.ecosystemId === ecosystemId && m.role === 'partner_editor').flatMap((m) => m.organisationIds) : [];
    if (can(actor, 'offer.export', { ecosystemId }) || own.some((organisationId) => can(actor, 'offer.import', { ecosystemId, organisationId }))) {
      links.push({ path: '/beheer/aanbod/importeren', label: 'manage.exchange', description: 'manage.exchange.description' });
    }
    return links;
  },
};
