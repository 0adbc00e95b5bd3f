import type { AppModule } from '../../core/modules.js';
import { removeExpiredPathSessions } from './commands/path-access.js';
import { mayPassesSomewhere } from './policies.js';
import { learningPathPages } from './routes/learning-path-pages.js';
import { pathPages } from './routes/path-pages.js';

/**
 * The child's pass (kinderpas): issuing passes, check-ins at activities, the
 * child's path page with next steps, curated learning paths and Open Badges 3.0.
 */
export const passesModule: AppModule = {
  id: 'passes',
  tenantRoutes: async (app) => {
    await app.register(pathPages);
    await app.register(learningPathPages);
  },
  housekeeping: async (tx, now) => ({ pathSessions: await removeExpiredPathSessions(tx, now) }),
  manageLinks: (actor, ecosystemId) =>
    mayPassesSomewhere(actor, 'learningPaths.manage', ecosystemId)
      ? [{ path: '/beheer/leerroutes', label: 'learningPaths.manage.title', description: 'learningPaths.manage.description' }]
      : [],
};
